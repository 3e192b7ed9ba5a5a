"""Municipality names that act as bodies.

A bare municipality name is usually a place ("bor i Arvika"), but Swedish releases
also use it for the municipality as an organisation: as the subject of a grant verb,
at the head of an allocation line, or in a list of partner municipalities. The
annotation guide (and an analyst joining grants to municipalities) wants those as
the body, named as the text supports, with the municipality's canonical name and
codes. Called by the gazetteer component once places and organisations are known.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline import resources
from pipeline.nlp.extensions import token_table
from pipeline.nlp.money import money_spans
from pipeline.normalize.organisations import county_board

ENUMERATING_NOUNS = {"kommuner", "kommunerna"}
LIST_PUNCTUATION = {";", ":", ","}  # between the noun and the first name
LIST_JOINERS = {",", "och", "samt", "&"}
LINE_HEAD_MARKS = {"–", "—", "-", ":"}  # "Helsingborg – 13 miljoner": a name heading a line


@dataclass(frozen=True)
class BodyWords:
    """The words that tell a municipality name acting as a body from a place."""

    verbs: frozenset[str]    # "Nyköping får nio miljoner", "Hylte satsar": receiving verbs, place_words.json's body_verbs
    area: frozenset[str]     # "i kommunerna X och Y": places (prepositions.json)
    partner: frozenset[str]  # "med kommunerna X och Y": bodies (prepositions.json)
    place: frozenset[str] = frozenset()  # "Från Kalix tog vi tåget": a place before the verb (prepositions.json)

    @classmethod
    def load(cls, grant_verbs: str, prepositions: str, place_words: str) -> "BodyWords":
        """From the data files named (in pipeline/resources, or paths)."""
        words = resources.read_json(prepositions)
        verbs = frozenset(resources.read_json(grant_verbs)["receive"]) | frozenset(
            resources.read_json(place_words)["body_verbs"])
        return cls(verbs, frozenset(words["area"]), frozenset(words["partner"]), frozenset(words["place"]))


def bodies_from_places(doc: Doc, orgs: list[Span], places: list[Span],
                       words: BodyWords) -> tuple[list[Span], list[Span]]:
    """A municipality name acting as a body is the body: the subject of a grant verb or
    of a verb of deciding and doing ("Nyköping får nio miljoner", "Hylte satsar", or after it in verb-second order: "Mest får Nyköping"), the head of an allocation line ("Helsingborg –
    13 miljoner i år") or a member of the municipalities a text enumerates ("med
    10 kommuner i länet; Arvika, Filipstad och Kil"). Named as the text supports:
    "<X> kommun" when the text writes that form somewhere, else the bare name (the
    canonical is the body's). Any place that makes up an allocation table's row with
    its amount alone ("Norrland 1 200 000", two rows or more) names the body that
    receives it, written as the place is."""
    table = token_table(doc)
    rows = _allocation_rows(doc, places)
    municipalities = [place for place in places if place._.municipality_code]
    if not municipalities and not rows:
        return orgs, places
    enumerated = set() if ENUMERATING_NOUNS.isdisjoint(table.lowers) \
        else _enumerated_municipalities(table.lowers, municipalities, words)
    line_of: list[int] = []
    written_bodies = {span._.municipality_code for span in orgs if span._.org_type == "municipality"}
    kept = []
    for place in places:
        code = place._.municipality_code
        nxt = table.lowers[place.end] if place.end < len(doc) else None
        prev = table.lowers[place.start - 1] if place.start > 0 else None
        after_area = prev in words.area or prev in words.place  # "I Mora får X", "Från Mora tog vi": a place
        inverted = prev in words.verbs and place.start > 1 and not table.sent_starts[place.start - 1]  # "I år får Mora"
        acts = place.start in rows or code is not None and (
            nxt in words.verbs and not after_area or inverted or place.start in enumerated)
        if code is not None and not acts and nxt in LINE_HEAD_MARKS:
            if not line_of:  # line numbers, computed only when a line may be an allocation
                line_of = list(itertools.accumulate(map(int, table.newline_before)))
            acts = (place.start == 0 or line_of[place.start - 1] != line_of[place.start]) \
                and any(line_of[span.start] == line_of[place.end] for span in money_spans(doc))
        if not acts:
            kept.append(place)
            continue
        span = Span(doc, place.start, place.end, label="ORG")
        if code is None:
            span._.normalized, span._.org_type, span._.county_code = place._.normalized, "other", place._.county_code
        else:
            body = resources.municipality_body(code)
            span._.normalized = body if code in written_bodies else place._.normalized
            span._.canonical, span._.org_type = body, "municipality"
            span._.municipality_code, span._.county_code = code, place._.county_code
        orgs.append(span)
    return orgs, kept


def _allocation_rows(doc: Doc, places: list[Span]) -> set[int]:
    """Starts of places that open a line holding nothing but them and one amount
    ("Norrland 1 200 000", "Fjällbygden – 800 000 kr"), when two lines or more are so."""
    texts, newline = token_table(doc).texts, token_table(doc).newline_before
    money_end = {span.start: span.end for span in money_spans(doc)}
    if len(money_end) < 2:
        return set()
    rows = set()
    for place in places:
        opens = place.start == 0 or newline[place.start] or texts[place.start - 1].isspace() and "\n" in texts[place.start - 1]
        j = place.end + (place.end < len(texts) and texts[place.end] in LINE_HEAD_MARKS)
        end = money_end.get(j)
        if opens and end is not None and (end == len(texts) or newline[end] or texts[end].isspace()):
            rows.add(place.start)
    return rows if len(rows) >= 2 else set()


def _after_locative(lowers: list[str], i: int, words: BodyWords) -> bool:
    """Whether the noun phrase ending at ``i`` follows a locative preposition, looking
    back over the words of the phrase ("i de två kommunerna", "inom 10 kommuner")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if lowers[j] in words.area:
            return True
        if lowers[j] in words.partner or not lowers[j].isalnum():
            return False  # "med 10 kommuner", "för de mindre kommunerna": partners, not places
    return False


def _enumerated_municipalities(lowers: list[str], municipalities: list[Span], words: BodyWords) -> set[int]:
    """Starts of municipality names listed in apposition to "kommuner(na)": "samverkan med
    10 kommuner i länet; Arvika, Filipstad och Kil", "kommunerna Perstorp och Åstorp".
    After a locative preposition ("bor i kommunerna X och Y") they are places, not bodies."""
    municipality_at = {span.start: span.end for span in municipalities}
    found: set[int] = set()
    for i, word in enumerate(lowers):
        if word not in ENUMERATING_NOUNS:
            continue
        if _after_locative(lowers, i, words):
            continue
        j = i + 1
        if j + 1 < len(lowers) and lowers[j] == "i" and lowers[j + 1] in ("länet", "regionen"):
            j += 2  # "kommuner i länet"
        listed: list[int] = []
        while True:
            while j < len(lowers) and (lowers[j].isspace() or lowers[j] in LIST_PUNCTUATION and not listed):
                j += 1
            if j not in municipality_at:
                break
            listed.append(j)
            j = municipality_at[j]
            while j < len(lowers) and lowers[j].isspace():
                j += 1
            if j >= len(lowers) or lowers[j] not in LIST_JOINERS:
                break
            j += 1
        if len(listed) >= 2:
            found.update(listed)
    return found


# -- the body a text is about ------------------------------------------------------
# Resolved once, by the gazetteer when its organisations are final (resolve_home);
# the components after it read doc._.home_municipality, doc._.home_body and
# doc._.county_board, and the entity merger keeps them in step with its renaming.

GENERIC_BOARD = "Länsstyrelsen"  # a bare "Länsstyrelsen" in a text that names no single county


def resolve_county(doc: Doc, county_code: str | None) -> None:
    """The county the text is about, and the board a bare "Länsstyrelsen" names."""
    doc._.county_code = county_code
    doc._.county_board = county_board(county_code) if county_code else None


def resolve_home(doc: Doc, orgs: list[Span]) -> None:
    """The municipality the text is about (its publisher if that is one, else the one it
    names most) and the organisation it is about (its publisher, else the one it names
    most, at least twice), from the gazetteer's organisations in one pass."""
    named, municipal = Counter(), Counter()
    for span in orgs:
        x = span._
        name = x.normalized
        if name:
            named[name] += 1
            if x.org_type == "municipality":
                municipal[name] += 1
    publisher = doc._.publisher
    if publisher and resources.is_municipality_body(publisher):
        doc._.home_municipality = publisher
    else:
        doc._.home_municipality = municipal.most_common(1)[0][0] if municipal else None
    top = named.most_common(1)
    doc._.home_body = publisher or (top[0][0] if top and top[0][1] >= 2 else None)


def bare_board(doc: Doc) -> str:
    """What a bare "Länsstyrelsen" names: the board of the county the text names, if one."""
    return doc._.county_board or GENERIC_BOARD


def follow_renames(doc: Doc, renamed: dict[str, str]) -> None:
    """The names the entity merger gave bodies (old name -> new) apply to the
    bodies the text is about too, so "kommunen" and the body's own mentions agree."""
    if not renamed:
        return
    for attribute in ("home_municipality", "home_body"):
        name = getattr(doc._, attribute)
        if name in renamed:
            setattr(doc._, attribute, renamed[name])


def most_named(ents: list[Span], org_type: str | None = None) -> tuple[str | None, int]:
    """The organisation (of a type, if given) named most often, and how often; first named wins a tie."""
    counts = Counter(e._.normalized for e in ents
                     if e.label_ == "ORG" and e._.normalized and (org_type is None or e._.org_type == org_type))
    return counts.most_common(1)[0] if counts else (None, 0)
