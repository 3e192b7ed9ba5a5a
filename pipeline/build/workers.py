"""Pass 2: run tasks in this process, or in forked workers when there is enough work.

Workers are forked after the pipeline is loaded, so they share its memory. They never
outlive the build: each asks the kernel to kill it when its parent dies (Linux's
PR_SET_PDEATHSIG; elsewhere a thread watches the parent's id), ends when its pipe from
the parent closes, closes its inherited copy of the build lock, and leaves Ctrl-C to
the parent, which stops them at once.
"""
from __future__ import annotations

import collections
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing import connection
from pathlib import Path
from typing import Iterator

from pipeline.cache import decode
from pipeline.config import BuildConfig

from . import extract
from .errors import WorkerDied
from .plan import Task

log = logging.getLogger(__name__)
AUTO_WORKERS_FROM = 400  # tasks from which --processes 0 (auto) uses worker processes
# Memory a worker needs beyond the pipeline it was forked with: one batch's texts,
# Docs and rows (a batch of 64 releases takes tens of megabytes).
BATCH_MEMORY = 64 * 2**20
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def worker_count(config: BuildConfig, n_tasks: int) -> int:
    """Processes for pass 2: as configured, or (auto) one per core, as many as the free
    memory holds, for builds large enough to pay for forking."""
    if config.n_process:
        return config.n_process
    if n_tasks < AUTO_WORKERS_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    available = available_memory()
    if available is None:
        return cores
    # A worker starts sharing the loaded pipeline's pages; the ones it writes to become
    # its own, so at most this process's resident size, plus its batch.
    per_worker = resident_memory() + BATCH_MEMORY
    fits = max(1, available // per_worker)
    if fits < cores:
        log.warning("using %d worker processes, not %d (one per core): %d MiB of memory is free and a worker "
                    "may need %d MiB", fits, cores, available >> 20, per_worker >> 20)
    return min(cores, fits)


def resident_memory() -> int:
    """This process's resident bytes (Linux /proc; elsewhere the peak, from resource)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def available_memory() -> int | None:
    """Bytes that can be used without swapping: the machine's, or the container's if less."""
    limits = []
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    limits.append(int(line.split()[1]) * 1024)
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as handle:
            limit = handle.read().strip()
        if limit.isdigit():
            with open("/sys/fs/cgroup/memory.current", encoding="ascii") as handle:
                limits.append(int(limit) - int(handle.read().strip()))
    except (OSError, ValueError):
        pass
    return min(limits) if limits else None


def die_with_parent(parent_pid: int) -> None:
    """Make this worker end when the build process ends, however it ends (kill -9 too)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):  # not Linux: watch the parent instead
        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def start_worker(parent_pid: int, inherited_fds: tuple[int, ...]) -> None:
    """Initializer of every worker process, before its first task."""
    die_with_parent(parent_pid)
    for fd in inherited_fds:  # the build lock: only the build process may hold it
        try:
            os.close(fd)
        except OSError:
            pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # workers use every core already; BLAS threads would compete for them


def worker_main(conn, parent_pid: int, close_fds: tuple[int, ...]) -> None:
    """A worker's life: batches in, encoded results out, until the build says stop or ends."""
    start_worker(parent_pid, close_fds)
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):  # the build process is gone
            return
        if batch is None:
            return
        conn.send(extract.process_batch_encoded(batch))


class Worker:
    def __init__(self, context, parent_pid: int, close_fds: tuple[int, ...]) -> None:
        self.conn, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, args=(child_end, parent_pid, close_fds + (self.conn.fileno(),)),
                                       daemon=True, name="pressmine-worker")
        self.process.start()
        child_end.close()  # the worker's end is the worker's alone: its death is an end of file here
        # (batch number, batch) sent to it, in order: the first is being processed, the
        # next waits in the pipe, so that the worker never idles while results are written.
        self.jobs: collections.deque[tuple[int, list[Task]]] = collections.deque()


class WorkerPool:
    """Forked processes that parse and extract batches, handed out as pass 1 finds them.

    Each worker has a pipe of its own, so the pool knows which batch each one holds:
    when one is killed, the message names its files, and stopping the pool is killing
    its processes (no queue shared with them can be left half-written).
    """

    def __init__(self, processes: int, batch_size: int, inherited_fds: tuple[int, ...] = ()) -> None:
        gc.freeze()  # the loaded pipeline is never collected: keep GC passes (and copy-on-write) off it
        context = multiprocessing.get_context("fork")
        self.workers: list[Worker] = []
        for _ in range(processes):  # each closes the build's ends of its elder siblings' pipes
            siblings = tuple(worker.conn.fileno() for worker in self.workers)
            self.workers.append(Worker(context, os.getpid(), inherited_fds + siblings))
        self.batch_size = batch_size
        self.waiting: collections.deque[tuple[int, list[Task]]] = collections.deque()
        self.finished: dict[int, tuple[list[Task], list[bytes]]] = {}
        self.submitted = self.returned = 0  # batches

    def submit(self, tasks: list[Task]) -> None:
        for batch in batches(tasks, self.batch_size):
            self.waiting.append((self.submitted, batch))
            self.submitted += 1
        self._collect(timeout=0)

    def results(self) -> Iterator[tuple[Task, dict, bytes]]:
        """Every submitted task's result (decoded, and as received), in submission order."""
        while self.returned < self.submitted:
            while self.returned not in self.finished:
                self._collect(timeout=None)
            batch, payloads = self.finished.pop(self.returned)
            self.returned += 1
            for task, payload in zip(batch, payloads):
                yield task, decode(payload), payload

    def _collect(self, timeout: float | None) -> None:
        """Keep every worker two batches deep; take in what busy ones finished."""
        for depth in (1, 2):
            for worker in self.workers:
                if len(worker.jobs) < depth and self.waiting:
                    worker.jobs.append(self.waiting.popleft())
                    try:
                        worker.conn.send(worker.jobs[-1][1])
                    except OSError:  # it died while waiting for work
                        raise WorkerDied(self._died_message(worker.jobs[0][1])) from None
        busy = [worker for worker in self.workers if worker.jobs]
        ready = connection.wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                try:
                    payloads = worker.conn.recv()
                except (EOFError, OSError):
                    raise WorkerDied(self._died_message(worker.jobs[0][1])) from None
                number, batch = worker.jobs.popleft()
                self.finished[number] = (batch, payloads)
        if ready and self.waiting:
            self._collect(timeout=0)

    @staticmethod
    def _died_message(batch: list[Task]) -> str:
        files = [task.source_file for task in batch]
        shown = ", ".join(files[:10]) + (f" and {len(files) - 10} more" if len(files) > 10 else "")
        return (f"a worker process was killed (by the system when memory ran out, or by a signal) while it "
                f"processed one of these files: {shown}. Nothing was written and nothing set aside; results "
                f"finished so far are cached. Build again, with --processes 1 or a smaller --batch-size if it "
                f"happens again")

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        for worker in self.workers:
            if exc_type is None:
                try:
                    worker.conn.send(None)  # done: let it end by itself
                except OSError:
                    pass
            else:  # Ctrl-C or a failure: stop now, do not finish the batches in flight
                worker.process.kill()
        for worker in self.workers:
            worker.process.join(timeout=None if exc_type is None else 5)
            worker.conn.close()
        gc.unfreeze()


def batches(tasks: list[Task], size: int) -> Iterator[list[Task]]:
    for i in range(0, len(tasks), size):
        yield tasks[i:i + size]


class Runner:
    """Collects the tasks of pass 1 and runs them: in workers once there are enough
    (started while pass 1 goes on hashing), else in this process after pass 1."""

    def __init__(self, config: BuildConfig, raw_dir: Path, inherited_fds: tuple[int, ...] = ()) -> None:
        self.config, self.raw_dir, self.inherited_fds = config, raw_dir, inherited_fds
        self.tasks: list[Task] = []
        self.pool: WorkerPool | None = None
        self.submitted = 0  # tasks handed to the workers so far
        self.processes: int | None = None  # decided once the expected work is large enough
        self.loaded = False

    def load(self) -> None:
        if not self.loaded:
            extract.load_for_build(self.config, self.raw_dir)
            self.loaded = True

    def add(self, task: Task, expected_tasks: int) -> None:
        self.tasks.append(task)
        if self.processes is None and (self.config.n_process or expected_tasks >= AUTO_WORKERS_FROM):
            self.load()  # before measuring memory, and before forking
            self.processes = worker_count(self.config, expected_tasks)
            if self.processes > 1:
                self.pool = WorkerPool(self.processes, self.config.batch_size, self.inherited_fds)
        if self.pool is not None and len(self.tasks) - self.submitted >= self.config.batch_size:
            self.pool.submit(self.tasks[self.submitted:])
            self.submitted = len(self.tasks)

    def results(self) -> Iterator[tuple[Task, dict, bytes | None]]:
        """(task, result, its encoded form if it came from a worker), in task order."""
        if self.pool is not None:
            self.pool.submit(self.tasks[self.submitted:])
            self.submitted = len(self.tasks)
            yield from self.pool.results()
            return
        if self.tasks:
            self.load()
        for batch in batches(self.tasks, self.config.batch_size):
            for task, result in zip(batch, extract.process_batch(batch)):
                yield task, result, None

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.__exit__(*exc)
