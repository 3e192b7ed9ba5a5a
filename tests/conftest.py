"""Shared fixtures: a dataset built once per session for the tests of what reads it
(exports, notebooks, the summary, DuckDB and polars), and files that cannot be read."""
from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import shutil
from pathlib import Path

import pytest

from pipeline.__main__ import main
from pipeline.config import BuildConfig
from pipeline.nlp import load_pipeline

REPORTS_CORPUS = Path(__file__).parent / "fixtures" / "reports_corpus"


@pytest.fixture(scope="session")
def nlp():
    """The rules-only pipeline, loaded once for the session (the tests only read it)."""
    return load_pipeline(BuildConfig(model="rules")).nlp


def run_cli(*args: str) -> tuple[int, str, str]:
    """``python -m pipeline ARGS`` in this process: exit code, what it printed, what it said on stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def build_with_cli(raw: Path, out: Path) -> Path:
    """Build ``raw`` into ``out`` through the command line a user runs (``python -m
    pipeline build``), in this process: spaCy is imported once for the session."""
    code, printed, said = run_cli("build", "--raw", raw, "--out", out, "--model", "rules", "--quiet", "--no-cache")
    assert code == 0, printed + said
    return out


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory) -> Path:
    """Invented releases built into a processed folder: two from a county board's press
    room with a scrape manifest, one announcing the same grant as the board, two more
    grants about integration, one release republished by a news site (a copy), one
    naming a project without money ("projektet Exempelnamn"), one without money or date,
    one on a cycle path (with money, not about integration), and one empty file."""
    root = tmp_path_factory.mktemp("reports")
    shutil.copytree(REPORTS_CORPUS, root / "raw")
    return build_with_cli(root / "raw", root / "processed")


@pytest.fixture(scope="module")
def unreadable():
    """``unreadable(path, ...)``: opening these files raises PermissionError, as for a file
    without read permission. Chmod would not do: root (as CI runs) reads any file."""
    denied: set[str] = set()
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(file)) in denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    def deny(*paths: Path) -> None:
        denied.update(os.path.abspath(p) for p in paths)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "open", guarded_open)
        yield deny
