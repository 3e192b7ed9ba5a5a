"""Atomic, streaming Parquet output.

Tables are written row group by row group into a hidden staging folder inside the
output folder (same file system), then each finished file is moved into place with
``os.replace``, which is atomic. A build killed at any moment therefore leaves every
visible table either entirely old or entirely new, never half-written. The moves
are announced in a journal before they start, so a build killed between two moves is
completed by the next build; staging folders of killed builds are removed.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.dataset.crossdoc import derive_tables
from pipeline.dataset.duplicates import Signed, find_duplicates
from pipeline.dataset.schema import CONTRACT_VERSION, DERIVED_TABLES, SCHEMAS

# Staged beside the tables but never published: what finding copies needs of every document.
SIGNATURES = pa.schema([pa.field("doc_id", pa.string(), False), pa.field("published", pa.date32()),
                        pa.field("n", pa.int32(), False), pa.field("minhash", pa.list_(pa.uint64()), False)])
STAGED = {**SCHEMAS, "signatures": SIGNATURES}
ROW_TABLES = tuple(name for name in STAGED if name not in DERIVED_TABLES)  # written row by row

STAGING_PREFIX = ".staging-"
JOURNAL = ".commit.json"


@functools.cache
def _as_text_dates(schema: pa.Schema) -> pa.Schema:
    """The same schema with date columns as strings, for building from JSON-shaped rows."""
    return pa.schema([pa.field(f.name, pa.string(), f.nullable, f.metadata) if f.type == pa.date32() else f
                      for f in schema], metadata=schema.metadata)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DatasetWriter:
    """Write all contract tables for one build; nothing is visible until :meth:`commit`.

    Use as a context manager: leaving the block with an exception discards the
    staging folder and leaves the previous dataset untouched.
    """

    def __init__(self, out_dir: Path, row_group_size: int = 5000) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(self.out_dir)
        self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir))
        self.row_group_size = row_group_size
        self._buffers: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {name: 0 for name in STAGED}
        self.copies = 0  # documents found to be copies of another
        self.named_initiatives: list[str] = []  # for the build's summary

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def add(self, table: str, rows: Iterable[Mapping]) -> None:
        buffer = self._buffers[table]
        for row in rows:
            buffer.append(row)
            self.counts[table] += 1
        if len(buffer) >= self.row_group_size:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._buffers[table]
        if not rows and table in self._writers:
            return
        schema = STAGED[table]
        # Dates arrive as ISO strings (the JSON form rows are cached in) and are cast here;
        # a column missing from a row is null.
        batch = pa.Table.from_pylist(rows, schema=_as_text_dates(schema)).cast(schema)
        writer = self._writers.get(table)
        if writer is None:
            writer = pq.ParquetWriter(self.staging / f"{table}.parquet", schema, compression="zstd")
            self._writers[table] = writer
        writer.write_table(batch)
        self._buffers[table] = []

    def finish(self, build_info: dict) -> None:
        """Complete every table in the staging folder: the per-document tables, the
        cross-document ones derived from them, and build_info.json; nothing moves yet."""
        for table in ROW_TABLES:
            self._flush(table)
            self._writers.pop(table).close()
        self._mark_copies()
        derived = derive_tables(self.staging, SCHEMAS)
        for name, table in derived.tables.items():
            pq.write_table(table, self.staging / f"{name}.parquet", compression="zstd")
            self.counts[name] = table.num_rows
        self.named_initiatives = [n for n in derived.tables["initiatives"]["name"].to_pylist() if n]
        pq.write_table(derived.grants, self.staging / "grants.parquet", compression="zstd")  # with initiative_id
        (self.staging / "signatures.parquet").unlink()
        del self.counts["signatures"]
        info = {"contract_version": CONTRACT_VERSION, "rows": self.counts, **build_info}
        (self.staging / "build_info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False, default=str))
        for path in self.staging.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())

    def _mark_copies(self) -> None:
        """Fill documents.duplicate_of: the staged documents are rewritten batch by batch
        (the text column is the bulk of the data, so never read whole)."""
        signatures = pq.read_table(self.staging / "signatures.parquet")
        copies = find_duplicates(Signed(*row) for row in zip(*(signatures[c].to_pylist() for c in SIGNATURES.names)))
        self.copies = len(copies)
        if not copies:
            return
        path, schema = self.staging / "documents.parquet", SCHEMAS["documents"]
        column = schema.get_field_index("duplicate_of")
        rewritten = path.with_suffix(".rewrite")
        with pq.ParquetWriter(rewritten, schema, compression="zstd") as writer:
            for batch in pq.ParquetFile(path).iter_batches(self.row_group_size):
                originals = pa.array([copies.get(d) for d in batch.column("doc_id").to_pylist()], pa.string())
                writer.write_batch(batch.set_column(column, schema.field(column), originals))
        os.replace(rewritten, path)

    def commit(self, build_info: dict) -> None:
        """Finish the tables and move them into the output folder, build_info.json last.

        The moves are announced in a journal first, so that a build killed between two
        moves is completed by the next one (:func:`recover`) rather than leaving a mix
        of old and new tables."""
        self.finish(build_info)
        journal = self.out_dir / JOURNAL
        tmp = journal.with_suffix(".tmp")
        tmp.write_text(json.dumps({"staging": self.staging.name}))
        os.replace(tmp, journal)
        _fsync_dir(self.out_dir)
        recover(self.out_dir)

    def abort(self) -> None:
        for writer in self._writers.values():
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - closing a broken writer must not mask the real error
                pass
        self._writers.clear()
        shutil.rmtree(self.staging, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Complete a commit that was announced in the journal but perhaps not finished."""
    journal = Path(out_dir) / JOURNAL
    if not journal.exists():
        return
    staging = Path(out_dir) / json.loads(journal.read_text())["staging"]
    for name in [*(f"{t}.parquet" for t in SCHEMAS), "build_info.json"]:
        if (staging / name).exists():
            os.replace(staging / name, Path(out_dir) / name)
    _fsync_dir(Path(out_dir))
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def discard_unannounced_staging(out_dir: Path) -> None:
    """Remove staging folders that no commit journal names (a build that stopped)."""
    journal = Path(out_dir) / JOURNAL
    announced = json.loads(journal.read_text())["staging"] if journal.exists() else None
    for path in Path(out_dir).glob(STAGING_PREFIX + "*"):
        if path.name != announced:
            shutil.rmtree(path, ignore_errors=True)


def remove_stale_staging(out_dir: Path) -> None:
    """Finish an interrupted commit, then remove staging folders of builds that were killed."""
    recover(out_dir)
    for path in Path(out_dir).glob(STAGING_PREFIX + "*"):
        shutil.rmtree(path, ignore_errors=True)
