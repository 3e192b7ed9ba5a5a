"""Platform knowledge, one module per platform, used by the scrape and the parse stage.

Swedish public-sector news is published on a handful of platforms (Sitevision for
most municipalities, lansstyrelsen.se for the county boards, Mynewsdesk for press
rooms). Each platform's module holds both what the crawler needs (where a listing
page keeps its article links and pagination: ``LISTING``) and what the parser needs
(where an article page keeps its headline, body, dates and contacts: ``ARTICLE``).
Add a platform with a module of its own and a line in each registry below, or at run
time with :func:`register`. Every listing rule can be overridden per source in
``sources.toml``, because real sites drift from their platform's defaults.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import generic, lansstyrelsen, mynewsdesk, sitevision
from .base import (
    CHROME_WORDS,
    NEVER_TEXT,
    PLATFORM_NAMES,
    ListingAdapter,
    SiteAdapter,
    host_of,
    select_first,
)

__all__ = ["LISTING_ADAPTERS", "ARTICLE_ADAPTERS", "ListingAdapter", "SiteAdapter", "adapter_for", "choose_adapter",
           "register", "host_of", "select_first", "CHROME_WORDS", "NEVER_TEXT", "PLATFORM_NAMES"]

# The listing rules of each kind of source (``kind`` in sources.toml).
LISTING_ADAPTERS: dict[str, ListingAdapter] = {
    a.kind: a for a in (sitevision.LISTING, mynewsdesk.LISTING, lansstyrelsen.LISTING,
                        generic.FEED, generic.SITEMAP, generic.LISTING)
}

# Article-page rules, tried in order: a specific site before the platform it runs on.
ARTICLE_ADAPTERS: list[SiteAdapter] = [lansstyrelsen.ARTICLE, mynewsdesk.ARTICLE, sitevision.ARTICLE]


def adapter_for(source: Any) -> ListingAdapter:
    """The listing rules of the source's kind, with the source's own overrides applied."""
    base = LISTING_ADAPTERS[source.kind]
    changes: dict[str, object] = {}
    for name in ("listing_selector", "next_selector", "article_pattern", "follow_pattern"):
        if getattr(source, name):
            changes[name] = getattr(source, name)
    if source.deny_patterns:
        changes["deny_patterns"] = base.deny_patterns + tuple(source.deny_patterns)
    return replace(base, **changes) if changes else base


def register(adapter: SiteAdapter, first: bool = True) -> None:
    """Add an article platform; ``first`` lets a specific site override a generic platform."""
    if first:
        ARTICLE_ADAPTERS.insert(0, adapter)
    else:
        ARTICLE_ADAPTERS.append(adapter)


def choose_adapter(page: Any, url: str | None = None) -> SiteAdapter | None:
    """The article rules for this page: host first (any platform), then markup fingerprints.

    ``page`` is a BeautifulSoup page (:func:`pipeline.parse.soup.soup_of`), whose CSS
    selection tests the fingerprints."""
    host = host_of(url)
    for adapter in ARTICLE_ADAPTERS:
        if adapter.serves(host):
            return adapter
    for adapter in ARTICLE_ADAPTERS:
        if adapter.fingerprints and page.select_one(", ".join(adapter.fingerprints)) is not None:
            return adapter
    return None
