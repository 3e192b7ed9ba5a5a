"""Fixtures shared by several test modules."""
from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path

import pytest


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
