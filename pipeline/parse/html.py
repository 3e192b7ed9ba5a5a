"""HTML press releases: metadata first, then the main text.

Page metadata (Open Graph, JSON-LD, Dublin Core, <time>) is more reliable than
anything read from the layout, so title, date, canonical URL and publisher come from
there when present: read by trafilatura's metadata extraction, with a site adapter's
selectors before it and this module's corrections after it (see :func:`page_metadata`).
The main text comes from a site adapter when the platform is
known (:mod:`pipeline.platforms`), else from trafilatura, else from the largest run of
<p> under <article>/<main>. Page chrome (cookie banners, menus, footers) is removed
from the page before any text is read, and the result goes through the same line
filters as plain text.

Two readers of one page, which lxml parses once (libxml2 recovers broken markup):
trafilatura and htmldate read the lxml tree, which is what they are built on; the
site adapters' structure (their CSS, the chrome removal, the fallbacks) is read from
the same page as BeautifulSoup, whose CSS selection applies them (:mod:`.soup`). The
page without its chrome goes back to trafilatura as an lxml tree.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from bs4 import BeautifulSoup
from lxml import etree

from pipeline import platforms as sites
from pipeline.normalize.dates import parse_date

from .dateline import parse_dateline
from .soup import (
    SiteMarks,
    adapter_body,
    blocks,
    declutter,
    largest_p_run,
    norm,
    read_marks,
    soup_of,
)
from .text import clean_line, is_boilerplate

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_TAIL = re.compile(r"^(.*\S)\s+(\||-|–|—|::|»|·)\s+([^|–—»·]+)$")
_ENOUGH_BODY = 150  # characters an adapter's body must hold before trafilatura is not asked


@dataclass(frozen=True)
class HtmlArticle:
    title: str | None
    published: dt.date | None
    text: str  # main text, paragraphs separated by blank lines, WITHOUT the title
    lead: str | None
    url: str | None
    publisher: str | None
    contact: str | None


def parse_tree(html: str) -> etree._Element | None:
    """Parse (possibly truncated) HTML; None when there is nothing to parse."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for br in tree.iter("br"):  # keep line breaks of addresses and contact blocks
        br.tail = "\n" + (br.tail or "")
    return tree


def _strip_site_suffix(title: str, site_names: set[str]) -> str:
    """"Rubrik - Växjö kommun" -> "Rubrik"; " | X" always goes, " - X" only for a known site name."""
    while True:
        m = _TITLE_TAIL.match(title)
        if not m:
            return title.strip()
        head, sep, last = m.group(1), m.group(2), m.group(3).strip().lower()
        known = any(n and (last == n or last in n or n in last) for n in site_names)
        if not (known or (sep == "|" and len(last.split()) <= 6)):
            return title.strip()
        title = head


def _clean_lines(lines: list[str], title: str | None) -> list[str]:
    out: list[str] = []
    for line in lines:
        line = clean_line(line)
        if not line or is_boilerplate(line) or (out and line == out[-1]):
            continue
        if title and not out and line == title:
            continue
        out.append(line)
    return out


def _trafilatura(clean: BeautifulSoup, url: str | None) -> list[str]:
    """trafilatura's main text of the decluttered page (which it reads as an lxml tree)."""
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(str(clean))
        got = trafilatura.extract(tree, url=url, include_comments=False, include_tables=True, include_links=False,
                                  include_images=False, favor_recall=True, deduplicate=False)
    except Exception:  # trafilatura (or re-reading the page) fails on odd trees; the fallback handles them
        return []
    return [ln for ln in (norm(x) for x in (got or "").split("\n")) if ln]


@dataclass(frozen=True)
class PageMetadata:
    title: str | None
    published: dt.date | None
    url: str | None
    publisher: str | None


def page_metadata(tree: etree._Element, url: str | None, marks: SiteMarks) -> PageMetadata:
    """Title, publication date, canonical URL and publisher from the page's markup.

    trafilatura reads the markup (Open Graph and other meta tags, JSON-LD) and htmldate
    the date (meta tags, JSON-LD, <time>, the URL; not the text). Kept here is what they
    lack: a platform's own selectors first (the adapter's ``marks``); the sender, not the
    press-room platform ("Mynewsdesk"), as publisher; no Twitter handle read as one; a
    title from <h1> or <title> when the markup has none, with a site name cut off only
    when it is one ("Rubrik | Växjö kommun", not "Samverkan 2022 - ett
    integrationsprojekt"); a canonical URL resolved against the page's address; and a
    dateline in the page's text last (in :func:`extract_article`)."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json
    from trafilatura.settings import Document

    markup = copy.deepcopy(tree)
    for m in list(markup.iter("meta")):  # "@vaxjokommun" names no body
        if (m.get("name") or m.get("property") or "").lower().startswith("twitter:"):
            m.drop_tree()
    found = extract_meta_json(markup, examine_meta(markup))
    publisher = norm(found.sitename) or None
    if publisher and publisher.lower() in sites.PLATFORM_NAMES:  # the press-room host, not the sender
        tail = _TITLE_TAIL.match(norm(tree.findtext(".//title")))
        sender = norm(extract_meta_json(markup, Document()).sitename)
        publisher = sender if sender and sender.lower() not in sites.PLATFORM_NAMES else \
            (tail.group(3).strip() if tail and tail.group(2) == "|" else None)
    site_names = {n.lower() for n in (publisher, found.sitename, sites.host_of(url)) if n}

    h1, title_tag = tree.find(".//h1"), tree.find(".//title")
    candidates = [
        marks.title,
        _strip_site_suffix(norm(found.title), site_names) if found.title else None,
        norm(h1.text_content()) if h1 is not None else None,
        _strip_site_suffix(norm(title_tag.text_content()), site_names) if title_tag is not None else None,
    ]
    title = next((c for c in candidates if c), None)

    written = marks.published
    published = (parse_date(written) if len(written) < 40 else _dateline_in(written)) if written else None
    if published is None:
        day = find_date(markup, extensive_search=False, original_date=True, url=url, outputformat="%Y-%m-%d")
        published = dt.date.fromisoformat(day) if day else None

    canonical = next((l.get("href") for l in tree.iter("link") if (l.get("rel") or "").lower() == "canonical"), None)
    page_url = canonical or found.url
    page_url = urljoin(url, page_url) if page_url and url else (page_url or url)
    return PageMetadata(title, published, page_url, publisher)


def extract_article(html: str, url: str | None = None) -> HtmlArticle:
    """Title, date, lead, main text, canonical URL, publisher and contact of a page.

    lxml parses the page once; trafilatura and htmldate read that tree, the site adapter
    reads it again as BeautifulSoup (:func:`.soup.soup_of`)."""
    tree = parse_tree(html)
    if tree is None:
        return HtmlArticle(None, None, "", None, url, None, None)
    soup = soup_of(tree)
    adapter = sites.choose_adapter(soup, url)
    marks = read_marks(soup, adapter)
    meta = page_metadata(tree, url, marks)
    title = meta.title
    clean = declutter(soup, adapter)
    lines = adapter_body(clean, adapter, _ENOUGH_BODY) if adapter else []
    if sum(map(len, lines)) < _ENOUGH_BODY:
        lines = _trafilatura(clean, url) or largest_p_run(clean)
    lines = _clean_lines(lines, title)
    lead = marks.lead
    if lead and lead not in lines[:3]:
        lines.insert(0, lead)
    published = meta.published or _dateline_in("\n".join(blocks(clean)[:25]))
    return HtmlArticle(title=title, published=published, text="\n\n".join(lines), lead=lead,
                       url=meta.url, publisher=meta.publisher, contact=marks.contact or None)


def _dateline_in(text: str) -> dt.date | None:
    """The first publication dateline among the first lines of ``text``."""
    for line in text.split("\n")[:25]:
        got = parse_dateline(line.strip())
        if got and got[0] == "published":
            return got[1]
    return None
