"""Helpers for tests that build small corpora: releases, builds, tables, processes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from pipeline.build import build_dataset
from pipeline.config import BuildConfig
from pipeline.dataset.schema import SCHEMAS

REPO = Path(__file__).resolve().parent.parent


def release(i: int) -> str:
    return (f"Integrationsstöd nummer {i}\n\n2019-03-{1 + i % 28:02d}\n\n"
            f"Mora kommun får {100 + i} 000 kronor från Länsstyrelsen i Dalarnas län för projekt {i}. "
            f"– Det är ett viktigt tillskott, säger Karin Lindqvist, projektledare i Mora kommun.\n")


def make_corpus(raw: Path, n: int) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (raw / f"r{i:04d}.txt").write_text(release(i), encoding="utf-8")


def build(raw, out, **kw):
    return build_dataset(BuildConfig(raw_dir=raw, out_dir=out, model="rules", show_progress=False, **kw))


def tables(out: Path) -> dict[str, pd.DataFrame]:
    result = {}
    for name in SCHEMAS:
        frame = pd.read_parquet(out / f"{name}.parquet")
        result[name] = frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)
    return result


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def start_build(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    """``python -m pipeline build`` in a session of its own (its process group id is its pid),
    with Ctrl-C handled as in a terminal even if this process runs with it ignored."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                             "--model", "rules", "--quiet", *extra], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()  # state, ppid, pgrp, ...
    except OSError:
        return None


def living_processes(pgid: int) -> list[int]:
    """Processes of a process group that have not ended (zombies have)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) and int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found


def wait_for_children(pid: int, count: int, timeout: float = 60.0) -> list[int]:
    """The child processes of ``pid`` once it has ``count`` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = [int(e) for e in os.listdir("/proc") if e.isdigit() and (f := _stat(int(e))) and int(f[1]) == pid]
        if len(children) >= count:
            return children
        time.sleep(0.02)
    raise AssertionError(f"process {pid} did not start {count} workers within {timeout} s")


def wait_until_gone(pgid: int, timeout: float) -> list[int]:
    """The group's processes still alive after ``timeout`` seconds (none, normally, much sooner)."""
    deadline = time.monotonic() + timeout
    while (alive := living_processes(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive
