"""Why a build stops: each with a message that says what to do, never a traceback."""
from __future__ import annotations


class BuildError(RuntimeError):
    """A build that could not finish; the previous dataset is unchanged."""


class BuildInProgress(BuildError):
    """Another build holds the output folder."""


class OutputNotWritable(BuildError):
    """The output folder cannot be written (read-only, permissions)."""


class DiskFull(BuildError):
    """The disk holding the output folder filled up during the build."""


class WorkerDied(BuildError):
    """A worker process was killed (out of memory, or by someone) mid-batch."""
