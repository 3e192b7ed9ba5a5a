"""Grants stated by a phrase, not a verb: "Med 800 000 kronor från Arvsfonden startar
Föreningen X en mötesplats", "Tack vare 2 miljoner kronor i stöd från Y kan …".

Swedish often names the money in an adverbial that opens with "med" or "tack vare":
the amount, perhaps "i stöd" or "i bidrag", and "från" or "av" with the body that
gives it. The body that acts in the rest of the clause (the first other organisation
not inside a prepositional phrase) is the one that received it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import span_text, token_table
from pipeline.nlp.grants.clauses import DocumentParties
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.vocabulary import GrantVocabulary

MAX_GAP = 3  # words between the amount and "från" ("i statligt stöd")


def phrase_grants(doc: Doc, lines: list[tuple[Span, list[Span]]], parties: DocumentParties,
                  vocab: GrantVocabulary) -> tuple[list[dict], list[tuple[Span, list[Span]]]]:
    """The grants of sentences without a transfer verb that name money with a
    funding adverbial, and the other lines."""
    grants, rest, index = [], [], parties.index
    lowers = token_table(doc).lowers
    for sent, amounts in lines:
        found = [(amount, giver) for amount in amounts if (giver := adverbial_giver(doc, lowers, amount, index, vocab))]
        if not found:
            rest.append((sent, amounts))
            continue
        year = sentence_year(doc, sent, index)
        for amount, giver in found:
            funder = giver._.normalized or span_text(giver)
            grants.append(grant_record(funder, acting_party(doc, sent, giver, index, vocab), amount, year, sent))
    return grants, rest


def adverbial_giver(doc: Doc, lowers: list[str], amount: Span, index: EntityIndex, vocab: GrantVocabulary) -> Span | None:
    """The organisation after "från"/"av" that follows an amount opened by a funding
    adverbial ("med 800 000 kronor från X", "tack vare 2 miljoner i stöd från X")."""
    i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)
    if i < 0 or not (lowers[i] in vocab.adverbial_openers or " ".join(lowers[max(i - 1, 0):i + 1]) in vocab.adverbial_openers):
        return None
    for j in range(amount.end, min(amount.end + MAX_GAP + 1, len(doc) - 1)):
        if lowers[j] in vocab.funding_prepositions:
            ent = index.parties.get(j + 1)
            return ent if ent is not None and ent.label_ == "ORG" else None
        if not (lowers[j] in vocab.purpose_skip or lowers[j] in vocab.funding_words):
            return None
    return None


def acting_party(doc: Doc, sent: Span, giver: Span, index: EntityIndex, vocab: GrantVocabulary) -> str | None:
    """The first organisation of the sentence, other than the giver, that no
    preposition governs: the one that acts with the money."""
    for org in index.orgs_in(sent.start, sent.end):
        if org.start != giver.start and not (org.start and doc[org.start - 1].lower_ in vocab.prepositions):
            return org._.normalized or span_text(org)
    return None
