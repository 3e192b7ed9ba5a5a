"""Parse stage: one raw file (plain text or HTML) -> :class:`Document` or :class:`RejectedInput`.

Pure function of the file's bytes and the scrape manifest entry, so results can be
cached by ``content_sha256``. Every failure on bad input is a ``RejectedInput`` with a
short reason code; nothing else escapes.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from itertools import islice
from pathlib import Path

from pipeline.config import MAX_FILE_BYTES
from pipeline.document import Document, RejectedInput
from pipeline.rawstore import source_name

from .decode import decode_bytes
from .language import looks_swedish
from .publisher import canonical_body, infer_publisher
from .text import TextArticle, parse_plain_text

__all__ = ["parse_file", "decode_bytes", "extract_article", "parse_plain_text", "HtmlArticle", "TextArticle"]

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"</?(?:p|div|body|span|a|br|h[1-6]|article|main|meta|script|li)\b[^>]*>", re.I)
_MIN_BODY_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
MAX_NESTING = 256  # libxml2's limit on element depth, which our HTML parsers keep (no huge_tree)


def __getattr__(name: str):
    """The HTML parser's names, imported on first use (importing lxml is a tenth of a
    second that a corpus of plain-text releases never needs)."""
    if name in ("extract_article", "HtmlArticle"):
        from . import html

        return getattr(html, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def nesting_depth(text: str) -> int:
    """How deep the page's elements nest, as far as libxml2 follows them (MAX_NESTING + 1 at most)."""
    from lxml import etree

    parser = etree.HTMLPullParser(events=("start", "end"))
    parser.feed(text)
    parser.close()
    depth = deepest = 0
    for event, _ in parser.read_events():
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _canonical(name: str | None) -> str | None:
    """A publisher named by page metadata, by its canonical name when the reference data
    knows it ("Storby Kommun" -> "Storby kommun"), else as written."""
    return (canonical_body(name) or name) if name else None


def looks_like_html(text: str) -> bool:
    """A .txt that is really a saved web page."""
    head = text[:2000]
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAGS.findall(head)) >= 5


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or RejectedInput when it is too large or cannot be read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedInput("too_large", f"the file is {size / 2**20:.1f} MB, over the limit of {max_bytes / 2**20:.0f} MB "
                                             "for one press release (raise it with --max-file-mb if this really is one)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except RejectedInput:
        raise
    except FileNotFoundError:
        raise RejectedInput("unreadable", "the file disappeared before it could be read "
                                          "(deleted or moved while the build ran?)") from None
    except (OSError, ValueError) as exc:
        raise RejectedInput("unreadable", f"cannot read the file ({getattr(exc, 'strerror', None) or exc}); "
                                          "check its permissions") from None
    if len(data) > max_bytes:
        raise RejectedInput("too_large", f"the file grew over the limit of {max_bytes / 2**20:.0f} MB while being read")
    return data


def parse_file(path: Path, raw_root: Path, meta: Mapping | None = None, max_bytes: int = MAX_FILE_BYTES,
               source_file: str | None = None) -> Document:
    """One raw file -> Document, or raise RejectedInput(reason, detail). ``source_file``
    (the name under ``raw_root``, see :func:`pipeline.rawstore.raw_files`) may be given
    when the caller has it already. The document's ``content_sha256`` is of the bytes
    read here, so a file that changed since the caller hashed it is noticed."""
    meta = meta or {}
    path = Path(path)
    source_file = source_file or source_name(path, raw_root)
    data = read_bytes(path, max_bytes)
    try:
        text, encoding = decode_bytes(data, meta.get("encoding"))
        is_html = path.suffix.lower() in (".html", ".htm") or "html" in str(meta.get("content_type") or "").lower()
        is_html = is_html or looks_like_html(text)
        url = meta.get("final_url") or meta.get("url")  # where the content was actually served
        if is_html:
            # lxml and friends load only when there is HTML
            from .html import extract_article

            art = extract_article(text, url)
            title, published, body, url, page_publisher = art.title, art.published, art.text, art.url, art.publisher
            if art.contact and art.contact not in body:
                body = f"{body}\n\n{art.contact}" if body else art.contact
        else:
            tart = parse_plain_text(text)
            title, published, body, page_publisher = tart.title, tart.published, tart.text, None
        publisher = meta.get("publisher") or _canonical(page_publisher) or infer_publisher(
            body if is_html else text, title, body)
    except RejectedInput:
        raise
    except Exception as exc:  # a parser bug on pathological input must not stop the run
        raise RejectedInput("unparseable", f"{type(exc).__name__}: {exc}") from None
    if sum(1 for _ in islice(_LETTER.finditer(body), _MIN_BODY_LETTERS)) < _MIN_BODY_LETTERS:
        if is_html and nesting_depth(text) >= MAX_NESTING:
            raise RejectedInput("unparseable", f"the page nests its elements {MAX_NESTING} or more levels deep (a "
                                               "press release needs a few dozen); HTML parsers stop there, so its text "
                                               "cannot be read")
        raise RejectedInput("no_text", "no press-release text is left after removing menus, labels and other page furniture")
    if not looks_swedish(body):
        raise RejectedInput("not_swedish", "the text is not in Swedish (too few Swedish function words); "
                                           "the extraction rules are written for Swedish")
    return Document(
        source_file=source_file,
        text=f"{title}\n\n{body}" if title else body,
        content_sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        source_format="html" if is_html else "text",
        encoding=encoding,
        source_id=meta.get("source_id"),
    )
