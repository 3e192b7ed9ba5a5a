"""The raw store: ``data/raw``, the scrape stage's output and the build's input.

Its format belongs to neither stage, so it is written down once, here. A raw folder
holds press releases as files (``.txt``, ``.html``, ``.htm``, in any sub-folder) and,
for scraped sources, ``<source id>/manifest.jsonl``: one JSON row per stored file
(where it was fetched, how it was served, who published it), appended, never
rewritten. A scraped page is stored unchanged under a name made of hashes, never of
the URL, so no URL can name a file outside its source's folder; a file once written is
never overwritten with different bytes (a changed page gets a new name and row).
Hidden files and folders (``.cache``, ``.scrapy``, ``.tmp-*``) and the store's own
metadata files are not releases; every other raw file is.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

log = logging.getLogger(__name__)

RAW_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.jsonl"
SKIPPED_NAME = "skipped.jsonl"  # article URLs fetched but not kept (off-topic, gone), so not fetched again
LISTINGS_NAME = "listings.json"  # ETag / Last-Modified of listing pages and feeds, for conditional GET
METADATA_NAMES = frozenset({MANIFEST_NAME, SKIPPED_NAME, LISTINGS_NAME})  # the store's own files

MANIFEST_KEYS = (
    "file", "url", "final_url", "fetched_at", "status", "content_type", "encoding", "etag",
    "last_modified", "sha256", "source_id", "publisher", "region_code",
)

# --------------------------------------------------------------------------- reading


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


def raw_files(raw_root: Path) -> list[tuple[str, str]]:
    """(path, source name) of the raw releases under ``raw_root``, sorted by name:
    every .txt/.html/.htm file that is neither hidden nor one of the store's metadata
    files. Plain string work: a large corpus lists in a fraction of the time pathlib takes."""
    root = os.fspath(raw_root)
    found: list[tuple[bytes, str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        prefix = os.path.relpath(dirpath, root)
        prefix = "" if prefix == "." else prefix.replace(os.sep, "/") + "/"
        for name in filenames:
            if name.startswith(".") or name in METADATA_NAMES or not name.lower().endswith(RAW_SUFFIXES):
                continue
            rel = os.fsencode(prefix + name)
            found.append((rel, os.path.join(dirpath, name), rel.decode("utf-8", "backslashreplace")))
    found.sort(key=lambda t: t[0])
    return [(path, name) for _, path, name in found]


def iter_raw_files(raw_root: Path) -> Iterator[Path]:
    """The raw releases under ``raw_root`` (see :func:`raw_files`), as paths."""
    for path, _name in raw_files(raw_root):
        yield Path(path)


def iter_jsonl(path: Path) -> Iterator[dict]:
    """Rows of a JSON-lines file; a torn last line (interrupted write) is skipped with a warning."""
    try:
        fh = path.open("r", encoding="utf-8")
    except FileNotFoundError:
        return
    with fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                log.warning("%s:%d: skipping a line that is not JSON", path, lineno)
                continue
            if isinstance(row, dict):
                yield row


def read_manifests(raw_root: Path) -> dict[str, dict]:
    """Map each stored file (path relative to ``raw_root``, POSIX) to its latest manifest row.

    Rows whose file no longer exists are left out, so the result describes the raw
    folder as it is; a raw folder without manifests (local files) maps nothing.
    """
    raw_root = Path(raw_root)
    rows: dict[str, dict] = {}
    for manifest in sorted(raw_root.glob(f"*/{MANIFEST_NAME}")):
        for row in iter_jsonl(manifest):
            rel = row.get("file")
            if isinstance(rel, str) and (raw_root / rel).is_file():
                rows[rel] = row
    return rows


# --------------------------------------------------------------------------- writing


@dataclass
class RawPage:
    """A fetched article page, as it is stored."""

    source_id: str
    url: str  # as first requested, before redirects
    final_url: str
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    fetched_at: str = field(default_factory=lambda: utc_now())


@dataclass
class SkippedPage:
    """An article fetched but not kept (e.g. off-topic), remembered so it is not fetched again."""

    source_id: str
    url: str
    final_url: str
    reason: str
    fetched_at: str = field(default_factory=lambda: utc_now())


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


_EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/pdf": ".pdf",
}
_HEADER_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def declared_encoding(content_type: str | None, body: bytes) -> str | None:
    """The charset the server or the page itself declares (not a guess), lower-case."""
    from pipeline.parse.decode import (  # here: the parse stage imports this module
        META_CHARSET,
        XML_ENCODING,
    )

    for pattern, data in (
        (_HEADER_CHARSET, (content_type or "").encode("latin-1", "replace")),
        (XML_ENCODING, body[:200]),  # the parse stage's own patterns for what a page declares
        (META_CHARSET, body[:4096]),
    ):
        match = pattern.search(data)
        if match:
            return match.group(1).decode("ascii").lower()
    return None


def url_key(url: str) -> str:
    """The stable part of a stored file's name: a hash of the requested URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def append_jsonl(path: Path, row: dict[str, Any]) -> None:
    """Append one row; a single write of one line, flushed, so rows never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


class RawStore:
    """Stores pages of one source under ``raw_root/<source id>/``, each with its manifest row."""

    def __init__(self, raw_root: Path, source_id: str, publisher: str, region_code: str, extra: dict | None = None):
        self.raw_root = Path(raw_root)
        self.source_id = source_id
        self.folder = self.raw_root / source_id
        self.publisher = publisher
        self.region_code = region_code
        self.extra = extra or {}

    def store(self, page: RawPage) -> tuple[str, dict | None]:
        """Write the page; return ("stored" | "unchanged", manifest row or None)."""
        content_type = page.headers.get("content-type", "")
        mime = content_type.split(";")[0].strip().lower()
        ext = _EXTENSIONS.get(mime, ".html" if not mime else ".bin")
        sha = hashlib.sha256(page.body).hexdigest()
        base = url_key(page.url)
        path = self.folder / f"{base}{ext}"
        if path.exists():
            if _sha256_file(path) == sha:
                return "unchanged", None
            path = self.folder / f"{base}-{sha[:12]}{ext}"  # changed page: new name, old file kept
            if path.exists():
                return "unchanged", None
        atomic_write(path, page.body)
        row = {
            "file": path.relative_to(self.raw_root).as_posix(),
            "url": page.url,
            "final_url": page.final_url,
            "fetched_at": page.fetched_at,
            "status": page.status,
            "content_type": content_type or None,
            "encoding": declared_encoding(content_type, page.body),
            "etag": page.headers.get("etag"),
            "last_modified": page.headers.get("last-modified"),
            "sha256": sha,
            "source_id": self.source_id,
            "publisher": self.publisher,
            "region_code": self.region_code,
            **self.extra,
        }
        append_jsonl(self.folder / MANIFEST_NAME, row)
        return "stored", row

    def skip(self, page: SkippedPage) -> None:
        append_jsonl(
            self.folder / SKIPPED_NAME,
            {"url": page.url, "final_url": page.final_url, "reason": page.reason, "fetched_at": page.fetched_at},
        )


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
