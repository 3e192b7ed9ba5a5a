"""Amounts that continue a statement without an amount: "Mest får Norrby. 22 miljoner i
år, 71 miljoner nästa år."

Swedish news style names the recipient in a sentence of receiving or giving and gives
the figures in the sentences right after it, which have no verb of their own and name
no party. Such a sentence (and the next ones of the same kind) states grants with the
funder and recipient of the statement before it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table
from pipeline.nlp.grants.clauses import (
    DocumentParties,
    clause_actors,
    sentence_end,
    transfer_verb,
)
from pipeline.nlp.grants.cues import denied, measures_no_grant, not_a_grant
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.roles import word_order_roles
from pipeline.nlp.grants.vocabulary import GrantVocabulary


def continued_grants(doc: Doc, lines: list[tuple[Span, list[Span]]], parties: DocumentParties,
                     vocab: GrantVocabulary) -> tuple[list[dict], list[tuple[Span, list[Span]]]]:
    """The grants of lines that continue a statement without an amount, and the other lines."""
    table = token_table(doc)
    starts = {s: k for k, s in enumerate(table.sentence_starts)}
    grants, rest = [], []
    carried: dict[int, tuple[str | None, str]] = {}  # sentence number -> the roles it continues
    for sent, amounts in lines:
        k = starts.get(sent.start)
        if k is None or not k or not elliptic(table.lowers, sent, amounts, parties, vocab):
            rest.append((sent, amounts))
            continue
        roles = carried.get(k - 1) or statement_roles(doc, k - 1, parties, vocab)
        if roles is None:
            rest.append((sent, amounts))
            continue
        carried[k] = roles
        year = sentence_year(doc, sent, parties.index)
        grants += [grant_record(*roles, amount, year, sent) for amount in amounts
                   if not measures_no_grant(doc, table.lowers, amount, vocab, rates=False)]
    return grants, rest


def elliptic(lowers: list[str], sent: Span, amounts: list[Span], parties: DocumentParties,
             vocab: GrantVocabulary) -> bool:
    """Whether the sentence only gives figures: it opens with an amount, an adverbial
    ("22 miljoner i år", "På tio år nästan en miljard") or a noun that refers back to
    the money ("Stödet uppgår till 600 000 kronor"), names no party and sums nothing
    ("Totalt satsas …"); a sentence with a subject of its own ("Kostnaden beräknas
    till 2 miljoner") says something else."""
    first = next((i for i in range(sent.start, sent.end) if lowers[i].strip()), sent.end)
    opens = first == amounts[0].start - len((amounts[0]._.qualifier or "").split()) \
        or lowers[first] in vocab.prepositions or lowers[first] in vocab.grant_refs
    return opens and lowers[first] not in vocab.total_openers \
        and not any(i in parties.index.parties for i in range(sent.start, sent.end))


def statement_roles(doc: Doc, k: int, parties: DocumentParties, vocab: GrantVocabulary) -> tuple[str | None, str] | None:
    """(funder, recipient) of sentence ``k`` if it states a transfer to a named
    recipient and holds no amount; else None."""
    table = token_table(doc)
    start = table.sentence_starts[k]
    end = sentence_end(table.sentence_starts, k, len(doc))
    if parties.index.has_money(start, end):
        return None
    verb = transfer_verb(doc, table.lowers, start, end, vocab) or decided_support(doc, table.lowers, start, end, vocab)
    sent = doc[start:end]
    if verb is None or not_a_grant(sent, vocab, verb) or denied(table.lowers, verb.i, sent, vocab):
        return None
    funder, recipient = word_order_roles(doc, sent, verb, clause_actors(doc, sent, parties, vocab, verb), vocab)
    return (funder, recipient) if recipient is not None else None


def decided_support(doc: Doc, lowers: list[str], start: int, end: int, vocab: GrantVocabulary):
    """A verb of supporting that a word of decision governs ("Arvsfonden har beslutat
    att stödja Föreningen X"): a decision to give, whose figure may follow."""
    return next((doc[i] for i in range(start, end) if lowers[i] in vocab.support_verbs
                 and any(lowers[j] in vocab.decision_words for j in range(max(start, i - 4), i))), None)
