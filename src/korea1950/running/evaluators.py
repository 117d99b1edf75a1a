"""Evaluators: where the work of a run is done - here, in local processes, or on a cluster.

Why objects: every run path (``Experiment.run``, ``simulate``, the analyses)
hands its work to an evaluator, so choosing where it runs is one argument, not
a flag threaded through every function. An evaluator maps a picklable function
over items and yields the results in order; it does not know what the items
are, so block chunks, sensitivity points and decision-band grid points all
travel the same way. Results never depend on the evaluator, its worker count
or its chunk size, since every block carries its own seed.

Each is a context manager: inside ``with Processes(4) as evaluator:`` the
worker processes (or the Dask client) are started once and reused by every
run, so a study pays the start-up cost once; outside a ``with``, each run
starts and stops its own.
"""

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context, parent_process
from multiprocessing.connection import wait
from typing import Any, Self

from korea1950.inputs.errors import InputError
from korea1950.running.blocks import BLOCK
from korea1950.running.distributed import check_scheduler, connect

MAX_WORKERS = 256
"""Most local worker processes (each is a full Python process)."""

IN_FLIGHT_PER_WORKER = 4
"""Items sent ahead per worker: enough to keep workers busy, few enough to keep memory flat."""

IN_FLIGHT_ON_CLUSTER = 64
"""Items sent to a Dask cluster ahead of the one being merged."""


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class Evaluator:
    """Runs a function over items, results in order; the base of every evaluator.

    ``chunk_size`` is how many worlds make one unit of work (rounded up to whole
    blocks); ``workers`` and ``scheduler`` say where the work ran, for a
    results folder's manifest.
    """

    workers: int | None = 1
    scheduler: str | None = None

    def __init__(self, chunk_size: int | None = None) -> None:
        if chunk_size is not None and (isinstance(chunk_size, bool) or int(chunk_size) < 1):
            raise InputError(f"chunk size must be at least 1, got {chunk_size!r}")
        self.chunk_size = chunk_size

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def blocks_per_chunk(self) -> int:
        """Whole blocks per unit of work (one unless a chunk size asks for more)."""
        if self.chunk_size is None:
            return 1
        return max(1, -(-int(self.chunk_size) // BLOCK))

    def map(self, function: Callable[[Any], Any], items: Iterable, count: int) -> Iterator:
        """Yield ``function(item)`` for each of the ``count`` items, in order."""
        return map(function, items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(chunk_size={self.chunk_size!r})"


class Sequential(Evaluator):
    """Everything in this process, one item after another: no start-up cost at all."""


class Processes(Evaluator):
    """Local worker processes (``n=None``: one per core), started fresh by ``spawn``.

    Why spawn: a forked worker would inherit the parent's threads and locks (a
    page server, a Dask client); a spawned one starts clean on every platform.
    A single item, or a single worker, runs in this process instead: starting
    a process costs more than a small run.
    """

    def __init__(self, n: int | None = None, chunk_size: int | None = None,
                 initializer: Callable[[], None] | None = None) -> None:
        super().__init__(chunk_size)
        self.initializer = initializer
        """Run in each worker as it starts (after ``exit_with_parent``), e.g. to lower its
        priority; a module-level function, since spawned workers import it by name."""
        if n is not None and (isinstance(n, bool) or int(n) != n):
            raise InputError(f"workers must be a whole number, got {n!r}")
        size = default_workers() if n is None else int(n)
        if not 1 <= size <= MAX_WORKERS:
            raise InputError(f"workers must be from 1 to {MAX_WORKERS}, got {size}")
        self.workers, self.size = n, size
        self._pool: ProcessPoolExecutor | None = None
        self._entered = 0

    def __enter__(self) -> Self:
        self._entered += 1
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._entered -= 1
        if self._entered == 0 and self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map(self, function: Callable[[Any], Any], items: Iterable, count: int) -> Iterator:
        """Yield ``function(item)`` for each item, in order, from the worker processes."""
        if self.size == 1 or count <= 1:
            yield from map(function, items)
            return
        if self._entered:
            if self._pool is None:
                self._pool = spawn_pool(self.size, self.initializer)
            yield from in_order(partial(self._pool.submit, function), items,
                                IN_FLIGHT_PER_WORKER * self.size)
            return
        size = min(self.size, count)
        pool = spawn_pool(size, self.initializer)
        try:
            yield from in_order(partial(pool.submit, function), items,
                                IN_FLIGHT_PER_WORKER * size)
        finally:  # on Ctrl-C too: what is queued is dropped, only what runs is waited for
            pool.shutdown(cancel_futures=True)

    def __repr__(self) -> str:
        return f"Processes(n={self.workers!r}, chunk_size={self.chunk_size!r})"


class Dask(Evaluator):
    """A Dask cluster at ``address`` (tcp://HOST:PORT); needs ``korea1950[distributed]``.

    Inside a ``with`` one client serves every run; outside, each run connects
    and disconnects. An unreachable scheduler is a one-line ``InputError``.
    """

    workers = None

    def __init__(self, address: str, chunk_size: int | None = None) -> None:
        super().__init__(chunk_size)
        self.scheduler = check_scheduler(address)
        self._client = None
        self._entered = 0

    def __enter__(self) -> Self:
        if self._entered == 0:
            self._client = connect(self.scheduler)
        self._entered += 1
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._entered -= 1
        if self._entered == 0 and self._client is not None:
            self._client.close()
            self._client = None

    def map(self, function: Callable[[Any], Any], items: Iterable, count: int) -> Iterator:
        """Yield ``function(item)`` for each item, in order, from the cluster's workers."""
        if self._client is not None:
            yield from _on_cluster(self._client, function, items)
            return
        with connect(self.scheduler) as client:
            yield from _on_cluster(client, function, items)

    def __repr__(self) -> str:
        return f"Dask({self.scheduler!r}, chunk_size={self.chunk_size!r})"


def evaluator_for(workers: "int | Evaluator | None" = 1, chunk_size: int | None = None,
                  scheduler: str | None = None) -> Evaluator:
    """The evaluator for the command line's settings (an evaluator is returned as it is).

    A scheduler means ``Dask``; one worker means ``Sequential``; otherwise
    ``Processes`` (``None``: one per core).
    """
    if isinstance(workers, Evaluator):
        return workers
    if scheduler is not None:
        return Dask(scheduler, chunk_size)
    if workers == 1:
        return Sequential(chunk_size)
    return Processes(workers, chunk_size)


def spawn_pool(size: int, initializer: Callable[[], None] | None = None, niceness: int = 0
               ) -> ProcessPoolExecutor:
    """Up to ``size`` spawned workers, each lowering its priority by ``niceness`` first (before
    it loads anything a job needs), then running ``exit_with_parent`` and ``initializer``."""
    return _DeafPool(max_workers=size, mp_context=get_context("spawn"),
                     initializer=_start_worker, initargs=(initializer, niceness))


class _DeafPool(ProcessPoolExecutor):
    """A pool whose workers never see Ctrl-C, not even while they start.

    Why: ``exit_with_parent`` ignores Ctrl-C in a worker, but only once the worker
    has imported what its initializer needs (for the page's workers, matplotlib:
    a second or two); a Ctrl-C in that window printed a worker's traceback after
    the parent had stopped cleanly. A pool starts its workers when work is
    submitted, and a new process inherits the signal mask of the thread that
    starts it, so Ctrl-C is held back in that thread while it submits.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks to inherit
            return super().submit(fn, *args, **kwargs)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return super().submit(fn, *args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(initializer: Callable[[], None] | None, niceness: int = 0) -> None:
    if niceness:
        os.nice(niceness)
    exit_with_parent()
    if initializer is not None:
        initializer()


def exit_with_parent() -> None:
    """In a worker process: end it with the process that started it, and leave Ctrl-C to that.

    Why: a pool's workers wait on a queue whose pipe they hold both ends of, so
    they never see a parent killed outright (``kill -9``, an out-of-memory kill)
    and would idle on; a daemon thread waits on the parent's sentinel instead.
    Ctrl-C reaches every process of the terminal's group: the parent stops its
    pool (a ``with`` block's exit), so a worker ignores it rather than print a
    traceback of its own for every job it was on.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = parent_process()
    if parent is None:
        return
    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)
    threading.Thread(target=watch, name="korea1950-exit-with-parent", daemon=True).start()


def _on_cluster(client, function: Callable[[Any], Any], items: Iterable) -> Iterator:
    return in_order(partial(client.submit, function, pure=False), items, IN_FLIGHT_ON_CLUSTER)


def in_order(submit: Callable[[Any], Future], items: Iterable, window: int) -> Iterator:
    """Submit items with at most ``window`` unfinished, yielding results in submission order.

    Why not ``pool.map``: it submits every item at once, so memory would grow
    with the number of worlds. Works for local futures and Dask's alike.
    """
    pending: deque = deque()
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
