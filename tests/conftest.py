"""Shared fixtures: a dataset built once per session for the tests of what reads it
(exports, notebooks, the summary, DuckDB and polars)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPORTS_CORPUS = Path(__file__).parent / "fixtures" / "reports_corpus"


def build_with_cli(raw: Path, out: Path) -> Path:
    """Build ``raw`` into ``out`` the way a user does (``python -m pipeline build``)."""
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                           "--model", "rules", "--quiet", "--no-cache"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory) -> Path:
    """Seven invented releases (two from a county board's press room with a scrape
    manifest, one announcing the same grant as the board, one without money or date,
    one empty file) built into a processed folder."""
    root = tmp_path_factory.mktemp("reports")
    shutil.copytree(REPORTS_CORPUS, root / "raw")
    return build_with_cli(root / "raw", root / "processed")
