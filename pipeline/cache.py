"""Per-document result cache, so reruns only do NLP work on what changed.

A result is keyed by the raw file's content hash, the manifest metadata that shapes
the document, and the pipeline fingerprint (code version, model, configuration, data
files). Changing any of them misses the cache; an unchanged file never reaches spaCy.
SQLite gives atomic commits: a killed build leaves the cache valid. A cache that is
damaged, or was written in another format, is noticed, logged and started anew: it
only ever saves work. Payloads are
JSON, encoded once by orjson in the worker that made them (the standard library's
encoder was the largest single cost of the main process); older text payloads
decode the same way.
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import sqlite3
from pathlib import Path

import orjson

log = logging.getLogger(__name__)
SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload TEXT NOT NULL)"
# The layout above, as PRAGMA user_version; 0 is the same layout from before it was numbered.
FORMAT = 1


def cache_key(fingerprint: str, content_sha256: str, meta: dict | None) -> str:
    meta_text = json.dumps(meta, sort_keys=True, default=str) if meta else "{}"
    return hashlib.sha256(f"{fingerprint}\0{content_sha256}\0{meta_text}".encode()).hexdigest()


def encode(result: dict) -> bytes:
    """A per-document result as the bytes that are cached (and sent back by workers)."""
    return orjson.dumps(result)


def decode(payload: bytes | str) -> dict:
    return orjson.loads(payload)


class ResultCache:
    """Encoded results by key, in one SQLite file; ``path=None`` caches nothing."""

    def __init__(self, path: Path | None) -> None:
        self.enabled = path is not None
        self.path = Path(path) if path is not None else None
        self.hits = self.misses = 0
        self.stored: set[str] = set()  # keys known to be in the cache: read or written by this build
        if self.enabled:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.db = self._open()
            except sqlite3.DatabaseError as error:
                self._start_anew(error)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path))
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            columns = [row[1] for row in db.execute("PRAGMA table_info(results)")]
            if version not in (0, FORMAT) or columns not in ([], ["key", "payload"]):
                raise sqlite3.DatabaseError(f"written in another format (version {version}, columns {columns})")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute(f"PRAGMA user_version = {FORMAT}")
        except BaseException:
            db.close()
            raise
        return db

    def _start_anew(self, error: sqlite3.DatabaseError) -> None:
        """Replace a damaged or foreign cache by an empty one; this build then fills it."""
        log.warning("the result cache %s cannot be used (%s); starting a new one: this build processes "
                    "every file again", self.path, error)
        if getattr(self, "db", None) is not None:
            self.db.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.stored.clear()
        self.db = self._open()

    def get(self, key: str) -> bytes | None:
        """The encoded result stored under ``key`` (see :func:`decode`), or None."""
        if not self.enabled:
            return None
        try:
            row = self.db.execute("SELECT payload FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as error:
            self._start_anew(error)
            row = None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self.stored.add(key)
        return row[0]

    def put_many(self, items: list[tuple[str, bytes]]) -> None:
        """Store encoded results (see :func:`encode`) in one transaction."""
        if not (self.enabled and items):
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", items)
        except sqlite3.OperationalError as error:
            if "full" in str(error):  # SQLITE_FULL: the disk, as for any other write
                raise OSError(errno.ENOSPC, f"cannot add to the result cache {self.path}: {error}") from None
            raise
        except sqlite3.DatabaseError as error:
            self._start_anew(error)
            return
        self.stored.update(key for key, _ in items)

    def retain(self, keys: list[str]) -> None:
        """Forget results no longer used (removed files, old versions), keeping the cache small."""
        if not self.enabled:
            return
        try:
            self._retain(keys)
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as error:
            self._start_anew(error)

    def _retain(self, keys: list[str]) -> None:
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

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
