"""The US's rules, each checked in a described situation across many worlds."""

import numpy as np
from situations import WORLDS, set_event, situation, within

from korea1950.inputs.calendar import month_index
from korea1950.inputs.levers import NEVER


def test_acheson_speech_is_made_in_the_lever_month_only():
    model = situation()
    for month in range(month_index("1950-03")):
        model.world.month = month
        model.us.declare_perimeter()
    assert (model.world.events["acheson_speech"] == month_index("1950-01")).all()
    silent = situation(levers={"acheson_speech": NEVER})
    for month in range(12):
        silent.world.month = month
        silent.us.declare_perimeter()
    assert not silent.world.happened("acheson_speech").any()


def invaded(levers: dict | None = None, vetoed: bool = False):
    model = situation(levers=levers)
    month = month_index("1950-06")
    model.world.month = month
    model.world.phase[:] = 1
    set_event(model, "invasion", month)
    if vetoed:
        set_event(model, "soviet_veto", month)
    model.council.vote_on_the_invasion()
    return model


def test_us_fights_under_the_un_flag_at_its_rate():
    model = invaded()
    model.us.respond_to_attack()
    assert model.world.happened("un_authorization").all()
    assert within(model.world.happened("us_intervention").mean(),
                  model.params["us_intervention_with_un"], WORLDS)


def test_a_veto_denies_the_un_flag_and_lowers_the_chance_of_us_intervention():
    model = invaded(vetoed=True)
    model.us.respond_to_attack()
    assert not model.world.happened("un_authorization").any()
    assert within(model.world.happened("us_intervention").mean(),
                  model.params["us_intervention_without_un"], WORLDS)


def test_a_garrison_makes_the_us_fight_and_the_stay_out_lever_stops_it():
    garrison = invaded(levers={"us_garrison_remains": True}, vetoed=True)
    garrison.us.respond_to_attack()
    assert garrison.world.happened("us_intervention").all()
    out = invaded(levers={"us_intervention": "never"})
    out.us.respond_to_attack()
    assert not out.world.happened("us_intervention").any()


def fighting(front: float, months_of_us: int, levers: dict | None = None):
    model = situation(levers=levers)
    month = month_index("1950-09")
    model.world.month = month
    model.world.phase[:] = 1
    model.world.front[:] = front
    model.world.north_furthest[:] = max(front, 0.9)
    set_event(model, "invasion", month_index("1950-06"))
    set_event(model, "us_intervention", month - months_of_us)
    return model


def test_incheon_needs_a_deep_advance_and_two_months_of_build_up():
    shallow = fighting(0.55, 3)
    shallow.us.counterattack_at_incheon()
    early = fighting(0.9, 1)
    early.us.counterattack_at_incheon()
    assert not shallow.world.happened("incheon_landing").any()
    assert not early.world.happened("incheon_landing").any()
    ready = fighting(0.9, 3)
    strength = ready.world.north_strength.copy()
    ready.us.counterattack_at_incheon()
    landed = ready.world.happened("incheon_landing")
    assert within(landed.mean(), ready.params["incheon_chance"], WORLDS)
    assert (ready.world.front[landed] <= 0.5).all()
    assert np.allclose(ready.world.north_strength[landed],
                       strength[landed] * ready.params["incheon_cutoff"])


def test_no_incheon_lever_forbids_the_landing():
    model = fighting(0.9, 3, levers={"incheon_landing": "never"})
    model.us.counterattack_at_incheon()
    assert not model.world.happened("incheon_landing").any()


def test_un_forces_cross_the_parallel_only_after_throwing_the_north_back():
    model = fighting(0.5, 3)
    model.us.decide_on_crossing()
    assert within(model.world.happened("un_crosses_38th").mean(),
                  model.params["us_cross_38th_chance"], WORLDS)
    never_advanced = fighting(0.5, 3)
    never_advanced.world.north_furthest[:] = 0.5
    never_advanced.us.decide_on_crossing()
    assert not never_advanced.world.happened("un_crosses_38th").any()
    stopped = fighting(0.5, 3, levers={"un_cross_38th": "never"})
    stopped.us.decide_on_crossing()
    assert not stopped.world.happened("un_crosses_38th").any()


def test_un_forces_do_not_cross_once_china_or_the_soviet_union_has_entered():
    """NSC 81/1: the crossing was authorised only if no major Soviet or Chinese forces entered."""
    model = fighting(0.5, 3)
    china = np.arange(WORLDS) % 3 == 0
    soviets = np.arange(WORLDS) % 3 == 1
    set_event(model, "china_intervention", month_index("1950-09"), where=china)
    set_event(model, "soviet_ground_troops", month_index("1950-09"), where=soviets)
    model.us.decide_on_crossing()
    crossed = model.world.happened("un_crosses_38th")
    assert not crossed[china | soviets].any()
    assert within(crossed[~(china | soviets)].mean(), model.params["us_cross_38th_chance"],
                  int((~(china | soviets)).sum()))


def test_the_us_presses_rhee_once_mao_accepts_terms_and_signs_once_rhee_gives_way():
    model = fighting(0.5, 12)
    model.world.month = month_index("1952-06")
    set_event(model, "war_start", month_index("1950-06"))
    set_event(model, "armistice_talks", month_index("1951-07"))
    half = np.arange(WORLDS) < WORLDS // 2
    model.world.send("mao_accepts_armistice", half)
    model.world.front_before = model.world.front.copy()
    model.us.seek_armistice()
    pressed = model.world.happened("us_presses_rhee")
    assert (pressed == half).all()
    assert not model.world.happened("armistice").any(), "Rhee has not given way yet"
    model.world.month += 1
    model.world.send("mao_accepts_armistice", half)
    rhee = np.arange(WORLDS) % 4 == 0
    model.world.send("rhee_accepts_armistice", rhee)
    model.us.seek_armistice()
    signed = model.world.happened("armistice")
    assert (signed == (half & rhee)).all()
    assert (model.world.phase[signed] == 2).all()
