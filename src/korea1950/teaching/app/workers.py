"""The page's heavy work in worker processes: a setting's worlds and its two pictures.

Why processes and not the page's threads: the simulation and matplotlib are
both mostly Python, so in one process they take turns holding the interpreter.
On the 2-core development machine 10,000 worlds took 0.19 s alone and 0.56 s
while the previous setting's pictures were drawn in another thread, which is
what a student flipping switches makes happen. In worker processes each job has
an interpreter of its own, and the sessions of a class compute side by side
rather than one after another.

The pool is started once per server (``start``, when the first page opens) with
``WARM_WORKERS`` workers, each of which warms up (imports, the first setting) before
its first job; until they are warm the server computes itself, so neither the
first page nor a click waits for a Python to start. More workers (one per core
at most) start when more jobs overlap.

If a worker dies, the job is done in the server's own process and a new pool is
started, which the server again stands in for until it is warm; once
``MOST_BROKEN`` pools have broken, the server computes everything itself. Either
way the page answers with the same numbers: a run does not depend on where it is
computed (it carries its seed). A job that breaks a pool is run once more in the
server: the gate (``classroom.admit``) bounds every job to 50,000 worlds.
"""

import atexit
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from korea1950.inputs.scenarios import Scenario
from korea1950.running.ensemble import simulate
from korea1950.running.evaluators import default_workers, spawn_pool
from korea1950.running.summary import Summary
from korea1950.teaching.app import charts, quiet
from korea1950.teaching.app.classroom import Setting

log = logging.getLogger(__name__)

WARM_UP = Setting()
"""The run each worker makes before its first job: the page's first setting, at full size.

Why full size and not a token run: it loads the files, keeps that seed's
motives and stances (``readings.DRAWS``, ``stalin_stances``), which every
setting of the same seed and reading draws alike, and lets the allocator size
itself for arrays of ten thousand worlds. Measured: the first click a worker
computed (10,000 worlds of ``mao_refuses``) took 0.207 s after this warm-up and
0.222 s after a run of 100 worlds."""

WARM_WORKERS = 2
"""Workers started with the pool (at most one per core): with two, a click's worlds need not
wait for the previous setting's pictures."""

MOST_BROKEN = 2
"""After this many pools have broken, the server stops starting new ones."""


class _State:
    """The server's pool, its warm-up, and how it has fared (one per server process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started = False
        self.stopped = False
        self.pool: ProcessPoolExecutor | None = None
        self.warm: Future | None = None
        """The current pool's first warm-up job: the pool takes jobs once it is done."""
        self.broken = 0


_STATE = _State()


def start() -> None:
    """Start the workers (once per server) so that they are warm when a student clicks."""
    with _STATE.lock:
        if _STATE.started:
            return
        _STATE.started = True
    _pool()


def ready() -> bool:
    """Whether the workers take jobs now (started, and the current pool warm)."""
    warm = _STATE.warm
    return _STATE.pool is not None and warm is not None and warm.done()


def run_setting(scenario: "str | Scenario", reading: str, worlds: int, seed: int) -> Summary:
    """A setting's worlds, computed in a worker (one block: a pool inside would only add cost)."""
    return _in_worker(compute_worlds, scenario, reading, worlds, seed)


def draw_pictures(result: Summary, baseline: Summary) -> tuple[bytes, bytes]:
    """The front line and the timeline of a setting beside its baseline, as PNG bytes."""
    return _in_worker(draw_both, result, baseline)


def compute_worlds(scenario: "str | Scenario", reading: str, worlds: int, seed: int) -> Summary:
    """A setting's worlds in this process, as one block (what a worker runs for a click)."""
    return simulate(scenario, reading, worlds, seed, workers=1, progress=False)


def draw_both(result: Summary, baseline: Summary) -> tuple[bytes, bytes]:
    """The front line and the timeline as PNG bytes, drawn in this process."""
    return charts.front_line(result, baseline), charts.timeline(result, baseline)


def worlds_and_pictures(scenario: Scenario, reading: str, worlds: int, seed: int,
                        baseline: Summary) -> tuple[Summary, tuple[bytes, bytes]]:
    """A setting's worlds and its two pictures beside ``baseline``, in this process (the job of
    the page's anticipator, ``anticipation``, which loads only this module for it)."""
    result = compute_worlds(scenario, reading, worlds, seed)
    return result, draw_both(result, baseline)


def _warm_up() -> None:
    """Run in each worker as it starts (after ``exit_with_parent``): run once."""
    compute_worlds(WARM_UP.scenario, WARM_UP.reading, WARM_UP.worlds, WARM_UP.seed)


def _pool() -> ProcessPoolExecutor | None:
    """The current pool, a new one (warming up) if there is none; None once given up."""
    state = _STATE
    with state.lock:
        if (state.pool is None and state.started and not state.stopped
                and state.broken < MOST_BROKEN):
            state.pool = spawn_pool(default_workers(), initializer=_warm_up)
            jobs = [state.pool.submit(int) for _ in range(min(WARM_WORKERS, default_workers()))]
            state.warm = jobs[0]  # each job at once starts a worker, which warms up first
        return state.pool


def _in_worker[T](function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in a worker; in this process until one is warm, or once broken.
    Whatever works ahead is stopped meanwhile (``quiet``): a click waits for this."""
    with quiet.click_job():
        return _in_worker_now(function, *args)


def _in_worker_now[T](function: Callable[..., T], *args: object) -> T:
    pool = _pool()
    if pool is None or not ready():
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
    state = _STATE
    with state.lock:
        if state.pool is pool:
            state.pool, state.warm = None, None
            state.broken += 1
            log.warning("a worker of the page died (%d of %d); computing in the server%s",
                        state.broken, MOST_BROKEN,
                        " from now on" if state.broken >= MOST_BROKEN else "")
    pool.shutdown(wait=False, cancel_futures=True)


@atexit.register
def _stop() -> None:
    """Stop the workers with the server (queued jobs are dropped; none is started after)."""
    state = _STATE
    with state.lock:
        pool, state.pool, state.warm, state.stopped = state.pool, None, None, True
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
