"""Where analysis runs: local worker processes that can be stopped, or a Dask cluster.

Both engines take units of work — lists of `(index, item)` — and give back
`(index, result)` pairs as units finish, in any order; `pipeline.analyze` puts them back
in input order. Each unit has a time budget: a local worker past it is killed and
replaced, and the unit's items are retried one by one, so that one slow item costs only
itself; an item alone past it becomes `fail(item, reason)`. A worker that dies (killed
for memory, a crash in C code) is treated the same way.

Local workers are forked (on Linux) and then load the models (`init`, a cached loader):
forked from a process that has them loaded already (a server, a test session) a worker
starts ready and shares them copy-on-write; forked from a cold command line, the workers
load them while the parent prepares what it needs next (`brief` imports clustering and
fusion and loads the embedding model meanwhile), rather than one after the other. A
spawned worker would import everything afresh, seconds more per worker and per
replacement after a kill. Fork is unsafe only when another thread holds a lock at that
moment; a worker therefore drops the parent's logging handlers and ignores Ctrl-C (the
parent stops it). Elsewhere workers are spawned. Workers start on demand, so a small
input does not load the models in processes it will not use.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import importlib
import logging
import multiprocessing
import os
import queue
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Protocol, TypeVar

log = logging.getLogger("newsfuse")

X = TypeVar("X")
Y = TypeVar("Y")
Unit = list[tuple[int, Any]]
Done = list[tuple[int, Any]]

START_METHOD = "fork" if sys.platform == "linux" else "spawn"
"""How local workers start (module docstring: why fork where it is safe)."""

READY = "ready"
"""A worker's first message: its models are loaded."""

PR_SET_PDEATHSIG = 1
"""prctl option: the signal a process gets when its parent dies (Linux)."""

STOP_GRACE_S = 5.0
"""How long a worker is given to exit after it is told to, before it is killed."""

WALL_FACTOR = 3.0
"""A local unit's budget is CPU time (a machine busy with other work must not stop an item
that is within it), and this many times that in wall-clock time, which also stops an
item that hangs without computing."""

M_MMAP_THRESHOLD = -3
"""glibc mallopt parameter: the size from which an allocation gets its own mapping."""

HEAP_BLOCKS_UP_TO = 32 * 2**20
"""glibc's own ceiling for that size when it adapts it (64-bit)."""


@dataclass(frozen=True)
class Call:
    """A module's function with keyword arguments, named rather than held: a worker
    imports the module when it first calls it, so a Dask worker imports only that
    module, and the caller need not import it at all."""

    module: str
    name: str
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __call__(self, *args: Any) -> Any:
        return getattr(importlib.import_module(self.module), self.name)(*args, **self.kwargs)


class Engine(Protocol):
    """What `pipeline.analyze` needs of a place to run units of work."""

    def submit(self, unit: Unit) -> None: ...

    def pending(self) -> int: ...

    def capacity(self) -> int: ...

    def results(self) -> Done: ...

    def memory(self) -> list[WorkerMemory]: ...

    def close(self) -> None: ...


@dataclass
class WorkerMemory:
    """A worker's memory: peak resident set, and its proportional share (PSS: shared pages
    divided among the processes that share them, so forked workers are not counted N
    times) when it last reported."""

    pid: int
    peak_rss_mib: float = 0.0
    pss_mib: float | None = None

    def __str__(self) -> str:
        pss = f", PSS {self.pss_mib:.0f} MiB" if self.pss_mib is not None else ""
        return f"pid {self.pid}: peak RSS {self.peak_rss_mib:.0f} MiB{pss}"


def memory_now() -> tuple[float, float | None]:
    """This process's peak RSS and current PSS in MiB (PSS where /proc tells it)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pss = None
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/smaps_rollup", encoding="ascii") as fh,
    ):
        for line in fh:
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
                break
    return peak, pss


def cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used (user and system), where /proc tells it."""
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open(f"/proc/{pid}/stat", encoding="ascii") as fh,
    ):
        fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (a killed `ingest` must not
    leave its workers running, holding its output open)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the request
        os._exit(1)


def _large_blocks_on_the_heap() -> None:
    """Undo a side effect of how Dask's nanny starts workers. It sets
    MALLOC_TRIM_THRESHOLD_ (so freed memory goes back to the system), and any such setting
    also stops glibc adapting its mmap threshold, which stays at 128 KiB: every larger
    array a parse allocates is then mapped, faulted in and unmapped afresh, doubling the
    analysis's system time (about 8 % of an article's CPU). Raising the threshold to
    glibc's adaptive ceiling keeps those blocks on the heap; the trim setting stays."""
    if "MALLOC_TRIM_THRESHOLD_" in os.environ and sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, HEAP_BLOCKS_UP_TO)


def _serve(
    conn: Connection,
    fn: Callable[[Unit], Done],
    init: Callable[[], None] | None,
    inherited: Sequence[Connection] = (),
    parent: int = 0,
) -> None:
    """A worker: run `fn` over each unit received, until told to stop or the parent goes.
    `inherited` are the parent's ends of the pipes (a forked worker has copies): closed,
    so that only the parent keeps a pipe open and a worker sees it go."""
    if sys.platform == "linux":
        _die_with_parent(parent)
    for other in inherited:
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger().handlers.clear()
    log.handlers.clear()
    if init is not None:
        init()
    conn.send(READY)  # the time budget of a unit counts from here, not from the load
    while True:
        try:
            unit = conn.recv()
        except (EOFError, OSError):
            return
        if unit is None:
            return
        done = fn(unit)
        conn.send((done, memory_now()))


@dataclass
class _Slot:
    process: Any  # multiprocessing.Process (or SpawnProcess)
    conn: Connection
    memory: WorkerMemory
    unit: Unit | None = None
    started: float = 0.0
    cpu_started: float | None = None
    ready: bool = False
    """Whether the worker has loaded the models (its first message)."""


@dataclass
class LocalPool(Generic[X, Y]):
    """Up to `workers` processes running `fn` over units; `fail(item, reason)` names an
    item stopped past `seconds` of CPU (or WALL_FACTOR times that of wall-clock time) or
    lost with its worker. `init` runs first in each worker (the models' load)."""

    fn: Callable[[Unit], Done]
    workers: int
    seconds: float
    fail: Callable[[Any, str], Any]
    init: Callable[[], None] | None = None
    queue: deque[Unit] = field(default_factory=deque)
    slots: list[_Slot] = field(default_factory=list)
    retired: list[WorkerMemory] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ctx = multiprocessing.get_context(START_METHOD)

    def _start(self) -> _Slot:
        ours, theirs = self._ctx.Pipe()
        inherited = [ours, *(s.conn for s in self.slots)] if START_METHOD == "fork" else []
        process = self._ctx.Process(
            target=_serve,
            args=(theirs, self.fn, self.init, inherited, os.getpid()),
            daemon=True,
            name="newsfuse-worker",
        )
        process.start()
        theirs.close()
        return _Slot(process, ours, WorkerMemory(process.pid or 0))

    def submit(self, unit: Unit) -> None:
        self.queue.append(unit)
        self._dispatch()

    def pending(self) -> int:
        return len(self.queue) + sum(1 for s in self.slots if s.unit is not None)

    def capacity(self) -> int:
        """Units worth having in hand: one running and one waiting per worker."""
        return 2 * max(1, self.workers)

    def _dispatch(self) -> None:
        """Start workers while units wait and fewer than `workers` run; give each ready,
        idle worker a unit (a loading one gets none: a large unit would block this
        process in `send` until the worker reads it)."""
        idle = sum(1 for s in self.slots if s.unit is None)
        while len(self.queue) > idle and len(self.slots) < max(1, self.workers):
            self.slots.append(self._start())
            idle += 1
        for i, slot in enumerate(self.slots):
            if slot.unit is not None or not slot.ready or not self.queue:
                continue
            unit = self.queue.popleft()
            try:
                slot.conn.send(unit)
            except OSError:  # the worker is gone: its unit goes back for another
                self.queue.appendleft(unit)
                self.slots[i] = self._replace(slot)
                continue
            slot.unit, slot.started = unit, time.monotonic()
            slot.cpu_started = cpu_seconds(slot.process.pid)

    def results(self) -> Done:
        """Results of at least one unit (blocking until there are some), or [] when
        nothing is pending."""
        while True:
            self._dispatch()
            busy = [s for s in self.slots if s.unit is not None]
            if not busy and not self.queue:
                return []
            watched = [s for s in self.slots if s.unit is not None or not s.ready]
            timeout = min((self._left(s) for s in busy), default=None)
            waits = [s.conn for s in watched] + [s.process.sentinel for s in watched]
            ready = set(wait(waits, timeout=timeout))
            out: Done = []
            for i, slot in enumerate(self.slots):
                if slot.conn in ready or slot.process.sentinel in ready:
                    out.extend(self._collect(i, slot))
                elif slot.unit is not None and self._left(slot) <= 0:
                    reason = f"stopped after {self.seconds:g} s (ANALYSIS_ITEM_SECONDS)"
                    out.extend(self._stop(i, reason))
            if out:
                return out

    def _left(self, slot: _Slot) -> float:
        """Seconds before slot's unit can be past its budget (0: it is): its CPU time
        cannot grow faster than the clock, so the next look is when it could."""
        wall = time.monotonic() - slot.started
        if wall < self.seconds:
            return self.seconds - wall
        cpu = cpu_seconds(slot.process.pid)
        if cpu is None or slot.cpu_started is None:  # no /proc: the wall clock alone
            return 0.0
        used = cpu - slot.cpu_started
        return max(0.0, min(self.seconds - used, WALL_FACTOR * self.seconds - wall))

    def _collect(self, i: int, slot: _Slot) -> Done:
        try:
            if slot.conn.poll():
                message = slot.conn.recv()
                if message == READY:
                    slot.ready = True
                    return []
                done, (peak, pss) = message
                slot.memory.peak_rss_mib = max(slot.memory.peak_rss_mib, peak)
                slot.memory.pss_mib = pss
                slot.unit = None
                return list(done)
        except (EOFError, OSError):
            pass
        slot.process.join(STOP_GRACE_S)
        if not slot.ready:  # not an item's fault: the models themselves do not load
            raise RuntimeError(
                f"an analysis worker died loading the models (exit code {slot.process.exitcode})"
            )
        return self._stop(i, f"its worker process died (exit code {slot.process.exitcode})")

    def _stop(self, i: int, reason: str) -> Done:
        """Kill slot i's worker, start another; retry its unit's items one by one, or
        fail the item when it was alone."""
        slot = self.slots[i]
        unit = slot.unit or []
        self.slots[i] = self._replace(slot)
        if len(unit) > 1:
            log.info("a unit of %d items %s; retrying them one by one", len(unit), reason)
            self.queue.extendleft([entry] for entry in reversed(unit))
            return []
        return [(index, self.fail(item, f"analysis {reason}")) for index, item in unit]

    def _replace(self, slot: _Slot) -> _Slot:
        slot.process.kill()
        slot.process.join()
        slot.conn.close()
        self.retired.append(slot.memory)
        return self._start()

    def memory(self) -> list[WorkerMemory]:
        """Every worker's memory, those replaced after a kill included."""
        return [*self.retired, *(s.memory for s in self.slots)]

    def close(self) -> None:
        """Stop the workers: idle ones are told to, busy ones (the run was interrupted)
        are killed."""
        for slot in self.slots:
            if slot.unit is not None:
                slot.process.kill()
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(STOP_GRACE_S)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()


@dataclass
class DaskPool:
    """Units run as tasks on a Dask cluster at `address`. `init` (the models' load) runs
    on every worker first, in parallel, and a worker process keeps the models for every
    later task and run (the loaders are cached per process): each loads them once. A unit past `seconds` has its future cancelled and the worker running it
    restarted by its nanny, and its items are retried one by one.

    At most one unit per worker thread is on the cluster at a time, the rest wait here
    (`backlog`): a unit's time counts from when it is sent, so it must not wait on a
    worker behind another, above all behind one that hangs."""

    address: str
    fn: Callable[[Unit], Done]
    seconds: float
    fail: Callable[[Any, str], Any]
    init: Callable[[], None] | None = None
    futures: dict[Any, tuple[Unit, float]] = field(default_factory=dict)
    finished: queue.SimpleQueue[Any] = field(default_factory=queue.SimpleQueue)
    backlog: collections.deque[Unit] = field(default_factory=collections.deque)

    def __post_init__(self) -> None:
        from distributed import Client

        self.client = Client(self.address, set_as_default=False)
        self.threads = max(1, sum(self.client.nthreads().values()))
        self._prepare_workers()

    def _prepare_workers(self) -> None:
        """Every worker (again after a restart) sets its allocator for the analysis and
        loads the models, all in parallel."""
        self.client.run(_large_blocks_on_the_heap)
        if self.init is not None:
            self.client.run(self.init)

    def submit(self, unit: Unit) -> None:
        self.backlog.append(unit)
        self._send()

    def _send(self) -> None:
        """Send waiting units while a worker thread has none."""
        while self.backlog and len(self.futures) < self.threads:
            unit = self.backlog.popleft()
            future = self.client.submit(self.fn, unit, pure=False)
            self.futures[future] = (unit, time.monotonic())
            future.add_done_callback(self.finished.put)

    def pending(self) -> int:
        return len(self.futures) + len(self.backlog)

    def capacity(self) -> int:
        return 2 * self.threads

    def results(self) -> Done:
        self._send()
        while self.futures:
            first = min(started for _, started in self.futures.values())
            finished = []
            with contextlib.suppress(queue.Empty):
                finished.append(
                    self.finished.get(timeout=max(0.0, first + self.seconds - time.monotonic()))
                )
                while True:
                    finished.append(self.finished.get_nowait())
            out: Done = []
            for future in finished:
                if future not in self.futures:  # cancelled below
                    continue
                unit, _ = self.futures.pop(future)
                try:
                    out.extend(future.result())
                except Exception as exc:  # the task's worker died, or it could not run
                    reason = f"failed on the cluster ({exc.__class__.__name__}: {exc})"
                    out.extend(self._retry(unit, reason))
            out.extend(self._stop_late())
            self._send()
            if out:
                return out
        return []

    def _stop_late(self) -> Done:
        """Cancel the units past their time and restart the workers running them (loading
        the models again); then retry their items one by one, or fail a lone item."""
        now = time.monotonic()
        late = [f for f, (_, started) in self.futures.items() if now >= started + self.seconds]
        if not late:
            return []
        processing = self.client.processing()
        keys = {f.key for f in late}
        stuck = [w for w, tasks in processing.items() if keys & set(tasks)]
        units = [self.futures.pop(future)[0] for future in late]
        for future in late:
            future.cancel()
        if stuck:
            # Units the scheduler had placed on a restarted worker behind the late ones
            # run again elsewhere: their time starts again, once the models are loaded.
            again = {k for w in stuck for k in processing[w]} - keys
            self.client.restart_workers(stuck, raise_for_error=False)
            self._prepare_workers()  # the restarted ones load; the others have them
            now = time.monotonic()
            for future, (unit, _) in list(self.futures.items()):
                if future.key in again:
                    self.futures[future] = (unit, now)
        reason = f"stopped after {self.seconds:g} s (ANALYSIS_ITEM_SECONDS)"
        return [done for unit in units for done in self._retry(unit, reason)]

    def _retry(self, unit: Unit, reason: str) -> Done:
        if len(unit) > 1:
            log.info("a unit of %d items %s; retrying them one by one", len(unit), reason)
            for entry in unit:
                self.submit([entry])
            return []
        return [(index, self.fail(item, f"analysis {reason}")) for index, item in unit]

    def memory(self) -> list[WorkerMemory]:
        """Every worker's memory now (peak RSS since it started, PSS)."""
        return [
            WorkerMemory(pid, peak, pss)
            for pid, (peak, pss) in sorted(self.client.run(_pid_memory).values())
        ]

    def close(self) -> None:
        self.backlog.clear()
        for future in self.futures:
            future.cancel()
        self.client.close()


def _pid_memory() -> tuple[int, tuple[float, float | None]]:
    return os.getpid(), memory_now()
