"""The page's worker processes: the same numbers as in the server, from another process, and
an answer even when a worker dies."""

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from korea1950.running.ensemble import simulate
from korea1950.running.evaluators import Processes
from korea1950.teaching.app import verdict, workers
from korea1950.teaching.app.verdict import VERDICT_NICENESS, give_way


@pytest.fixture
def fresh(monkeypatch):
    """The module's state as a new server has it; its pool stopped afterwards."""
    monkeypatch.setattr(workers, "_STATE", workers._State())
    yield workers
    workers._stop()


def warm(module) -> None:
    """Wait until the current pool is warm."""
    module._STATE.warm.result(timeout=120)
    assert module.ready()


def same(a, b) -> bool:
    return a.tallies.keys() == b.tallies.keys() and all(
        np.array_equal(a.tallies[key], b.tallies[key]) for key in a.tallies)


def test_until_a_worker_is_warm_the_server_computes_itself(fresh):
    assert fresh._in_worker(os.getpid) == os.getpid()
    assert fresh._STATE.pool is None, "nothing is started before the first page opens"
    fresh.start()
    assert fresh._STATE.pool is not None
    if not fresh.ready():
        assert fresh._in_worker(os.getpid) == os.getpid(), "still warming: the server computes"
    warm(fresh)
    assert fresh._in_worker(os.getpid) != os.getpid()


def test_a_worker_gives_the_numbers_the_server_would(fresh):
    fresh.start()
    warm(fresh)
    here = simulate("soviet_veto", "kim", replicates=3000, seed=4, progress=False)
    there = fresh.run_setting("soviet_veto", "kim", 3000, 4)
    assert same(here, there)
    baseline = simulate("baseline", "kim", replicates=3000, seed=4, progress=False)
    front, timeline = fresh.draw_pictures(there, baseline)
    assert front.startswith(b"\x89PNG") and timeline.startswith(b"\x89PNG")
    assert len(front) > 10_000 and len(timeline) > 10_000


def test_when_workers_die_the_page_still_answers_and_then_stops_starting_them(fresh):
    fresh.start()
    expected = simulate("mao_refuses", "stueck", replicates=2000, seed=8, progress=False)
    for broken in range(1, fresh.MOST_BROKEN + 1):
        warm(fresh)
        os.kill(fresh._in_worker(os.getpid), signal.SIGKILL)
        assert same(fresh.run_setting("mao_refuses", "stueck", 2000, 8), expected)
        assert fresh._STATE.broken == broken and fresh._STATE.pool is None
        assert fresh._in_worker(os.getpid) == os.getpid(), "the server stands in meanwhile"
    assert fresh._STATE.pool is None, "after two broken pools, none is started"
    assert same(fresh.run_setting("mao_refuses", "stueck", 2000, 8), expected)


def test_after_the_server_stops_no_pool_is_started(fresh):
    fresh.start()
    fresh._stop()
    assert fresh._in_worker(os.getpid) == os.getpid()
    assert fresh._STATE.pool is None


def test_the_verdicts_workers_give_way_to_the_pages():
    """The verdict computes in the background at a lower priority than the page's workers."""
    ours = os.nice(0)
    with Processes(2, initializer=give_way) as evaluator:
        theirs = set(evaluator.map(os.nice, [0] * 4, 4))  # os.nice(0) reads the niceness
    assert theirs == {min(19, ours + VERDICT_NICENESS)}
    with Processes(2) as evaluator:
        assert set(evaluator.map(os.nice, [0] * 4, 4)) == {ours}


@pytest.mark.parametrize(("stopped", "level", "said"), [
    (BrokenProcessPool("killed"), "WARNING", "workers stopped before it was finished"),
    (RuntimeError("cannot schedule new futures after shutdown"), "INFO",
     "the server stopped before the verdict was finished")])
def test_a_verdict_cut_short_by_the_server_stopping_is_a_line_not_a_traceback(
        monkeypatch, caplog, stopped, level, said):
    def cut_short() -> dict:
        raise stopped

    monkeypatch.setattr(verdict, "page_verdict", cut_short)
    with caplog.at_level("INFO", logger=verdict.__name__):
        verdict._compute_ahead()
    assert [record.levelname for record in caplog.records] == [level]
    assert caplog.records[0].exc_info is None and said in caplog.text
