"""An HTML page's structure, read with BeautifulSoup: where the site adapters are applied.

Why BeautifulSoup: site knowledge is CSS (:class:`pipeline.platforms.SiteAdapter`:
fingerprints, headline, lead, body, dates, contact, what to drop), and BeautifulSoup's
CSS selection (soupsieve: ``.select``, ``.select_one``) applies it to the page without
a hand-written tree walk. Real pages are broken markup (truncated downloads, unclosed
portlets, stray tags); with ``features="lxml"`` the page is the one libxml2's
recovering HTML parser builds, the same tree trafilatura and htmldate read in
:mod:`pipeline.parse.html`, where generic extraction stays.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree

from pipeline import platforms as sites

BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
              "figcaption", "address", "caption")
# Lead paragraphs of pages no adapter knows.
GENERIC_LEAD = ("[class*=ingress]", "p.lead", ".preamble")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
_CHROME_RE = re.compile("|".join(re.escape(w) for w in sites.CHROME_WORDS), re.I)
_CHROME_KEEP = {"html", "body", "main", "article"}
# The elements sites.NEVER_TEXT names by tag, which neither hold article text nor what
# an adapter reads (headline, date, lead, contact, fingerprints): left out of the soup.
# Not <form>: some sites wrap the whole page in one, and declutter decides about it.
NEVER_READ = tuple(css for css in (part.strip() for part in sites.NEVER_TEXT.split(","))
                   if css.isalpha() and css != "form")


def norm(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def soup_of(tree: etree._Element) -> BeautifulSoup:
    """The page lxml has read (:func:`pipeline.parse.html.parse_tree`), as BeautifulSoup.

    Read from lxml's serialisation, so that both readers see one document: what libxml2
    recovered from broken markup, cut where it stops following nesting (a page 100 000
    ``<div>`` deep has no text to either), with the line breaks of ``<br>`` added there.
    ``class`` stays one string, as in the markup, so that ``[class*=...]`` selectors and
    the chrome words match what the page says. Elements that hold no text and that no
    adapter reads (scripts, styles, icons, menus) are left out before BeautifulSoup
    builds its tree: on a real page they are most of the markup, and BeautifulSoup's
    pure-Python tree and CSS matching cost in proportion to it."""
    page = copy.deepcopy(tree)  # the lxml tree stays whole for trafilatura's metadata (JSON-LD in <script>)
    etree.strip_elements(page, *NEVER_READ, with_tail=False)
    markup = etree.tostring(page, encoding="unicode", method="html")
    return BeautifulSoup(markup, "lxml", multi_valued_attributes=None)


def text_content(el: Tag) -> str:
    """All text under ``el``, script and style text included, comments not (as lxml's text_content)."""
    return "".join(s for s in el.descendants if isinstance(s, NavigableString)
                   and not isinstance(s, PreformattedString))


def text_of(el: Tag) -> str:
    """A date or title element's value: its machine-readable attribute, else its text."""
    return norm(el.get("datetime") or el.get("content") or text_content(el))


def blocks(el: Tag) -> list[str]:
    """Block-level texts under ``el`` (itself included) in document order, nested blocks counted once."""
    out: list[str] = []
    taken: set[int] = set()
    nodes = ([el] if el.name in BLOCK_TAGS else []) + el.find_all(BLOCK_TAGS)
    for node in nodes:
        if any(id(a) in taken for a in node.parents):
            continue
        taken.add(id(node))
        out.extend(ln for ln in (norm(x) for x in text_content(node).split("\n")) if ln)
    if not out:
        out = [ln for ln in (norm(x) for x in text_content(el).split("\n")) if ln]
    return out


def declutter(soup: BeautifulSoup, adapter: sites.SiteAdapter | None) -> BeautifulSoup:
    """Remove scripts, navigation, cookie banners, footers and the adapter's ``drop`` (in place)."""
    doomed = soup.select(sites.NEVER_TEXT) + soup.find_all(["footer", "aside"])
    doomed += [h for h in soup.find_all("header") if not any(a.name in ("article", "main") for a in h.parents)]
    if adapter and adapter.drop:
        doomed += soup.select(", ".join(adapter.drop))
    for e in soup.find_all(True):
        if e.name in _CHROME_KEEP:
            continue
        ident = f"{e.get('id', '')} {e.get('class', '')}"
        if ident.strip() and _CHROME_RE.search(ident) and not _holds_article(e):
            doomed.append(e)
    for e in doomed:
        if e.parent is not None and e.name not in _CHROME_KEEP:
            e.extract()
    return soup


def _holds_article(e: Tag) -> bool:
    """A "chrome" class on a wrapper of the article itself ("has-sidebar") must not drop it."""
    return e.find(["h1", "article", "main"]) is not None


def largest_p_run(soup: BeautifulSoup) -> list[str]:
    """Fallback: the container under <article>/<main>/<body> with the most <p> text."""
    best, best_len = None, 0
    for cand in soup.find_all(["article", "main", "div", "section", "body"]):
        n = sum(len(text_content(p)) for p in cand.find_all("p", recursive=False))
        if n > best_len:
            best, best_len = cand, n
    if best is None:
        return blocks(soup.body or soup)
    for anc in [best, *best.parents]:  # prefer the enclosing article/main
        if anc.name in ("article", "main"):
            best = anc
            break
    return blocks(best)


@dataclass(frozen=True)
class SiteMarks:
    """What an adapter's selectors read on the page as published (before chrome is removed)."""

    title: str | None  # the headline element's text
    published: str  # the date element's value, "" when none
    lead: str | None
    contact: str | None  # the contact block, one line per block


def read_marks(soup: BeautifulSoup, adapter: sites.SiteAdapter | None) -> SiteMarks:
    """Headline, date, lead and contact block by the adapter's selectors (only the lead without one)."""
    pick = sites.select_first
    title_el = pick(soup, adapter.title) if adapter else None
    date_el = pick(soup, adapter.published) if adapter else None
    lead_el = pick(soup, adapter.lead if adapter else GENERIC_LEAD)
    contact_el = pick(soup, adapter.contact) if adapter else None
    return SiteMarks(
        title=text_of(title_el) if title_el is not None else None,
        published=text_of(date_el) if date_el is not None else "",
        lead=norm(text_content(lead_el)) if lead_el is not None else None,
        contact="\n".join(blocks(contact_el)) if contact_el is not None else None,
    )


def adapter_body(clean: BeautifulSoup, adapter: sites.SiteAdapter, enough: int) -> list[str]:
    """Lines of the first body selector whose blocks hold ``enough`` characters (else the last found)."""
    lines: list[str] = []
    for css in adapter.body:
        found = clean.select(css)
        if found:
            lines = [ln for el in found for ln in blocks(el)]
            if sum(map(len, lines)) >= enough:
                break
    return lines
