"""Mao's rules, each checked in a described situation across many worlds."""

import numpy as np
from situations import WORLDS, everywhere, set_event, situation, within

from korea1950.inputs.calendar import month_index
from korea1950.inputs.levers import NEVER


def test_mao_consents_reluctantly_when_kim_visits_with_stalins_approval_behind_him():
    model = situation()
    set_event(model, "ccp_victory", 1)
    set_event(model, "stalin_approves", month_index("1950-03"))
    model.world.month = month_index("1950-04")
    model.stalin.urge_kim_to_see_mao()
    assert model.world.received("stalin_urges_mao").all()
    visiting = np.arange(WORLDS) % 2 == 0
    model.world.send("kim_asks_mao", visiting)
    model.mao.consider_kim_plan()
    consents = model.world.happened("mao_consents")
    assert not consents[~visiting].any()
    assert within(consents[visiting].mean(), model.params["mao_consent_chance"], WORLDS // 2)


def test_mao_rarely_consents_when_kim_comes_alone():
    model = situation()
    set_event(model, "ccp_victory", 1)
    model.world.month = month_index("1950-04")
    model.world.send("kim_asks_mao", everywhere(model))
    model.mao.consider_kim_plan()
    assert within(model.world.happened("mao_consents").mean(),
                  model.params["mao_solo_consent_chance"], WORLDS)


def test_mao_cannot_consent_before_the_peoples_republic_exists():
    model = situation(levers={"ccp_victory": NEVER}, params={"mao_consent_chance": 1.0})
    set_event(model, "stalin_approves", 3)
    model.world.month = 5
    model.world.send("kim_asks_mao", everywhere(model))
    model.mao.consider_kim_plan()
    assert not model.world.happened("mao_consents").any()


def test_mao_refusal_lever_blocks_consent():
    model = situation(levers={"mao_consent": "never"}, params={"mao_consent_chance": 1.0})
    set_event(model, "ccp_victory", 1)
    set_event(model, "stalin_approves", 3)
    model.world.month = 5
    model.world.send("kim_asks_mao", everywhere(model))
    model.mao.consider_kim_plan()
    assert not model.world.happened("mao_consents").any()


def at_war_with_front(front: float, crossed: bool):
    model = situation()
    model.world.phase[:] = 1
    model.world.front[:] = front
    set_event(model, "ccp_victory", 1)
    if crossed:
        set_event(model, "un_crosses_38th", month_index("1950-10"))
    model.world.month = month_index("1950-10")
    return model


def test_mao_sends_troops_when_the_north_collapses_and_un_forces_move_north():
    model = at_war_with_front(0.2, crossed=True)
    model.mao.consider_intervention()
    assert within(model.world.happened("china_intervention").mean(),
                  model.params["mao_intervention_chance"], WORLDS)


def test_stalins_pressure_raises_the_chance_of_chinese_entry():
    model = at_war_with_front(0.2, crossed=True)
    model.world.send("stalin_presses_china", everywhere(model))
    model.mao.consider_intervention()
    expected = model.params["mao_intervention_chance"] + model.params["mao_pressed_bonus"]
    assert within(model.world.happened("china_intervention").mean(), expected, WORLDS)


def test_mao_rarely_intervenes_while_un_forces_stay_south_of_the_parallel():
    model = at_war_with_front(0.5, crossed=False)
    model.mao.consider_intervention()
    assert within(model.world.happened("china_intervention").mean(),
                  model.params["mao_unprovoked_intervention_chance"], WORLDS)


def test_a_promise_of_air_cover_adds_to_the_chance_and_its_absence_does_not_stop_him():
    promised = at_war_with_front(0.2, crossed=True)
    promised.world.send("stalin_presses_china", everywhere(promised))
    promised.world.send("stalin_promises_air_cover", everywhere(promised))
    promised.mao.consider_intervention()
    params = promised.params
    expected = min(1.0, params["mao_intervention_chance"] + params["mao_pressed_bonus"]
                   + params["mao_air_cover_bonus"])
    assert within(promised.world.happened("china_intervention").mean(), expected, WORLDS)
    withheld = at_war_with_front(0.2, crossed=True)
    withheld.world.send("stalin_presses_china", everywhere(withheld))
    withheld.mao.consider_intervention()
    assert withheld.world.happened("china_intervention").mean() > 0.5


def in_armistice_talks():
    model = at_war_with_front(0.5, crossed=True)
    set_event(model, "china_intervention", month_index("1950-10"))
    set_event(model, "armistice_talks", month_index("1951-07"))
    model.world.month = month_index("1952-06")
    return model


def test_mao_accepts_armistice_terms_only_with_stalins_leave_or_after_his_death():
    model = in_armistice_talks()
    allowed = np.arange(WORLDS) % 3 == 0
    dead = np.arange(WORLDS) % 3 == 1
    model.world.send("stalin_allows_armistice", allowed)
    set_event(model, "stalin_death", month_index("1952-03"), where=dead)
    model.mao.accept_armistice_terms()
    accepts = model.world.happened("mao_accepts_terms")
    assert not accepts[~(allowed | dead)].any()
    chance = model.params["communist_terms_chance"]
    assert within(accepts[allowed | dead].mean(), chance, int((allowed | dead).sum()))
    assert (model.world.received("mao_accepts_armistice") == accepts).all()


def test_mao_stands_by_accepted_terms_only_while_stalin_still_allows_them():
    model = in_armistice_talks()
    set_event(model, "mao_accepts_terms", month_index("1952-05"))
    allowed = np.arange(WORLDS) % 2 == 0
    model.world.send("stalin_allows_armistice", allowed)
    model.mao.accept_armistice_terms()
    assert (model.world.received("mao_accepts_armistice") == allowed).all()
