"""Same seed, same numbers: whatever the worker count, chunk size or cluster."""

import json

import pytest

from korea1950.cli.main import main

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
