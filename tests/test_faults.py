"""Faults a build must survive: killed processes, full disks, damaged caches, races.

Each test makes the fault happen the way it happens to a user (a signal to the build
process only, a worker killed by SIGKILL, a write that fails with ENOSPC, a cache file
overwritten with garbage), then checks that nothing is left running, the previous
dataset is intact, the message says what to do, and the next build completes with
the same tables as a clean build.
"""
from __future__ import annotations

import errno
import logging
import os
import signal
import sqlite3
import sys
import time

import pandas as pd
import pytest
from builds import (
    assert_same_tables,
    build,
    make_corpus,
    release,
    start_build,
    tables,
    wait_for_children,
    wait_until_gone,
)

from pipeline.build import (
    CACHE_FILE,
    BuildInProgress,
    DiskFull,
    OutputNotWritable,
    WorkerDied,
    extract,
)
from pipeline.build.lock import BuildLock

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="finds a build's processes through /proc")
N_FILES = 400  # from 400 tasks a build uses its workers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """400 small releases, and the tables a clean build makes of them."""
    root = tmp_path_factory.mktemp("faults")
    raw, clean = root / "raw", root / "clean"
    make_corpus(raw, N_FILES)
    build(raw, clean, use_cache=False, n_process=1)
    return raw, tables(clean)


def wait_for_writing(out, timeout: float = 60.0) -> None:
    """Until the build has results to write (its staging folder exists)."""
    deadline = time.monotonic() + timeout
    while not any(p.name.startswith(".staging-") for p in out.glob(".*")) and time.monotonic() < deadline:
        time.sleep(0.005)


@linux_only
@pytest.mark.parametrize("moment", ["workers started", "writing began", "writing began + 0.2 s"])
def test_killing_only_the_build_process_leaves_no_worker_and_the_next_build_completes(corpus, tmp_path, caplog, moment):
    """kill -9 of the build process alone (the OOM killer, a closed SSH session): its
    workers used to live on, holding the output folder's lock for ever."""
    raw, clean = corpus
    out = tmp_path / "out"
    proc = start_build(raw, out, "--processes", "2", "--batch-size", "16")
    try:
        wait_for_children(proc.pid, 2)
        if moment != "workers started":
            wait_for_writing(out)
            time.sleep(0.2 if moment.endswith("0.2 s") else 0)
        os.kill(proc.pid, signal.SIGKILL)  # the build process only, not its group
        assert proc.wait(timeout=10) == -signal.SIGKILL  # killed mid-build, not after it finished
        assert wait_until_gone(proc.pid, timeout=5) == []  # its workers ended with it
    finally:
        if wait_until_gone(proc.pid, timeout=0):
            os.killpg(proc.pid, signal.SIGKILL)  # leave nothing behind for the other tests
    with caplog.at_level(logging.WARNING, logger="pipeline.build.lock"):
        summary = build(raw, out, n_process=2)
    assert f"from build process {proc.pid}" in caplog.text  # the lock it left was taken over, with a word
    assert summary.documents == N_FILES
    assert_same_tables(tables(out), clean)


@linux_only
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_build_stops_at_once_and_leaves_the_previous_dataset(corpus, tmp_path, how):
    raw, _ = corpus
    out, small = tmp_path / "out", tmp_path / "small"
    make_corpus(small, 5)
    build(small, out)
    before = tables(out)
    proc = start_build(raw, out, "--processes", "2", "--batch-size", "16", "--no-cache")
    try:
        wait_for_children(proc.pid, 2)
        time.sleep(0.3)
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
        else:
            os.kill(proc.pid, signal.SIGTERM)  # what a job scheduler does: the build process
        stopped = time.monotonic()
        _, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - stopped
        assert wait_until_gone(proc.pid, timeout=5) == []
    finally:
        if wait_until_gone(proc.pid, timeout=0):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == (130 if how == "ctrl-c" else 143), stderr
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert took < 5, f"took {took:.1f} s to stop"  # not the time to finish the batches in flight
    assert_same_tables(tables(out), before)
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_a_worker_killed_mid_batch_names_the_files_in_flight_and_sets_nothing_aside(tmp_path, monkeypatch):
    raw, out, clean = tmp_path / "raw", tmp_path / "out", tmp_path / "clean"
    make_corpus(raw, 12)
    build(raw, out)
    before = tables(out)
    (raw / "r9999.txt").write_text(release(9999), encoding="utf-8")
    real = extract.process_batch

    def killed_on_the_new_file(batch):  # as the kernel's OOM killer does it: SIGKILL, no exception
        if any(task.source_file == "r9999.txt" for task in batch):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(batch)

    monkeypatch.setattr(extract, "process_batch", killed_on_the_new_file)
    with pytest.raises(WorkerDied) as died:
        build(raw, out, n_process=2, batch_size=1, use_cache=False)
    assert "r9999.txt" in str(died.value) and "nothing set aside" in str(died.value)
    assert_same_tables(tables(out), before)  # nothing written, r9999.txt not set aside
    monkeypatch.setattr(extract, "process_batch", real)
    summary = build(raw, out, n_process=2, batch_size=1)
    assert summary.documents == 13 and not summary.rejected
    build(raw, clean, use_cache=False)
    assert_same_tables(tables(out), tables(clean))


def test_a_full_disk_during_the_write_keeps_the_previous_dataset_and_says_what_to_free(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 6)
    build(raw, out)
    before = tables(out)
    (raw / "r0100.txt").write_text(release(100), encoding="utf-8")

    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", no_space)
    with pytest.raises(DiskFull) as full:
        build(raw, out)
    message = str(full.value)
    assert "full" in message and "MiB free" in message and "--out" in message and "unchanged" in message
    monkeypatch.undo()
    assert_same_tables(tables(out), before)  # readable, and the old one
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]
    assert build(raw, out).documents == 7


def test_a_cache_that_cannot_take_more_is_a_full_disk(tmp_path):
    from pipeline.cache import ResultCache

    class FullDisk:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def executemany(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

    cache = ResultCache(tmp_path / "results.sqlite")
    real, cache.db = cache.db, FullDisk()
    with pytest.raises(OSError) as full:
        cache.put_many([("k", b"{}")])
    assert full.value.errno == errno.ENOSPC
    real.close()


def damage_with_garbage(path):
    path.write_bytes(b"this is not a database, it was overwritten " * 100)


def damage_in_the_middle(path):
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # keep the header, so that opening still works
        handle.seek(4096)
        handle.write(os.urandom(size - 4096))


def from_another_version(path):
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, document BLOB, rows BLOB)")
        db.execute("PRAGMA user_version = 7")


@pytest.mark.parametrize("damage", [damage_with_garbage, damage_in_the_middle, from_another_version])
def test_a_damaged_or_foreign_cache_is_started_anew(tmp_path, caplog, damage):
    raw, out, clean = tmp_path / "raw", tmp_path / "out", tmp_path / "clean"
    make_corpus(raw, 60)
    build(raw, out)
    for suffix in ("-wal", "-shm"):
        assert not (out / f"{CACHE_FILE}{suffix}").exists()
    damage(out / CACHE_FILE)
    with caplog.at_level(logging.WARNING, logger="pipeline.cache"):
        summary = build(raw, out)
    assert "cannot be used" in caplog.text and "starting a new one" in caplog.text
    assert summary.documents == 60
    build(raw, clean, use_cache=False)
    assert_same_tables(tables(out), tables(clean))
    assert build(raw, out).from_cache == 60  # the new cache serves the next build


def test_a_second_build_into_the_same_folder_stops_with_a_message(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 3)
    with BuildLock(out):  # a build running in this process
        other = start_build(raw, out)
        _, stderr = other.communicate(timeout=120)
        with pytest.raises(BuildInProgress, match=f"process {os.getpid()}"):
            build(raw, out)
    assert other.returncode == 2 and f"another build (process {os.getpid()}) is writing to" in stderr, stderr
    assert "Traceback" not in stderr and not (out / "documents.parquet").exists()
    assert build(raw, out).documents == 3  # released: the next build runs


def test_a_build_into_a_read_only_folder_says_so(tmp_path, monkeypatch, capsys):
    from pipeline.__main__ import main

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 3)
    out.mkdir()
    real_open = os.open

    def read_only_file_system(path, flags, *args, **kwargs):  # chmod would not do: root writes anyway
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_file_system)
    with pytest.raises(OutputNotWritable, match="Read-only file system.*--out"):
        build(raw, out)
    assert main(["build", "--raw", str(raw), "--out", str(out), "--model", "rules", "--quiet"]) == 2
    assert "error: cannot write to" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def rewrite_after_hashing(monkeypatch, name: str, change):
    """Make ``change(path)`` happen to one raw file right after pass 1 hashed it."""
    from pipeline.build import plan

    real = plan.file_sha256

    def hash_then_change(path):
        digest = real(path)
        if path.endswith(name):
            change(path)
        return digest

    monkeypatch.setattr(plan, "file_sha256", hash_then_change)


def test_a_raw_file_that_changes_during_the_build_is_built_as_read_and_not_cached_as_the_old(tmp_path, monkeypatch, caplog):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 5)
    new_text = release(3).replace("får 103 000", "får 777 000")
    rewrite_after_hashing(monkeypatch, "r0003.txt", lambda path: open(path, "w", encoding="utf-8").write(new_text))
    with caplog.at_level(logging.WARNING):
        build(raw, out)
    assert "r0003.txt changed while the build ran" in caplog.text
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    assert "777 000" in docs.text["r0003.txt"]
    import hashlib

    assert docs.content_sha256["r0003.txt"] == hashlib.sha256(new_text.encode()).hexdigest()
    monkeypatch.undo()
    again = build(raw, out)
    assert (again.processed, again.from_cache) == (1, 4)  # its result was not cached under the old bytes


def test_a_raw_file_that_disappears_during_the_build_is_set_aside_once(tmp_path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_corpus(raw, 5)
    rewrite_after_hashing(monkeypatch, "r0002.txt", os.unlink)
    summary = build(raw, out)
    assert [(r.source_file, r.reason) for r in summary.rejected] == [("r0002.txt", "unreadable")]
    assert "disappeared" in summary.rejected[0].detail
    monkeypatch.undo()
    again = build(raw, out)
    assert (again.documents, again.from_cache, again.rejected) == (4, 4, [])
