"""The experiment API: scenarios x readings through any evaluator, the same figures each way."""

import os

import numpy as np
import pytest

from korea1950.analysis.weigh.discrimination import decision_band
from korea1950.inputs.errors import InputError
from korea1950.inputs.readings import load_reading
from korea1950.running.blocks import BLOCK
from korea1950.running.ensemble import simulate
from korea1950.running.evaluators import Processes, Sequential, evaluator_for
from korea1950.running.experiment import Experiment
from korea1950.running.summary import Summary

SCENARIOS, READINGS = ["baseline", "no_acheson_speech"], ["kim", "stueck"]


def same_tallies(a: Summary, b: Summary) -> bool:
    return a.replicates == b.replicates and sorted(a.tallies) == sorted(b.tallies) and all(
        np.array_equal(a.tallies[key], b.tallies[key]) for key in a.tallies)


class CountingSequential(Sequential):
    """A sequential evaluator that counts the items it was handed."""

    def __init__(self) -> None:
        super().__init__()
        self.items = 0

    def map(self, function, items, count):
        self.items += count
        return super().map(function, items, count)


def test_each_cell_is_the_summary_simulate_gives():
    results = Experiment(SCENARIOS, READINGS, replicates=600, seed=4).run(Sequential())
    assert list(results) == [(s, r) for s in SCENARIOS for r in READINGS]
    assert (results.scenarios, results.readings) == (SCENARIOS, READINGS)
    for (scenario, reading), summary in results.items():
        assert same_tallies(summary, simulate(scenario, reading, 600, seed=4, progress=False))
    cell = results["baseline", "kim"]
    assert cell.replicates == 600 and cell.probability("invasion") == cell.count("invasion") / 600
    assert 0 < cell.count("invasion") <= 600


def test_sequential_processes_and_chunk_sizes_give_identical_tallies():
    experiment = Experiment("baseline", READINGS, replicates=BLOCK + 700, seed=9)
    one = experiment.run(Sequential())
    with Processes(2) as evaluator:  # one pool, reused by both runs
        two = experiment.run(evaluator)
        again = experiment.run(evaluator)
    chunked = experiment.run(Processes(2, chunk_size=2 * BLOCK))
    big_chunks = experiment.run(Sequential(chunk_size=BLOCK + 1))
    for cell in one:
        for other in (two, again, chunked, big_chunks):
            assert same_tallies(one[cell], other[cell])
    assert one["baseline", "kim"].replicates == BLOCK + 700


def test_a_single_chunk_runs_in_this_process_without_starting_workers():
    evaluator = evaluator_for(None)  # the default: every core
    assert isinstance(evaluator, Processes)
    assert list(Processes(2).map(lambda _: os.getpid(), [0], 1)) == [os.getpid()]


def test_a_malformed_scenario_name_is_a_one_line_input_error():
    with pytest.raises(InputError) as refused:
        Experiment(["baseline", "no_acheson_speach"], "kim", replicates=10)
    assert "\n" not in str(refused.value) and "no_acheson_speach" in str(refused.value)


@pytest.mark.parametrize(("arguments", "fragment"), [
    ({"scenarios": ["baseline", "baseline"]}, "share the name 'baseline'"),
    ({"scenarios": []}, "at least one scenario"),
    ({"replicates": 0}, "replicates must be from 1"),
    ({"seed": -1}, "seed must be a non-negative integer"),
    ({"parameters": {"kim_patience": 1.0}}, "unknown parameter 'kim_patience'"),
])
def test_bad_experiments_are_refused_before_any_work(arguments, fragment):
    with pytest.raises(InputError, match=fragment):
        Experiment(**arguments)


def test_bad_evaluator_settings_are_one_line_errors():
    with pytest.raises(InputError, match="workers must be from 1 to 256, got 0"):
        Processes(0)
    with pytest.raises(InputError, match="chunk size must be at least 1"):
        Sequential(chunk_size=0)


def test_a_missing_cell_names_what_the_results_hold():
    results = Experiment("baseline", "kim", replicates=50, seed=1).run(Sequential())
    with pytest.raises(KeyError, match=r"scenario in \['baseline'\]"):
        results["baseline", "stueck"]


def test_timing_takes_an_event_or_a_reported_timing():
    summary = Experiment("baseline", "stueck", replicates=800, seed=2).run(Sequential())[
        "baseline", "stueck"]
    assert summary.timing("invasion") == summary.timing("invasion_month")
    assert summary.timing("invasion")["median"].startswith("19")
    with pytest.raises(InputError, match="did you mean 'invasion'"):
        summary.timing("invasoin")
    with pytest.raises(InputError, match="did you mean 'invasion'"):
        summary.probability("invasoin")
    assert summary.count("invasion") == round(summary.probability("invasion") * 800)


def test_the_decision_band_runs_through_the_evaluator_it_is_given():
    readings = [load_reading("kim"), load_reading("stueck")]
    counting = CountingSequential()
    one = decision_band(readings, grid=3, worlds=400, seed=5, progress=False, evaluator=counting)
    two = decision_band(readings, grid=3, worlds=400, seed=5, progress=False,
                        evaluator=Processes(2))
    assert one == two
    assert counting.items == 2 * 3  # one block per reading and grid point
    assert len(one["shares"]["kim"]) == 3 and all(0 <= s <= 1 for s in one["shares"]["kim"])
