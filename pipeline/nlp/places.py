"""Places that the gazetteer's spans do not state by themselves.

Swedish names places in three ways a list lookup misses:
- **a shared head**: "i Dalarnas, Jönköpings och Örebro län" names three counties,
  though only the last genitive stands before "län";
- **a municipality's name used as its territory**: "bor i Trosa kommun",
  "Ort: Sävsjö kommun". The annotation guide counts it as a place; it is a body too
  when the text also names it as one ("Trosa kommun beviljar …"): then the mention
  stays an organisation and is also listed in ``doc.spans["also_places"]``, which the
  dataset writes as a second (LOC) row with the same offsets;
- **a place no list holds** (villages, districts, venues): a capitalised word right
  after a locative word ("utanför Stavsjö", "norr om Byn") that no finder claimed and
  that the text never writes in lower case (which would make it a common noun put
  first in a heading or after a full stop).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import resources
from pipeline.nlp.extensions import (
    get_ents,
    replace_overlapped,
    set_ents,
    set_spans,
    token_table,
)
from pipeline.nlp.keys import ALSO_PLACES_KEY
from pipeline.normalize.organisations import lookup_place
from pipeline.parse.language import function_words

MAX_NAME_WORDS = 2  # "Västra Götalands": the longest genitive before a shared "län"


@dataclass(frozen=True)
class PlaceWords:
    locative: frozenset[str]
    compass: frozenset[str]
    area: frozenset[str]
    labels: frozenset[str]
    shared_heads: frozenset[str]
    coordinators: frozenset[str]
    not_names: frozenset[str]          # words that are never a name, given names included
    employer_endings: tuple[str, ...]  # "…strateg i Trosa kommun", "…förvaltningen i Trosa kommun"
    definite_endings: tuple[str, ...]  # "Melodifestivalen": a definite noun ...
    place_heads: tuple[str, ...]       # ... is a place only with one of these heads ("Lofsdalen")
    genitive_endings: tuple[str, ...]  # "i Marias kök": a genitive before a noun
    adjective_endings: tuple[str, ...]  # "Svenska", "Engelska kanalen"

    @classmethod
    def load(cls, words: str, not_name_words: str, role_heads: str, first_names: str) -> "PlaceWords":
        data = resources.read_json(words)
        return cls(*(frozenset(data[key]) for key in ("locative", "compass", "area", "labels", "shared_heads",
                                                       "coordinators")),
                   frozenset(resources.read_word_list(not_name_words)) | resources.first_names(first_names)
                   | frozenset(w.capitalize() for w in function_words("sv")),
                   tuple(data["employer_units"]) + tuple(resources.read_word_list(role_heads)),
                   *(tuple(data[key]) for key in ("definite_endings", "place_heads", "genitive_endings",
                                                  "adjective_endings")))

    def place_shaped(self, text: str, following: str) -> bool:
        """Shaped like a place name no list holds: one capitalised word of letters
        ("Rinkabyholm", "Östberga"), not a definite noun unless its head is a piece of
        land, water or settlement, not a capitalised adjective, not a genitive before
        a noun."""
        if not (len(text) >= 3 and text.isalpha() and text[0].isupper() and text[1:].islower()):
            return False
        lower = text.lower()
        if lower.endswith(self.definite_endings) and not lower.endswith(self.place_heads):
            return False
        if lower.endswith(self.genitive_endings) and following[:1].islower():
            return False
        return not lower.endswith(self.adjective_endings)


@Language.factory("pressmine_places", assigns=["doc.ents", "doc.spans"], requires=["doc.ents"],
                  default_config={"sources": "all", "words": "place_words.json",
                                  "not_name_words": "not_name_words.txt", "role_heads": "role_heads.txt",
                                  "first_names": "first_names.txt"})
def make_place_finder(nlp: Language, name: str, sources: str, words: str, not_name_words: str, role_heads: str,
                      first_names: str):
    """``sources`` as for ``pressmine_entities``: with "model" (an ablation of the
    statistical model's entities) these rules add nothing. The other settings name
    data files (in pipeline/resources, or a path)."""
    return PlaceFinder(name, sources != "model", PlaceWords.load(words, not_name_words, role_heads, first_names))


class PlaceFinder:
    def __init__(self, name: str, active: bool, words: PlaceWords) -> None:
        self.name = name
        self.active = active
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        if not self.active:
            return doc
        ents = original = get_ents(doc)
        ents = replace_overlapped(ents, shared_head_places(doc, ents, self.words))
        ents = replace_overlapped(ents, unlisted_places(doc, ents, self.words))
        named_as_places = bodies_named_as_places(doc, ents, self.words)
        only_places = places_only(ents, named_as_places)
        ents = replace_overlapped(ents, only_places)
        if ents is not original:  # most texts: nothing to change
            set_ents(doc, ents)
        taken = {span.start for span in only_places}
        set_spans(doc, ALSO_PLACES_KEY, [span for span in named_as_places if span.start not in taken])
        return doc


def _entity_at(ents: list[Span]) -> dict[int, Span]:
    return {i: e for e in ents for i in range(e.start, e.end)}


def shared_head_places(doc: Doc, ents: list[Span], words: PlaceWords) -> list[Span]:
    """The genitives coordinated before a shared head, each as the place it names:
    "Dalarnas, Jönköpings och Örebro län" gives "Dalarnas län" and "Jönköpings län"
    (the last one, "Örebro län", is a name the gazetteer finds whole). A conjunct
    counts only when the gazetteer knows "<conjunct> <head>"; the walk stops at the
    first word that is neither a known conjunct nor a coordinator."""
    texts = token_table(doc).texts
    at = _entity_at(ents)
    found: list[Span] = []
    for i, text in enumerate(texts):
        if text not in words.shared_heads or i < 2:
            continue
        last = at.get(i)
        if last is not None and last.label_ == "LOC" and last.end == i + 1 and last.start < i:
            position = last.start  # "Örebro län": the gazetteer's name holds the head's own conjunct
        else:
            own = _known_conjunct(texts, i, text)
            if own is None:
                continue
            position = own[0]
        conjuncts = []
        while position > 0 and texts[position - 1] in words.coordinators:
            end = position - 1
            while end > 0 and texts[end - 1] in words.coordinators:  # ", och"
                end -= 1
            conjunct = _known_conjunct(texts, end, text)
            if conjunct is None:
                break
            conjuncts.append(conjunct)
            position = conjunct[0]
        for start, stop, place in conjuncts:
            if all(at.get(k) is None or at[k].label_ == "LOC" for k in range(start, stop)):
                span = Span(doc, start, stop, label="LOC")
                span._.normalized = place.canonical
                span._.municipality_code, span._.county_code = place.municipality_code, place.county_code
                found.append(span)
    return found


def _known_conjunct(texts: list[str], end: int, head: str):
    """(start, end, place) of the longest capitalised name ending before ``end`` that
    the gazetteer knows with ``head`` after it, or None."""
    for n in range(MAX_NAME_WORDS, 0, -1):
        start = end - n
        if start < 0 or not all(t[:1].isupper() for t in texts[start:end]):
            continue
        place = lookup_place(" ".join(texts[start:end]) + " " + head)
        if place is not None and place.kind == "county":
            return start, end, place
    return None


def bodies_named_as_places(doc: Doc, ents: list[Span], words: PlaceWords) -> list[Span]:
    """A municipality's name after an area word ("i Trosa kommun"), as a place label's
    value ("Ort: Sävsjö kommun") or in apposition to a place ("norr om Byn, Trosa
    kommun"): its territory, named by the body's name. Not after a role or a unit of
    the body ("integrationsstrateg i Trosa kommun"): that names the employer. Returned
    as LOC spans over the organisation's words, for ``also_places``; they share the
    organisation's attributes (spaCy keys a span's attributes by its offsets)."""
    texts = token_table(doc).texts
    at: dict[int, Span] | None = None
    found = []
    for ent in ents:
        if ent.label_ != "ORG" or ent.start == 0:
            continue
        before = texts[ent.start - 1]
        if before not in (":", ",") and before.lower() not in words.area:
            continue
        if ent._.org_type != "municipality" or texts[ent.end - 1] != ent._.normalized.rsplit(" ", 1)[-1]:
            continue  # not a municipality, or its genitive ("i Trosa kommuns arbete": the body's)
        earlier = texts[ent.start - 2] if ent.start >= 2 else ""
        if before == ":":
            place = earlier.lower() in words.labels
        elif before == ",":
            at = _entity_at(ents) if at is None else at
            place = ent.start - 2 in at and at[ent.start - 2].label_ == "LOC"
        else:
            place = not earlier.lower().endswith(words.employer_endings)
        if place:
            found.append(Span(doc, ent.start, ent.end, label="LOC"))
    return found


def places_only(ents: list[Span], named_as_places: list[Span]) -> list[Span]:
    """The place uses of a municipality that the text never names as a body: when every
    mention of "Trosa kommun" says where something is ("bor i Trosa kommun"), it is a
    place only, as a bare place name used as a place is ("i Trosa")."""
    place_at = {span.start: span for span in named_as_places}
    mentions: dict[str, list[Span]] = {}
    for ent in ents:
        if ent.label_ == "ORG" and ent._.org_type == "municipality":
            mentions.setdefault(ent._.normalized, []).append(ent)
    return [place_at[ent.start] for group in mentions.values() if all(ent.start in place_at for ent in group)
            for ent in group]


def unlisted_places(doc: Doc, ents: list[Span], words: PlaceWords) -> list[Span]:
    """A capitalised word after a locative word that no finder claimed: a village, a
    district or a venue no list holds ("bor i Rinkabyholm", "söder om Byn").

    Not when a capital follows (a longer name, most often a body's, that this rule
    cannot delimit), nor a word the text also writes in lower case or a word that is
    never a name, nor the text's last word (a cut text); the preposition rules out the
    first word of a sentence."""
    table = token_table(doc)
    texts = table.texts
    last = len(texts) - 1  # a text that ends in a name may have been cut inside it
    locative = words.locative | {"om"}
    candidates = [i for i in range(1, last) if texts[i - 1] in locative and _after_locative(texts, i, words)
                  and words.place_shaped(texts[i], texts[i + 1])]
    if not candidates:
        return []
    at = _entity_at(ents)
    lower_words = table.lower_case_words
    found = []
    for i in candidates:
        text, following = texts[i], texts[i + 1]
        if i in at or text in words.not_names or text.lower() in lower_words:
            continue
        if following[:1].isupper() or following in ("-", "–"):
            continue
        span = Span(doc, i, i + 1, label="LOC")
        span._.normalized = text
        found.append(span)
    return found


def _after_locative(texts: list[str], i: int, words: PlaceWords) -> bool:
    before = texts[i - 1]
    if before in words.locative:
        return True
    return before == "om" and i >= 2 and texts[i - 2].lower() in words.compass
