"""The optional topic filter: keep an article only if it is about integration and migration.

Used for sources whose listing has every kind of news. The keywords are data
(``pipeline/resources/topic_keywords.txt``); the article text comes from the parse
stage's own extractor, so the filter sees exactly the text that ``build`` will see.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline import resources

KEYWORDS_FILE = resources.resource_path("topic_keywords.txt")


@lru_cache(maxsize=4)
def load_keywords(path: str | Path = KEYWORDS_FILE) -> tuple[str, ...]:
    """Lower-cased keywords, one per non-comment line."""
    return tuple(dict.fromkeys(word.casefold() for word in resources.read_word_list(str(Path(path).resolve()))))


def matching_keywords(text: str, keywords: tuple[str, ...] | None = None) -> list[str]:
    """The keywords that occur in ``text`` (substring, case-insensitive)."""
    folded = text.casefold()
    return [k for k in (keywords if keywords is not None else load_keywords()) if k in folded]


def article_text(body: bytes, url: str | None, declared: str | None) -> str:
    """Title, lead and body of an article page, as the build stage's HTML parser reads them."""
    from pipeline.parse.decode import decode_bytes
    from pipeline.parse.html import extract_article

    html, _encoding = decode_bytes(body, declared)
    article = extract_article(html, url)
    return "\n".join(part for part in (article.title, article.lead, article.text) if part)


def is_on_topic(body: bytes, url: str | None, declared: str | None, keywords: tuple[str, ...] | None = None) -> bool:
    return bool(matching_keywords(article_text(body, url, declared), keywords))
