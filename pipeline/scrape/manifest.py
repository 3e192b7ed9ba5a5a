"""Reading what earlier runs stored: the per-source manifests and crawl state.

``DIR/<source id>/manifest.jsonl`` has one JSON row per stored raw file (appended,
never rewritten). The build stage maps each raw file to its latest row with
:func:`read_manifests`; the crawler reads the same rows to know which article URLs it
already has (:func:`load_state`), which is what makes a second run incremental.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
SKIPPED_NAME = "skipped.jsonl"  # article URLs fetched but not kept (off-topic), so not fetched again
LISTINGS_NAME = "listings.json"  # ETag / Last-Modified of listing pages and feeds, for conditional GET

MANIFEST_KEYS = (
    "file",
    "url",
    "final_url",
    "fetched_at",
    "status",
    "content_type",
    "encoding",
    "etag",
    "last_modified",
    "sha256",
    "source_id",
    "publisher",
    "region_code",
)


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
    folder as it is.
    """
    raw_root = Path(raw_root)
    rows: dict[str, dict] = {}
    for manifest in sorted(raw_root.glob(f"*/{MANIFEST_NAME}")):
        for row in iter_jsonl(manifest):
            rel = row.get("file")
            if isinstance(rel, str) and (raw_root / rel).is_file():
                rows[rel] = row
    return rows


@dataclass
class SourceState:
    """What a source's earlier runs left behind, as the spider needs it."""

    known_urls: set[str] = field(default_factory=set)  # article URLs stored or deliberately skipped
    stored: dict[str, dict] = field(default_factory=dict)  # url -> latest manifest row
    validators: dict[str, dict] = field(default_factory=dict)  # listing url -> {"etag", "last_modified"}

    def is_known(self, url: str) -> bool:
        return url in self.known_urls


def load_state(raw_root: Path, source_id: str, topic_filter: bool = True) -> SourceState:
    """Known article URLs (requested and final), and validators of listing pages.

    Articles once dropped as off-topic count as known only while the topic filter is
    on, so turning it off fetches them.
    """
    folder = Path(raw_root) / source_id
    state = SourceState()
    for row in iter_jsonl(folder / MANIFEST_NAME):
        for key in ("url", "final_url"):
            url = row.get(key)
            if isinstance(url, str):
                state.known_urls.add(url)
                state.stored[url] = row
    for row in iter_jsonl(folder / SKIPPED_NAME):
        if row.get("reason") == "off_topic" and not topic_filter:
            continue
        for key in ("url", "final_url"):
            if isinstance(row.get(key), str):
                state.known_urls.add(row[key])
    try:
        data = json.loads((folder / LISTINGS_NAME).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            state.validators = {k: v for k, v in data.items() if isinstance(v, dict)}
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    return state
