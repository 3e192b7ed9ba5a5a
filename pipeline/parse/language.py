"""Is this text Swedish? A cheap test on function words, enough to set aside pages
in another language before Swedish extraction rules run over them.

Swedish running text has about a third of its words in a small closed class (och,
att, det, som, för, ...). A text with hardly any of them, while another language's
function words abound, is not Swedish; short texts are given the benefit of doubt.
"""
from __future__ import annotations

import functools

from pipeline import resources

# What is stripped off a whitespace-separated token to get the word: splitting on
# spaces and stripping is several times cheaper than finding words with a regex.
PUNCTUATION = "\"'.,;:!?()[]{}«»“”‘’–—-…/*•·"
MIN_WORDS = 40  # below this the counts say too little
SWEDISH_SHARE = 0.08  # running Swedish has about a third; any text above this is Swedish


@functools.cache
def _function_words() -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for line in resources.read_word_list("language_function_words.txt"):
        language, _, words = line.partition(":")
        lists.setdefault(language.strip(), set()).update(words.split())
    return {language: frozenset(words) for language, words in lists.items()}


def function_words(language: str) -> frozenset[str]:
    """The closed-class words of a language ("sv": och, att, det, som, ...)."""
    return _function_words()[language]


SAMPLE_CHARS = 4000  # the opening of a text says which language it is in


def _tokens(text: str) -> list[str]:
    """The lower-cased whitespace-separated tokens of the opening of the text."""
    return text[:SAMPLE_CHARS].lower().split()


def _words(text: str, tokens: list[str] | None = None) -> list[str]:
    """The lower-cased words of the opening of the text (its tokens, stripped of punctuation)."""
    return [word for token in (tokens if tokens is not None else _tokens(text)) if (word := token.strip(PUNCTUATION))]


def _share(words: list[str], language: str) -> float:
    """Share of the words that are function words of the language."""
    return sum(map(_function_words()[language].__contains__, words)) / len(words)


def looks_swedish(text: str) -> bool:
    tokens = _tokens(text)
    if tokens and _share(tokens, "sv") >= SWEDISH_SHARE:
        # The usual case, decided before stripping punctuation: stripping can only add
        # function words ("och," -> "och") and drop non-words, so the share only grows.
        return True
    words = _words(text, tokens)
    if len(words) < MIN_WORDS:
        return True
    swedish = _share(words, "sv")
    if swedish >= SWEDISH_SHARE:  # decided without counting other languages
        return True
    return swedish >= max(_share(words, language) for language in _function_words())
