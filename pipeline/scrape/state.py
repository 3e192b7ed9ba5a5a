"""What earlier runs of a source left in the raw store, as its crawler needs it.

The crawler reads the store's rows (``pipeline.rawstore``) to know which article URLs
it already has (:func:`load_state`), which is what makes a second run incremental,
and keeps the ETag / Last-Modified of listing pages for conditional requests
(:func:`save_validators`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.rawstore import (
    LISTINGS_NAME,
    MANIFEST_NAME,
    SKIPPED_NAME,
    atomic_write,
    iter_jsonl,
)


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


def save_validators(raw_root: Path, source_id: str, validators: dict[str, dict]) -> None:
    """Remember ETag / Last-Modified of listing pages for the next run's conditional GETs."""
    data = json.dumps(validators, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    atomic_write(Path(raw_root) / source_id / LISTINGS_NAME, data)
