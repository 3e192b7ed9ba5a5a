"""The build: raw files -> documents -> spaCy -> normalised Parquet tables.

One streaming pass, in three parts, one module each. Planning (``plan.py``) hashes
each raw file; a file whose result is in the cache (same bytes, same metadata, same
pipeline fingerprint) is written straight from the cache. Running (``workers.py``,
``extract.py``) parses the rest and sends them through ``nlp.pipe`` in batches, in
forked workers when there are many. Writing (``output.py``) stages the tables and
commits them at the end, so nothing under the output folder changes until every
table is complete; files that cannot become documents are set aside in
``rejected.parquet`` with their reason. One build per output folder (``lock.py``).
"""
from __future__ import annotations

import time
from pathlib import Path

from pipeline import __version__
from pipeline.cache import ResultCache
from pipeline.config import BuildConfig

from .errors import BuildError, BuildInProgress, DiskFull, OutputNotWritable, WorkerDied
from .lock import BuildLock
from .output import BuildOutput, BuildSummary, disk_full, is_disk_full
from .plan import Plan, Task
from .workers import Runner

__all__ = ["build_dataset", "BuildSummary", "BuildError", "BuildInProgress", "DiskFull", "OutputNotWritable",
           "WorkerDied", "CACHE_FILE"]

CACHE_FILE = Path(".cache") / "results.sqlite"


def build_dataset(config: BuildConfig, progress=None) -> BuildSummary:
    """Build ``config.out_dir`` from ``config.raw_dir``; returns what was done.

    Raises :class:`BuildError` (with a message for a person) when the build cannot
    finish; the previous dataset is then unchanged. spaCy is loaded only if there is
    work that the cache cannot serve.
    """
    from pipeline.nlp import describe_pipeline

    started = time.perf_counter()
    raw_dir, out_dir = Path(config.raw_dir), Path(config.out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist")
    base, description = describe_pipeline(config)
    fingerprint = config.result_fingerprint(description)
    summary = BuildSummary(base=base)
    try:
        with BuildLock(out_dir) as lock, ResultCache(out_dir / CACHE_FILE if config.use_cache else None) as cache, \
                BuildOutput(out_dir, cache, summary, progress) as output:
            plan = Plan(raw_dir, fingerprint, cache)
            with Runner(config, raw_dir, inherited_fds=(lock.fd,)) as runner:
                for item in plan:
                    if isinstance(item, Task):
                        runner.add(item, plan.expected_tasks())
                    else:
                        output.add(item)
                for task, result, payload in runner.results():
                    output.add_fresh(task, result, payload)
            summary.from_cache = plan.from_cache
            cache.retain(plan.used_keys)
            summary.seconds = time.perf_counter() - started
            output.commit({"pipeline_version": __version__, "nlp_pipeline": base, "fingerprint": fingerprint,
                           "raw_dir": str(raw_dir), "documents": summary.documents,
                           "rejected": len(summary.rejected), "redact_contacts": config.redact_contacts})
    except OSError as error:
        if is_disk_full(error):
            raise disk_full(out_dir) from None
        raise
    summary.seconds = time.perf_counter() - started
    return summary
