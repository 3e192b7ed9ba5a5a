"""What every platform's knowledge is made of: rules for listing pages and for article pages.

A :class:`ListingAdapter` says how to *find* article URLs on a news list, feed or
sitemap (the scrape stage); a :class:`SiteAdapter` says where an article page keeps
its headline, lead, body, dates and contact block (the parse stage). Both are plain
data. Also here: what no platform's page furniture ever holds, and how an adapter's
selectors are tried (on a BeautifulSoup page: see :mod:`pipeline.parse.soup`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the scrape stage imports these rules without BeautifulSoup
    from bs4 import Tag

# --------------------------------------------------------------------------- listing pages

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
class ListingAdapter:
    """How to find article URLs and further listing pages for one kind of source."""

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


# --------------------------------------------------------------------------- article pages

# Elements that never hold article text on any platform.
NEVER_TEXT = (
    "script, style, noscript, template, svg, iframe, form, nav, button, select, "
    "[role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true]"
)
# id/class words of page chrome: cookie banners, menus, footers, share bars.
CHROME_WORDS = (
    "cookie", "consent", "gdpr", "cmp-", "kakor", "navigation", "navbar", "menu", "meny", "breadcrumb",
    "brodsmul", "footer", "sidfot", "share", "social", "dela-", "skip", "related", "puff", "sidebar",
    "newsletter", "banner", "header-", "site-header", "toolbar", "pagination", "print", "search",
)
# og:site_name values that name the hosting platform rather than the sender.
PLATFORM_NAMES = {"mynewsdesk", "cision", "via tt", "newsroom"}


@dataclass(frozen=True)
class SiteAdapter:
    """CSS selectors of one platform's article pages; empty tuples mean "use the generic way"."""

    name: str
    hosts: tuple[str, ...] = ()  # host suffixes, e.g. "mynewsdesk.com"
    fingerprints: tuple[str, ...] = ()  # any match identifies the platform
    title: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()  # containers whose blocks form the main text, in order
    published: tuple[str, ...] = ()  # element text or @datetime holding the publication date
    updated: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()  # removed before reading the body

    def serves(self, host: str) -> bool:
        return bool(host) and any(host == h or host.endswith("." + h) for h in self.hosts)


def select_first(page: Tag, selectors: tuple[str, ...]) -> Tag | None:
    """The first element of the first selector that matches (soupsieve CSS on a BeautifulSoup page)."""
    for css in selectors:
        found = page.select_one(css)
        if found is not None:
            return found
    return None


def host_of(url: str | None) -> str:
    try:
        return (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    except ValueError:
        return ""
