"""Funding stated under a label: "Finansiering: 430 000 kr varav 288 100 kr i projektstöd".

Project databases and lists of funded projects describe each project in a paragraph
and state its money on a line of its own that opens with a label of funding and a
colon ("Finansiering:", "Beviljat stöd:"). The amount is a grant to the project's
owner: the organisation that opens a sentence of the same paragraph before the label,
or nobody named. When the line splits a total into parts ("430 000 kr varav 288 100
kr i projektstöd och 141 900 kr i privat medfinansiering") the parts are the grants,
save the money the owner puts in itself; the total is no grant of its own.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import doc_text, token_table
from pipeline.nlp.grants.clauses import DocumentParties
from pipeline.nlp.grants.cues import measures_no_grant
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.vocabulary import GrantVocabulary

MAX_LABEL_WORDS = 3
PART_ENDS = {",", ".", ";", "och", "samt"}


def labelled_grants(doc: Doc, lines: list[tuple[Span, list[Span]]], parties: DocumentParties,
                    vocab: GrantVocabulary) -> tuple[list[dict], list[tuple[Span, list[Span]]]]:
    """The grants of the lines that open with a label of funding, and the other lines."""
    grants, rest, index = [], [], parties.index
    for sent, amounts in lines:
        if not funding_label(doc, sent, vocab):
            rest.append((sent, amounts))
            continue
        owner = paragraph_owner(doc, sent, index)
        year = sentence_year(doc, sent, index)
        grants += [grant_record(None, owner, amount, year, sent) for amount in granted_parts(doc, sent, amounts, vocab)]
    return grants, rest


def funding_label(doc: Doc, sent: Span, vocab: GrantVocabulary) -> bool:
    """Whether the line opens with a label of funding and a colon ("Finansiering:")."""
    words = [t for t in sent if not t.is_space][:MAX_LABEL_WORDS + 1]
    colon = next((k for k, t in enumerate(words) if t.text == ":"), None)
    return bool(colon) and " ".join(t.lower_ for t in words[:colon]) in vocab.funding_labels


def granted_parts(doc: Doc, sent: Span, amounts: list[Span], vocab: GrantVocabulary) -> list[Span]:
    """The amounts that are grants: the parts a "varav" splits the total into, or the
    amounts themselves; a part the owner pays itself ("i privat medfinansiering") is none."""
    lowers = token_table(doc).lowers
    split = next((k for k, a in enumerate(amounts) if k and lowers[a.start - 1] in vocab.part_of_amount), None)
    parts = amounts[split:] if split is not None else amounts
    kept = []
    for amount in parts:
        end = amount.end
        while end < sent.end and lowers[end] not in PART_ENDS:
            end += 1
        if not any(lowers[i] in vocab.own_funding for i in range(amount.end, end)) \
                and not measures_no_grant(doc, lowers, amount, vocab):  # "Bidrag: 500 kr per deltagare"
            kept.append(amount)
    return kept


def paragraph_owner(doc: Doc, sent: Span, index: EntityIndex) -> str | None:
    """The organisation that opens a sentence of the paragraph before ``sent``."""
    start = doc_text(doc).rfind("\n\n", 0, sent.start_char)
    sent_starts = token_table(doc).sent_starts
    for org in index.orgs:
        if org.start >= sent.start:
            break
        if org.start_char > start and sent_starts[org.start]:
            return org._.normalized or org.text
    return None
