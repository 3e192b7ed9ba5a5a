"""Theme mentions beyond the cue words: a theme word that only says where something
happens or in which language (a place, a counted language, a word inside the phrase
that names a group) is no theme, and work done together with another organisation is
cooperation though no cue word says so, and so is training for staff (the data
file's "passing_themes", "joint_work" and "staff_training"; the guide: "only areas
that a measure ... addresses", samverkan: "kompetensutveckling för personal").
"""
from __future__ import annotations

import functools
import re

from pipeline.topics.cues import CueHit, cue_vocabularies, words_matcher
from pipeline.topics.features import TextCues


def themes_in_passing(cues: TextCues, hits: list[tuple[int, CueHit]]) -> list[tuple[int, CueHit]]:
    """The theme mentions without those that name a place, a language something is
    given in or spoken, or a part of a group's name (``is_passing``)."""
    groups = [hit for _, hit in cues.tables["target_groups"].hits]
    return [(k, hit) for k, hit in hits if not is_passing(cues.lowered, hit, groups)]


def is_passing(lowered: str, hit: CueHit, groups: list[CueHit]) -> bool:
    """Is the theme word a venue after a preposition of place ("i Solby bibliotek",
    "bor på asylboendet"), a language after a number or a possessive ("på tolv språk",
    "deltagarnas språk"), or inside a group's phrase ("elever med annat modersmål")?"""
    word = _WORD.match(lowered, hit.start).group()
    rules = _rules()
    before = lowered[max(0, hit.start - 40):hit.start]
    if word.startswith(rules["venues"]) and rules["place"].search(before):
        return True
    if word in rules["languages"] and rules["counted_or_owned"].search(before):
        return True
    return any(group.start < hit.start and hit.end <= group.end for group in groups)


_WORD = re.compile(r"[\w-]*")


@functools.cache
def _rules() -> dict:
    data = cue_vocabularies()["passing_themes"]
    alternatives = {key: "|".join(map(re.escape, data[key])) for key in ("place_prepositions", "number_words", "possessives")}
    return {
        "venues": tuple(data["venues"]),
        "languages": frozenset(data["languages"]),
        # a preposition of place, then at most two words that name the place ("Solby",
        # "kommunens"), but no verb phrase ("på att utveckla")
        "place": re.compile(rf"(?<!\w)(?:{alternatives['place_prepositions']})\s+(?:(?!att\b)[\w-]+\s+){{0,2}}$"),
        # a number, a number word, a possessive or a genitive just before
        "counted_or_owned": re.compile(
            rf"(?:\d|(?<!\w)(?:{alternatives['number_words']}|{alternatives['possessives']})|\w\w+s)\s+(?:olika\s+)?$"),
    }


def joint_work(cues: TextCues) -> list[tuple[int, CueHit]]:
    """Mentions of cooperation that no cue word names: "tillsammans med" a kind of
    partner with at most two words between ("tillsammans med Arbetsförmedlingen", "ihop med två
    grannkommuner"), each with the index of its sentence."""
    out = []
    for m in _joint_work_pattern().finditer(cues.lowered):
        k = max(i for i, span in enumerate(cues.spans) if span.start <= m.start()) if cues.spans else 0
        out.append((k, CueHit(m.start(), m.end(), frozenset({"samverkan"}))))
    return out


@functools.cache
def _joint_work_pattern() -> re.Pattern:
    data = cue_vocabularies()["joint_work"]
    phrases, partners = ("|".join(map(re.escape, data[key])) for key in ("phrases", "partners"))
    return re.compile(rf"(?<!\w)(?:{phrases})\s+(?:[\w-]+\s+){{0,2}}?(?:{partners})")


def staff_training(cues: TextCues, hits: list[tuple[int, CueHit]]) -> list[tuple[int, CueHit]]:
    """The theme mentions with training for staff or volunteers as cooperation: in a
    sentence that names them ("utbildning för medarbetare och frivilliga", "all
    personal får utbildning"), "utbildning" is competence development, not schooling."""
    rule = cue_vocabularies()["staff_training"]
    stems, staff_words = tuple(rule["stems"]), words_matcher(tuple(rule["staff"]))
    out = []
    for k, hit in hits:
        if "utbildning" in hit.codes and _WORD.match(cues.lowered, hit.start).group().startswith(stems):
            span = cues.spans[k]
            if any(_trains(cues.lowered, hit, span.start + staff.start, span.start + staff.end)
                   for staff in staff_words.find(cues.lowered[span.start:span.end])):
                hit = CueHit(hit.start, hit.end, (hit.codes - {"utbildning"}) | {"samverkan"})
        out.append((k, hit))
    return out


_LIST_SEPARATOR = re.compile(r"\s*(?:,|och|eller|samt)\s*")


def _trains(lowered: str, hit: CueHit, start: int, end: int) -> bool:
    """Is the staff word not merely another item of a list with the training word
    ("kostnader för personal, utbildningar och material": the costs, not the trained)?"""
    between = lowered[end:hit.start] if end <= hit.start else lowered[hit.end:start]
    return not _LIST_SEPARATOR.fullmatch(between)

