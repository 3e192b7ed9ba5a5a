"""The words the initiative rules read, loaded once per component from data files.

Every rule takes this one object, so a word list has one source (its data file) and
one parsed form: sets, compound tests and per-word tests remembered per distinct
word (:class:`~pipeline.nlp.extensions.WordTest`). :meth:`InitiativeWords.mask` gives
each word the bits of the rules it may set off, so that a document is scanned once.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import resources
from pipeline.nlp.extensions import WordTest

# What a word may set off, as bits of one mask per distinct word: each rule visits only
# the tokens of its kind, found in one pass over the document.
(NAME_NOUN, KIND_NOUN, PLURAL_NOUN, EVENT_NOUN, NAMING_CUE, RUN_BY_CUE, WITHIN_CUE, INNER_HYPHEN,
 QUOTE_MARK, ANAPHOR, TABLE_BAR, OWNER_TITLE) = (1 << k for k in range(12))
PROJECT_WORDS = NAME_NOUN | KIND_NOUN | PLURAL_NOUN


def compound_test(heads: frozenset[str]) -> WordTest:
    """Is a word one of ``heads`` or a compound ending in one, after at least three
    letters ("integrationsprojektet")?"""
    pattern = re.compile(r"(?:.{3,})?(?:" + "|".join(map(re.escape, sorted(heads, key=len, reverse=True))) + r")")
    return WordTest(lambda w: pattern.fullmatch(w) is not None)


def seconds_by_first(pairs: list[list[str]]) -> dict[str, frozenset[str]]:
    """Word pairs of a data file as first word -> the second words it pairs with."""
    by_first: dict[str, set[str]] = {}
    for first, second in pairs:
        by_first.setdefault(first, set()).add(second)
    return {k: frozenset(v) for k, v in by_first.items()}


@dataclass(frozen=True)
class InitiativeWords:
    """The lists of ``initiative_words.json`` as sets, with per-word tests remembered,
    and the words of other data files the rules share with other components."""

    raw: dict                          # initiative_words.json
    not_names: frozenset[str]          # capitalised words that open no name where a line or sentence starts
    attribution: frozenset[str]        # "säger": a quotation followed by one is speech
    org_heads: tuple[str, ...]         # organisation head words ("förening")
    give: frozenset[str]               # verbs of giving money ("beviljar")
    receive: frozenset[str]            # verbs of receiving it ("får", "beviljats")
    place_prepositions: frozenset[str]  # "i", "på": a capitalised word after one is a place

    @classmethod
    def load(cls, words: str, not_name_words: str, attribution_words: str, org_forms: str, grant_verbs: str,
             prepositions: str) -> "InitiativeWords":
        """The word lists from their data files (names in pipeline/resources, or paths)."""
        verbs = resources.read_json(grant_verbs)
        return cls(resources.read_json(words), frozenset(resources.read_word_list(not_name_words)),
                   frozenset(resources.read_word_list(attribution_words)),
                   (*resources.org_forms(org_forms)["head_words"], *resources.read_json(words)["extra_org_heads"]),
                   frozenset(verbs["give"]), frozenset(verbs["receive"]),
                   frozenset(resources.read_json(prepositions)["place"]))

    @functools.cached_property
    def sets(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.raw.items() if k != "_doc" and isinstance(v[0], str)}

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sets[name]

    @functools.cached_property
    def name_noun(self) -> WordTest:
        """A noun a name may follow: a listed noun or a compound of one, or a bare noun."""
        compound, bare = compound_test(self["name_nouns"]), self["bare_name_nouns"]
        return WordTest(lambda w: w in bare or compound[w])

    @functools.cached_property
    def event_noun(self) -> WordTest:
        return compound_test(self["event_nouns"])

    @functools.cached_property
    def finite_verb(self) -> WordTest:
        verbs, endings = self["finite_verbs"], self.raw["finite_verb_endings"]
        return WordTest(lambda w: w in verbs or any(w.endswith(e) and len(w) >= n for e, n in endings))

    @functools.cached_property
    def org_word(self) -> WordTest:
        """A lower-case word that may stand in an organisation's name ("förening", "i")."""
        heads, connectors = self.org_heads, self["org_connectors"]
        return WordTest(lambda w: w in connectors or w.endswith(heads))

    @functools.cached_property
    def kind_noun(self) -> WordTest:
        return compound_test(self["kind_nouns"])

    @functools.cached_property
    def plural_kind_noun(self) -> WordTest:
        return compound_test(self["plural_kind_nouns"])

    @functools.cached_property
    def naming_cues(self) -> list[tuple[tuple[str, ...], bool]]:
        return [(tuple(c["words"]), c["lowercase_ok"]) for c in self.raw["naming_cues"]]

    @functools.cached_property
    def object_prepositions(self) -> dict[str, frozenset[str]]:
        """Noun -> the prepositions after which the name it is about follows ("satsningen på X")."""
        return seconds_by_first(self.raw["object_name_nouns"])

    @functools.cached_property
    def name_labels(self) -> list[tuple[str, ...]]:
        """Field labels whose value is a project's name, longest first ("projektets namn")."""
        return sorted((tuple(label) for label in self.raw["name_labels"]), key=len, reverse=True)

    @functools.cached_property
    def time_adverbials(self) -> dict[str, frozenset[str]]:
        """First word -> the second words that make a time adverbial with it ("i" -> "höst")."""
        return seconds_by_first(self.raw["time_adverbials"])

    @functools.cached_property
    def text_wide_cues(self) -> frozenset[tuple[str, ...]]:
        """Cues after which a capitalised name needs only a text about projects ("en så kallad X")."""
        return frozenset(tuple(c["words"]) for c in self.raw["naming_cues"] if c.get("text_wide"))

    @functools.cached_property
    def project_column(self) -> WordTest:
        """A table header's word that names the project column ("Sökt insats/verksamhet")."""
        words = self["project_column_words"]
        return WordTest(lambda w: any(word in w for word in words))

    @functools.cached_property
    def cues_by_end(self) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
        """The naming cues by their last word ("namnet", "heter": rarer than "som", "med")."""
        by_end: dict[str, list] = {}
        for cue, lowercase_ok in self.naming_cues:
            by_end.setdefault(cue[-1], []).append((cue, lowercase_ok))
        return by_end

    @functools.cached_property
    def national_programmes(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The national programmes' names in lower-case words, by their first word, longest first."""
        names = sorted((tuple(name.lower().split()) for name in self.raw["national_programmes"]), key=len, reverse=True)
        return {first: tuple(n for n in names if n[0] == first) for first in {n[0] for n in names}}

    @functools.cached_property
    def owner_phrases(self) -> list[tuple[str, ...]]:
        return [tuple(p) for p in self.raw["owner_phrases"]]

    @functools.cached_property
    def refers_back(self) -> frozenset[str]:
        """Sentence openers that refer back to what the sentence before spoke of."""
        return self["heading_anaphora"] | {"det", "detta", "den", "denna"}

    @functools.cached_property
    def owner_phrase_starts(self) -> frozenset[str]:
        return frozenset(phrase[0] for phrase in self.owner_phrases)

    @functools.cached_property
    def quote_closers(self) -> dict[str, frozenset[str]]:
        closers: dict[str, set[str]] = {}
        for opener, closer in self.raw["quotes"]:
            closers.setdefault(opener, set()).add(closer)
        return {k: frozenset(v) for k, v in closers.items()}

    @functools.cached_property
    def quote_marks(self) -> frozenset[str]:
        return frozenset(mark for pair in self.raw["quotes"] for mark in pair)

    @functools.cached_property
    def mask(self) -> WordTest:
        """A token's text -> the bits of what it may set off (0 for most words)."""
        return WordTest(self._mask_of)

    def _mask_of(self, text: str) -> int:
        lower = text.lower()
        tests = ((self.name_noun[lower], NAME_NOUN), (self.kind_noun[lower], KIND_NOUN),
                 (self.plural_kind_noun[lower], PLURAL_NOUN), (self.event_noun[lower], EVENT_NOUN),
                 (lower in self.cues_by_end, NAMING_CUE), (lower in self["run_by_cues"], RUN_BY_CUE),
                 (lower in self.within_starts, WITHIN_CUE), ("-" in text[1:], INNER_HYPHEN),
                 (text in self.quote_marks, QUOTE_MARK), (lower in self["heading_anaphora"], ANAPHOR),
                 (text == "|", TABLE_BAR), (lower in self["owner_titles"], OWNER_TITLE))
        return sum(bit for hit, bit in tests if hit)

    @functools.cached_property
    def within_starts(self) -> frozenset[str]:
        return frozenset(cue[0] for cue in self.raw["within_cues"])
