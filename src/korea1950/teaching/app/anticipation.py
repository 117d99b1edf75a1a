"""Settings one step from what a class is looking at, computed before anyone asks for them.

Why: a class mostly moves one control at a time, and a new setting's 10,000
worlds take 0.2-0.5 s on the 2-core development machine, all of it the rules'
own computing (``docs/performance.md``). Computed ahead, while the students read
what is shown, a switch flipped from there is answered from the cache.

What is anticipated: from a setting just shown, every setting one switch or one
scenario away, at the same reading, worlds and seed, so their baseline is
already computed. Not another reading, number of worlds or seed: each needs a
baseline of its own, and the slider and the seed box offer too many values to
guess. The newest ``PENDING`` settings wait, newest first (a class's latest
view matters most); older ones are dropped.

Why a process of its own at the lowest priority (``NICENESS``, set as the
process starts, before it loads the model or matplotlib), stopped while a
click's job runs (``quiet``): a click never waits for it nor shares the machine
with it. A click on a setting being anticipated computes it anyway, and the
copy computed ahead is dropped.

Why it stays exact: a run carries its seed, so the numbers computed ahead are
those the click would have computed. They wait in a cache of their own
(``results.COMPUTED_AHEAD``, so that guesses never push out what a class has
looked at) until a click takes them, and the page then says "computed ahead".

A setting that fails is logged and skipped; if the process dies, anticipation
stops for the server and the page computes every click, as it would without it.
"""

import atexit
import logging
import os
import threading
from collections import deque
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from korea1950.inputs.scenarios import bundled_scenario_names
from korea1950.running.evaluators import spawn_pool
from korea1950.teaching.app import quiet, results, workers
from korea1950.teaching.app.classroom import (
    SWITCH_PREFIX,
    SWITCHES,
    Setting,
    admit,
    effective_scenario,
)

log = logging.getLogger(__name__)

PENDING = 64
"""Settings waiting to be computed ahead, at most (about three views' worth)."""

NICENESS = 19
"""The anticipator's priority (``os.nice``): the lowest, below the verdict's workers."""


class _State:
    """The anticipator of one server: what waits, its process and its thread."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.views: list[Setting] = []
        """Settings shown since the thread last looked, whose steps it has yet to queue."""
        self.waiting: deque[Setting] = deque(maxlen=PENDING)
        """Steps, newest on the right: taken from the right, dropped from the left when full."""
        self.enabled = True
        self.busy = False
        self.stopped = False
        self.thread: threading.Thread | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.pid: int | None = None
        """The process's id, so that a click's job can stop it meanwhile (``quiet``)."""


_STATE = _State()


def configure(enabled: bool) -> None:
    """Turn anticipation on or off for this server (``korea1950 app --no-anticipate``)."""
    _STATE.enabled = enabled


def one_step_from(setting: Setting) -> list[Setting]:
    """Each setting one switch or one scenario away from ``setting``: switches first, in the
    sidebar's order, then the scenarios in the menu's."""
    toggled = [admit(setting, SWITCH_PREFIX + key, key not in setting.switches).setting
               for key in SWITCHES]
    chosen = [admit(setting, "scenario", name).setting for name in bundled_scenario_names()]
    return [step for step in toggled + chosen if step != setting]


def anticipate(setting: Setting) -> None:
    """Have the settings one step from ``setting`` computed ahead of those of older views.

    Cheap on purpose (it runs as a click's numbers are shown): the anticipator's
    thread works out the steps (about 3 ms) and which of them are already known.
    """
    state = _STATE
    if not state.enabled or results.cached_baseline(setting) is None:
        return
    with state.changed:
        if state.stopped:
            return
        state.views.append(setting)
        del state.views[:-PENDING]  # a burst of clicks: only the latest views matter
        if state.thread is None:
            thread = threading.Thread(target=_work, name="korea1950-anticipation", daemon=True)
            thread.start()
            state.thread = thread
        state.changed.notify_all()


def idle(timeout: float) -> bool:
    """Wait until nothing waits and nothing is being computed ahead; whether that came in time
    (for tests and benchmarks)."""
    state = _STATE
    with state.changed:
        return state.changed.wait_for(
            lambda: not (state.waiting or state.views or state.busy), timeout)


def _work() -> None:
    """The anticipator's thread: queue the steps of views shown since it last looked, newest
    last; otherwise compute the newest waiting setting. One thing at a time."""
    state = _STATE
    computed = 0
    while True:
        with state.changed:
            state.busy = False
            state.changed.notify_all()
            if computed and not (state.waiting or state.views):
                log.info("computed %d settings ahead; none waiting", computed)
                computed = 0
            state.changed.wait_for(lambda: state.waiting or state.views or state.stopped)
            if state.stopped:
                return
            views = list(state.views)
            state.views.clear()
            setting = None if views else state.waiting.pop()
            state.busy = True
        try:
            if setting is None:
                _queue_steps(views)
            else:
                computed += _compute(setting)
        except CancelledError:  # only ``stop`` cancels a job: the server is stopping
            return
        except Exception as error:
            stopping = state.stopped or (isinstance(error, RuntimeError)
                                         and "shutdown" in str(error))
            _give_up()
            if stopping:  # the server is stopping (``stop``, or Python's own exit): no failure
                return
            if isinstance(error, BrokenProcessPool):  # killed: its group terminated, or memory
                log.warning("the process computing settings ahead has stopped; the page "
                            "computes each click")
            else:
                log.exception("computing settings ahead failed; the page computes each click")
            return


def _give_up() -> None:
    """Compute nothing ahead any more in this server (the page computes each click)."""
    _STATE.enabled = False
    stop()


def _queue_steps(views: list[Setting]) -> None:
    """Queue each view's steps not yet known, a later view's ahead of an earlier one's."""
    for view in views:
        steps = [step for step in one_step_from(view) if not results.known(step)]
        with _STATE.changed:
            for step in reversed(steps):  # the first step ends on the right: taken first
                if step in _STATE.waiting:
                    _STATE.waiting.remove(step)
                _STATE.waiting.append(step)


def _compute(setting: Setting) -> bool:
    """Compute one setting and its pictures in the low-priority process and keep them; whether
    they were kept (not if known meanwhile, its baseline is no longer cached, or it failed)."""
    baseline = results.cached_baseline(setting)
    if results.known(setting) or baseline is None:
        return False
    pool = _process()
    if pool is None:
        return False
    job = pool.submit(workers.worlds_and_pictures, effective_scenario(setting), setting.reading,
                      setting.worlds, setting.seed, baseline)
    try:
        result, drawn = job.result()
    except (BrokenProcessPool, CancelledError):
        raise
    except Exception:  # this setting alone: the next one may well go through
        log.exception("a setting could not be computed ahead; the page computes it if asked")
        return False
    return results.keep_ahead(setting, result, drawn)


def _process() -> ProcessPoolExecutor | None:
    """The anticipator's process, started (and registered with ``quiet``) if need be; None
    once stopped. Its id is asked for outside the lock: the process takes seconds to start
    at the lowest priority, and the page's thread must never wait on the lock meanwhile."""
    with _STATE.changed:
        if _STATE.stopped:
            return None
        if _STATE.pool is not None:
            return _STATE.pool
        pool = _STATE.pool = spawn_pool(1, niceness=NICENESS)
    pid = pool.submit(os.getpid).result()
    with _STATE.changed:
        if _STATE.pool is not pool:  # stopped meanwhile: ``stop`` has shut it down
            return None
        _STATE.pid = pid
        quiet.register(pid)  # stopped while a click's job runs
    return pool


@atexit.register
def stop() -> None:
    """Stop computing ahead: nothing waiting is computed, and the process is resumed (if a
    click's job has it stopped) and shut down. Called by ``serve`` as Solara returns, at
    exit, and on giving up."""
    state = _STATE
    with state.changed:
        state.stopped, state.busy = True, False
        state.waiting.clear()
        state.views.clear()
        state.changed.notify_all()
        pool, state.pool, pid, state.pid = state.pool, None, state.pid, None
    if pid is not None:
        quiet.release(pid)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
