"""Parse stage: one raw file (plain text or HTML) -> :class:`Document` or :class:`RejectedInput`.

Pure function of the file's bytes and the scrape manifest entry, so results can be
cached by ``content_sha256``. Every failure on bad input is a ``RejectedInput`` with a
short reason code; nothing else escapes.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path

from pipeline.document import Document, RejectedInput

from .decode import decode_bytes
from .language import looks_swedish
from .publisher import canonical_body, infer_publisher
from .text import TextArticle, parse_plain_text

__all__ = ["MAX_BYTES", "parse_file", "iter_raw_files", "raw_files", "source_name", "decode_bytes", "extract_article",
           "parse_plain_text", "HtmlArticle", "TextArticle"]

MAX_BYTES = 20 * 1024 * 1024
RAW_SUFFIXES = (".txt", ".html", ".htm")
_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"</?(?:p|div|body|span|a|br|h[1-6]|article|main|meta|script|li)\b[^>]*>", re.I)
_MIN_BODY_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")


def __getattr__(name: str):
    """The HTML parser's names, imported on first use (importing lxml is a tenth of a
    second that a corpus of plain-text releases never needs)."""
    if name in ("extract_article", "HtmlArticle"):
        from . import html

        return getattr(html, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def source_name(path: Path, raw_root: Path) -> str:
    """Path relative to the raw folder, POSIX, always valid UTF-8.

    Bytes of a non-UTF-8 file name are kept visible as backslash escapes, so the id is
    stable and the name still points a person at the file.
    """
    try:
        rel = path.relative_to(raw_root)
    except ValueError:
        rel = Path(path.name)
    return os.fsencode(rel.as_posix()).decode("utf-8", "backslashreplace")


def _canonical(name: str | None) -> str | None:
    """A publisher named by page metadata, by its canonical name when the reference data
    knows it ("Storby Kommun" -> "Storby kommun"), else as written."""
    return (canonical_body(name) or name) if name else None


def looks_like_html(text: str) -> bool:
    """A .txt that is really a saved web page."""
    head = text[:2000]
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAGS.findall(head)) >= 5


def parse_file(path: Path, raw_root: Path, meta: Mapping | None = None, max_bytes: int = MAX_BYTES,
               source_file: str | None = None, content_sha256: str | None = None) -> Document:
    """One raw file -> Document, or raise RejectedInput(reason, detail). ``source_file``
    (the name under ``raw_root``, see :func:`raw_files`) and ``content_sha256`` (of the
    file's bytes) may be given when the caller has them already."""
    meta = meta or {}
    path = Path(path)
    source_file = source_file or source_name(path, raw_root)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedInput("too_large", f"the file is {size / 2**20:.1f} MB, over the limit of {max_bytes / 2**20:.0f} MB "
                                             "for one press release (raise it with --max-file-mb if this really is one)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except RejectedInput:
        raise
    except (OSError, ValueError) as exc:
        raise RejectedInput("unreadable", f"cannot read the file ({getattr(exc, 'strerror', None) or exc}); "
                                          "check its permissions") from None
    if len(data) > max_bytes:
        raise RejectedInput("too_large", f"the file grew over the limit of {max_bytes / 2**20:.0f} MB while being read")
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
        raise RejectedInput("no_text", "no press-release text is left after removing menus, labels and other page furniture")
    if not looks_swedish(body):
        raise RejectedInput("not_swedish", "the text is not in Swedish (too few Swedish function words); "
                                           "the extraction rules are written for Swedish")
    return Document(
        source_file=source_file,
        text=f"{title}\n\n{body}" if title else body,
        content_sha256=content_sha256 or hashlib.sha256(data).hexdigest(),
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        source_format="html" if is_html else "text",
        encoding=encoding,
        source_id=meta.get("source_id"),
    )


def _is_manifest(name: str) -> bool:
    low = name.lower()
    return "manifest" in low


def raw_files(raw_root: Path) -> list[tuple[str, str]]:
    """(path, source name) of the raw .txt/.html/.htm files under ``raw_root``, sorted
    by name, without hidden or manifest files. Plain string work: a large corpus lists
    in a fraction of the time pathlib takes."""
    root = os.fspath(raw_root)
    found: list[tuple[bytes, str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        prefix = os.path.relpath(dirpath, root)
        prefix = "" if prefix == "." else prefix.replace(os.sep, "/") + "/"
        for name in filenames:
            if name.startswith(".") or _is_manifest(name) or not name.lower().endswith(RAW_SUFFIXES):
                continue
            rel = os.fsencode(prefix + name)
            found.append((rel, os.path.join(dirpath, name), rel.decode("utf-8", "backslashreplace")))
    found.sort(key=lambda t: t[0])
    return [(path, name) for _, path, name in found]


def iter_raw_files(raw_root: Path) -> Iterator[Path]:
    """Raw .txt/.html/.htm files under ``raw_root``, sorted, no hidden or manifest files."""
    for path, _name in raw_files(raw_root):
        yield Path(path)
