"""Grant statements: the clauses a grant may be read from, proposed by rules.

A sentence is a candidate when it holds an amount and a verb of giving or receiving
("beviljar", "får"), unless the money is only proposed, planned or open for
applications. A candidate carries its verb, its actors (the organisations it names,
and the bare words that stand for the body the text is about: "kommunen",
"Länsstyrelsen", "projektet") and the amounts that may be grants (not rates, not a
part of an amount stated before it). Who of the actors funds and who receives is
decided in :mod:`pipeline.nlp.grants.roles`.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.bodies import bare_board
from pipeline.nlp.entity_index import EntityIndex
from pipeline.nlp.extensions import span_text, token_table
from pipeline.nlp.grants.cues import denied, measures_no_grant, not_a_grant, to_come
from pipeline.nlp.grants.names import destination_words
from pipeline.nlp.grants.purpose import CLAUSE_ENDS
from pipeline.nlp.grants.vocabulary import GrantVocabulary


@dataclass(frozen=True)
class Actor:
    name: str
    start: int  # token index
    end: int


@dataclass(frozen=True)
class Clause:
    """A grant statement: its sentence, transfer verb, actors in order, and amounts."""

    sent: Span
    verb: Token
    actors: list[Actor]
    amounts: list[Span]


@dataclass(frozen=True)
class DocumentParties:
    """What the rules know of a document's parties: its entities (indexed), the
    municipality and the body the text is about (what "kommunen", "projektet" name)."""

    index: EntityIndex
    home: str | None   # the municipality the text is about
    body: str | None   # the organisation the text is about
    projects: dict[int, Span] = field(default_factory=dict)  # named initiatives with an owner, by start token


def grant_clauses(doc: Doc, money: list[Span], parties: DocumentParties,
                  vocab: GrantVocabulary) -> tuple[list[Clause], list[tuple[Span, list[Span]]]]:
    """The grant statements among the sentences that hold an amount, and the other such
    sentences (no transfer verb: lines of a list or rows of a table, perhaps)."""
    clauses, lines = [], []
    lowers = token_table(doc).lowers
    for sent, amounts in sentences_with(doc, money):
        if clause_verb(doc, lowers, sent, amounts, vocab) is None:
            if not not_a_grant(sent, vocab):
                lines.append((sent, amounts))
            continue
        for part, inside in coordinate_clauses(lowers, sent, amounts, vocab):
            verb = clause_verb(doc, lowers, part, inside, vocab)
            if verb is None:
                continue
            verb = amount_verb(doc, lowers, verb, inside[0], vocab)
            if not_a_grant(part, vocab, verb) or denied(lowers, verb.i, sent, vocab) or to_come(lowers, verb.i, part, vocab):
                continue  # "kan söka", "Stödet fick inte gå till drift", "ska fördela"
            actors = clause_actors(doc, sent, parties, vocab, verb)
            if any(part.start <= a.start < verb.i for a in inside):  # "…, men bara 1,1 miljoner delades ut"
                actors = [a for a in actors if a.start >= part.start]  # the money is the subject, not a party before
            if verb.lower_ in vocab.destination and destination_of(doc, verb, actors, vocab) is None \
                    and destination_words(doc, verb, part.end, vocab) is None and not to_a_group(lowers, verb, part.end, vocab):
                lines.append((sent, inside))  # "Pengarna går till administration": no recipient, no statement
                continue
            kept = [amount for k, amount in enumerate(inside)
                    if not measures_no_grant(doc, lowers, amount, vocab)
                    and not (k and part_of_stated_amount(lowers, amount, sent, parties.index, vocab))
                    and not (k and whole_of_stated_amount(lowers, inside[k - 1], amount, parties.index, vocab))
                    and not (k + 1 < len(inside) and amount.start < verb.i and whole_opening(lowers, amount, vocab))]
            clauses.append(Clause(sent, verb, actors, kept))
    return clauses, lines


def coordinate_clauses(lowers: list[str], sent: Span, amounts: list[Span],
                       vocab: GrantVocabulary) -> Iterator[tuple[Span, list[Span]]]:
    """The parts of a sentence that "men", "medan" or a semicolon join, each with the
    amounts inside it: each states its own grant or none ("hade 1,5 miljoner att
    fördela, men bara 1,1 miljoner delades ut"). So does an "och" after an amount that
    a cue of no grant follows: what the recipient then wants or plans is a clause of
    its own ("har fått 200 000 kronor och vill nu starta en kör", "… och hoppas att …")."""
    def joins(i: int) -> bool:
        if lowers[i] != "och" or i + 1 >= sent.end or i < amounts[0].end:
            return lowers[i] in vocab.coordinators
        return lowers[i + 1] in vocab.hope_verbs or vocab.not_a_grant.match(" ".join(lowers[i + 1:i + 4])) is not None

    bounds = [sent.start, *(i for i in range(sent.start + 1, sent.end) if joins(i)), sent.end]
    for start, end in zip(bounds, bounds[1:]):
        inside = [a for a in amounts if start <= a.start < end]
        if inside:
            yield sent.doc[start:end], inside


def to_a_group(lowers: list[str], verb: Token, end: int, vocab: GrantVocabulary) -> bool:
    """Whether the money goes to a group of recipients ("går till projekt som …",
    "går 1,2 miljoner till 12 föreningar"): a grant that names no recipient."""
    i = next((j + 1 for j in range(verb.i + 1, end) if lowers[j] in vocab.recipient_prepositions), end)
    if i < end and lowers[i].isdigit():
        i += 1
    return i < end and (lowers[i] in vocab.recipient_groups or lowers[i] in vocab.destination_groups)


def destination_of(doc: Doc, verb: Token, actors: list[Actor], vocab: GrantVocabulary) -> Actor | None:
    """Where the money goes: the first actor after the verb that follows "till" (or
    "hos"), or no preposition at all ("tillfaller 1,9 miljoner kronor Exempelstads stift")."""
    for actor in actors:
        if actor.start <= verb.i:
            continue
        before = doc[actor.start - 1].lower_
        if before in vocab.recipient_prepositions or before == "hos" or before not in vocab.prepositions:
            return actor
    return None


def transfer_verb(doc: Doc, lowers: list[str], start: int, end: int, vocab: GrantVocabulary) -> Token | None:
    """The first verb of giving or receiving in doc[start:end] outside an aside: a
    reflexive use is none ("kostnaderna fördelar sig"), and so is a verb between
    dashes or in parentheses ("49 miljoner – inklusive medel vi fått tillbaka – har
    gått till …"), which says something beside the clause's statement; "betala"
    without "ut" pays for something and gives nothing; "går" in "i går" is an adverb."""
    asides = aside_tokens(lowers, start, end)
    for i in range(start, end):
        if vocab.is_transfer(lowers[i]) and not (i + 1 < len(doc) and lowers[i + 1] == "sig") and i not in asides \
                and vocab.pays_out(lowers, i, end) and not (i > 0 and f"{lowers[i - 1]} {lowers[i]}" in vocab.adverb_phrases):
            return doc[i]
    return None


def clause_verb(doc: Doc, lowers: list[str], part: Span, amounts: list[Span], vocab: GrantVocabulary) -> Token | None:
    """The clause's verb of giving or receiving (one in an aside when the amount is
    in it too), or a verb that gives through its object: of supporting with an amount ("stötta 290 projekt med 600 miljoner"), of
    deciding on one ("beslutade om 1,2 miljarder kronor i stöd"); not one that states a
    purpose ("För att stötta föreningarna höjdes anslagen med …")."""
    verb = transfer_verb(doc, lowers, part.start, part.end, vocab)
    if verb is not None:
        return verb
    asides = aside_tokens(lowers, part.start, part.end)
    if any(a.start in asides for a in amounts):  # "Föreningen X – som fick 200 000 kronor – öppnar …"
        inner = next((i for i in sorted(asides) if vocab.is_transfer(lowers[i])), None)
        if inner is not None:
            return doc[inner]
    for amount in amounts:
        i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)
        if i <= part.start:
            continue
        words = vocab.support_verbs if lowers[i] == "med" else vocab.decision_words if lowers[i] == "om" else ()
        verb = next((j for j in range(i - 1, part.start - 1, -1) if lowers[j] in words), None)
        if verb is not None and lowers[max(verb - 2, 0):verb] != ["för", "att"]:  # "för att stötta": a purpose
            return doc[verb]
    return None


def decision_on_funding(lowers: list[str], start: int, end: int, vocab: GrantVocabulary) -> int | None:
    """The word of decision in doc[start:end] that decides on funding with no amount
    ("Länsstyrelsen har beslutat om bidrag till följande:"), as a token index."""
    for i in range(start, end):
        if lowers[i] in vocab.decision_words and "om" in lowers[i + 1:i + 3]:
            after = lowers.index("om", i + 1) + 1
            if vocab.funding_words.intersection(lowers[after:min(after + 3, end)]):
                return i
    return None


def amount_verb(doc: Doc, lowers: list[str], first: Token, amount: Span, vocab: GrantVocabulary) -> Token:
    """The verb whose clause holds the amount: the first transfer verb before it with
    no comma between them ("Den som fick mest är KFUM Norrby, som fick 2,7 miljoner"),
    else the sentence's first."""
    i = first.i
    while i < amount.start:
        nxt = transfer_verb(doc, lowers, i, amount.start, vocab)
        if nxt is None:
            break
        if "," not in lowers[nxt.i:amount.start]:
            return nxt
        i = nxt.i + 1
    return first


def aside_tokens(lowers: list[str], start: int, end: int) -> set[int]:
    """The tokens of doc[start:end] between a pair of dashes or in parentheses; a
    dash that opens the sentence opens a quote, no aside."""
    inside: set[int] = set()
    opened: int | None = None
    first = next((i for i in range(start, end) if lowers[i].strip()), end)
    for i in range(first + 1, end):
        word = lowers[i]
        if word in ("(", "–", "—") and opened is None:
            opened = i
        elif opened is not None and (word == ")" or word in ("–", "—") and lowers[opened] != "("):
            inside.update(range(opened + 1, i))
            opened = None
    return inside


def part_of_stated_amount(lowers: list[str], amount: Span, sent: Span, index: EntityIndex,
                          vocab: GrantVocabulary) -> bool:
    """An amount opened by "varav"/"därav" is a part of the amount stated before it
    ("380 miljoner kronor, varav 350 miljoner återstår"), not money of its own, unless
    its clause names who gets that part ("varav 3 miljoner till Malmö")."""
    i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)  # "varav drygt 2 miljoner"
    if i < sent.start or lowers[i] not in vocab.part_of_amount:
        return False
    end = next((j for j in range(amount.end, sent.end) if lowers[j] in CLAUSE_ENDS), sent.end)
    return not index.orgs_in(amount.end, end)


def whole_of_stated_amount(lowers: list[str], before: Span, amount: Span, index: EntityIndex,
                           vocab: GrantVocabulary) -> bool:
    """An amount after "ur" or "av" that follows the amount before it with no
    organisation between them is the whole that amount came from ("853 000 kronor ur
    årets pott på fem miljoner"), not money of its own; "2 miljoner av Länsstyrelsen
    och 300 000 kronor av kommunen" names who gives each."""
    return any(lowers[i] in vocab.whole_prepositions for i in range(before.end, amount.start)) \
        and not index.orgs_in(before.end, amount.start)


def whole_opening(lowers: list[str], amount: Span, vocab: GrantVocabulary) -> bool:
    """An amount before the verb after "av"/"ur" ("Av de 5 miljonerna går 2 miljoner
    till …") is the whole the clause's later amounts are taken from."""
    i = amount.start - 1 - (len(amount._.qualifier.split()) if amount._.qualifier else 0)
    if i >= 0 and lowers[i] in ("de", "dessa"):
        i -= 1
    return i >= 0 and lowers[i] in vocab.whole_prepositions


def clause_actors(doc: Doc, sent: Span, parties: DocumentParties, vocab: GrantVocabulary,
                  verb: Token | None = None) -> list[Actor]:
    """The organisations a sentence names, and the words that stand for the body the
    text is about ("kommunen", "Länsstyrelsen", a sentence-initial "Projektet"), in order;
    a place right before or after a verb of receiving is the municipality or region as
    a body ("Norrby får 2 miljoner", "Mest får Norrby"); a named project stands for the
    body that runs it ("Projektet Samverkan Norrby har beviljats …")."""
    home, body = parties.home, parties.body
    actors = [Actor(e._.normalized or span_text(e), e.start, e.end) for e in parties.index.orgs_in(sent.start, sent.end)]
    if verb is not None and verb.lower_ in vocab.receive:
        actors += place_subjects(doc, verb, parties.index, vocab)
    for i in range(sent.start, sent.end):
        project = parties.projects.get(i)
        if project is not None and not any(a.start <= i < a.end for a in actors):
            begin = i - 1 if i > sent.start and token_table(doc).lowers[i - 1] in vocab.home_subjects else i
            actors.append(Actor(project._.owner, begin, project.end))  # "Projektet X har beviljats": its owner
    taken = {i for a in actors for i in range(a.start, a.end)}
    table = token_table(doc)
    for i in range(sent.start, sent.end):
        lower = table.lowers[i]
        if i in taken:
            continue
        if lower in ("kommunen", "kommunens") and home:
            actors.append(Actor(home, i, i + 1))
        elif lower in vocab.home_subjects and (home or body) and (
                table.sent_starts[i] or lower in vocab.pronoun_subjects or indirect_object(verb, i, vocab)):
            actors.append(Actor(home or body, i, i + 1))  # "Projektet har beviljats ...", "ger projektet"
        elif lower in ("länsstyrelsen", "länsstyrelsens"):
            actors.append(Actor(bare_board(doc), i, i + 1))
        elif (lower in vocab.municipal_organs or lower.endswith(vocab.municipal_organ_endings)) \
                and (municipality := organ_municipality(doc, i, parties)):
            actors.append(Actor(municipality, i, i + 1))  # "socialnämnden i Uppsala beslutade att ge …"
    return without_appositions(doc, sorted(actors, key=lambda a: a.start))


def organ_municipality(doc: Doc, i: int, parties: DocumentParties) -> str | None:
    """The municipality an organ at token ``i`` acts for: the place named right after
    it with "i" ("socialnämnden i Uppsala"), else the one the text is about."""
    place = parties.index.parties.get(i + 2) if i + 2 < len(doc) and doc[i + 1].lower_ == "i" else None
    if place is not None and place.label_ == "LOC":
        return place._.normalized or span_text(place)
    return parties.home


def indirect_object(verb: Token | None, i: int, vocab: GrantVocabulary) -> bool:
    """Whether token ``i`` stands right after a verb of giving: its indirect object,
    the one given to ("ger projektet 17 miljoner kronor")."""
    return verb is not None and i == verb.i + 1 and verb.lower_ in vocab.give


def without_appositions(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """The actors, each named once where the text repeats a name in apposition
    ("Europeiska socialfonden, ESF", "Sveriges Kommuner och Landsting (SKL)"): the
    repeat is no second party of the clause."""
    kept: list[Actor] = []
    for actor in actors:
        if kept and kept[-1].name == actor.name and 0 < actor.start - kept[-1].end <= 1 \
                and doc[kept[-1].end].text in (",", "("):
            continue
        kept.append(actor)
    return kept


def sentences_with(doc: Doc, spans: list[Span]) -> Iterator[tuple[Span, list[Span]]]:
    """The sentences that hold any of ``spans`` (sorted), in order, each with its spans:
    found by bisecting the sentence starts instead of building every sentence."""
    starts = token_table(doc).sentence_starts
    grouped: dict[int, list[Span]] = {}
    for span in spans:
        grouped.setdefault(bisect.bisect_right(starts, span.start) - 1, []).append(span)
    for k, inside in grouped.items():
        yield doc[starts[k]:sentence_end(starts, k, len(doc))], inside


def sentence_end(starts: list[int], k: int, n_tokens: int) -> int:
    """Where sentence ``k`` ends, given every sentence's first token."""
    return starts[k + 1] if k + 1 < len(starts) else n_tokens


def place_subjects(doc: Doc, verb: Token, index: EntityIndex, vocab: GrantVocabulary) -> list[Actor]:
    """The place that ends right before the verb (not in a prepositional phrase: "I
    Norrby får …") or starts right after it, not in the genitive."""
    ends_before = (index.parties.get(start) for start in range(verb.i - 1, max(verb.i - 6, -1), -1))
    before = next((e for e in ends_before if e is not None and e.end == verb.i), None)
    if before is not None and before.start > 0 and doc[before.start - 1].lower_ in vocab.prepositions:
        before = None
    return [Actor(e._.normalized or span_text(e), e.start, e.end)
            for e in (before, index.parties.get(verb.i + 1)) if e is not None and e.label_ == "LOC" and not genitive(e)]


def genitive(place: Span) -> bool:
    """A place in the genitive ("Östergötlands föreningar") qualifies the subject; it is none."""
    written = span_text(place)
    return written.endswith("s") and written != (place._.normalized or written)


def that_clause_start(doc: Doc, sent: Span, verb: Token) -> int:
    """The "att" that opens the clause of a finite verb ("Länsstyrelsen meddelar att
    Hylte kommun får …"), or one before the sentence: an "att" right before the verb
    marks an infinitive ("att bevilja"), no clause with a subject of its own."""
    return next((i for i in range(verb.i - 2, sent.start - 1, -1) if doc[i].lower_ == "att"), sent.start - 1)
