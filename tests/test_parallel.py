"""Same seed, same numbers: whatever the worker count, chunk size or cluster."""

import json
import select
import subprocess
import sys
import time

import numpy as np
import pytest

from korea1950.cli.main import main
from korea1950.inputs.errors import InputError
from korea1950.running.blocks import BLOCK
from korea1950.running.evaluators import Dask, Sequential
from korea1950.running.experiment import Experiment

ARGS = ["run", "baseline", "--seed", "9", "--replicates", "40000", "--json"]


def run_json(capsys, *extra: str) -> dict:
    assert main([*ARGS, *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_results_do_not_depend_on_workers_or_chunk_size(capsys):
    one = run_json(capsys, "--workers", "1")
    assert run_json(capsys, "--workers", "2") == one
    assert run_json(capsys, "--workers", "2", "--chunk-size", "20000") == one
    assert run_json(capsys, "--workers", "1", "--chunk-size", "100000") == one
    assert one["replicates"] == 40000


def test_a_local_dask_cluster_gives_the_same_numbers(capsys):
    distributed = pytest.importorskip("distributed")
    local = run_json(capsys, "--workers", "1")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = run_json(capsys, "--scheduler", cluster.scheduler_address)
    assert remote == local


def test_an_unreachable_scheduler_is_a_one_line_error(capsys):
    pytest.importorskip("distributed")
    code = main([*ARGS, "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Dask scheduler" in err


def test_every_evaluator_gives_the_same_tallies_as_one_process():
    distributed = pytest.importorskip("distributed")
    experiment = Experiment("baseline", ["kim", "stueck"], replicates=BLOCK + 300, seed=9)
    local = experiment.run(Sequential())
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        chunked = experiment.run(Dask(cluster.scheduler_address, chunk_size=2 * BLOCK))
        with Dask(cluster.scheduler_address) as evaluator:  # one client for both runs
            remote = [experiment.run(evaluator), experiment.run(evaluator)]
    for cell, summary in local.items():
        for other in (*remote, chunked):
            assert other[cell].replicates == summary.replicates
            assert all(np.array_equal(other[cell].tallies[key], tally)
                       for key, tally in summary.tallies.items())


def test_an_unreachable_dask_evaluator_is_a_one_line_error():
    pytest.importorskip("distributed")
    with pytest.raises(InputError, match="cannot reach the Dask scheduler") as refused:
        Dask("tcp://127.0.0.1:9").__enter__()
    assert "\n" not in str(refused.value)


WORKER_SCRIPT = """
import os, sys, time
from korea1950.running.evaluators import Processes

def pid_after_a_nap(_):
    time.sleep(0.5)
    return os.getpid()

if __name__ == "__main__":
    with Processes(2) as evaluator:
        print(*evaluator.map(pid_after_a_nap, range(2), 2), flush=True)
        time.sleep(120)
"""


def test_workers_end_when_their_parent_is_killed_outright(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(WORKER_SCRIPT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                              stderr=subprocess.DEVNULL)
    try:
        ready, _, _ = select.select([parent.stdout], [], [], 60)
        assert ready, "the parent did not report its workers within a minute"
        workers = {int(pid) for pid in parent.stdout.readline().split()}
        assert workers and parent.pid not in workers
        assert all(alive(pid) for pid in workers)
    finally:
        parent.kill()  # SIGKILL: nothing of the parent runs to stop its pool
        parent.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "a worker outlived its parent"


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, waiting to be reaped, is not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


INTERRUPTED_SCRIPT = """
import os, signal
from korea1950.running.evaluators import Processes

def interrupted(item):
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C reaches every process of the terminal
    return item * 2

if __name__ == "__main__":
    with Processes(2) as evaluator:
        print(*evaluator.map(interrupted, range(3), 3), flush=True)
"""


def test_a_worker_leaves_ctrl_c_to_its_parent(tmp_path):
    """Ctrl-C is the parent's to handle (it stops its pool); a worker that took it as its own
    would print a traceback for every job it was on."""
    script = tmp_path / "parent.py"
    script.write_text(INTERRUPTED_SCRIPT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "2", "4"]
    assert "Traceback" not in done.stderr
