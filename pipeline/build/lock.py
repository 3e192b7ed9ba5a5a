"""One build per output folder at a time, and a lock that dies with its build.

The lock is an ``flock`` on ``OUT/.build.lock``, which the kernel releases when the
last descriptor of it closes, so a killed build never leaves it held: its worker
processes close their inherited copy first thing (see ``workers.py``) and die with
their parent. The file holds the holder's process id, so a second build can say who
holds it, and a build that finds the id of one that ended without cleaning up says
so as it takes the lock over.
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
from pathlib import Path

from .errors import BuildInProgress, OutputNotWritable

log = logging.getLogger(__name__)
LOCK_NAME = ".build.lock"


def not_writable(out_dir: Path, error: OSError) -> OutputNotWritable:
    reason = error.strerror or str(error)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason += "; build into a folder you can write to (--out)"
    return OutputNotWritable(f"cannot write to {out_dir}: {reason}")


class BuildLock:
    """Held for the whole build: ``with BuildLock(out_dir) as lock: ...``."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> "BuildLock":
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise not_writable(self.out_dir, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_pid(fd)
            os.close(fd)
            raise BuildInProgress(self._busy_message(holder)) from None
        previous = _read_pid(fd)
        if previous and previous != os.getpid():
            log.warning("taking over %s from build process %d, which ended without releasing it (killed?)",
                        self.path, previous)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def _busy_message(self, holder: int | None) -> str:
        if holder and not _alive(holder):
            return (f"{self.out_dir} is locked by processes that build process {holder} started and left behind "
                    f"when it ended; stop them (`fuser -k {self.path}`) and build again")
        who = f" (process {holder})" if holder else ""
        return f"another build{who} is writing to {self.out_dir}; wait for it to finish"

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)  # released in good order: nothing to take over
            os.close(self.fd)
            self.fd = None


def _read_pid(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
