"""A click's job first: a registered process is stopped while one runs and goes on after."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from korea1950.teaching.app import quiet

pytestmark = pytest.mark.skipif(not quiet.CAN_STOP, reason="no SIGSTOP on this system")


def state(pid: int) -> str:
    """The process's state letter from /proc (T: stopped), after the signal has landed."""
    time.sleep(0.05)
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.fixture
def sleeper():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    quiet.release(process.pid)
    process.kill()
    process.wait()


def test_a_registered_process_is_stopped_while_any_click_job_runs(sleeper):
    quiet.register(sleeper)
    assert state(sleeper) == "S"
    with quiet.click_job():
        assert state(sleeper) == "T"
        with quiet.click_job():  # a second session's click meanwhile
            assert state(sleeper) == "T"
        assert state(sleeper) == "T", "still stopped: the first job runs on"
    assert state(sleeper) == "S"


def test_registered_during_a_job_it_stops_at_once_and_release_lets_it_go(sleeper):
    entered, leave = threading.Event(), threading.Event()

    def job() -> None:
        with quiet.click_job():
            entered.set()
            leave.wait(10)

    thread = threading.Thread(target=job)
    thread.start()
    entered.wait(10)
    quiet.register(sleeper)
    assert state(sleeper) == "T"
    quiet.release(sleeper)
    assert state(sleeper) == "S", "released: it goes on though the job still runs"
    leave.set()
    thread.join(10)
    with quiet.click_job():
        assert state(sleeper) == "S", "no longer registered"


def test_a_process_that_has_ended_is_no_error():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    quiet.register(process.pid)  # ended (and reaped) before: nothing to stop
    with quiet.click_job():
        pass
    quiet.release(process.pid)
    assert process.pid not in quiet._YIELDING
