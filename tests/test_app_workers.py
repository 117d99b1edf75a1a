"""The page's worker processes: the same numbers as in the server, from another process, and
an answer even when a worker dies."""

import os
import signal

import numpy as np
import pytest

from korea1950.running.ensemble import simulate
from korea1950.teaching.app import workers


@pytest.fixture
def fresh(monkeypatch):
    """The module's state as a new server has it; its pool stopped afterwards."""
    monkeypatch.setattr(workers, "_POOL", None)
    monkeypatch.setattr(workers, "_STARTED", workers.threading.Event())
    monkeypatch.setattr(workers, "_READY", [])
    monkeypatch.setattr(workers, "_BROKEN", [0])
    yield workers
    workers._stop()


def started(module) -> None:
    """Start the workers and wait until the first one is warm."""
    module.start()
    module._READY[0].result(timeout=120)
    assert module.ready()


def same(a, b) -> bool:
    return a.tallies.keys() == b.tallies.keys() and all(
        np.array_equal(a.tallies[key], b.tallies[key]) for key in a.tallies)


def test_until_a_worker_is_ready_the_server_computes_itself(fresh):
    assert not fresh.ready()
    assert fresh._in_worker(os.getpid) == os.getpid()
    assert fresh._POOL is None, "nothing is started before the first page opens"


def test_a_worker_gives_the_numbers_the_server_would(fresh):
    started(fresh)
    assert fresh._in_worker(os.getpid) != os.getpid()
    here = simulate("soviet_veto", "kim", replicates=3000, seed=4, progress=False)
    there = fresh.run_setting("soviet_veto", "kim", 3000, 4)
    assert same(here, there)
    baseline = simulate("baseline", "kim", replicates=3000, seed=4, progress=False)
    front, timeline = fresh.draw_pictures(there, baseline)
    assert front.startswith(b"\x89PNG") and timeline.startswith(b"\x89PNG")
    assert len(front) > 10_000 and len(timeline) > 10_000


def test_when_workers_die_the_page_still_answers_and_then_stops_starting_them(fresh):
    started(fresh)
    expected = simulate("mao_refuses", "stueck", replicates=2000, seed=8, progress=False)
    for broken in (1, 2):
        pool = fresh._POOL
        assert pool is not None
        worker = fresh._in_worker(os.getpid)
        os.kill(worker, signal.SIGKILL)
        assert same(fresh.run_setting("mao_refuses", "stueck", 2000, 8), expected)
        assert fresh._BROKEN[0] == broken and fresh._POOL is None
        if broken < fresh.MOST_BROKEN:
            assert fresh._in_worker(os.getpid) != os.getpid(), "a new pool takes the next job"
    assert fresh._in_worker(os.getpid) == os.getpid(), "after two broken pools, none is started"
    assert fresh._POOL is None
