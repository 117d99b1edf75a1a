"""Retiring finished worlds (``simulation/retirement.py``) changes a run's speed, not its figures.

Why these tests: a lean run stops stepping a world once every actor is done
in it. If an actor's ``done`` claimed too much (a rule that can still act after
the war) or an array over worlds were not declared, the tallies would drift
silently; here every bundled scenario under every reading must give the same
integer tallies with and without retiring, and the retiring must really
happen, or the first test would prove nothing.
"""

import numpy as np
import pytest

from korea1950.inputs.paths import readings_dir, scenarios_dir
from korea1950.running.blocks import make_tasks
from korea1950.running.summary import summarize
from korea1950.simulation.agents.base import Part
from korea1950.simulation.agents.stalin_calculus import choice_probability, stance_thresholds
from korea1950.simulation.model import CrisisModel

WORLDS, SEED = 3000, 19


def runs() -> list[tuple[str, str]]:
    scenarios = sorted(path.stem for path in scenarios_dir().glob("*.toml"))
    readings = sorted(path.stem for path in readings_dir().glob("*.toml"))
    return [(scenario, reading) for scenario in scenarios for reading in readings]


def block_model(scenario: str, reading: str, lean: bool, worlds: int = WORLDS,
                stalin_motives: dict | None = None) -> CrisisModel:
    task = make_tasks(scenario, reading, worlds, SEED)[0]
    rng = np.random.default_rng(np.random.SeedSequence(task.seed, spawn_key=(task.index,)))
    return CrisisModel(scenario=task.scenario, reading=task.reading, replicates=task.size,
                       rng=rng, lean=lean, stalin_motives=stalin_motives)


@pytest.mark.parametrize(("scenario", "reading"), runs())
def test_lean_run_gives_the_same_tallies(scenario, reading):
    stepped, lean = block_model(scenario, reading, False), block_model(scenario, reading, True)
    stepped.run_model()
    lean.run_model()
    expected, got = summarize(stepped).tallies, summarize(lean).tallies
    assert sorted(got) == sorted(expected)
    for key in expected:
        np.testing.assert_array_equal(got[key], expected[key], err_msg=key)
    assert lean.world.replicates == WORLDS


def test_lean_run_with_fixed_motives_gives_the_same_tallies():
    """As the sensitivity analysis runs it: some of Stalin's motives fixed, one value per world."""
    rng = np.random.default_rng(3)
    motives = {"expects_us_to_fight": rng.random(WORLDS), "values_boycott_solidarity": 0.9}
    stepped = block_model("baseline", "kim", False, stalin_motives=motives)
    lean = block_model("baseline", "kim", True, stalin_motives=motives)
    stepped.run_model()
    lean.run_model()
    expected, got = summarize(stepped).tallies, summarize(lean).tallies
    for key in expected:
        np.testing.assert_array_equal(got[key], expected[key], err_msg=key)


def test_most_baseline_worlds_retire_before_the_horizon():
    model = block_model("baseline", "stueck", True)
    live = []
    while model.running:
        model.step()
        live.append(model.world.replicates)
    assert live[0] == WORLDS
    assert min(live) < 0.1 * WORLDS  # by the armistice years, nine in ten have left
    assert sum(live) < 0.6 * WORLDS * len(live)


def test_every_array_over_worlds_shrinks_with_the_live_worlds():
    """An actor's state over worlds not declared in ``PER_WORLD`` would keep its old length."""
    model = block_model("baseline", "kim", True)
    while model.running and model.world.replicates == WORLDS:
        model.step()
    live = model.world.replicates
    assert live < WORLDS
    for owner in (model.world, *model.actors):
        for name, value in vars(owner).items():
            arrays = value.values() if isinstance(value, dict) else [value]
            for array in arrays:
                if isinstance(array, np.ndarray) and array.ndim == 1:
                    assert array.size == live, (type(owner).__name__, name)


def test_threshold_and_logit_chance_agree():
    """Stalin acts where his net gain passes a threshold: the logit chance passing his stance."""
    rng = np.random.default_rng(5)
    stance = {"q": rng.random(1_000_000)}
    gain = rng.normal(0.0, 1.0, 1_000_000) * rng.choice([0.01, 0.3, 5.0], 1_000_000)
    for noise in (0.05, 0.3, 1.0):
        by_threshold = gain > stance_thresholds(stance, noise)["q"]
        by_chance = choice_probability(gain, noise) > stance["q"]
        assert np.array_equal(by_threshold, by_chance)
    assert stance_thresholds({"q": np.array([0.0])}, 0.3)["q"][0] == -np.inf


def test_a_part_takes_and_spreads_back():
    among = np.array([False, True, False, True, True])
    part = Part(among)
    values = np.arange(5.0) * 10
    assert part.take(values).tolist() == [10.0, 30.0, 40.0]
    assert part.take(2.5) == 2.5
    assert part.spread(part.take(values) + 1, -1.0).tolist() == [-1.0, 11.0, -1.0, 31.0, 41.0]
    taken = part.take_each({"a": values, "b": 7.0})
    assert taken["a"].tolist() == [10.0, 30.0, 40.0] and taken["b"] == 7.0
    assert sorted(taken) == ["a", "b"] and len(taken) == 2


def test_happened_months_ago_is_months_since_at_least():
    """The two-comparison form the rules use answers as ``months_since(...) >= months`` does."""
    from korea1950.simulation.world import WorldState

    world = WorldState(6, 1.0)
    world.month = 10
    world.events["invasion"][:] = [-1, 0, 4, 8, 9, 10]
    for months in (-3, -1, 0, 1, 1.5, 2, 6, 10, 11):
        expected = world.months_since("invasion") >= months
        assert np.array_equal(world.happened_months_ago("invasion", months), expected), months


def test_happened_months_ago_rounds_a_bound_just_above_a_whole_month_up():
    from korea1950.simulation.world import WorldState

    world = WorldState(2, 1.0)
    world.month = 5
    world.events["invasion"][:] = [4, 3]
    bound = 1.0000000000000002
    assert world.happened_months_ago("invasion", bound).tolist() == [False, True]
    assert (world.months_since("invasion") >= bound).tolist() == [False, True]
