"""The grant finder as a spaCy component: the steps of the package, in order.

1. :mod:`clauses` proposes grant statements (a clause with an amount and a transfer
   verb, unless :mod:`cues` says the money is no grant);
2. :mod:`roles` chooses each statement's funder and recipient, :mod:`subjects` reads a
   recipient no finder marked;
3. :mod:`purpose` reads what the money is for;
4. the sentences with an amount and no statement are read by :mod:`labels`,
   :mod:`breakdown`, :mod:`continued`, :mod:`phrases` and last :mod:`lists`
   (beneficiary lists and tables, whose funder :mod:`funder` finds);
5. :mod:`funder` gives unattributed grants the document's funder, and :mod:`dedupe`
   keeps one row per grant.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import forget_text, get_ents, replace_overlapped, set_ents
from pipeline.nlp.grants.breakdown import breakdown_grants
from pipeline.nlp.grants.clauses import DocumentParties, grant_clauses
from pipeline.nlp.grants.continued import continued_grants
from pipeline.nlp.grants.dedupe import dedupe
from pipeline.nlp.grants.funder import (
    document_funder,
    list_funder,
    with_document_funder,
)
from pipeline.nlp.grants.labels import labelled_grants
from pipeline.nlp.grants.lists import listed_grants
from pipeline.nlp.grants.names import name_after
from pipeline.nlp.grants.phrases import phrase_grants
from pipeline.nlp.grants.purpose import statement_purpose
from pipeline.nlp.grants.record import grant_record, sentence_year
from pipeline.nlp.grants.roles import clause_roles
from pipeline.nlp.grants.subjects import unnamed_recipient
from pipeline.nlp.grants.vocabulary import GrantVocabulary, grant_vocabulary
from pipeline.nlp.organisations import form_span


def each_recipient(doc: Doc, clause, amount: Span, recipient: str | None, index: EntityIndex,
                   vocab: GrantVocabulary) -> list[str | None]:
    """"45 500 kronor vardera ... till A, B och C": the amount goes to each recipient
    the clause names together with the one chosen (joined by commas and "och"); with
    none chosen, to each of the places or bodies the clause lists ("verksamheter i A, B
    och C vardera 4,5 miljoner"), a recipient not named as such."""
    if not any(doc[i].lower_ in vocab.each_words for i in range(amount.end, min(amount.end + 2, clause.sent.end))) \
            and doc[amount.start - 1].lower_ not in vocab.each_words_before:
        return []
    if recipient is None:
        listed = joined_run(doc, [index.parties[i] for i in range(clause.sent.start, clause.sent.end) if i in index.parties])
        return [None] * len(listed) if len(listed) > 1 else []
    actors = clause.actors
    k = next((k for k, a in enumerate(actors) if a.name == recipient), None)
    return [] if k is None else [a.name for a in joined_run(doc, actors[k:])]


def joined_run(doc: Doc, names: list) -> list:
    """The names from the first on that a comma or "och" joins, in order."""
    run = names[:1]
    for name in names[1:]:
        if name.start - run[-1].end != 1 or doc[run[-1].end].lower_ not in (",", "och"):
            break
        run.append(name)
    return run


def amount_source(doc: Doc, clause, amount: Span, vocab: GrantVocabulary) -> str | None:
    """The body an amount of a clause with several names as its own source, right
    after it ("500 000 kronor från A och 300 000 kronor från B")."""
    if len(clause.amounts) < 2:
        return None
    after = amount.end
    if after < len(doc) and doc[after].lower_ in vocab.funder_prepositions:
        return next((a.name for a in clause.actors if a.start == after + 1), None)
    return None


def amount_target(doc: Doc, clause, amount: Span, vocab: GrantVocabulary) -> tuple[str | None, Span | None]:
    """The recipient an amount of a clause with several names as its own, right after
    it ("2 miljoner till Föreningen X och 3 miljoner till Norrby IF") or, after the
    verb, right before it ("beviljar A 1 miljon och B 2 miljoner"), and its span when
    no finder had marked it."""
    end = amount.end
    if len(clause.amounts) < 2:
        return None, None
    before = next((a for a in clause.actors if a.end == amount.start and a.start > clause.verb.i
                   and doc[a.start - 1].lower_ not in vocab.funder_prepositions), None)
    if before is not None:
        return before.name, None
    if end >= clause.sent.end or doc[end].lower_ not in vocab.recipient_prepositions:
        return None, None
    actor = next((a for a in clause.actors if a.start == end + 1), None)
    if actor is not None:
        return actor.name, None
    words = name_after(doc, end, clause.sent.end, vocab)
    span = form_span(doc, words.start, words.end) if words is not None else None
    return (span._.normalized, span) if span is not None else (None, None)


def passed_on_by(doc: Doc, amount: Span, before: list[dict], vocab: GrantVocabulary) -> str | None:
    """The recipient of the grant stated just before, when ``amount`` is a part of it
    ("1,9 miljoner av summan tillfaller …", "15 miljoner kronor av de totala medlen"):
    who received the money passes that part on."""
    words = [doc[i].lower_ for i in range(amount.end, min(amount.end + 4, len(doc)))]
    if not before or not words or words[0] != "av" or not vocab.passed_on_refs.intersection(words[1:]):
        return None
    last = before[-1]
    return last["recipient"] if last["amount_sek"] and last["amount_sek"] > amount._.amount_sek else None


def part_names(clause, name: Span) -> set[str]:
    """The names of the clause's actors that lie inside ``name``."""
    return {a.name for a in clause.actors if name.start <= a.start and a.end <= name.end}


@Language.factory("pressmine_grants", assigns=["doc._.grants", "doc.ents"], requires=["doc.ents"], default_config={
    "vocabulary": "grant_verbs.json", "not_name_words": "not_name_words.txt", "org_forms": "org_forms.json"})
def make_grant_finder(nlp: Language, name: str, vocabulary: str, not_name_words: str, org_forms: str):
    """Each setting names a data file (in pipeline/resources, or a path)."""
    return GrantFinder(name, grant_vocabulary(vocabulary, not_name_words, org_forms))


RANGE_DASHES = frozenset("-–—")


def range_starts_left_out(doc: Doc, money: list[Span]) -> list[Span]:
    """The amounts, less the lower end of each range ("150-300 kronor per dag", "2–3
    miljoner"): a range is one statement, read at its upper end, which carries the
    unit and the words after it ("per dag" makes it a rate)."""
    starts = {amount.start for amount in money}
    return [amount for amount in money
            if not (amount.end + 1 in starts and doc[amount.end].text in RANGE_DASHES)]


class GrantFinder:
    def __init__(self, name: str, vocab: GrantVocabulary) -> None:
        self.name = name
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        ents = get_ents(doc)
        money = range_starts_left_out(doc, [e for e in ents if e.label_ == "MONEY"])
        projects = {e.start: e for e in ents if e.label_ == "INITIATIVE" and e._.owner}
        parties = DocumentParties(EntityIndex.of(ents), doc._.home_municipality, doc._.home_body, projects) if money else None
        grants, listed_names = self.grants(doc, money, parties) if money else ([], [])
        if any(g["funder"] is None for g in grants):
            grants = with_document_funder(grants, document_funder(doc, grants, ents, parties, self.vocab), self.vocab)
        doc._.grants = dedupe(grants)
        if listed_names:  # recipients named in a list or table are bodies, whole as written
            set_ents(doc, replace_overlapped(ents, listed_names))
        forget_text(doc)
        return doc

    def grants(self, doc: Doc, money: list[Span], parties: DocumentParties) -> tuple[list[dict], list[Span]]:
        """The grants stated in the text, and the recipients named in its beneficiary
        lists and tables that were not yet entities (new ORG spans). Sentences with an
        amount and no statement of their own are read, in order, as labelled funding,
        bulleted parts, figures that continue a statement, funding adverbials, and
        lines of a list."""
        vocab = self.vocab
        clauses, lines = grant_clauses(doc, money, parties, vocab)
        grants, names = self.stated(doc, clauses, parties)
        for step in (labelled_grants, breakdown_grants, continued_grants, phrase_grants):
            found, lines = step(doc, lines, parties, vocab)
            grants += found
        if not lines:
            return grants, names
        stated, funder = list_funder(doc, grants, parties, vocab)
        if not stated:
            return grants, names
        listed, listed_names = listed_grants(doc, lines, funder, parties.index, vocab)
        return grants + listed, names + listed_names

    def stated(self, doc: Doc, clauses: list, parties: DocumentParties) -> tuple[list[dict], list[Span]]:
        """The grants of the grant statements, and the recipients they name that no
        finder had marked."""
        vocab = self.vocab
        grants: list[dict] = []
        names: list[Span] = []
        for clause in clauses:
            funder, recipient = clause_roles(doc, clause, vocab, parties.body)
            name = unnamed_recipient(doc, clause, vocab)
            if name is not None and (recipient is None or recipient in part_names(clause, name)
                                     or all(a.name != recipient for a in clause.actors)):  # the body, by default
                recipient = name._.normalized
                names.append(name)
            year = sentence_year(doc, clause.sent, parties.index)
            for amount in clause.amounts:
                if all(a.name != funder for a in clause.actors):  # none named, or the body by default
                    funder = passed_on_by(doc, amount, grants, vocab) or funder
                giver = amount_source(doc, clause, amount, vocab) or funder
                own, named = amount_target(doc, clause, amount, vocab)
                names += [named] if named is not None else []
                purpose = statement_purpose(doc, clause.sent, amount, parties.index, vocab)
                recipients = [own] if own else each_recipient(doc, clause, amount, recipient, parties.index, vocab) or [recipient]
                grants += [grant_record(giver, r, amount, year, clause.sent, purpose) for r in recipients]
        return grants, names
