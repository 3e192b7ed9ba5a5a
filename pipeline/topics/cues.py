"""Cue words: the phrases by which Swedish texts name target groups, themes and the
kinds of words around them (measures, policy talk), read from a data file.

A cue is lower case and matched at the start of a word, so a stem finds inflections
and compounds that begin with it ("nyanländ" finds "nyanlända", "flykting" finds
"flyktingmottagande"); a cue that ends with ``$`` must end a word ("flyktingar$" does not
find "flyktingarbete"), and one that begins with ``*`` may also stand inside a word
("*flyktingar$" finds "kvotflyktingar"). All cues of one vocabulary are matched together,
longest first and without overlap, so a narrow phrase consumes the words a broad cue
would take: "ukrainska flyktingar" is a mention of people under temporary protection,
not of refugees in general, and "ensamkommande barn" is not a mention of children.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline import resources

CUES_FILE = "integration_cues.json"


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    codes: frozenset[str]


class CueMatcher:
    """Finds the cues of one vocabulary ({code: [cue, ...]}) in lower-cased text.

    The cues are compiled into one regular expression shaped as a trie (cues that share
    a beginning share a branch, the longer continuation tried first), so a text is
    scanned once, whatever the number of cues."""

    def __init__(self, vocabulary: dict[str, list[str]], not_cues: list[str] = ()) -> None:
        """``not_cues``: phrases that take their words away from the cues without naming
        anything ("rädda barnen" is no mention of children, "sina barn" are the
        children of the people addressed); matched like cues, never reported."""
        self.codes = tuple(vocabulary)
        owners: dict[str, set[str]] = {cue.lstrip("*").rstrip("$"): set() for cue in not_cues}
        at_word_start, inside_words = [], []
        for code, cues in [*vocabulary.items(), ("", not_cues)]:
            for cue in cues:
                literal = cue.lstrip("*").rstrip("$")
                if code:
                    owners.setdefault(literal, set()).add(code)
                (inside_words if cue.startswith("*") else at_word_start).append(cue.lstrip("*"))
        self._owners = {cue: frozenset(codes) for cue, codes in owners.items()}
        parts = [r"(?<!\w)" + trie_regex(at_word_start)] if at_word_start else []
        parts += [trie_regex(inside_words)] if inside_words else []
        self._pattern = re.compile("|".join(parts) or r"(?!)")

    def find(self, lowered: str) -> list[CueHit]:
        """Non-overlapping cue mentions in ``lowered`` (text already lower-cased)."""
        hits = (CueHit(m.start(), m.end(), self._owners[m.group()]) for m in self._pattern.finditer(lowered))
        return [hit for hit in hits if hit.codes]


def trie_regex(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, as a trie; a
    word ending in ``$`` matches only where a word ends."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in (word[:-1] + WORD_END) if word.endswith("$") else word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


WORD_END = "\0"  # the trie's key for "a word ends here"


def _node_regex(node: dict) -> str:
    # The word-end test is zero-width, so it goes last: tried first, it would end
    # "flyktingar$" before the longer "flyktingar från ukraina" had its turn.
    chars = sorted(char for char in node if char and char != WORD_END) + ([WORD_END] if WORD_END in node else [])
    branches = [(r"(?!\w)" if char == WORD_END else re.escape(char)) + _node_regex(node[char]) for char in chars]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a cue ends here: the longer ones first, then this one
        return f"(?:{body})?"
    return body


@functools.cache
def cue_vocabularies() -> dict:
    """The data file: target groups, themes, and the word classes used as features."""
    return resources.read_json(CUES_FILE)


@functools.cache
def matcher(name: str) -> CueMatcher:
    """The matcher of one vocabulary in the data file: a {code: cues} table
    ("target_groups", "themes") or a plain list of cues, which gets its own name as code;
    the phrases the file lists under "not_cues" for it are no cues."""
    vocabulary = cue_vocabularies()[name]
    if isinstance(vocabulary, list):
        vocabulary = {name: vocabulary}
    return CueMatcher(vocabulary, cue_vocabularies().get("not_cues", {}).get(name, []))


@functools.cache
def class_matcher(names: tuple[str, ...]) -> CueMatcher:
    """One matcher for several word classes of the data file (plain lists of cues), each
    cue coded with the names of the classes that list it."""
    return CueMatcher({name: cue_vocabularies()[name] for name in names})


@functools.cache
def words_matcher(words: tuple[str, ...]) -> CueMatcher:
    """A matcher of a plain list of cues (a rule's own word list in the data file),
    built once per list."""
    return CueMatcher({"word": list(words)})
