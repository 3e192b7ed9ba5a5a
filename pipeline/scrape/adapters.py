"""Site knowledge per platform: where a listing page keeps its article links and its pagination.

An adapter only says how to *find* article URLs; reading an article page is the parse
stage's job (``pipeline.parse.html``). Every field can be overridden per source in
``sources.toml`` (``listing_selector``, ``next_selector``, ``article_pattern``,
``follow_pattern``, ``deny_patterns``), because real sites drift from their platform's
defaults.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .sources import Source

# Dated article names, as Sitevision builds them: ".../2022-12-19-lysekils-kommun-har-fatt.html".
SITEVISION_ARTICLE = r"/\d{4}-\d{2}-\d{2}-[^/?#]+\.html$"

# The main column; when it holds no article link the whole page is searched instead.
MAIN_CSS = 'main, #main, #content, [role="main"]'

# Pagination links, by markup (rel=next, common class names) ...
NEXT_CSS = (
    'a[rel~="next"], link[rel~="next"], .pagination a.next, .pagination .next a, '
    "li.next a, a.next, a.next_page, .sv-pagination a.next, a.lp-pagination-next"
)
# ... and by their Swedish or English link text.
NEXT_XPATH = (
    "//a[contains(normalize-space(.), 'Nästa') or contains(normalize-space(.), 'nästa sida')"
    " or contains(normalize-space(.), 'Äldre') or contains(normalize-space(.), 'Fler nyheter')"
    " or contains(normalize-space(.), 'Visa fler') or normalize-space(.)='Next'"
    " or normalize-space(.)='›' or normalize-space(.)='»']"
)

# Never worth a request from a news crawler: search, login, print and share links.
DEFAULT_DENY = (
    r"[?&](print|share)=",
    r"/(sok|search|logga-in|login)(\.html)?([/?#]|$)",
    r"^mailto:|^javascript:",
)


@dataclass(frozen=True)
class Adapter:
    """How to find article URLs and further listing pages for one kind of site."""

    kind: str
    article_pattern: str | None  # regex an article URL matches; None = every link in the region
    follow_pattern: str | None  # regex of further listing pages (archives, ?page=N)
    # HTML listing pages by default; feeds and sitemaps set these to None.
    listing_selector: str | None = MAIN_CSS  # CSS region holding article links (whole page if it has none); None = whole page
    next_selector: str | None = NEXT_CSS  # CSS of pagination links; None = no markup-based pagination
    next_xpath: str | None = NEXT_XPATH  # XPath of pagination links found by their text
    deny_patterns: tuple[str, ...] = DEFAULT_DENY
    pagination: bool = True  # listing pages are HTML with next links (not feeds or sitemaps)

    def is_article(self, url: str) -> bool:
        return self.article_pattern is None or re.search(self.article_pattern, url) is not None


ADAPTERS: dict[str, Adapter] = {
    # Sitevision municipal sites: news lists (sv-channel / lp-news lists, or plain lists
    # in the main column) link to dated article pages; older items behind "Nästa" links
    # or year archives.
    "sitevision": Adapter(
        kind="sitevision",
        article_pattern=SITEVISION_ARTICLE,
        follow_pattern=r"/(nyhetsarkiv|arkiv-nyheter|nyheter)[^/]*?[-/]\d{4}(\.html)?$",
    ),
    # Mynewsdesk press rooms: /se/<room>/pressreleases lists releases named
    # "<slug>-<numeric id>", paged with ?page=N; the room's .rss feed also works as a start URL.
    "mynewsdesk": Adapter(
        kind="mynewsdesk",
        article_pattern=r"/(pressreleases|news)/[^/?#]+-\d+/?$",
        follow_pattern=r"/pressreleases/?\?(.*&)?page=\d+$",
    ),
    # lansstyrelsen.se (Sitevision as well): per-county news lists and yearly archives
    # ("arkiv-nyheter-YYYY") link to dated pages under .../nyheter-och-press/.
    "lansstyrelsen": Adapter(
        kind="lansstyrelsen",
        article_pattern=r"/nyheter-och-press/.+/\d{4}-\d{2}-\d{2}-[^/?#]+\.html$",
        follow_pattern=r"/nyheter-och-press/arkiv-nyheter-\d{4}\.html$",
    ),
    # RSS 2.0, RSS 1.0 (RDF) or Atom: every entry link is an article.
    "feed": Adapter(
        kind="feed",
        listing_selector=None,
        next_selector=None,
        next_xpath=None,
        article_pattern=None,
        follow_pattern=None,
        pagination=False,
    ),
    # XML sitemaps (and sitemap indexes, and robots.txt Sitemap: lines): on municipal
    # sites most URLs are not news, so only dated pages count unless overridden.
    "sitemap": Adapter(
        kind="sitemap",
        listing_selector=None,
        next_selector=None,
        next_xpath=None,
        article_pattern=r"/\d{4}-\d{2}-\d{2}-[^/?#]+(\.html)?/?$",
        follow_pattern=None,
        pagination=False,
    ),
    # Anything else: links in the main column whose URL looks like a dated or
    # news-section page; "Nästa" pagination.
    "generic": Adapter(
        kind="generic",
        article_pattern=(
            r"(\d{4}-\d{2}-\d{2}-[^/?#]+|/\d{4}/\d{1,2}/[^/?#]+"
            r"|/(nyheter|nyhet|pressmeddelanden?|pressreleases|aktuellt|posts)/[^/?#]+-[^/?#]+)/?(\.html?)?$"
        ),
        follow_pattern=None,
    ),
}


def adapter_for(source: Source) -> Adapter:
    """The kind's adapter with the source's overrides applied."""
    base = ADAPTERS[source.kind]
    changes: dict[str, object] = {}
    if source.listing_selector:
        changes["listing_selector"] = source.listing_selector
    if source.next_selector:
        changes["next_selector"] = source.next_selector
    if source.article_pattern:
        changes["article_pattern"] = source.article_pattern
    if source.follow_pattern:
        changes["follow_pattern"] = source.follow_pattern
    if source.deny_patterns:
        changes["deny_patterns"] = base.deny_patterns + source.deny_patterns
    return replace(base, **changes) if changes else base
