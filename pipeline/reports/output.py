"""Writing report and export files so that a failed or killed run leaves the last good
file in place: each is written beside its target and moved onto it when complete."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def replace_into_place(write: Callable[[Path], object], path: Path) -> None:
    """Run ``write(tmp_path)``, then move the finished file onto ``path`` (atomic)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_into_place(path: Path, text: str) -> None:
    replace_into_place(lambda tmp: tmp.write_text(text, encoding="utf-8"), path)
