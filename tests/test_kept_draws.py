"""Draws kept between runs of the same seed (Stalin's motives and stances) are the draws themselves.

Why these tests: a study runs every scenario, coalition and prior variant with
the same seeds, so a process keeps what each block draws alike
(``readings.DRAWS``, ``stalin_stances.STANCES_KEPT``). A kept draw must be the
very numbers a fresh one gives, leave the random stream exactly where a fresh
one would, and be safe from a rule writing into it; and the world's event
months, now rows of one array, must still be written and read by name.
"""

import copy
import dataclasses
import pickle

import numpy as np
import pytest

from korea1950.inputs import readings
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import LARGEST_KEPT, load_reading
from korea1950.running.blocks import BLOCK, make_tasks, run_block
from korea1950.simulation.agents import stalin_stances
from korea1950.simulation.agents.stalin_stances import STANCES, draw_stances
from korea1950.simulation.world import PEACE, WorldState


def forget_kept_draws() -> None:
    readings.DRAWS.clear()
    stalin_stances.STANCES_KEPT.clear()


def test_a_kept_motive_draw_is_the_fresh_draw_and_read_only():
    reading = load_reading("kim")
    forget_kept_draws()
    fresh = reading.draw(np.random.default_rng(5), 400)
    kept = reading.draw(np.random.default_rng(5), 400)
    for name, values in fresh.items():
        assert kept[name] is values  # the same array: it was kept, not drawn again
        assert not values.flags.writeable
        with pytest.raises(ValueError):
            values[0] = 0.5
    forget_kept_draws()
    again = reading.draw(np.random.default_rng(5), 400)
    for name, values in fresh.items():
        assert np.array_equal(again[name], values)


def test_a_prior_variant_keeps_the_other_priors_draws_and_draws_its_own():
    reading = load_reading("stueck")
    name = next(n for n, p in reading.priors.items() if p.distribution == "beta")
    prior = reading.priors[name]
    args = dict(prior.arguments)
    moved = dataclasses.replace(prior, arguments=tuple(
        (key, args["mean"] * 0.5 if key == "mean" else value) for key, value in prior.arguments))
    variant = dataclasses.replace(reading, priors={**reading.priors, name: moved})
    forget_kept_draws()
    cited = reading.draw(np.random.default_rng(8), 300)
    varied = variant.draw(np.random.default_rng(8), 300)
    assert all(varied[other] is cited[other] for other in cited if other != name)
    assert varied[name].mean() < cited[name].mean()
    forget_kept_draws()
    assert np.array_equal(variant.draw(np.random.default_rng(8), 300)[name], varied[name])


@pytest.mark.parametrize("half_word_pending", [False, True])
def test_a_kept_stance_draw_leaves_the_stream_where_a_fresh_one_does(half_word_pending):
    def stream() -> np.random.Generator:
        rng = np.random.default_rng(11)
        if half_word_pending:  # a float32 draw keeps half a 64-bit word aside
            rng.random(3, dtype=np.float32)
        return rng

    forget_kept_draws()
    first, fresh = stream(), stream()
    kept_stance, kept_threshold = draw_stances(first, 250, 0.2)
    assert len(stalin_stances.STANCES_KEPT) == 1  # the first call kept it
    second = stream()
    stance, threshold = draw_stances(second, 250, 0.2)
    assert all(stance[q] is kept_stance[q] and threshold[q] is kept_threshold[q]
               for q in STANCES)  # the kept arrays, in dicts of its own
    expected = {question: fresh.random(250) for question in STANCES}
    for question in STANCES:
        assert np.array_equal(stance[question], expected[question])
    assert second.bit_generator.state == fresh.bit_generator.state
    assert np.array_equal(second.random(7, dtype=np.float32), fresh.random(7, dtype=np.float32))
    assert np.array_equal(second.random(7), fresh.random(7))


def test_another_generator_draws_its_stances_afresh():
    forget_kept_draws()
    philox = np.random.Generator(np.random.Philox(3))
    stance, _ = draw_stances(philox, 50, 0.2)
    assert len(stalin_stances.STANCES_KEPT) == 0
    expected = np.random.Generator(np.random.Philox(3)).random(50)
    assert np.array_equal(stance[STANCES[0]], expected)


def test_a_block_gives_the_same_tallies_with_and_without_kept_draws():
    task = make_tasks("no_incheon", "kim", 3000, 21)[0]
    forget_kept_draws()
    fresh = run_block(task)
    kept = run_block(task)  # motives and stances from the first run
    assert fresh.tallies.keys() == kept.tallies.keys()
    for key, values in fresh.tallies.items():
        assert np.array_equal(values, kept.tallies[key]), key
    assert len(stalin_stances.STANCES_KEPT) == 1
    assert len(readings.DRAWS) == len(STALIN_MOTIVE_PARAMETERS)


def test_event_months_are_rows_written_and_read_by_name_through_subset_and_store():
    world = WorldState(6, 1.0)
    assert all(np.shares_memory(world.events[name], world.event_months)
               for name in world.events)
    part = world.subset(np.array([1, 3, 5]))
    part.month = 4
    part.record("invasion", np.array([True, False, True]))
    part.start_war(np.array([False, True, False]))
    assert part.events["war_start"].flags.c_contiguous
    again = part.subset(np.array([0, 1]))
    assert again.events["invasion"].tolist() == [4, -1]
    assert again.events["war_start"].tolist() == [-1, 4]
    world.store(part, np.array([1, 3, 5]))
    assert world.events["invasion"].tolist() == [-1, 4, -1, -1, -1, 4]
    assert world.happened("war_start").tolist() == [False, False, False, True, False, False]
    assert world.phase.tolist() == [PEACE] * 3 + [1] + [PEACE] * 2


def test_each_motive_still_draws_from_its_own_child_of_the_runs_number():
    """The streams are those of ``SeedSequence(n).spawn(...)``, as before draws were kept."""
    reading = load_reading("kim")
    forget_kept_draws()
    drawn = reading.draw(np.random.default_rng(4), 100)
    number = int(np.random.default_rng(4).integers(2**63))
    children = np.random.SeedSequence(number).spawn(len(STALIN_MOTIVE_PARAMETERS))
    for name, child in zip(STALIN_MOTIVE_PARAMETERS, children, strict=True):
        expected = reading.priors[name].draw(np.random.default_rng(child), 100)
        assert np.array_equal(drawn[name], expected), name


def test_motives_set_by_the_caller_are_not_drawn_and_the_others_are_the_same():
    reading = load_reading("stueck")
    forget_kept_draws()
    every = reading.draw(np.random.default_rng(9), 200)
    fixed = list(STALIN_MOTIVE_PARAMETERS)[::3]
    forget_kept_draws()
    some = reading.draw(np.random.default_rng(9), 200, fixed=fixed)
    assert set(some) == set(every) - set(fixed)
    assert all(np.array_equal(some[name], every[name]) for name in some)
    assert len(readings.DRAWS) == len(some)


def test_larger_runs_than_a_block_keep_nothing():
    assert LARGEST_KEPT == BLOCK
    forget_kept_draws()
    load_reading("kim").draw(np.random.default_rng(1), LARGEST_KEPT + 1)
    draw_stances(np.random.default_rng(1), LARGEST_KEPT + 1, 0.2)
    assert len(readings.DRAWS) == 0 and len(stalin_stances.STANCES_KEPT) == 0


def test_a_stalins_stance_dicts_are_his_own():
    forget_kept_draws()
    stance, threshold = draw_stances(np.random.default_rng(2), 30, 0.2)
    stance["approve"], threshold["approve"] = np.zeros(30), np.zeros(30)
    again, again_threshold = draw_stances(np.random.default_rng(2), 30, 0.2)
    assert again["approve"].any() and np.isfinite(again_threshold["approve"]).all()


@pytest.mark.parametrize("duplicate", [copy.deepcopy, lambda w: pickle.loads(pickle.dumps(w))])
def test_a_copied_world_still_writes_its_events_into_its_rows(duplicate):
    world = duplicate(WorldState(4, 1.0))
    world.month = 3
    world.record("invasion", np.array([False, True, False, True]))
    assert all(np.shares_memory(world.events[name], world.event_months) for name in world.events)
    assert world.subset(np.arange(4)).events["invasion"].tolist() == [-1, 3, -1, 3]
