"""The document's funder: who gives what a sentence or a list leaves unattributed.

A beneficiary list's lines name recipients only; their funder is the text's most
frequent funder of stated grants, or the funder of a statement without an amount that
introduces the list ("Länsstyrelsen har beviljat bidrag till följande
organisationer:"). A grant whose sentence names no funder ("Avesta kommun får 4,7
miljoner") gets the document's funder: the one body the text says funds (its
statements, its sentences of giving, its funding phrases, its one fund, or a publisher
that gives money).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pipeline.nlp.extensions import token_table, written_name
from pipeline.nlp.grants.clauses import (
    DocumentParties,
    clause_actors,
    decision_on_funding,
    sentence_end,
    transfer_verb,
)
from pipeline.nlp.grants.cues import not_a_grant
from pipeline.nlp.grants.roles import word_order_roles
from pipeline.nlp.grants.vocabulary import GrantVocabulary
from pipeline.normalize.organisations import lookup_org

FUNDING_TYPES = {"fund", "eu_fund"}
# Publishers whose releases about money are about money they give.
PUBLISHING_FUNDERS = {"municipality", "county_board", "region", "fund", "eu_fund", "agency", "foundation"}


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
    stated = False
    for sent, funder in transfer_sentences(doc, parties, vocab):
        if not_a_grant(sent, vocab):
            continue
        stated = True
        if funder:
            return True, funder
    return stated, None


def transfer_sentences(doc: Doc, parties: DocumentParties, vocab: GrantVocabulary) -> Iterator[tuple[Span, str | None]]:
    """Each sentence with a verb of giving or receiving (table rows aside), with the
    funder its word order names, amounts or not."""
    table = token_table(doc)
    starts = table.sentence_starts
    for k, start in enumerate(starts):
        end = sentence_end(starts, k, len(doc))
        verb = transfer_verb(doc, table.lowers, start, end, vocab)
        if verb is None and (decided := decision_on_funding(table.lowers, start, end, vocab)) is not None:
            verb = doc[decided]  # "Länsstyrelsen har beslutat om bidrag till följande:"
        if verb is None or doc[start].text == "|":
            continue
        sent = doc[start:end]
        funder, _ = word_order_roles(doc, sent, verb, clause_actors(doc, sent, parties, vocab), vocab)
        yield sent, funder


def document_funder(doc: Doc, grants: list[dict], ents: list[Span], parties: DocumentParties,
                    vocab: GrantVocabulary) -> str | None:
    """The one body the document says funds what it reports, by the strongest evidence
    the text gives, or None when that evidence names several:

    1. the funder its grant statements name;
    2. the giver of a sentence that states a transfer without an amount
       ("Myndigheten fördelar pengarna till projekt för nyanlända");
    3. the body a funding phrase names ("finansieras av", "med stöd från", "hos");
    4. the one fund it names (Allmänna arvsfonden, Europeiska socialfonden);
    5. the publisher, when it is a body that gives money (a municipality's release about
       its grants to associations)."""
    steps = (
        lambda: {g["funder"] for g in grants if g["funder"]},
        lambda: transfer_givers(doc, parties, vocab),
        lambda: phrase_funders(doc, ents, vocab),
        lambda: {e._.normalized for e in ents if e.label_ == "ORG" and e._.org_type in FUNDING_TYPES},
        lambda: {p} if (p := funding_publisher(doc)) else set(),
    )
    for candidates in steps:
        found = candidates()
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def transfer_givers(doc: Doc, parties: DocumentParties, vocab: GrantVocabulary) -> set[str]:
    """The funders the document's transfer sentences name, amounts or not."""
    return {funder for _, funder in transfer_sentences(doc, parties, vocab) if funder}


def phrase_funders(doc: Doc, ents: list[Span], vocab: GrantVocabulary) -> set[str]:
    """Organisations after a funding preposition that follows a word of funding within
    three words: "med stöd från X", "finansieras av X", "ansökte om finansiering hos X"."""
    lowers = token_table(doc).lowers
    found = set()
    for ent in ents:
        i = ent.start - 1
        if ent.label_ != "ORG" or i < 1 or lowers[i] not in vocab.funding_prepositions:
            continue
        if any(lowers[j] in vocab.funding_words for j in range(max(0, i - 3), i)):
            found.add(ent._.normalized or written_name(ent))
    return found


def funding_publisher(doc: Doc) -> str | None:
    """The publisher, when it is a body of a kind that gives money."""
    publisher = doc._.publisher
    match = lookup_org(publisher) if publisher else None
    return match.canonical if match and match.org_type in PUBLISHING_FUNDERS else None


def with_document_funder(grants: list[dict], funder: str | None, vocab: GrantVocabulary) -> list[dict]:
    """Grants whose sentence names no funder ("Avesta kommun får 4,7 miljoner") get the
    document's funder, unless the sentence says the government gives (the guide names
    no funder then) or the funder would be the recipient."""
    if funder is None:
        return grants
    return [{**g, "funder": funder} if g["funder"] is None and g["recipient"] != funder
            and not vocab.government_words.intersection(g["evidence"].lower().split()) else g
            for g in grants]
