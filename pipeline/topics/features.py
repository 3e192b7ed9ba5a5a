"""What a text's cue words say: its sentences, the cue mentions in each, and the
features of the relevance classifier (the themes and target groups named are in
:mod:`pipeline.topics.codes`).

The relevance classifier is trained on some hundred releases, too few to learn Swedish
from word counts; it learns instead how much the naming of immigrant groups and of
integration work weighs by where it stands. A group named in the headline, in the lead
or in a sentence that states a measure ("Projektet erbjuder språkcafé för nyanlända")
is what the text is about; the same word once in a long text, or beside words of
statistics and policy ("prognos", "antalet"), is a mention in passing. The same
functions serve training and prediction.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from pipeline.topics.cues import (
    CueHit,
    class_matcher,
    cue_vocabularies,
    matcher,
)

LEAD_SENTENCES = 2  # the headline and the first sentence: what a release says first
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[\"”“'–—-]?[A-ZÅÄÖÉ0-9])|\n+")
_WORD = re.compile(r"(?<!\S)[^\W\d_]+(?:-[^\W\d_]+)*[.,:;!?]?(?!\S)")  # not a number, an address or a link
STATEMENT_MIN_WORDS = 3  # a line of fewer words that does not end like a sentence states nothing


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def is_statement(text: str) -> bool:
    """Does a sentence of the text state something? A table row ("Skåne 4 640 000"), a
    contact line ("Tel: 0707-12 34 56") or a label does not: it neither ends like a
    sentence nor has three words."""
    text = text.rstrip()
    return text.endswith((".", "!", "?")) or len(_WORD.findall(text)) >= STATEMENT_MIN_WORDS


@dataclass
class CueTable:
    """The cue mentions of one text, each tied to the sentence it stands in."""
    sentences: list[Sentence]
    hits: list[tuple[int, CueHit]]  # (sentence index, hit)

    def codes_by_sentence(self) -> list[set[str]]:
        out: list[set[str]] = [set() for _ in self.sentences]
        for k, hit in self.hits:
            out[k] |= hit.codes
        return out


def sentences(text: str) -> list[Sentence]:
    """Sentences and lines of a clean text: list lines and headings count as sentences."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            out.append(Sentence(start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(start, len(text)))
    return out


# The word classes that only say what a sentence speaks of: one scan finds them all
# (their cues do not compete: a string in two classes counts for both).
WORD_CLASSES = ("integration_work", "measures", "activities", "policy")


def cue_tables(lowered: str, spans: list[Sentence], vocabulary: str | tuple[str, ...]) -> dict[str, CueTable]:
    """Every mention of a vocabulary's cues (or of several word classes', scanned at
    once), with the index of its sentence, one table per vocabulary or class."""
    starts = [s.start for s in spans]
    names = (vocabulary,) if isinstance(vocabulary, str) else vocabulary
    hits: dict[str, list] = {name: [] for name in names}
    k = 0
    for hit in (matcher(vocabulary) if isinstance(vocabulary, str) else class_matcher(vocabulary)).find(lowered):
        while k + 1 < len(starts) and starts[k + 1] <= hit.start:
            k += 1
        if isinstance(vocabulary, str):
            hits[vocabulary].append((k, hit))
        else:
            for name in hit.codes:
                hits[name].append((k, hit))
    return {name: CueTable(spans, found) for name, found in hits.items()}


@dataclass
class TextCues:
    """A text's sentences and the mentions of every vocabulary in it, computed once."""
    lowered: str
    spans: list[Sentence]
    tables: dict[str, CueTable]
    _sets: dict[str, list[set[str]]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str, names: list[tuple[int, int]] = ()) -> "TextCues":
        """``names``: (start, end) of the organisations named in the text, which are
        not cues ("Rädda Barnen" names no children, "Flyktinghjälpen" no refugees)."""
        lowered = mask(text.lower(), names)
        spans = sentences(text)
        tables = {**cue_tables(lowered, spans, "target_groups"), **cue_tables(lowered, spans, "themes"),
                  **cue_tables(lowered, spans, WORD_CLASSES)}
        return cls(lowered, spans, tables)

    def sentence_sets(self, name: str) -> list[set[str]]:
        """The codes of a vocabulary named in each sentence (computed once per text)."""
        if name not in self._sets:
            self._sets[name] = self.tables[name].codes_by_sentence()
        return self._sets[name]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out, offsets unchanged."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# "riktar sig till", also with an adverb between ("vänder sig särskilt till", "riktar sig framför allt till")
_TARGET_STATEMENT = re.compile(r"\bmålgrupp|\briktar sig (?:\w+ ){0,2}?(?:till|mot)\b|\bvänder sig (?:\w+ ){0,2}?till\b")
# A number just before a group ("140 000 asylsökande", "27000 ensamkommande barn"):
# the group is counted, as statistics count people, not addressed by a measure.
_COUNT_BEFORE = re.compile(r"\d[\d\s.,]*\s(?:\w+\s)?$")
PARTICIPANTS_WINDOW = (20, 50)  # characters before the number and after the group where taking part is said


def counted_as_statistics(cues: TextCues, k: int, hit: CueHit) -> bool:
    """Is a group counted as statistics count people ("140 000 asylsökande")? Not when
    the people counted take part in something ("de 120 nyanlända som deltog", "nu
    deltar 18 ensamkommande"): they are the participants of a measure (the data
    file's "count_words"/"participation")."""
    count = _COUNT_BEFORE.search(cues.lowered, max(0, hit.start - 30), hit.start)
    if not count:
        return False
    before, after = PARTICIPANTS_WINDOW
    span = cues.spans[k]
    window = cues.lowered[max(span.start, count.start() - before):min(span.end, hit.end + after)]
    return not _participation().search(window)


@functools.cache
def _participation() -> re.Pattern:
    words = "|".join(map(re.escape, cue_vocabularies()["count_words"]["participation"]))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


OTHER_GROUPS_IN_A_LIST = 2  # other groups in the sentence that make an immigrant group one item of a list


# Between two group words of one phrase: nothing, or one word that is no coordination
# ("unga utrikes födda", "föräldrar med utländsk bakgrund").
_SAME_PHRASE = re.compile(r"\s*(?:(?!och\b|eller\b|samt\b)\w+\s+)?")


def only_among_others(cues: TextCues, immigrant: frozenset[str]) -> bool:
    """Does the text name immigrants only as one group among others ("unga med
    funktionsnedsättning, unga utrikes födda och unga utan arbete")? Every sentence
    that names them names at least two other groups, not counting a word that
    qualifies the immigrants in one phrase ("föräldrar med utländsk bakgrund"): a
    general measure that lists them in passing."""
    by_sentence: dict[int, list[CueHit]] = {}
    for k, hit in cues.tables["target_groups"].hits:
        by_sentence.setdefault(k, []).append(hit)
    named = False
    for hits in by_sentence.values():
        ours = [hit for hit in hits if hit.codes & immigrant]
        if not ours:
            continue
        named = True
        others = [hit for hit in hits if not hit.codes & immigrant
                  and not any(_one_phrase(cues.lowered, hit, group) for group in ours)]
        if len(others) < OTHER_GROUPS_IN_A_LIST * len(ours):
            return False
    return named


def _one_phrase(lowered: str, a: CueHit, b: CueHit) -> bool:
    first, second = sorted((a, b), key=lambda h: h.start)
    return first.end <= second.start and bool(_SAME_PHRASE.fullmatch(lowered, first.end, second.start))


def relevance_features(cues: TextCues) -> dict[str, float]:
    """Is the text about measures for immigrants? How often, where, and beside what
    words the groups and the words of integration work are named; what share of the
    text's statements speaks of them (one sentence among twenty is a mention in
    passing; table rows and contact lines state nothing); how
    many of their mentions are counts; whether they are only one group in lists of
    others; whether a sentence names them as whom a measure is for ("Målgruppen är
    nyanlända", "riktar sig till ensamkommande"). Not the text's length: a short
    release, or its headline and lead alone, is about what a long one is about."""
    immigrant = frozenset(cue_vocabularies()["immigrant_groups"])
    groups = [bool(codes & immigrant) or bool(work) for codes, work in
              zip(cues.sentence_sets("target_groups"), cues.sentence_sets("integration_work"))]
    themes = [bool(codes) for codes in cues.sentence_sets("themes")]
    measures = [bool(codes) for codes in cues.sentence_sets("measures")]
    policy = [bool(codes) for codes in cues.sentence_sets("policy")]
    n = max(len(groups), 1)
    statements = [is_statement(cues.lowered[span.start:span.end]) for span in cues.spans]
    immigrant_hits = [(k, hit) for k, hit in cues.tables["target_groups"].hits if hit.codes & immigrant]
    group_hits = len(immigrant_hits) + len(cues.tables["integration_work"].hits)
    counted = sum(1 for k, hit in immigrant_hits if counted_as_statistics(cues, k, hit))
    distinct = {code for _, hit in cues.tables["target_groups"].hits for code in hit.codes & immigrant}
    return {
        "group_mentions": math.log1p(group_hits),
        "group_sentences": math.log1p(sum(groups)),
        "group_share": sum(g and s for g, s in zip(groups, statements)) / max(sum(statements), 1),
        "counted_groups": counted / max(len(immigrant_hits), 1),
        "group_in_title": float(bool(groups) and groups[0]),
        "group_in_lead": float(any(groups[:LEAD_SENTENCES])),
        "distinct_groups": math.log1p(len(distinct)),
        "group_and_measure": math.log1p(sum(g and m for g, m in zip(groups, measures))),
        "group_and_theme": math.log1p(sum(g and t for g, t in zip(groups, themes))),
        "group_and_policy": math.log1p(sum(g and p for g, p in zip(groups, policy))),
        "policy_sentences": sum(policy) / n,
        "measure_sentences": sum(measures) / n,
        "group_only_among_others": float(only_among_others(cues, immigrant)),
        "group_as_target": float(any(g and _TARGET_STATEMENT.search(cues.lowered, span.start, span.end)
                                     for g, span in zip(groups, cues.spans))),
    }
