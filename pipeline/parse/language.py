"""Is this text Swedish? A cheap test on function words, enough to set aside pages
in another language before Swedish extraction rules run over them.

Swedish running text has about a third of its words in a small closed class (och,
att, det, som, för, ...). A text with hardly any of them, while another language's
function words abound, is not Swedish; short texts are given the benefit of doubt.
"""
from __future__ import annotations

import functools
import re

from pipeline import resources

WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 40  # below this the counts say too little


@functools.cache
def _function_words() -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for line in resources.read_word_list("language_function_words.txt"):
        language, _, words = line.partition(":")
        lists.setdefault(language.strip(), set()).update(words.split())
    return {language: frozenset(words) for language, words in lists.items()}


SAMPLE_CHARS = 4000  # the opening of a text says which language it is in


def _words(text: str) -> list[str]:
    return WORD.findall(text[:SAMPLE_CHARS].lower())


def language_shares(text: str) -> dict[str, float]:
    """Share of words (in the text's opening) that are function words of each listed language."""
    words = _words(text)
    if not words:
        return {}
    return {language: sum(map(vocab.__contains__, words)) / len(words) for language, vocab in _function_words().items()}


def looks_swedish(text: str) -> bool:
    words = _words(text)
    if len(words) < MIN_WORDS:
        return True
    swedish = sum(map(_function_words()["sv"].__contains__, words)) / len(words)
    if swedish >= 0.08:  # the usual case, decided without counting other languages
        return True
    return swedish >= max(language_shares(text).values())
