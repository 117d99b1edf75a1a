"""Stalin's rules, each checked in a described situation across many worlds.

Every choice follows from one rule (``agents/stalin_calculus.py``): the logit
chance of what the act brings, weighed by his goals. So the tests put a
reading's Stalin - his goals and beliefs fixed at the reading's prior means -
in a situation and check the choice its historian describes, or check a share
against the rule's own probability within binomial standard errors.
"""

import numpy as np
import pytest
from situations import WORLDS, everywhere, set_event, situation, within

from korea1950.inputs.calendar import month_index
from korea1950.inputs.levers import NEVER
from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.readings import load_reading
from korea1950.simulation.agents.stalin_calculus import choice_probability

NOISE = MODEL_PARAMETERS["stalin_decision_noise"].default


def means(reading: str, **changes: float) -> dict[str, float]:
    """A reading's Stalin at his prior means, with some goals or beliefs changed."""
    return {**load_reading(reading).means(), **changes}


def asked_in(model, month: int) -> None:
    model.world.month = month
    model.world.send("kim_asks_stalin", everywhere(model))


def approval_share(reading: str, strength: float = 2.2, month: str = "1950-04",
                   levers: dict | None = None, **changes: float) -> float:
    """Share of worlds in which the reading's Stalin, with Kim in Moscow, approves his plan."""
    model = situation(reading=reading, motives=means(reading, **changes), levers=levers)
    set_event(model, "ccp_victory", month_index("1949-10"))
    set_event(model, "stalin_invites_kim", month_index("1950-01"))
    set_event(model, "kim_in_moscow", month_index(month))
    model.world.north_strength[:] = strength
    asked_in(model, month_index(month))
    model.stalin.answer_kim()
    return float(model.world.happened("stalin_approves").mean())


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_asked_from_afar_with_china_settled_stalin_invites_kim_but_approves_nothing_yet(reading):
    """Whether before when: a weak North does not stop the invitation, only the approval."""
    model = situation(reading=reading, motives=means(reading))
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.north_strength[:] = 1.5
    asked_in(model, month_index("1950-01"))
    model.stalin.answer_kim()
    assert model.world.happened("stalin_invites_kim").mean() > 0.75
    assert not model.world.happened("stalin_approves").any()
    refused = model.world.happened("stalin_advises_waiting")
    assert (refused == ~model.world.happened("stalin_invites_kim")).all()
    assert (model.world.messages["stalin_tells_kim_to_wait"][refused]
            == month_index("1950-01")).all()


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_stalin_advises_waiting_before_the_victory_in_china(reading):
    model = situation(reading=reading, levers={"ccp_victory": NEVER}, motives=means(reading))
    model.world.north_strength[:] = 1.5
    asked_in(model, month_index("1949-11"))
    model.stalin.answer_kim()
    assert model.world.happened("stalin_advises_waiting").mean() > 0.9


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_stalin_approves_with_china_settled_and_the_north_strong(reading):
    assert approval_share(reading, strength=2.4) > 0.75


def test_stueck_stalin_waits_while_the_north_is_weaker_than_he_requires():
    assert approval_share("stueck", strength=1.4, required_superiority=1.8) < 0.1


def test_news_that_the_us_will_fight_deters_stueck_stalin_but_not_kim_stalin():
    """The issue's touchstone: Stueck's Stalin wanted no US war; Kim's wanted one."""
    drop = {reading: approval_share(reading, expects_us_to_fight=0.1)
            - approval_share(reading, expects_us_to_fight=0.95) for reading in ("kim", "stueck")}
    error = np.sqrt(2 * 0.25 / WORLDS)
    assert drop["stueck"] > 4 * error
    assert drop["kim"] < 0  # the opposite: he is, if anything, keener


def test_a_us_garrison_makes_stueck_stalin_less_willing_and_does_not_deter_kim_stalin():
    """Same seed with and without the garrison: the worlds are paired, so signs are reliable."""
    garrison = {"us_garrison_remains": True}
    error = np.sqrt(2 * 0.25 / WORLDS)
    assert approval_share("stueck") - approval_share("stueck", levers=garrison) > 4 * error
    assert approval_share("kim", levers=garrison) >= approval_share("kim")


def test_the_approval_lever_never_refuses_every_request():
    assert approval_share("kim", levers={"stalin_approval": "never"}) == 0.0


def test_stalin_leaves_the_council_when_the_seat_question_comes_to_a_head():
    model = situation(motives=means("stueck"))
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.month = month_index("1949-12")  # two months on; the lag is three
    model.stalin.leave_council_over_china()
    assert not model.world.happened("soviet_boycott").any()
    model.world.month = month_index("1950-01")
    model.stalin.leave_council_over_china()
    expected = choice_probability(np.array(0.3), NOISE)  # solidarity at its prior mean
    assert within(model.world.happened("soviet_boycott").mean(), float(expected), WORLDS)
    assert (model.stalin.at_council == ~model.world.happened("soviet_boycott")).all()


def test_the_boycott_lever_keeps_the_delegate_seated():
    model = situation(levers={"soviet_boycott": "never"})
    set_event(model, "ccp_victory", month_index("1949-10"))
    model.world.month = month_index("1950-02")
    model.stalin.leave_council_over_china()
    assert model.stalin.at_council.all()


def veto_share(reading: str, seated: bool, levers: dict | None = None, **changes) -> np.ndarray:
    model = situation(reading=reading, motives=means(reading, **changes), levers=levers)
    month = month_index("1950-06")
    set_event(model, "ccp_victory", month_index("1949-10"))
    set_event(model, "acheson_speech", month_index("1950-01"))
    model.world.north_strength[:] = 2.2
    model.world.month = month
    model.stalin.at_council[:] = seated
    if not seated:
        set_event(model, "soviet_boycott", month_index("1950-01"))
    set_event(model, "invasion", month)
    model.stalin.decide_on_veto()
    vetoed = model.world.happened("soviet_veto")
    if not seated:
        assert (model.world.happened("soviet_return") == vetoed).all()
    return vetoed


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_a_seated_delegate_vetoes_the_invasion(reading):
    assert veto_share(reading, seated=True).mean() > 0.8


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_an_absent_stalin_rarely_comes_back_to_veto(reading):
    """Both readings explain the absence: a free hand (Kim); risk and solidarity (Stueck)."""
    assert veto_share(reading, seated=False).mean() < 0.05


def test_if_the_flag_decided_us_entry_stueck_stalin_would_veto_and_kim_stalin_would_not():
    """The readings part where the Council matters: a Stalin who wants no US war comes
    back to stop it; one who wants the US entangled stays away to let it in."""
    flag_decides = {"un_flag_effect": 0.9, "expects_clash_if_he_returns": 0.0,
                    "values_boycott_solidarity": 0.05}
    kim = veto_share("kim", seated=False, **flag_decides).mean()
    stueck = veto_share("stueck", seated=False, **flag_decides).mean()
    assert kim < 0.1
    assert stueck > 0.3


@pytest.mark.parametrize("lever, expected", [("always", True), ("never", False)])
def test_the_veto_lever_forces_or_forbids_the_veto(lever, expected):
    vetoed = veto_share("kim", seated=False, levers={"soviet_veto": lever})
    assert (vetoed == expected).all()


def test_stalin_returns_once_the_us_fights_under_the_flag():
    model = situation(motives=means("stueck"))
    model.stalin.at_council[:] = False
    set_event(model, "soviet_boycott", month_index("1950-01"))
    set_event(model, "us_intervention", month_index("1950-06"))
    lag = int(model.params["stalin_return_months"])
    for month in range(month_index("1950-06"), month_index("1950-06") + lag):
        model.world.month = month
        model.stalin.return_to_council()
    assert not model.world.happened("soviet_return").any()  # not before the lag
    model.world.month = month_index("1950-06") + lag
    model.stalin.return_to_council()
    expected = float(choice_probability(np.array(0.5 - 0.3), NOISE))
    assert within(model.world.happened("soviet_return").mean(), expected, WORLDS)


def letter_share(reading: str, buildup: bool, **changes) -> float:
    model = situation(reading=reading, motives=means(reading, **changes))
    month = month_index("1950-08")
    set_event(model, "ccp_victory", month_index("1949-10"))
    for event, label in (("soviet_boycott", "1950-01"), ("invasion", "1950-06"),
                         ("un_authorization", "1950-06"), ("us_intervention", "1950-06"),
                         ("soviet_return", "1950-08")):
        set_event(model, event, month_index(label))
    if buildup:
        set_event(model, "us_europe_buildup", month_index("1950-08"))
    model.world.phase[:] = 1
    model.world.front[:] = 0.9
    model.world.month = month
    model.stalin.write_to_gottwald()
    return float(model.world.happened("gottwald_letter").mean())


def test_a_candid_stalin_claims_success_only_if_the_war_brought_what_he_wanted():
    assert letter_share("kim", buildup=False, letter_candour=1.0) > 0.9
    assert letter_share("stueck", buildup=True, letter_candour=1.0) < 0.1


def test_a_reassuring_stalin_writes_the_letter_whatever_happened():
    for reading, buildup in (("kim", False), ("stueck", True)):
        share = letter_share(reading, buildup, letter_candour=0.0, reassurance_rate=0.6)
        assert within(share, 0.6, WORLDS)


def press_share(reading: str, front: float) -> float:
    model = situation(reading=reading, motives=means(reading))
    model.world.phase[:] = 1
    model.world.front[:] = front
    model.world.month = month_index("1950-08")
    set_event(model, "us_intervention", month_index("1950-06"))
    model.stalin.press_china()
    pressing = model.world.received("stalin_presses_china")
    assert (model.world.happened("stalin_presses_china") == pressing).all()
    return float(pressing.mean())


def test_kim_stalin_presses_china_before_any_collapse_and_stueck_stalin_when_the_north_fails():
    assert press_share("kim", front=0.9) - press_share("stueck", front=0.9) > 0.2
    assert press_share("stueck", front=0.1) - press_share("stueck", front=0.9) > 0.2


def test_a_promise_of_air_cover_is_the_act_he_would_take_at_that_peril():
    """Same stance, same weighing: he promises where, at the same peril, he would send it."""
    model = situation(motives=means("stueck"))
    model.world.phase[:] = 1
    model.world.month = month_index("1950-10")
    model.world.front[:] = np.linspace(0.05, 0.6, WORLDS)
    model.stalin.pressing_china[:] = True
    model.stalin.promise_air_cover()
    promised = model.world.received("stalin_promises_air_cover")
    assert 0.05 < promised.mean() < 0.95
    set_event(model, "china_intervention", month_index("1950-09"))
    model.stalin.send_air_cover()
    assert (model.world.happened("soviet_air_cover") == promised).all()
    deep, shallow = promised[: WORLDS // 4].mean(), promised[-WORLDS // 4:].mean()
    assert deep > shallow  # more help is worth the risk the deeper the peril


def test_no_soviet_ground_troops_unless_the_north_is_overrun_and_china_stays_out():
    model = situation(motives=means("stueck", fears_direct_clash=0.0))
    model.world.phase[:] = 1
    model.world.month = month_index("1950-10")
    model.world.front[:] = 0.3
    model.world.send("kim_asks_for_aid", everywhere(model))
    model.stalin.send_ground_troops()
    assert not model.world.happened("soviet_ground_troops").any()
    model.world.front[:] = 0.1
    model.stalin.send_ground_troops()
    assert model.world.happened("soviet_ground_troops").mean() > 0.9


def armistice_share(reading: str, dead: bool = False) -> float:
    model = situation(reading=reading, motives=means(reading))
    model.world.phase[:] = 1
    model.world.month = month_index("1952-01")
    for event in ("us_intervention", "china_intervention", "us_europe_buildup"):
        set_event(model, event, month_index("1950-10"))
    set_event(model, "armistice_talks", month_index("1951-07"))
    if dead:
        set_event(model, "stalin_death", month_index("1951-12"))
    model.stalin.decide_on_armistice()
    allowed = model.world.received("stalin_allows_armistice")
    return float((allowed | model.world.happened("stalin_death")).mean())


def test_kim_stalin_blocks_an_armistice_that_would_free_the_us_and_stueck_stalin_less():
    kim, stueck = armistice_share("kim"), armistice_share("stueck")
    assert kim < 0.05
    assert stueck - kim > 0.1


def test_a_dead_stalin_blocks_nothing():
    assert armistice_share("kim", dead=True) == 1.0
