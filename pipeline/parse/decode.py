"""Raw bytes -> text, with a reason when they cannot be text.

Swedish public-sector sites are mostly UTF-8, but older pages and exported files are
Windows-1252 or Latin-1 (and some Windows tools write UTF-16 with a BOM). We trust, in
order: a BOM, strict UTF-8, a declared charset, Windows-1252 when it yields plausible
Swedish text, and finally charset-normalizer.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from pipeline.document import RejectedInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BM", b"II*\x00", b"MM\x00*",
    b"\x7fELF", b"MZ", b"\xd0\xcf\x11\xe0", b"Rar!", b"7z\xbc\xaf", b"OggS", b"ID3", b"RIFF", b"\x00\x00\x01\x00",
)
# A charset a page declares itself (the scrape stage reads the same declarations).
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Characters expected in Swedish text decoded from a legacy 8-bit page.
_PLAUSIBLE_HIGH = set("åäöÅÄÖéÉèüÜæøÆØáàíóúñçëï§°½´¨–—‘’“”„…•€«»×·\u00a0©®™")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WHITESPACE_ONLY = re.compile(r"[\s\ufeff\u200b]*")


def _norm_name(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def sniff_declared(data: bytes) -> str | None:
    """Charset named in the document itself (<meta charset>, XML declaration)."""
    head = data[:4096]
    m = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NULs in every other byte position."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    high = [c for c in text if ord(c) > 127]
    if not high:
        return True
    return sum(c in _PLAUSIBLE_HIGH for c in high) / len(high) >= 0.9


def _try(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _finish(text: str, enc: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _WHITESPACE_ONLY.fullmatch(text):
        raise RejectedInput("empty", "the file holds only whitespace: there is no text to read")
    bad = len(_BAD_CONTROL.findall(text[:20000]))
    if bad > max(3, 0.02 * min(len(text), 20000)):
        raise RejectedInput("binary", f"too many control characters after decoding as {enc}")
    return (text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)), enc


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding_name); raise RejectedInput(empty|binary|undecodable)."""
    if not data or not data.strip():
        detail = "the file is empty (0 bytes): nothing to read" if not data else \
            "the file holds only whitespace: there is no text to read"
        raise RejectedInput("empty", detail)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _try(data[len(bom) :], enc)
            if text is None:
                raise RejectedInput("undecodable", f"byte order mark says {enc} but the bytes are not")
            return _finish(text, enc.replace("-le", "").replace("-be", "") if enc != "utf-8" else "utf-8")
    if data.startswith(_MAGIC):
        raise RejectedInput("binary", "the file starts with a binary file signature")
    utf16 = _looks_utf16(data)
    if utf16:
        text = _try(data, utf16)
        if text is not None:
            return _finish(text, "utf-16")
    if b"\x00" in data[:8192]:
        raise RejectedInput("binary", "the file contains NUL bytes")
    text = _try(data, "utf-8")
    if text is not None:
        return _finish(text, "utf-8")

    for name in (declared, sniff_declared(data)):
        enc = _norm_name(name) if name else None
        if not enc or enc == "utf-8":
            continue
        if enc in ("latin-1", "iso8859-1", "ascii"):  # browsers read these labels as cp1252
            text = _try(data, "cp1252")
            if text is not None:
                return _finish(text, "cp1252")
        text = _try(data, enc)
        if text is not None:
            return _finish(text, enc)

    for enc in ("cp1252", "iso8859-1"):
        text = _try(data, enc)
        if text is not None and _plausible(text):
            return _finish(text, enc)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # a detector failure is just "no guess"
        best = None
    if best is not None:
        text = _try(data, best.encoding)
        if text is not None:
            return _finish(text, _norm_name(best.encoding) or best.encoding)
    raise RejectedInput("undecodable", "no character encoding decodes the bytes to plausible text")
