"""The page's heavy work in worker processes: a setting's worlds and its two pictures.

Why processes and not the page's threads: the simulation and matplotlib are
both mostly Python, so in one process they take turns holding the interpreter.
On the 2-core development machine 10,000 worlds took 0.19 s alone and 0.56 s
while the previous setting's pictures were drawn in another thread, which is
what a student flipping switches makes happen. In worker processes each job has
an interpreter of its own, and the sessions of a class compute side by side
rather than one after another.

The pool is started once per server (``start``, when the first page opens) with
one worker, which warms up (imports, a small run); until it is ready the server
computes itself, so neither the first page nor a click waits for a Python to
start. More workers start (one per core at most) only when jobs overlap.

If a worker dies, the job is done in the server's own process and the next job
starts a new pool; once ``MOST_BROKEN`` pools have broken, the server computes
everything itself. Either way the page answers with the same numbers: a run
does not depend on where it is computed (it carries its seed).
"""

import atexit
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from korea1950.inputs.scenarios import Scenario
from korea1950.running.ensemble import simulate
from korea1950.running.evaluators import default_workers, exit_with_parent
from korea1950.running.summary import Summary
from korea1950.teaching.app import charts

log = logging.getLogger(__name__)

WARM_UP_WORLDS = 100
"""Worlds of the small run each worker makes before its first job (loads files, fills caches)."""

_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_STARTED = threading.Event()
_READY: list[Future] = []
"""The first worker's warm-up job: the pool is used once it is done."""
_BROKEN = [0]
"""How many pools broke; after ``MOST_BROKEN`` the server stops starting new ones."""

MOST_BROKEN = 2


def start() -> None:
    """Start the workers (once per server) so that they are warm when a student clicks."""
    if _STARTED.is_set():
        return
    _STARTED.set()
    pool = _pool()
    if pool is not None:
        _READY.append(pool.submit(int))  # starts one worker now; more start when jobs overlap


def ready() -> bool:
    """Whether the workers take jobs yet (started and the first one warm)."""
    return bool(_READY) and _READY[0].done()


def run_setting(scenario: "str | Scenario", reading: str, worlds: int, seed: int) -> Summary:
    """A setting's worlds, computed in a worker (one block: a pool inside would only add cost)."""
    return _in_worker(_simulate, scenario, reading, worlds, seed)


def draw_pictures(result: Summary, baseline: Summary) -> tuple[bytes, bytes]:
    """The front line and the timeline of a setting beside its baseline, as PNG bytes."""
    return _in_worker(_pictures, result, baseline)


def _simulate(scenario: "str | Scenario", reading: str, worlds: int, seed: int) -> Summary:
    return simulate(scenario, reading, worlds, seed, workers=1, progress=False)


def _pictures(result: Summary, baseline: Summary) -> tuple[bytes, bytes]:
    return charts.front_line(result, baseline), charts.timeline(result, baseline)


def _warm_up() -> None:
    """Run in each worker as it starts: import and run once, so its first job is quick."""
    exit_with_parent()
    _simulate("baseline", "stueck", WARM_UP_WORLDS, 1)


def _pool() -> ProcessPoolExecutor | None:
    """The running pool, started if need be; None once workers have been given up."""
    global _POOL
    with _LOCK:
        if _POOL is None and _BROKEN[0] < MOST_BROKEN:
            _POOL = ProcessPoolExecutor(max_workers=default_workers(),
                                        mp_context=get_context("spawn"), initializer=_warm_up)
        return _POOL


def _in_worker[T](function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in a worker; in this process until one is ready, or once broken."""
    pool = _pool() if ready() else None
    if pool is None:
        return function(*args)
    try:
        job = pool.submit(function, *args)
    except BrokenProcessPool:  # a worker died before this job was sent
        _forget(pool)
        return function(*args)
    except RuntimeError:  # shut down meanwhile: the server is stopping, or the pool was dropped
        return function(*args)
    try:
        return job.result()
    except BrokenProcessPool:  # a worker died while on it
        _forget(pool)
        return function(*args)


def _forget(pool: ProcessPoolExecutor) -> None:
    """Drop a broken pool, so the next job starts a new one (or none, after ``MOST_BROKEN``)."""
    global _POOL
    with _LOCK:
        if _POOL is pool:
            _POOL = None
            _BROKEN[0] += 1
            log.warning("a worker of the page died (%d of %d); computing in the server%s",
                        _BROKEN[0], MOST_BROKEN,
                        " from now on" if _BROKEN[0] >= MOST_BROKEN else "")
    pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def _stop() -> None:
    """Stop the workers with the server (queued jobs are dropped)."""
    global _POOL
    with _LOCK:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
