"""South Korea's rules (Syngman Rhee), each checked in a described situation across many worlds."""

import numpy as np
from situations import WORLDS, set_event, situation, within

from korea1950.inputs.calendar import month_index
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.world import ENDED, WAR

PEACE_1949 = range(month_index("1949-09"), month_index("1950-01"))
"""The months of 1949 the model covers, all at peace."""

PEACE_BEFORE_THE_WAR = month_index("1950-06") - month_index("1949-09")
"""Months of peace from September 1949 to the eve of the invasion (ten)."""


def in_talks(pressed_in: int | None = None):
    """A stalemated war in talks since July 1951, in June 1953; the US pressed Rhee if given."""
    model = situation()
    model.world.phase[:] = WAR
    set_event(model, "war_start", month_index("1950-06"))
    set_event(model, "armistice_talks", month_index("1951-07"))
    model.world.month = month_index("1953-06")
    if pressed_in is not None:
        set_event(model, "us_presses_rhee", pressed_in)
    return model


def test_rhee_refuses_an_armistice_that_leaves_korea_divided_unless_pressed():
    model = in_talks()
    accepts = model.south_korea.resist_armistice()
    assert not accepts.any()
    assert not model.world.received("rhee_accepts_armistice").any()
    # Stalin dead, Mao accepts the terms where he will - and still the US cannot sign
    # without Rhee.
    set_event(model, "stalin_death", month_index("1953-03"))
    set_event(model, "china_intervention", month_index("1950-10"))
    model.mao.accept_armistice_terms()
    model.us.seek_armistice()
    assert model.world.happened("us_presses_rhee").any()
    assert not model.world.happened("armistice").any()


def test_pressed_rhee_gives_way_at_his_rate_and_keeps_his_word():
    model = in_talks(pressed_in=month_index("1953-05"))
    chance = model.params["rhee_accepts_armistice_chance"]
    accepts = model.south_korea.resist_armistice()
    assert within(accepts.mean(), chance, WORLDS)
    assert (model.world.received("rhee_accepts_armistice") == accepts).all()
    model.world.month += 1
    again = model.south_korea.resist_armistice()
    assert again[accepts].all(), "once he gives way he does not take it back"
    assert within(again[~accepts].mean(), chance, int((~accepts).sum()))


def test_pressed_rhee_accepts_within_the_documented_six_weeks_in_most_worlds():
    """Prisoners released 18 June 1953, armistice 27 July: within two months of the pressure."""
    model = in_talks(pressed_in=month_index("1953-05"))
    for _ in range(2):
        model.south_korea.resist_armistice()
        model.world.month += 1
    share = model.world.happened("rhee_accepts_armistice").mean()
    chance = model.params["rhee_accepts_armistice_chance"]
    assert share > 0.9
    assert within(share, 1 - (1 - chance) ** 2, WORLDS)


def test_in_the_whole_model_the_armistice_follows_the_pressure_within_weeks():
    model = CrisisModel("baseline", "stueck", replicates=4000, rng=5)
    model.run_model()
    events = model.world.events
    signed = events["armistice"] >= 0
    assert signed.mean() > 0.5
    assert (events["us_presses_rhee"][signed] >= 0).all()
    assert (events["rhee_accepts_armistice"][signed] > events["us_presses_rhee"][signed]).all()
    wait = events["armistice"][signed] - events["us_presses_rhee"][signed]
    assert np.median(wait) <= 2
    assert (wait <= 2).mean() > 0.8


def test_border_clashes_come_at_peace_in_1949_at_the_documented_rate():
    """Two large clashes in January-August 1949 (Kaesong, May; Ongjin, August): one a quarter."""
    model = situation()
    for month in PEACE_1949:
        model.world.month = month
        model.south_korea.raid_across_parallel()
    months = len(PEACE_1949)
    rate = model.south_korea.clashes.sum() / (WORLDS * months)
    assert within(rate, 0.25, WORLDS * months)
    assert within(model.world.happened("border_clash").mean(), 1 - 0.75 ** months, WORLDS)
    first = model.world.events["border_clash"]
    assert within((first == PEACE_1949[0]).mean(), 0.25, WORLDS)


def test_no_border_clashes_during_or_after_the_war():
    model = situation()
    model.world.phase[: WORLDS // 2] = WAR
    model.world.phase[WORLDS // 2:] = ENDED
    for month in range(month_index("1950-07"), month_index("1951-07")):
        model.world.month = month
        model.south_korea.raid_across_parallel()
    assert not model.south_korea.clashes.any()
    assert not model.world.happened("border_clash").any()


def test_the_clash_rule_switched_off_draws_nothing():
    model = situation(params={"rhee_clash_chance": 0.0})
    before = model.rng.bit_generator.state
    clashes = model.south_korea.raid_across_parallel()
    assert not clashes.any()
    assert model.rng.bit_generator.state == before


def test_with_us_restraint_rhee_rarely_strikes_first():
    restrained = situation()
    unrestrained = situation(params={"us_restrains_rhee": 0.0})
    for model in (restrained, unrestrained):
        for month in range(PEACE_BEFORE_THE_WAR):
            model.world.month = month
            model.south_korea.march_north()
    held_back = restrained.params["rhee_attack_chance"]
    unchecked = unrestrained.params["rhee_unrestrained_attack_chance"]
    share = restrained.world.happened("rhee_attacks").mean()
    assert share < 0.05
    assert within(share, 1 - (1 - held_back) ** PEACE_BEFORE_THE_WAR, WORLDS)
    free = unrestrained.world.happened("rhee_attacks").mean()
    assert within(free, 1 - (1 - unchecked) ** PEACE_BEFORE_THE_WAR, WORLDS)
    assert free > 3 * share


def test_no_first_strike_once_the_war_has_begun():
    model = situation(params={"rhee_attack_chance": 0.2})
    model.world.phase[:] = WAR
    model.south_korea.march_north()
    assert not model.world.happened("rhee_attacks").any()


def test_the_first_strike_is_the_months_first_draw_and_kim_answers_it():
    """South Korea steps first, its first strike before its clashes: the old draw's place."""
    for clash_chance in (0.0, 0.25):
        model = situation(params={"rhee_attack_chance": 0.2, "rhee_clash_chance": clash_chance})
        twin = np.random.Generator(type(model.rng.bit_generator)())
        twin.bit_generator.state = model.rng.bit_generator.state
        expected = twin.random(WORLDS, dtype=np.float32) < 0.2
        model.step()
        struck = model.world.events["rhee_attacks"] == 0
        assert (struck == expected).all()
        assert (model.world.events["invasion"][struck] == 0).all()

