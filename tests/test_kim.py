"""Kim's rules, each checked in a described situation across many worlds."""

import numpy as np
from situations import WORLDS, everywhere, set_event, situation, within

from korea1950.inputs.calendar import month_index


def test_kim_impatience_grows_and_jumps_with_china_and_acheson():
    model = situation()
    model.world.month = 4
    model.kim.grow_impatience()
    before = model.kim.impatience.copy()
    set_event(model, "ccp_victory", 1)
    set_event(model, "acheson_speech", 3)
    model.kim.grow_impatience()
    params = model.params
    assert np.allclose(before, params["kim_initial_impatience"]
                       + 4 * params["kim_impatience_growth"])
    assert np.allclose(model.kim.impatience - before,
                       params["kim_china_boost"] + params["kim_acheson_boost"])


def test_disciplined_kim_never_attacks_without_a_go_ahead():
    model = situation()
    model.world.month = month_index("1950-06")
    model.kim.impatience[:] = 10.0
    model.kim.attack_when_allowed()
    assert not model.world.happened("invasion").any()


def test_the_plan_is_prepared_from_the_approval_at_the_readiness_rate():
    model = situation()
    set_event(model, "stalin_approves", month_index("1950-04"))
    model.world.month = month_index("1950-05")
    model.kim.prepare_attack()
    share = model.world.happened("attack_plan_ready").mean()
    assert within(share, model.params["kim_attack_readiness"], WORLDS)


def test_kim_attacks_with_both_approvals_once_the_plan_is_ready():
    model = situation()
    set_event(model, "stalin_approves", month_index("1950-03"))
    set_event(model, "mao_consents", month_index("1950-04"))
    ready = np.arange(WORLDS) % 3 == 0
    set_event(model, "attack_plan_ready", month_index("1950-04"), where=ready)
    model.world.month = month_index("1950-05")
    model.kim.attack_when_allowed()
    assert (model.world.happened("invasion") == ready).all()


def test_a_ready_plan_waits_for_maos_consent():
    model = situation()
    set_event(model, "stalin_approves", month_index("1950-04"))
    set_event(model, "attack_plan_ready", month_index("1950-05"))
    model.world.month = month_index("1950-06")
    model.kim.attack_when_allowed()
    assert not model.world.happened("invasion").any()


def test_stalin_approval_alone_is_not_a_go_ahead():
    model = situation(params={"kim_attack_readiness": 1.0})
    set_event(model, "stalin_approves", month_index("1950-03"))
    set_event(model, "attack_plan_ready", month_index("1950-04"))
    model.world.month = month_index("1950-05")
    model.kim.attack_when_allowed()
    assert not model.world.happened("invasion").any()


def test_mao_in_lieu_of_stalin_only_when_that_reading_of_the_telegram_is_chosen():
    for in_lieu, expected in ((0.0, False), (1.0, True)):
        model = situation(params={"kim_attack_readiness": 1.0,
                                  "kim_accepts_mao_in_lieu": in_lieu})
        set_event(model, "mao_consents", month_index("1950-03"))
        model.world.month = month_index("1950-04")
        model.kim.prepare_attack()
        model.world.month = month_index("1950-05")
        model.kim.attack_when_allowed()
        assert model.world.happened("invasion").all() == expected


def test_kim_turns_to_mao_when_he_cannot_reach_stalin():
    model = situation(params={"kim_stalin_reachable": 0.0})
    model.world.month = month_index("1950-01")
    model.kim.impatience[:] = 1.0
    model.kim.press_for_approval()
    assert model.world.received("kim_asks_mao").all()
    assert not model.world.received("kim_asks_stalin").any()


def test_kim_presses_stalin_at_the_rate_of_his_impatience():
    model = situation(params={"kim_stalin_reachable": 1.0}, month=1)
    model.kim.impatience = np.full(WORLDS, 0.4)
    model.kim.press_for_approval()
    assert within(model.world.received("kim_asks_stalin").mean(), 0.4, WORLDS)


def test_the_request_of_3_september_1949_is_pending_when_the_model_opens():
    model = situation(params={"kim_stalin_reachable": 1.0}, month=0)
    model.kim.impatience = np.full(WORLDS, 0.1)
    model.kim.press_for_approval()
    assert model.world.received("kim_asks_stalin").all()
    assert model.world.happened("kim_proposes_ongjin").all()


def test_kim_counterattacks_when_rhee_strikes_first():
    model = situation()
    set_event(model, "rhee_attacks", month_index("1950-02"))
    model.world.month = month_index("1950-02")
    model.kim.attack_when_allowed()
    assert model.world.happened("invasion").all()


def test_kim_acting_alone_attacks_once_impatient_enough():
    model = situation(levers={"kim_waits_for_approval": False})
    model.world.month = month_index("1950-01")
    model.kim.impatience = np.where(np.arange(WORLDS) % 2 == 0, 2.0, 0.5)
    model.kim.attack_when_allowed()
    assert (model.world.happened("invasion") == (model.kim.impatience >= 1.2)).all()


def test_ongjin_only_approval_gives_a_limited_operation():
    model = situation(levers={"stalin_approval": "ongjin_only"},
                      params={"kim_attack_readiness": 1.0})
    set_event(model, "stalin_approves", 6)
    set_event(model, "mao_consents", 7)
    set_event(model, "attack_plan_ready", 7)
    model.world.month = 8
    model.kim.attack_when_allowed()
    assert model.world.happened("ongjin_operation").all()
    assert not model.world.happened("invasion").any()
    assert model.world.limited.all()


def test_limited_operation_escalates_only_while_the_us_stays_out():
    model = situation(levers={"stalin_approval": "ongjin_only"},
                      params={"kim_ongjin_escalation": 1.0})
    model.world.phase[:] = 1
    model.world.limited[:] = True
    set_event(model, "ongjin_operation", 8)
    half = np.arange(WORLDS) < WORLDS // 2
    set_event(model, "us_intervention", 8, where=half)
    model.world.month = 9
    model.kim.escalate_limited_operation()
    assert not model.world.happened("invasion")[half].any()
    assert model.world.happened("invasion")[~half].all()


def test_kim_asks_for_aid_when_losing():
    model = situation()
    model.world.phase[:] = 1
    model.world.front = np.where(everywhere(model), 0.3, 0.3)
    model.world.front[: WORLDS // 2] = 0.8
    model.kim.ask_for_aid()
    asks = model.world.received("kim_asks_for_aid")
    assert not asks[: WORLDS // 2].any()
    assert asks[WORLDS // 2:].all()


def refused(model, month: int) -> None:
    """Stalin told Kim to wait in ``month`` (Kim reads it the month after)."""
    model.world.messages["stalin_tells_kim_to_wait"][:] = month


def test_a_refusal_holds_kim_back_for_months_unless_acheson_speaks():
    pause = 4
    refused_in = month_index("1949-09")

    def asking_share(month: int, acheson: int | None = None) -> float:
        model = situation(params={"kim_stalin_reachable": 1.0, "kim_pause_after_refusal": pause},
                          month=month)
        model.kim.impatience = np.full(WORLDS, 0.8)
        refused(model, refused_in)
        if acheson is not None:
            set_event(model, "acheson_speech", acheson)
        model.kim.press_for_approval()
        return float(model.world.received("kim_asks_stalin").mean())

    assert asking_share(refused_in + 1) == 0.0
    assert asking_share(refused_in + pause - 1) == 0.0
    assert within(asking_share(refused_in + pause), 0.8, WORLDS)
    assert within(asking_share(refused_in + 2, acheson=refused_in + 2), 0.8, WORLDS)
    assert asking_share(refused_in + 2, acheson=refused_in) == 0.0  # spoke before the refusal


def test_kim_asks_for_ongjin_before_chinas_victory_and_for_the_general_offensive_after():
    model = situation(params={"kim_stalin_reachable": 1.0})
    model.kim.impatience = np.ones(WORLDS)
    liberated = np.arange(WORLDS) % 2 == 0
    set_event(model, "ccp_victory", 0, where=liberated)
    model.world.month = 1
    model.kim.press_for_approval()
    assert (model.world.happened("kim_proposes_ongjin") == ~liberated).all()
    assert (model.world.happened("kim_asks_for_general_offensive") == liberated).all()


def test_invited_kim_goes_to_moscow_after_the_lag_and_presses_there_until_approved():
    lag = 3
    model = situation(params={"kim_moscow_lag": lag})
    set_event(model, "stalin_invites_kim", month_index("1950-01"))
    model.world.month = month_index("1950-03")
    model.kim.go_to_moscow()
    assert not model.world.happened("kim_in_moscow").any()
    assert not model.world.received("kim_asks_stalin").any()
    model.world.month = month_index("1950-01") + lag
    model.kim.go_to_moscow()
    assert model.world.happened("kim_in_moscow").all()
    assert model.world.received("kim_asks_stalin").all()
    approved = np.arange(WORLDS) % 2 == 0
    set_event(model, "stalin_approves", model.world.month, where=approved)
    model.world.month += 1
    model.kim.go_to_moscow()
    assert (model.world.received("kim_asks_stalin") == ~approved).all()


def test_approved_kim_visits_mao_the_month_after_until_he_consents():
    model = situation(params={"kim_mao_visit_lag": 1})
    set_event(model, "stalin_approves", month_index("1950-04"))
    model.world.month = month_index("1950-04")
    model.kim.visit_mao()
    assert not model.world.received("kim_asks_mao").any()
    model.world.month = month_index("1950-05")
    consented = np.arange(WORLDS) % 4 == 0
    set_event(model, "mao_consents", month_index("1950-05"), where=consented)
    model.kim.visit_mao()
    assert (model.world.received("kim_asks_mao") == ~consented).all()
    assert (model.world.happened("kim_visits_mao") == ~consented).all()


def test_without_china_the_terms_are_kims_and_he_takes_stalins_leave_from_last_month():
    model = situation(month=month_index("1952-06"))
    model.world.phase[:] = 1
    set_event(model, "armistice_talks", month_index("1951-07"))
    china = np.arange(WORLDS) % 4 == 0
    set_event(model, "china_intervention", month_index("1950-10"), where=china)
    leave = np.arange(WORLDS) % 2 == 0
    model.world.messages["stalin_allows_armistice"][leave] = month_index("1952-05")
    model.world.messages["stalin_allows_armistice"][~leave] = month_index("1952-06")  # too late
    model.kim.accept_armistice_terms()
    accepts = model.world.happened("kim_accepts_terms")
    assert not accepts[china | ~leave].any()
    eligible = ~china & leave
    assert within(accepts[eligible].mean(), model.params["communist_terms_chance"],
                  int(eligible.sum()))
    assert (model.world.received("kim_accepts_armistice") == accepts).all()
