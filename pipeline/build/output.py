"""Where results go: the new tables (staged until the commit), the cache and the summary.

Nothing under the output folder changes until :meth:`BuildOutput.commit`; leaving
with an exception discards the staged tables, so the previous dataset stays as it
was, and keeps the results already cached, so the next build does not redo them.
"""
from __future__ import annotations

import contextlib
import errno
import logging
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipeline.cache import ResultCache, encode
from pipeline.dataset import rows as rowlib
from pipeline.document import Rejected

from .errors import DiskFull
from .plan import Task

log = logging.getLogger(__name__)
CACHE_BATCH = 500  # fresh results written to the cache per transaction


@dataclass
class BuildSummary:
    base: str = ""
    documents: int = 0
    entities: Counter = field(default_factory=Counter)
    grants: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    from_cache: int = 0
    processed: int = 0
    seconds: float = 0.0
    relevant: int = 0
    copies: int = 0
    initiatives: int = 0
    named_initiatives: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        named = self.named_initiatives
        out = [f"NLP pipeline: {self.base}",
               f"documents: {self.documents} ({self.processed} processed, {self.from_cache} from cache) in {self.seconds:.1f} s",
               f"about integration: {self.relevant} of {self.documents}" + (f" ({self.copies} copies of another document)" if self.copies else ""),
               "entities: " + (", ".join(f"{label} {n}" for label, n in sorted(self.entities.items())) or "none"),
               f"grants: {self.grants}",
               f"initiatives: {self.initiatives} ({len(named)} named{': ' if named else ''}{', '.join(named[:12])}"
               + (f", ... {len(named) - 12} more" if len(named) > 12 else "") + ")",
               f"set aside: {len(self.rejected)}"]
        out += [f"  {r.source_file}: {r.reason} - {r.detail}" for r in self.rejected[:20]]
        if len(self.rejected) > 20:
            out.append(f"  ... and {len(self.rejected) - 20} more (see rejected.parquet)")
        return out


class BuildOutput:
    """``with BuildOutput(...) as output``: :meth:`add` every result, then :meth:`commit`."""

    def __init__(self, out_dir: Path, cache: ResultCache, summary: BuildSummary,
                 progress: Callable[[int], object] | None = None) -> None:
        self.out_dir, self.cache, self.summary, self.progress = Path(out_dir), cache, summary, progress
        self.stack = contextlib.ExitStack()
        self.writer = None
        self.pending: list[tuple[str, bytes]] = []  # fresh results not yet in the cache

    def dataset_writer(self):
        """The writer, made on first use: its module imports pyarrow, which a cold build
        so loads after the workers have forked instead of before."""
        if self.writer is None:
            from pipeline.dataset.write import DatasetWriter

            self.writer = self.stack.enter_context(DatasetWriter(self.out_dir))
        return self.writer

    def add(self, result: dict) -> None:
        """A file's result (a document with its rows, or a rejection) into the new tables."""
        writer, summary = self.dataset_writer(), self.summary
        if "rejected" in result:
            rejected = Rejected(**result["rejected"])
            summary.rejected.append(rejected)
            writer.add("rejected", [rowlib.rejected_row(rejected)])
        else:
            document, entities = result["document"], result["entities"]
            summary.documents += 1
            summary.relevant += bool(document.get("is_integration"))
            writer.add("documents", [document])
            summary.entities.update(r["label"] for r in entities)
            writer.add("entities", rowlib.with_doc_id(entities, document["doc_id"]))
            writer.add("grants", rowlib.with_doc_id(result["grants"], document["doc_id"]))
            writer.add("signatures", [result["signature"]])
            summary.grants += len(result["grants"])
        if self.progress:
            self.progress(1)

    def add_fresh(self, task: Task, result: dict, payload: bytes | None) -> None:
        """A result computed by this build: also cached, under its task's key."""
        if "document" in result:
            self.summary.processed += 1
        if result.get("cacheable", True) and self.cache.enabled:
            self.pending.append((task.key, payload if payload is not None else encode(result)))
            if len(self.pending) >= CACHE_BATCH:
                self.flush_cache()
        self.add(result)

    def flush_cache(self) -> None:
        self.cache.put_many(self.pending)
        self.pending.clear()

    def commit(self, build_info: dict) -> None:
        """Move the new tables into place; the summary learns what the cross-document step found."""
        self.flush_cache()
        writer = self.dataset_writer()
        writer.commit(build_info)
        self.summary.copies, self.summary.initiatives = writer.copies, writer.counts["initiatives"]
        self.summary.named_initiatives = writer.named_initiatives

    def __enter__(self) -> "BuildOutput":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None and self.pending:
            with contextlib.suppress(OSError, sqlite3.Error):  # worth keeping, not worth a second error
                self.flush_cache()
        self.stack.__exit__(exc_type, exc, tb)
        if exc_type is not None:
            # A stop that came while the writer was being made (its staging folder
            # created, the writer not yet in the stack) leaves the folder to no one:
            # this build holds the lock, so every unannounced staging folder is its own.
            from pipeline.dataset.write import discard_unannounced_staging

            discard_unannounced_staging(self.out_dir)


def is_disk_full(error: BaseException) -> bool:
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(error)


def disk_full(out_dir: Path) -> DiskFull:
    """What to free, with the figures a person needs to decide."""
    free = shutil.disk_usage(out_dir).free >> 20
    tables = sum(p.stat().st_size for p in out_dir.glob("*.parquet")) >> 20
    cache = sum(p.stat().st_size for p in (out_dir / ".cache").glob("*")) >> 20 if (out_dir / ".cache").is_dir() else 0
    return DiskFull(f"the disk holding {out_dir} is full ({free} MiB free). The previous dataset is unchanged. "
                    f"A build needs room for a second copy of the tables ({tables} MiB now) beside the old one, "
                    f"and its cache ({cache} MiB in {out_dir}/.cache) grows with new results: free that much "
                    f"on this disk, or build into a folder on another disk with --out")
