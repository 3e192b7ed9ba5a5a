"""Per-document result cache, so reruns only do NLP work on what changed.

A result is keyed by the raw file's content hash, the manifest metadata that shapes
the document, and the pipeline fingerprint (code version, model, configuration, data
files). Changing any of them misses the cache; an unchanged file never reaches spaCy.
SQLite gives atomic commits: a killed build leaves the cache valid. Payloads are
JSON, encoded once by orjson in the worker that made them (the standard library's
encoder was the largest single cost of the main process); older text payloads
decode the same way.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import orjson

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload TEXT NOT NULL)"


def cache_key(fingerprint: str, content_sha256: str, meta: dict | None) -> str:
    meta_text = json.dumps(meta, sort_keys=True, default=str) if meta else "{}"
    return hashlib.sha256(f"{fingerprint}\0{content_sha256}\0{meta_text}".encode()).hexdigest()


def encode(result: dict) -> bytes:
    """A per-document result as the bytes that are cached (and sent back by workers)."""
    return orjson.dumps(result)


def decode(payload: bytes | str) -> dict:
    return orjson.loads(payload)


class ResultCache:
    def __init__(self, path: Path | None) -> None:
        self.enabled = path is not None
        self.hits = self.misses = 0
        self.stored: set[str] = set()  # keys known to be in the cache: read or written by this build
        if self.enabled:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path))
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(SCHEMA)

    def get(self, key: str) -> bytes | None:
        """The encoded result stored under ``key`` (see :func:`decode`), or None."""
        if not self.enabled:
            return None
        row = self.db.execute("SELECT payload FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self.stored.add(key)
        return row[0]

    def put_many(self, items: list[tuple[str, bytes]]) -> None:
        """Store encoded results (see :func:`encode`) in one transaction."""
        if self.enabled and items:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", items)
            self.stored.update(key for key, _ in items)

    def retain(self, keys: list[str]) -> None:
        """Forget results no longer used (removed files, old versions), keeping the cache small."""
        if not self.enabled:
            return
        (count,) = self.db.execute("SELECT COUNT(*) FROM results").fetchone()
        if count == len(self.stored.intersection(keys)):
            return  # every stored result is in use: nothing to forget (the usual case)
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM used")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in keys])
            self.db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        if self.enabled:
            self.db.close()
