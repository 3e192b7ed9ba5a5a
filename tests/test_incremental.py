"""Reruns only do the work that changed, and a killed build never damages the dataset."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from builds import REPO, build, make_corpus, release, tables

from pipeline.config import BuildConfig
from pipeline.dataset.schema import SCHEMAS
from pipeline.dataset.write import JOURNAL, DatasetWriter, recover

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def test_unchanged_added_changed_removed(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 12)
    first = build(raw, out)
    assert (first.processed, first.from_cache) == (12, 0)
    again = build(raw, out)
    assert (again.processed, again.from_cache) == (0, 12)
    (raw / "new1.txt").write_text(release(100), encoding="utf-8")
    (raw / "new2.txt").write_text(release(101), encoding="utf-8")
    added = build(raw, out)
    assert (added.processed, added.from_cache) == (2, 12)
    (raw / "r0003.txt").write_text(release(3).replace("får 103 000", "får 999 000"), encoding="utf-8")
    changed = build(raw, out)
    assert (changed.processed, changed.from_cache) == (1, 13)
    money = pd.read_parquet(out / "entities.parquet").query("label == 'MONEY'")
    assert 999_000 in set(money.amount_sek) and 103_000 not in set(money.amount_sek)
    (raw / "r0005.txt").unlink()
    removed = build(raw, out)
    assert (removed.processed, removed.documents) == (0, 13)
    assert "r0005.txt" not in set(pd.read_parquet(out / "documents.parquet").source_file)
    assert build(raw, out, max_file_bytes=10_000_000).processed == 13  # a setting that changes results


def test_cached_and_fresh_builds_are_identical(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 8)
    build(raw, tmp_path / "a")
    build(raw, tmp_path / "a")  # all from the cache
    build(raw, tmp_path / "b", use_cache=False)
    a, b = tables(tmp_path / "a"), tables(tmp_path / "b")
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_cached_entity_rows_leave_out_empty_columns_and_the_tables_have_them_all(tmp_path):
    import sqlite3

    from pipeline.build import CACHE_FILE
    from pipeline.cache import decode

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 3)
    build(raw, out)
    with sqlite3.connect(out / CACHE_FILE) as db:
        payloads = [decode(p) for (p,) in db.execute("SELECT payload FROM results")]
    rows = [row for payload in payloads for row in payload["entities"]]
    assert rows and all(value is not None for row in rows for key, value in row.items() if key not in ("normalized", "method"))
    money = next(row for row in rows if row["label"] == "MONEY")
    assert "date" not in money and money["amount_sek"] >= 100_000
    entities = pd.read_parquet(out / "entities.parquet")
    assert list(entities.columns) == SCHEMAS["entities"].names
    assert entities.query("label == 'MONEY'").date.isna().all() and entities.query("label == 'DATE'").date.notna().all()


def test_workers_on_a_partly_cached_corpus_match_a_single_process_build(tmp_path):
    """Batches go to the workers while pass 1 is still hashing; cached and fresh
    results interleave, and batches are cut to size. The tables must not notice."""
    raw = tmp_path / "raw"
    make_corpus(raw, 9)
    parallel = tmp_path / "parallel"
    build(raw, parallel, n_process=2, batch_size=2)
    for i in range(9, 23):
        (raw / f"r{i:04d}.txt").write_text(release(i), encoding="utf-8")
    summary = build(raw, parallel, n_process=2, batch_size=3)
    assert (summary.processed, summary.from_cache, summary.documents) == (14, 9, 23)
    build(raw, tmp_path / "single", n_process=1, use_cache=False)
    a, b = tables(parallel), tables(tmp_path / "single")
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_each_build_in_a_process_uses_its_own_configuration(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 3)
    labels = []
    for sources in ("rules", "model"):  # "model" on the rules base: money and dates only
        out = tmp_path / sources
        build(raw, out, entity_sources=sources, use_cache=False)
        labels.append(set(pd.read_parquet(out / "entities.parquet").label))
    assert "PERSON" in labels[0] and labels[1] == {"MONEY", "DATE"}


def test_a_retrained_model_with_the_same_name_and_version_misses_the_cache(tmp_path):
    from pipeline.nlp import describe_pipeline

    model = tmp_path / "models" / "sv_pressmine_ner"
    (model / "ner").mkdir(parents=True)
    (model / "meta.json").write_text(json.dumps({"lang": "sv", "name": "pressmine_ner", "version": "0.2.0"}))
    (model / "ner" / "model").write_bytes(b"weights of the first training")
    config = BuildConfig(raw_dir=tmp_path, out_dir=tmp_path / "out", model=str(model))

    def fingerprint() -> str:
        return config.result_fingerprint(describe_pipeline(config)[1])

    first = fingerprint()
    assert fingerprint() == first  # the same files: the same key, cached results are reused
    (model / "ner" / "model").write_bytes(b"weights of the second training")
    assert fingerprint() != first


def test_an_interrupted_commit_is_completed_by_the_next_build(tmp_path):
    out = tmp_path / "out"
    writer = DatasetWriter(out)
    writer.add("documents", [])
    # announce the commit, then "crash" before any table is moved
    writer.finish({})
    (out / JOURNAL).write_text(json.dumps({"staging": writer.staging.name}))
    assert not (out / "documents.parquet").exists()
    recover(out)
    assert all((out / f"{name}.parquet").exists() for name in SCHEMAS)
    assert not (out / JOURNAL).exists() and not writer.staging.exists()


@pytest.fixture(scope="module")
def clean_400(tmp_path_factory):
    """The tables a clean build makes of the 400 releases of ``make_corpus``."""
    root = tmp_path_factory.mktemp("clean400")
    make_corpus(root / "raw", 400)
    build(root / "raw", root / "clean", use_cache=False)
    return tables(root / "clean")


@pytest.mark.parametrize("kill_after", [0.3, 1.0, 2.0, 3.0])
def test_a_killed_build_leaves_the_previous_dataset_and_the_next_build_completes(tmp_path, kill_after, clean_400):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 40)
    build(raw, out)  # the previous dataset
    before = tables(out)
    make_corpus(raw, 400)  # new files: the next build has real work to do
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                             "--model", "rules", "--quiet", "--processes", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(kill_after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(["build_info.json", *(f"{t}.parquet" for t in SCHEMAS)])
    after = tables(out)
    finished = len(after["documents"]) == 400
    if not finished:  # killed before its commit: the old dataset, untouched
        for name in SCHEMAS:
            pd.testing.assert_frame_equal(after[name], before[name])
    build(raw, out)
    completed = tables(out)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(completed[name], clean_400[name])


def test_the_cache_forgets_results_no_longer_used_and_only_those(tmp_path):
    from pipeline.cache import ResultCache, encode

    path = tmp_path / "cache.sqlite"
    first = ResultCache(path)
    first.put_many([(key, encode({"n": i})) for i, key in enumerate(["a", "b", "c"])])
    first.retain(["a", "b", "c"])  # all in use
    first.close()
    second = ResultCache(path)
    assert second.get("a") and second.get("b") and second.get("x") is None
    second.put_many([("d", encode({"n": 4}))])
    second.retain(["a", "b", "d", "x"])  # c's file is gone; x was not cacheable
    assert sorted(k for (k,) in second.db.execute("SELECT key FROM results")) == ["a", "b", "d"]
    second.close()
    third = ResultCache(path)
    assert third.get("a") and third.get("d")
    third.retain(["a", "d"])  # only a and d read this time: b goes
    assert sorted(k for (k,) in third.db.execute("SELECT key FROM results")) == ["a", "d"]
