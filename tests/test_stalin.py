"""Stalin's rules, each checked in a described situation across many worlds."""

import numpy as np
from situations import WORLDS, everywhere, set_event, situation, within

from korea1950.calendar import month_index
from korea1950.levers import NEVER

EASY = {"expects_us_intervention": 0.1, "values_us_entanglement": 0.0, "risk_tolerance": 0.2,
        "required_superiority": 1.5, "acheson_discount": 1.0}
"""Motives under which every condition for approval is met once China is won."""


def asked_in(model, month: int) -> None:
    model.world.month = month
    model.kim.asks_stalin = everywhere(model)


def test_stalin_advises_waiting_before_the_victory_in_china():
    model = situation(levers={"ccp_victory": NEVER}, motives=EASY)
    model.world.north_strength[:] = 3.0
    asked_in(model, month_index("1949-11"))
    model.stalin.answer_kim()
    assert not model.world.happened("stalin_approves").any()
    assert model.world.happened("stalin_advises_waiting").all()


def test_stalin_approves_after_china_when_north_strong_and_risk_low():
    model = situation(motives=EASY)
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.north_strength[:] = 2.0
    asked_in(model, month_index("1950-02"))
    model.stalin.answer_kim()
    assert model.world.happened("stalin_approves").all()
    assert (model.world.events["stalin_approves"] == month_index("1950-02")).all()


def test_stalin_waits_while_north_is_weaker_than_he_requires():
    model = situation(motives={**EASY, "required_superiority": 1.8})
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.north_strength[:] = 1.6
    asked_in(model, month_index("1950-03"))
    model.stalin.answer_kim()
    assert not model.world.happened("stalin_approves").any()


def test_stalin_needs_time_to_digest_the_victory_in_china():
    model = situation(motives=EASY)
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.north_strength[:] = 2.5
    asked_in(model, month_index("1949-11"))  # one month on; the lag is two
    model.stalin.answer_kim()
    assert not model.world.happened("stalin_approves").any()


def test_stalin_refuses_when_a_us_garrison_makes_intervention_certain():
    model = situation(levers={"us_garrison_remains": True},
                      motives={**EASY, "values_us_entanglement": 0.5})
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.north_strength[:] = 2.5
    asked_in(model, month_index("1950-03"))
    model.stalin.answer_kim()
    assert not model.world.happened("stalin_approves").any()


def test_entanglement_motive_lets_stalin_accept_expected_us_intervention():
    """Kim's reading: a Stalin who values US entanglement approves despite expecting the US."""
    wanting = {**EASY, "expects_us_intervention": 0.7, "values_us_entanglement": 0.8}
    fearing = {**wanting, "values_us_entanglement": 0.1}
    shares = []
    for motives in (wanting, fearing):
        model = situation(motives=motives)
        set_event(model, "ccp_victory", month_index("1949-10"))
        model.world.north_strength[:] = 2.0
        asked_in(model, month_index("1950-03"))
        model.stalin.answer_kim()
        shares.append(model.world.happened("stalin_approves").mean())
    assert shares == [1.0, 0.0]


def test_acheson_speech_matters_more_to_stueck_stalin_than_to_kim_stalin():
    """With priors drawn, removing the speech lowers approval more under Stueck's reading."""
    drop = {}
    for reading in ("kim", "stueck"):
        shares = []
        for speech in (True, False):
            model = situation(reading=reading, worlds=20000)
            set_event(model, "ccp_victory", month_index("1949-10"))
            if speech:
                set_event(model, "acheson_speech", month_index("1950-01"))
            model.world.north_strength[:] = 2.2
            asked_in(model, month_index("1950-03"))
            model.stalin.answer_kim()
            shares.append(model.world.happened("stalin_approves").mean())
        drop[reading] = shares[0] - shares[1]
    standard_error = np.sqrt(4 * 0.25 / 20000)
    assert drop["stueck"] - drop["kim"] > 4 * standard_error


def test_seated_soviet_delegate_vetoes_the_invasion():
    model = situation(levers={"soviet_boycott": "never"})
    month = month_index("1950-06")
    model.world.month = month
    set_event(model, "invasion", month)
    model.stalin.decide_on_veto()
    share = model.world.happened("soviet_veto").mean()
    assert within(share, 0.95, WORLDS)


def test_absent_stalin_returns_to_veto_with_his_readings_propensity():
    model = situation(motives={"veto_propensity": 0.3})
    month = month_index("1950-06")
    model.world.month = month
    model.stalin.at_council[:] = False
    set_event(model, "soviet_boycott", month_index("1950-01"))
    set_event(model, "invasion", month)
    model.stalin.decide_on_veto()
    vetoed = model.world.happened("soviet_veto")
    assert within(vetoed.mean(), 0.3, WORLDS)
    assert (model.world.happened("soviet_return") == vetoed).all()


def test_veto_lever_forces_the_veto_in_every_world():
    model = situation(levers={"soviet_veto": "always"}, motives={"veto_propensity": 0.0})
    model.world.month = month_index("1950-06")
    model.stalin.at_council[:] = False
    set_event(model, "invasion", month_index("1950-06"))
    model.stalin.decide_on_veto()
    assert model.world.happened("soviet_veto").all()


def test_stalin_leaves_the_council_three_months_after_the_victory_in_china():
    model = situation()
    set_event(model, "ccp_victory", month_index("1949-10"))
    for label in ("1949-11", "1949-12", "1950-01"):
        model.world.month = month_index(label)
        model.stalin.leave_council_over_china()
    assert (model.world.events["soviet_boycott"] == month_index("1950-01")).all()
    assert not model.stalin.at_council.any()


def test_stalin_returns_once_the_us_is_entangled():
    model = situation()
    model.stalin.at_council[:] = False
    set_event(model, "soviet_boycott", month_index("1950-01"))
    set_event(model, "us_intervention", month_index("1950-06"))
    model.world.month = month_index("1950-06")
    model.stalin.return_to_council()
    assert not model.world.happened("soviet_return").any()  # not in the first month
    model.world.month = month_index("1950-07")
    model.stalin.return_to_council()
    assert within(model.world.happened("soviet_return").mean(), 0.6, WORLDS)


def test_stalin_presses_china_when_kim_asks_for_aid_and_rarely_otherwise():
    model = situation(motives={"china_pull": 0.1})
    model.world.phase[:] = 1
    model.world.month = month_index("1950-09")
    set_event(model, "us_intervention", month_index("1950-06"))
    half = np.arange(WORLDS) < WORLDS // 2
    model.kim.requests_aid = half
    model.stalin.press_china()
    assert model.stalin.pressing_china[half].all()
    assert within(model.stalin.pressing_china[~half].mean(), 0.1, WORLDS // 2)


def test_no_soviet_ground_troops_unless_the_north_is_overrun_and_china_stays_out():
    model = situation(params={"stalin_ground_troops_chance": 1.0})
    model.world.phase[:] = 1
    model.world.month = month_index("1950-10")
    model.world.front[:] = 0.3
    model.kim.requests_aid = everywhere(model)
    model.stalin.send_ground_troops()
    assert not model.world.happened("soviet_ground_troops").any()
    model.world.front[:] = 0.1
    model.stalin.send_ground_troops()
    assert model.world.happened("soviet_ground_troops").all()


def test_living_stalin_blocks_armistice_with_his_propensity_and_a_dead_one_never():
    model = situation(motives={"prolongs_war": 0.8})
    model.world.phase[:] = 1
    model.world.month = month_index("1952-01")
    set_event(model, "armistice_talks", month_index("1951-07"))
    model.stalin.decide_on_armistice()
    assert within(model.stalin.allows_armistice.mean(), 0.2, WORLDS)
    set_event(model, "stalin_death", month_index("1953-03"))
    model.world.month = month_index("1953-04")
    model.stalin.decide_on_armistice()
    assert model.stalin.allows_armistice.all()
