"""Sensitivity analysis: SALib's indices for every reading parameter, reproducibly."""

import json

import numpy as np

from korea1950.analysis.sensitivity import run_sensitivity, to_prior, varied_parameters
from korea1950.cli.main import main
from korea1950.inputs.readings import load_reading
from korea1950.running.evaluators import Processes


def test_quantiles_map_through_each_prior():
    reading = load_reading("stueck")
    grid = np.linspace(0.01, 0.99, 99)
    for name in varied_parameters(reading):
        prior = reading.priors[name]
        values = to_prior(prior, grid)
        low, high = prior.support()
        assert np.all(np.diff(values) >= 0), name
        assert values.min() >= low and values.max() <= high
        assert abs(to_prior(prior, np.array([0.5]))[0] - prior.mean()) < 0.1


def test_sobol_gives_first_order_and_total_indices_with_intervals(capsys):
    code = main(["sensitivity", "--method", "sobol", "--samples", "32",
                 "--replicates-per-point", "16", "--outcomes", "invasion,soviet_veto",
                 "--workers", "1", "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    parameters = set(varied_parameters(load_reading("stueck")))
    assert set(result["parameters"]) == parameters
    assert len(result["indices"]) == 2 * len(parameters)
    for row in result["indices"]:
        assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(row)
        assert row["ST_conf"] >= 0
    veto = {r["parameter"]: r for r in result["indices"] if r["outcome"] == "soviet_veto"}
    # The boycott's value decides whether he comes back to veto; how candid his later
    # letters are cannot touch the veto at all.
    assert veto["values_boycott_solidarity"]["ST"] > veto["letter_candour"]["ST"]


def test_same_seed_same_indices_for_any_worker_count():
    first = run_sensitivity(samples=16, replicates_per_point=256, outcomes=("invasion",))
    second = run_sensitivity(samples=16, replicates_per_point=256, outcomes=("invasion",),
                             execution=Processes(2))
    assert first == second


def test_morris_and_bad_outcome(capsys):
    assert main(["sensitivity", "--method", "morris", "--samples", "6", "--workers", "1",
                 "--replicates-per-point", "8", "--outcomes", "invasion"]) == 0
    assert "mu*" in capsys.readouterr().out
    assert main(["sensitivity", "--outcomes", "invasoin", "--workers", "1"]) == 2
    assert "unknown outcome 'invasoin'" in capsys.readouterr().err
