"""The build: raw files -> documents -> spaCy -> normalised Parquet tables.

One streaming pass. Each raw file is hashed; a file whose result is in the cache
(same bytes, same metadata, same pipeline fingerprint) is written straight from the
cache; the rest are parsed and sent through ``nlp.pipe`` in batches. Files that
cannot become documents are set aside in ``rejected.parquet`` with their reason.
Nothing under the output folder changes until every table is complete.
"""
from __future__ import annotations

import collections
import contextlib
import fcntl
import gc
import hashlib
import logging
import multiprocessing
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pipeline import __version__
from pipeline.cache import ResultCache, cache_key, decode, encode
from pipeline.config import BuildConfig
from pipeline.dataset import rows as rowlib
from pipeline.document import Document, Rejected, RejectedInput
from pipeline.parse import parse_file, raw_files

log = logging.getLogger(__name__)
CACHE_FILE = Path(".cache") / "results.sqlite"


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


def load_manifests(raw_dir: Path) -> dict[str, dict]:
    """Scrape metadata per stored file (url, source, publisher); empty for local files."""
    try:
        from pipeline.scrape.manifest import read_manifests
    except ImportError:  # the scrape stage is optional for building
        return {}
    return read_manifests(raw_dir)


def file_sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@dataclass(frozen=True)
class Task:
    """A raw file that is not in the cache and must be parsed and processed."""
    path: str
    source_file: str
    meta: dict | None
    key: str
    content_sha256: str  # hashed for the cache key; the worker need not hash the bytes again


def build_dataset(config: BuildConfig, progress=None) -> BuildSummary:
    """Build ``config.out_dir`` from ``config.raw_dir``; returns what was done.

    Pass 1 hashes every raw file and serves unchanged ones from the cache; pass 2
    parses and processes the rest in batches, in worker processes when there are
    many, and caches their results. spaCy is loaded only if pass 2 has work.
    """
    from pipeline.nlp import describe_pipeline

    started = time.perf_counter()
    raw_dir, out_dir = Path(config.raw_dir), Path(config.out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    base, description = describe_pipeline(config)
    fingerprint = config.result_fingerprint(description)
    summary = BuildSummary(base=base)
    manifests = load_manifests(raw_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = exclusive_lock(out_dir)
    cache = ResultCache(out_dir / CACHE_FILE if config.use_cache else None)
    try:
        with contextlib.ExitStack() as stack:
            writer = None

            def dataset_writer():
                """The writer, made on first use: its module imports pyarrow, which a cold
                build so loads after the workers have forked instead of before."""
                nonlocal writer
                if writer is None:
                    from pipeline.dataset.write import DatasetWriter

                    writer = stack.enter_context(DatasetWriter(out_dir))
                return writer

            def emit(result: dict) -> None:
                writer = dataset_writer()
                if "rejected" in result:
                    rejected = Rejected(**result["rejected"])
                    summary.rejected.append(rejected)
                    writer.add("rejected", [rowlib.rejected_row(rejected)])
                    return
                document, entities = result["document"], result["entities"]
                summary.documents += 1
                summary.relevant += bool(document.get("is_integration"))
                writer.add("documents", [document])
                summary.entities.update(r["label"] for r in entities)
                writer.add("entities", rowlib.with_doc_id(entities, document["doc_id"]))
                writer.add("grants", rowlib.with_doc_id(result["grants"], document["doc_id"]))
                writer.add("signatures", [result["signature"]])
                summary.grants += len(result["grants"])

            tasks: list[Task] = []
            used_keys: list[str] = []
            workers, submitted = None, 0  # submitted: tasks handed to the workers so far
            files = raw_files(raw_dir)
            for path, source_file in files:
                meta = manifests.get(source_file)
                try:
                    digest = file_sha256(path)
                    key = cache_key(fingerprint, digest, meta)
                except OSError as error:
                    emit(rejection(source_file, "unreadable", f"cannot read the file: {error.strerror or error}"))
                    continue
                used_keys.append(key)
                cached = cache.get(key)
                if cached is None:
                    tasks.append(Task(path, source_file, meta, key, digest))
                    # Until a file comes from the cache, the build looks cold: every file
                    # is expected to be a task, and the workers start at the first one.
                    expected = len(files) if summary.from_cache == 0 else len(tasks)
                    if workers is None and (processes := worker_count(config, expected)) > 1:
                        # Enough work for workers: start them, and hand them batches
                        # while this process goes on hashing the remaining files.
                        workers = stack.enter_context(WorkerPool(processes, config, raw_dir))
                    if workers is not None and len(tasks) - submitted >= config.batch_size:
                        workers.submit(tasks[submitted:])
                        submitted = len(tasks)
                    continue
                summary.from_cache += 1
                emit(decode(cached))
                if progress:
                    progress(1)

            if tasks:
                pending: list[tuple[str, bytes]] = []
                if workers is not None:
                    workers.submit(tasks[submitted:])
                results = workers.results() if workers is not None else process_in_process(tasks, config, raw_dir)
                for task, payload in results:
                    result = decode(payload)
                    if "document" in result:
                        summary.processed += 1
                    if result.get("cacheable", True):
                        pending.append((task.key, payload))
                    emit(result)
                    if progress:
                        progress(1)
                    if len(pending) >= 500:
                        cache.put_many(pending)
                        pending.clear()
                cache.put_many(pending)
            cache.retain(used_keys)
            summary.seconds = time.perf_counter() - started
            writer = dataset_writer()
            writer.commit({"pipeline_version": __version__, "nlp_pipeline": base,
                           "fingerprint": fingerprint, "raw_dir": str(raw_dir),
                           "documents": summary.documents, "rejected": len(summary.rejected)})
            summary.copies, summary.initiatives = writer.copies, writer.counts["initiatives"]
            summary.named_initiatives = writer.named_initiatives
    finally:
        cache.close()
        lock.close()
    summary.seconds = time.perf_counter() - started
    return summary


def exclusive_lock(out_dir: Path):
    """One build per output folder at a time; a second one stops with a clear message."""
    handle = open(out_dir / ".build.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise BuildInProgress(f"another build is writing to {out_dir}; wait for it to finish") from None
    return handle


class BuildInProgress(RuntimeError):
    pass


def rejection(source_file: str, reason: str, detail: str, cacheable: bool = True) -> dict:
    return {"rejected": {"source_file": source_file, "reason": reason, "detail": detail}, "cacheable": cacheable}


# -- pass 2: parse and process, in this process or in forked workers ---------------
_WORKER: dict = {}  # this build's settings and pipeline, set before workers fork
AUTO_WORKERS_FROM = 400  # tasks from which --processes 0 (auto) uses worker processes


def worker_count(config: BuildConfig, n_tasks: int) -> int:
    """Processes for pass 2: as configured, or (auto) all cores, up to 2, for large builds."""
    if config.n_process:
        return config.n_process
    return min(os.cpu_count() or 1, 2) if n_tasks >= AUTO_WORKERS_FROM else 1


def _load_for_build(config: BuildConfig, raw_dir: Path) -> None:
    """Load this build's pipeline (in the main process, before workers fork, so that
    they share its memory instead of each loading their own)."""
    from pipeline.nlp import load_pipeline

    _WORKER.update(raw_dir=raw_dir, config=config, nlp=load_pipeline(config).nlp)


def _one_thread_each() -> None:
    """Workers already use every core; BLAS threads inside them (the NER model's
    matrix products) would only compete for the same cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


class WorkerPool:
    """Forked worker processes that parse and extract batches of tasks.

    Batches are submitted as pass 1 finds them, so the workers start while the main
    process is still hashing. Results come back as encoded bytes, which cross the
    pipe faster than nested dicts and go into the cache as they are.
    """

    def __init__(self, processes: int, config: BuildConfig, raw_dir: Path) -> None:
        _load_for_build(config, raw_dir)
        gc.freeze()  # the loaded pipeline is never collected: keep GC passes (and copy-on-write) off it
        # An executor, not a multiprocessing.Pool: when a worker dies (killed, out of
        # memory) its futures fail with BrokenProcessPool instead of waiting forever.
        self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_one_thread_each)
        self.submitted: collections.deque = collections.deque()

    def submit(self, tasks: list[Task]) -> None:
        """Queue tasks for the workers, in batches of the configured size."""
        for batch in batches(tasks, _WORKER["config"].batch_size):
            self.submitted.append((batch, self.pool.submit(_process_batch, batch)))

    def results(self) -> Iterator[tuple[Task, bytes]]:
        """Every submitted task's result, in submission order."""
        while self.submitted:
            batch, pending = self.submitted.popleft()
            try:
                batch_results = pending.result()
            except BrokenProcessPool:
                raise WorkerDied(
                    f"a worker process died (killed, or out of memory?) in the batch that starts with "
                    f"{batch[0].source_file}; nothing was written. Rerun with --processes 1 to see "
                    f"which file it is, or with a smaller --batch-size") from None
            yield from zip(batch, batch_results)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


class WorkerDied(RuntimeError):
    pass


def process_in_process(tasks: list[Task], config: BuildConfig, raw_dir: Path) -> Iterator[tuple[Task, bytes]]:
    """Encoded results for every task, in task order, computed in this process."""
    _load_for_build(config, raw_dir)
    for batch in batches(tasks, config.batch_size):
        yield from zip(batch, _process_batch(batch))


def batches(tasks: list[Task], size: int) -> Iterator[list[Task]]:
    for i in range(0, len(tasks), size):
        yield tasks[i:i + size]


def _process_batch(batch: list[Task]) -> list[bytes]:
    return [encode(result) for result in _batch_results(batch)]


def _batch_results(batch: list[Task]) -> list[dict]:
    nlp, raw_dir, config = _WORKER["nlp"], _WORKER["raw_dir"], _WORKER["config"]
    results: list[dict | None] = []
    documents: list[tuple[int, Document]] = []
    for task in batch:
        try:
            document = parse_file(task.path, raw_dir, meta=task.meta, max_bytes=config.max_file_bytes,
                                  source_file=task.source_file, content_sha256=task.content_sha256)
        except RejectedInput as error:
            results.append(rejection(task.source_file, error.reason, error.detail))
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
            log.exception("unexpected error parsing %s", task.source_file)
            results.append(rejection(task.source_file, "error", f"{type(error).__name__}: {error}", cacheable=False))
            continue
        if len(document.text) > config.max_text_chars:
            results.append(rejection(task.source_file, "too_large", (
                f"its text is {len(document.text):,} characters after cleaning, over the limit of "
                f"{config.max_text_chars:,} (a press release has a few thousand): probably a page dump or several "
                f"releases in one file; split it, or raise max_text_chars")))
            continue
        documents.append((len(results), document))
        results.append(None)
    failures: dict[str, str] = {}

    def fail(doc_id: str, component: str, error: Exception) -> None:
        log.error("%s failed: %s: %s", component, type(error).__name__, error)
        failures[doc_id] = f"extraction failed in {component}: {type(error).__name__}: {error}"

    def record_failure(component: str, proc, docs, error: Exception) -> None:
        """A component that fails on a document sets that document aside, not the run."""
        for failed in docs:
            fail(failed._.doc_id, component, error)

    nlp.default_error_handler = record_failure  # used for components without a batch method
    try:
        docs = (make_doc(nlp, document) for _, document in documents)
        processed = {doc._.doc_id: doc for doc in nlp.pipe(docs, batch_size=len(batch))}
    except Exception:  # a batched component (the NER model) failed: redo one by one
        processed = {}
        for _, document in documents:
            try:
                processed[document.doc_id] = nlp(make_doc(nlp, document))
            except Exception as error:  # noqa: BLE001 - recorded and reported per document
                fail(document.doc_id, "the NLP pipeline", error)
    for index, document in documents:
        doc = processed.get(document.doc_id)
        if doc is None:
            detail = failures.get(document.doc_id, "extraction failed")
            results[index] = rejection(document.source_file, "error", detail, cacheable=False)
            continue
        results[index] = {"document": {**rowlib.document_row(document), **rowlib.topic_columns(doc)},
                          "entities": rowlib.entity_rows(doc, document.text),
                          "grants": rowlib.grant_rows(doc),
                          "signature": rowlib.signature_row(document)}
    return results


def make_doc(nlp, document: Document):
    """A tokenised Doc carrying what the components need to know about its document."""
    from pipeline.nlp.extensions import (
        remember_text,  # imports spaCy: only when there is work
    )

    doc = nlp.make_doc(document.text)
    remember_text(doc, document.text)
    x = doc._
    x.doc_id = document.doc_id
    x.published = document.published.isoformat() if document.published else None
    x.publisher = document.publisher
    return doc
