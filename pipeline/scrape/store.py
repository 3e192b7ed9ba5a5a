"""The raw store: an item pipeline that writes fetched article pages unchanged, plus a manifest.

``data/raw`` is immutable input for the build stage, so a file once written is never
overwritten with different bytes: a page whose content changed is stored under a new
name (URL hash + content hash) with its own manifest row. Files are written to a
temporary name and moved into place, so an interrupted run never leaves half a page.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.parse.decode import META_CHARSET, XML_ENCODING

from .manifest import LISTINGS_NAME, MANIFEST_NAME, SKIPPED_NAME


@dataclass
class RawPage:
    """An article response as fetched: the spider's only product."""

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
    for pattern, data in (
        (_HEADER_CHARSET, (content_type or "").encode("latin-1", "replace")),
        (XML_ENCODING, body[:200]),
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


def save_validators(raw_root: Path, source_id: str, validators: dict[str, dict]) -> None:
    """Remember ETag / Last-Modified of listing pages for the next run's conditional GETs."""
    data = json.dumps(validators, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    atomic_write(Path(raw_root) / source_id / LISTINGS_NAME, data)


class RawStore:
    """Stores pages of one source under ``raw_root/<source id>/``; usable without Scrapy."""

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
    return hashlib.sha256(path.read_bytes()).hexdigest()


class RawStorePipeline:
    """Scrapy item pipeline around :class:`RawStore`; counts what it did in the crawl stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.raw_root = Path(crawler.settings.get("PRESSMINE_RAW_DIR", "data/raw"))
        self.store: RawStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RawStorePipeline":
        return cls(crawler)

    def _store_for(self, spider: Any) -> RawStore:
        if self.store is None:
            source = spider.source
            extra = {"article_selector": source.article_selector} if source.article_selector else {}
            self.store = RawStore(self.raw_root, source.id, source.publisher, source.region_code, extra)
        return self.store

    def process_item(self, item: Any, spider: Any = None) -> Any:
        spider = spider or self.crawler.spider
        store = self._store_for(spider)
        stats = self.crawler.stats
        if isinstance(item, RawPage):
            outcome, _row = store.store(item)
            stats.inc_value(f"pressmine/{outcome}")
        elif isinstance(item, SkippedPage):
            store.skip(item)
            stats.inc_value(f"pressmine/skipped_{item.reason}")
        return item
