"""The document's funder: who gives what a sentence or a list leaves unattributed.

A beneficiary list's lines name recipients only; their funder is the text's most
frequent funder of stated grants, or the funder of a statement without an amount that
introduces the list ("Länsstyrelsen har beviljat bidrag till följande
organisationer:"). A grant whose sentence names a recipient but no funder ("Avesta
kommun får 4,7 miljoner") gets the one funder the document names.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table
from pipeline.nlp.grants.clauses import (
    DocumentParties,
    clause_actors,
    not_a_grant,
    sentence_end,
    transfer_verb,
)
from pipeline.nlp.grants.roles import word_order_roles
from pipeline.nlp.grants.vocabulary import GrantVocabulary

FUNDING_TYPES = {"fund", "eu_fund"}


def list_funder(doc: Doc, grants: list[dict], parties: DocumentParties,
                vocab: GrantVocabulary) -> tuple[bool, str | None]:
    """Whether the text states grants a list's lines can belong to, and their funder:
    the text's most frequent funder, else that of a statement without an amount."""
    funders = [g["funder"] for g in grants if g["funder"]]
    if funders:
        return True, max(set(funders), key=funders.count)
    if grants:
        return True, None
    return stated_without_amount(doc, parties, vocab)


def stated_without_amount(doc: Doc, parties: DocumentParties, vocab: GrantVocabulary) -> tuple[bool, str | None]:
    """Whether the text states a grant in a sentence without an amount, which a list
    or table of beneficiaries follows or precedes ("Länsstyrelsen har beviljat bidrag
    till följande organisationer:", "Så här fördelas pengarna:"), and its funder if
    it names one."""
    table = token_table(doc)
    starts = table.sentence_starts
    stated = False
    for k, start in enumerate(starts):
        end = sentence_end(starts, k, len(doc))
        verb = transfer_verb(doc, table.lowers, start, end, vocab)
        if verb is None or doc[start].text == "|":
            continue
        sent = doc[start:end]
        if not_a_grant(sent, vocab):
            continue
        stated = True
        funder, _ = word_order_roles(doc, sent, verb, clause_actors(doc, sent, parties, vocab), vocab)
        if funder:
            return True, funder
    return stated, None


def with_document_funder(grants: list[dict], ents: list[Span]) -> list[dict]:
    """Grants whose sentence names a recipient but no funder ("Avesta kommun får 4,7
    miljoner") get the funder the document names: the one funder of its other grants,
    or else the one fund it mentions (Allmänna arvsfonden, Europeiska socialfonden).
    With several candidates the funder stays unknown."""
    named = {g["funder"] for g in grants if g["funder"]}
    if not named:
        named = {e._.normalized for e in ents if e.label_ == "ORG" and e._.org_type in FUNDING_TYPES}
    if len(named) != 1:
        return grants
    funder = named.pop()
    return [{**g, "funder": funder} if g["funder"] is None and g["recipient"] and g["recipient"] != funder else g
            for g in grants]
