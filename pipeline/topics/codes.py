"""The themes and target groups a text names: a cue counts where its sentence speaks
of a measure or of integration, not where it names a body, counts people or refers
back to a narrower group (the guide: "not words used in passing"; groups "as the text
names them"). The same functions serve evaluation in training and the build.
"""
from __future__ import annotations

import functools
import re

from pipeline.topics.cues import CueHit, cue_vocabularies, matcher, words_matcher
from pipeline.topics.features import TextCues
from pipeline.topics.theme_rules import joint_work, staff_training, themes_in_passing


def named_codes(cues: TextCues, vocabulary: str) -> list[str]:
    """The codes of a vocabulary ("themes", "target_groups") that the text names where
    it speaks of a measure or of integration: in a sentence that also names a measure
    ("projekt", "stöd", "erbjuder"), an immigrant group or integration work (see
    ``in_context``). A theme or group named only in passing elsewhere is not one (the
    guide: "not words used in passing"), nor is one that names an office or a post
    ("arbetsmarknadsförvaltningen", "idrottsminister"), a place, a language counted or
    a word of a group's name (``themes_in_passing``); work done with a partner is
    cooperation (``joint_work``), and so is training for staff (``staff_training``). Codes come in the vocabulary's
    order."""
    context = context_hits(cues)
    hits = cues.tables[vocabulary].hits
    if vocabulary == "themes":
        hits = staff_training(cues, themes_in_passing(cues, hits)) + joint_work(cues)
    hits = [(k, hit) for k, hit in hits if in_context(hit, context[k]) and not names_a_body(cues.lowered, hit)]
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
    return bool(words_matcher(tuple(words)).find(lowered))


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
