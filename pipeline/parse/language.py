"""Is this text Swedish? A cheap test on function words, enough to set aside pages
in another language before Swedish extraction rules run over them.

Swedish running text has about a third of its words in a small closed class (och,
att, det, som, för, ...). A text with hardly any of them, while another language's
function words abound, is not Swedish; short texts are given the benefit of doubt.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

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


def language_shares(text: str) -> dict[str, float]:
    """Share of words that are function words of each listed language."""
    counts = Counter(w.lower() for w in WORD.findall(text))
    total = sum(counts.values())
    if not total:
        return {}
    return {language: sum(n for w, n in counts.items() if w in vocab) / total
            for language, vocab in _function_words().items()}


def looks_swedish(text: str) -> bool:
    words = WORD.findall(text)
    if len(words) < MIN_WORDS:
        return True
    shares = language_shares(text)
    swedish = shares.get("sv", 0.0)
    return swedish >= 0.08 or swedish >= max(shares.values())
