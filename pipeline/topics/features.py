"""What a text's cue words say: features for the relevance classifier, and the themes
and target groups it names.

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
    CueMatcher,
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
    n_words: int
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
        return cls(lowered, spans, len(text.split()), tables)

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


# A number just before a group ("140 000 asylsökande", "27000 ensamkommande barn"):
# the group is counted, as statistics count people, not addressed by a measure.
_TARGET_STATEMENT = re.compile(r"\bmålgrupp|\briktar sig (?:till|mot)\b|\bvänder sig till\b")
_COUNT_BEFORE = re.compile(r"\d[\d\s.,]*\s(?:\w+\s)?$")


def relevance_features(cues: TextCues) -> dict[str, float]:
    """Is the text about measures for immigrants? How often, where, and beside what
    words the groups and the words of integration work are named; what share of the
    text's statements speaks of them (one sentence among twenty is a mention in
    passing; table rows and contact lines state nothing); how
    many of their mentions are counts; whether a sentence names them as whom a measure
    is for ("Målgruppen är nyanlända", "riktar sig till ensamkommande")."""
    immigrant = frozenset(cue_vocabularies()["immigrant_groups"])
    groups = [bool(codes & immigrant) or bool(work) for codes, work in
              zip(cues.sentence_sets("target_groups"), cues.sentence_sets("integration_work"))]
    themes = [bool(codes) for codes in cues.sentence_sets("themes")]
    measures = [bool(codes) for codes in cues.sentence_sets("measures")]
    policy = [bool(codes) for codes in cues.sentence_sets("policy")]
    n = max(len(groups), 1)
    statements = [is_statement(cues.lowered[span.start:span.end]) for span in cues.spans]
    immigrant_hits = [hit for _, hit in cues.tables["target_groups"].hits if hit.codes & immigrant]
    group_hits = len(immigrant_hits) + len(cues.tables["integration_work"].hits)
    counted = sum(1 for hit in immigrant_hits if _COUNT_BEFORE.search(cues.lowered, max(0, hit.start - 30), hit.start))
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
        "words": math.log1p(cues.n_words),
        "group_as_target": float(any(g and _TARGET_STATEMENT.search(cues.lowered, span.start, span.end)
                                     for g, span in zip(groups, cues.spans))),
    }


def named_codes(cues: TextCues, vocabulary: str) -> list[str]:
    """The codes of a vocabulary ("themes", "target_groups") that the text names where
    it speaks of a measure or of integration: in a sentence that also names a measure
    ("projekt", "stöd", "erbjuder"), an immigrant group or integration work (see
    ``in_context``). A theme or group named only in passing elsewhere is not one (the
    guide: "not words used in passing"), nor is one that names an office or a post
    ("arbetsmarknadsförvaltningen", "idrottsminister"). Codes come in the vocabulary's
    order."""
    context = context_hits(cues)
    hits = [(k, hit) for k, hit in cues.tables[vocabulary].hits
            if in_context(hit, context[k]) and not names_a_body(cues.lowered, hit)]
    named = named_groups(cues, hits) if vocabulary == "target_groups" else {code for _, hit in hits for code in hit.codes}
    return [code for code in matcher(vocabulary).codes if code in named]


def named_groups(cues: TextCues, hits: list[tuple[int, CueHit]]) -> set[str]:
    """The target groups of the mentions that speak of a measure: each as the narrower
    group its sentence makes it (``same_people``), none that is only counted
    ("antalet asylsökande"), and a broad group only where the text names no narrower
    one for the same people (``broad_groups_giving_way``)."""
    hits = [(k, same_people(cues, k, hit)) for k, hit in hits if not is_counted(cues.lowered, hit)]
    hits = referring_back(hits, cues.lowered)
    named = {code for _, hit in hits for code in hit.codes}
    return named - broad_groups_giving_way(named, [hit for _, hit in hits], cues.lowered)


def referring_back(hits: list[tuple[int, CueHit]], lowered: str) -> list[tuple[int, CueHit]]:
    """The mentions without the broad group of those that refer back ("ungdomarna",
    "dessa ungdomar") to people the text names as a narrower group ("ensamkommande"):
    they are those people, not a group of their own (the data file's "referring_back").
    A mention that names no group then is dropped."""
    rules = cue_vocabularies()["referring_back"]["groups"]
    named = {code for _, hit in hits for code in hit.codes}
    out = []
    for k, hit in hits:
        broad = {code for code in hit.codes & rules.keys() if named & set(rules[code])}
        if broad and _refers_back(lowered, hit):
            hit = CueHit(hit.start, hit.end, hit.codes - broad)
        if hit.codes:
            out.append((k, hit))
    return out


def _refers_back(lowered: str, hit: CueHit) -> bool:
    definite, determiner = _referring_words()
    return bool(definite.search(lowered, hit.start, hit.end) or determiner.search(lowered, max(0, hit.start - 10), hit.start))


@functools.cache
def _referring_words() -> tuple[re.Pattern, re.Pattern]:
    """A definite ending of a mention; a determiner just before one."""
    rules = cue_vocabularies()["referring_back"]
    endings, determiners = ("|".join(map(re.escape, rules[key])) for key in ("definite_endings", "determiners"))
    return re.compile(rf"(?:{endings})$"), re.compile(rf"(?<!\w)(?:{determiners})\s+$")


def is_counted(lowered: str, hit: CueHit) -> bool:
    """Is the group counted ("ökningen av antalet asylsökande", "andelen utrikes födda
    har ökat")? A number or a share of people is what statistics speak of, not whom a
    measure is for; but a goal to raise it is for them ("öka andelen utrikes födda i
    arbete"), and so is a bare number ("40 nyanlända ska delta": the data file's
    "count_words")."""
    count = _count_words()[0].search(lowered, max(0, hit.start - 40), hit.start)
    return bool(count) and not _count_words()[1].search(lowered, max(0, count.start() - 20), count.start())


@functools.cache
def _count_words() -> tuple[re.Pattern, re.Pattern]:
    """A count word before a group; a verb of a goal before a count word."""
    words, goals = ("|".join(map(re.escape, cue_vocabularies()["count_words"][key])) for key in ("words", "goal_verbs"))
    return (re.compile(rf"(?<!\w)(?:{words})\s+(?:av\s+)?(?:[^\W\d]+\s+)?$"),
            re.compile(rf"(?<!\w)(?:{goals})\s+$"))


def context_hits(cues: TextCues) -> list[list[tuple[str, CueHit]]]:
    """Per sentence, the mentions that make it speak of a measure or of integration, each
    with its word class: a measure, an activity ("språkcafé", "simskola": a measure by
    its name), an immigrant group, integration work."""
    immigrant = frozenset(cue_vocabularies()["immigrant_groups"])
    out: list[list[tuple[str, CueHit]]] = [[] for _ in cues.spans]
    for name in ("measures", "activities", "target_groups", "integration_work"):
        for k, hit in cues.tables[name].hits:
            if name != "target_groups" or hit.codes & immigrant:
                out[k].append((name, hit))
    for k, header in enumerate(table_headers(cues)):
        if header is not None and header != k:
            out[k] = out[k] + out[header]
    return out


def table_headers(cues: TextCues) -> list[int | None]:
    """For each sentence that is a row of a table ("| Solby IF | Språkcafé | 80 000 |"),
    the index of the table's first row: its header says what the rows are ("Beviljat
    belopp", "Insats"), so a row speaks of a measure where its header does."""
    out: list[int | None] = []
    for k, span in enumerate(cues.spans):
        is_row = cues.lowered[span.start:span.end].lstrip().startswith("|")
        out.append(None if not is_row else out[k - 1] if k and out[k - 1] is not None else k)
    return out


def in_context(hit: CueHit, sentence_context: list[tuple[str, CueHit]]) -> bool:
    """Does the sentence of a mention speak of a measure or of integration? A word of
    integration work counts only where it is not the mention itself: in "vårt
    flyktingmottagande har gått bra" the word says the text speaks of integration, not
    that reception is what a measure addresses. A measure or an activity named is one
    ("kurser i svenska", "språkcafé"), and so is a group of immigrants."""
    return any(kind != "integration_work" or not _overlap(hit, other) for kind, other in sentence_context)


def _overlap(a: CueHit, b: CueHit) -> bool:
    return a.start < b.end and b.start < a.end


# The rest of a compound after a cue ("sfi-enheten"), through a suspended first part
# ("arbetsmarknads- och vuxenutbildningsförvaltningen": the head is the last word's).
_COMPOUND_REST = re.compile(r"(?:\w|-(?=\w))*(?:-(?:\s*,\s*[\w-]+-)*\s+(?:och|eller|samt)\s+[\w-]+)?")


def names_a_body(lowered: str, hit: CueHit) -> bool:
    """Is the cue the first part of a compound that names an office, a board or a post
    ("arbetsmarknadsnämnden", "mottagningsenheten", "idrottsministern")? The compound
    says who someone is or works for, not what a measure addresses (the data file's
    "body_heads"). So is a group whose association the next word names
    ("Ensamkommandes förbund", "Nyanländas riksförbund": the heads "after_genitive")."""
    rest = _COMPOUND_REST.match(lowered, hit.end).group()
    if rest and _body_head("heads").search(rest):
        return True
    genitive = _GENITIVE_NEXT_WORD.match(lowered, hit.end - 1)
    return bool(genitive) and bool(_body_head("after_genitive").match(genitive.group(1)))


_GENITIVE_NEXT_WORD = re.compile(r"\w*s[ \t]+(\w+)")  # from the last letter of the mention


@functools.cache
def _body_head(kind: str) -> re.Pattern:
    heads = "|".join(map(re.escape, cue_vocabularies()["body_heads"][kind]))
    return re.compile(rf"(?:{heads})(?:en|et|n|ns|ens|ets|s|er|erna|ar|arna|ars)?$")


def same_people(cues: TextCues, k: int, hit: CueHit) -> CueHit:
    """A mention of a group as the narrower group its sentence makes it: "flyktingar från
    kriget i Ukraina" are people under temporary protection (the data file's
    "same_people_in_sentence")."""
    rules = cue_vocabularies().get("same_people_in_sentence", {})
    if not hit.codes & rules.keys():
        return hit
    sentence = cues.lowered[cues.spans[k].start:cues.spans[k].end]
    codes = set(hit.codes)
    for code in hit.codes & rules.keys():
        narrower = {to for to, words in rules[code].items() if _names_any(sentence, words)}
        if narrower:
            codes = (codes - {code}) | narrower
    return CueHit(hit.start, hit.end, frozenset(codes))


def _names_any(lowered: str, words: list[str]) -> bool:
    return bool(_words_matcher(tuple(words)).find(lowered))


@functools.cache
def _words_matcher(words: tuple[str, ...]) -> CueMatcher:
    return CueMatcher({"word": list(words)})


_COORDINATION = re.compile(r"\s*(?:,|och|eller|samt|&)?\s*")


def broad_groups_giving_way(named: set[str], hits: list[CueHit], lowered: str) -> set[str]:
    """The guide codes people by the narrowest group the text names for them: where it
    names "asylsökande" and elsewhere speaks of "flyktingarna", the refugees are those
    asylum seekers. A broad group named as a group of its own beside a narrower one
    ("flyktingar och asylsökande", "nyanlända flyktingar") stays: the text names both."""
    narrower_groups = cue_vocabularies().get("narrower_groups", {})
    out = set()
    for broad, narrow in narrower_groups.items():
        narrow = set(narrow)
        if broad in named and named & narrow and not _named_beside(broad, narrow, hits, lowered):
            out.add(broad)
    return out


def _named_beside(broad: str, narrow: set[str], hits: list[CueHit], lowered: str) -> bool:
    """Does a mention of ``broad`` name a narrower group too, or stand in a coordination
    with one ("flyktingar och asylsökande", "asylsökande, flyktingar")?"""
    for i, hit in enumerate(hits):
        if broad not in hit.codes:
            continue
        if hit.codes & narrow:
            return True
        for j in (i - 1, i + 1):
            if 0 <= j < len(hits) and hits[j].codes & narrow:
                first, second = sorted((hit, hits[j]), key=lambda h: h.start)
                if first.end <= second.start and _COORDINATION.fullmatch(lowered[first.end:second.start]):
                    return True
    return False
