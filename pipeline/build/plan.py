"""Pass 1 of a build: hash every raw file and look its result up in the cache.

A file whose result is cached (same bytes, same manifest row, same pipeline
fingerprint) needs no work; the others become :class:`Task` s for pass 2.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pipeline.cache import ResultCache, cache_key, decode
from pipeline.rawstore import raw_files, read_manifests


@dataclass(frozen=True)
class Task:
    """A raw file that is not in the cache and must be parsed and processed."""

    path: str
    source_file: str
    meta: dict | None
    key: str  # its result's cache key
    content_sha256: str  # of the bytes hashed for the key; a worker reading other bytes knows the file changed


def rejection(source_file: str, reason: str, detail: str, cacheable: bool = True) -> dict:
    """The result of a file set aside (the same shape whether fresh or cached)."""
    return {"rejected": {"source_file": source_file, "reason": reason, "detail": detail}, "cacheable": cacheable}


def file_sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass
class Plan:
    """The raw files of a build, in name order, as tasks or as results already known."""

    raw_dir: Path
    fingerprint: str
    cache: ResultCache
    files: list[tuple[str, str]] = field(init=False)
    used_keys: list[str] = field(default_factory=list)  # the cache keys this build reads or writes
    from_cache: int = 0
    tasks: int = 0

    def __post_init__(self) -> None:
        self.files = raw_files(self.raw_dir)
        self.manifests = read_manifests(self.raw_dir)  # scrape metadata per file; none for local files

    def __iter__(self) -> Iterator[Task | dict]:
        """A :class:`Task` per file to process, a decoded result per file done before."""
        for path, source_file in self.files:
            meta = self.manifests.get(source_file)
            try:
                digest = file_sha256(path)
            except OSError as error:
                yield rejection(source_file, "unreadable", f"cannot read the file: {error.strerror or error}",
                                cacheable=False)
                continue
            key = cache_key(self.fingerprint, digest, meta)
            self.used_keys.append(key)
            cached = self.cache.get(key)
            if cached is None:
                self.tasks += 1
                yield Task(path, source_file, meta, key, digest)
            else:
                self.from_cache += 1
                yield decode(cached)

    def expected_tasks(self) -> int:
        """Tasks this build will have: until a file comes from the cache the build looks
        cold and every file is expected to be one; then, the tasks found so far."""
        return len(self.files) if self.from_cache == 0 else self.tasks
