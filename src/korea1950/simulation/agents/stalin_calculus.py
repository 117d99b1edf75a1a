"""Stalin's one decision rule: weigh what an option is expected to bring against what he wants.

Why one rule: the historians agree on what Stalin did and disagree about
why. So a reading is what he wanted (goals) and what he expected (beliefs),
and every act - answering Kim, leaving, staying away from or returning to the
Security Council, vetoing, pressing Mao, air cover, ground troops, letting an
armistice be signed - follows from the same arithmetic:

    net gain = sum over consequences of  weight(goal) x expected change in that consequence
    P(act)   = logistic(net gain / stalin_decision_noise)

A *prospect* is the expected change in each consequence if he acts rather
than not (a dict of arrays over worlds). The functions here build prospects
from beliefs and the state of the world; ``net_gain`` weighs one with goals.
Nothing here draws a random number: the agent does that (``agents/stalin.py``).

Choice: the consequences are those the two historians argue about (a unified
Korea; the US tied down in Asia, away from Europe; China at odds with the US;
a direct clash with the US; a US build-up in Europe) and three the Gottwald
letter names as reasons for his Council policy (solidarity with China, the
UN's flag kept off the US side, a seat from which to expose US policy). Their
*weights* are the reading's goals; the *expected changes* come from its
beliefs and the shared terms in ``parameters.py``. A linear sum is our
simplification: the documents rank motives, they do not give a utility.
"""

from collections.abc import Mapping

import numpy as np

type Values = np.ndarray | float
type Prospect = dict[str, Values]

GOAL_OF: dict[str, tuple[str, float]] = {
    "unified_korea": ("values_unified_korea", 1.0),
    "us_tied_down": ("values_us_tied_down", 1.0),
    "china_against_us": ("values_china_against_us", 1.0),
    "boycott_kept": ("values_boycott_solidarity", 1.0),
    "direct_clash": ("fears_direct_clash", -1.0),
    "europe_buildup": ("fears_europe_buildup", -1.0),
    "war_month": ("war_burden", -1.0),
    "debt_to_china": ("cost_of_asking_mao", -1.0),
}
"""Consequence -> (the Stalin parameter weighing it, sign): a reading's goals."""

SHARED_VALUE_OF: dict[str, tuple[str, float]] = {
    "un_flag_denied": ("stalin_legitimacy_value", 1.0),
    "council_seat": ("stalin_expose_value", 1.0),
}
"""Consequence -> (the model parameter weighing it, sign): the same under every reading."""


def net_gain(prospect: Mapping[str, Values], motive: Mapping[str, np.ndarray],
             params: Mapping[str, float]) -> np.ndarray:
    """Weigh a prospect with Stalin's goals (per world) and the shared values."""
    total: Values = 0.0
    for consequence in prospect:
        change = prospect[consequence]
        if consequence in GOAL_OF:
            name, sign = GOAL_OF[consequence]
            total = total + sign * motive[name] * change
        else:
            name, sign = SHARED_VALUE_OF[consequence]
            total = total + sign * params[name] * change
    return np.asarray(total, dtype=float)


def choice_probability(gain: np.ndarray, noise: float) -> np.ndarray:
    """The chance he takes an option whose net gain is ``gain`` (logit choice)."""
    return 0.5 * (1.0 + np.tanh(np.asarray(gain) / (2.0 * noise)))


def stance_thresholds(stance: Mapping[str, np.ndarray], noise: float
                      ) -> dict[str, np.ndarray]:
    """The net gain at which ``choice_probability`` reaches each stance: act above it.

    ``choice_probability(gain) > stance`` holds when ``gain`` exceeds
    ``2 noise artanh(2 stance - 1)``, since the logit is increasing; in floating
    point the two can differ only for a gain within a few units in the last place
    of the threshold, which continuous draws do not meet (every bundled run gives
    the same tallies either way). Why: the threshold is computed once per world
    and question, where the chance was a ``tanh`` over every world each time he
    weighed (a fifth of a run's time). A stance of 0 gives a threshold of minus
    infinity: he acts on any finite gain.
    """
    with np.errstate(divide="ignore"):
        return {question: 2.0 * noise * np.arctanh(2.0 * quantile - 1.0)
                for question, quantile in stance.items()}


def expects_us_fights(motive: Mapping[str, np.ndarray], acheson_spoke: np.ndarray,
                      garrison: bool) -> np.ndarray:
    """His expectation that the US fights for the South if the North attacks.

    A US garrison in Korea makes it certain; Acheson's speech scales it by
    his ``acheson_effect``.
    """
    if garrison:
        return np.ones_like(motive["expects_us_to_fight"])
    return motive["expects_us_to_fight"] * np.where(acheson_spoke, motive["acheson_effect"],
                                                    1.0)


def quick_victory(north_strength: np.ndarray, motive: Mapping[str, np.ndarray],
                  params: Mapping[str, float], china_ready: np.ndarray) -> np.ndarray:
    """His belief that the North overruns the South quickly if the US stays out."""
    margin = (north_strength - motive["required_superiority"]) / params["stalin_quick_win_width"]
    chance = choice_probability(margin, 1.0)
    return chance * np.where(china_ready, 1.0, params["stalin_no_china_factor"])


def us_war_prospect(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                    quick: np.ndarray, china_ready: np.ndarray,
                    buildup: np.ndarray | None = None) -> Prospect:
    """What a US war in Korea changes, against the US staying out, in his eyes.

    It cuts the chance of unification to ``stalin_win_against_us`` of itself
    and may cost the North (unless China joins); it ties the US down as far
    as he believes a Korean war does (``war_ties_us_down``; a short war if
    China cannot join) instead of a Pacific response; it may bring China
    against the US, a direct clash and a build-up in Europe. ``buildup``
    replaces his belief in a build-up by what happened.
    """
    china_joins = motive["expects_china_to_join"] * china_ready
    north_lost = motive["north_lost_if_us_fights"] * (1.0 - china_joins)
    tied_if_war = motive["war_ties_us_down"] * np.where(china_ready, 1.0,
                                                         params["stalin_short_war_factor"])
    return {
        "unified_korea": -quick * (1.0 - params["stalin_win_against_us"]) - north_lost,
        "us_tied_down": tied_if_war - params["stalin_pacific_diversion"] * china_ready,
        "china_against_us": china_joins,
        "direct_clash": motive["expects_clash_if_us_fights"],
        "europe_buildup": motive["expects_europe_buildup"] if buildup is None else buildup,
    }


def approval_prospect(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                      us_fights: np.ndarray, quick: np.ndarray,
                      china_ready: np.ndarray) -> Prospect:
    """What approving Kim's attack brings, against waiting (the status quo)."""
    war = us_war_prospect(motive, params, quick, china_ready)
    return {
        "unified_korea": quick + us_fights * war["unified_korea"],
        "us_tied_down": params["stalin_pacific_diversion"] * china_ready
                        + us_fights * war["us_tied_down"],
        "china_against_us": us_fights * war["china_against_us"],
        "direct_clash": us_fights * war["direct_clash"],
        "europe_buildup": us_fights * war["europe_buildup"],
    }


def veto_prospect(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                  us_fights: np.ndarray, quick: np.ndarray, china_ready: np.ndarray,
                  seated: np.ndarray) -> Prospect:
    """What a veto brings against letting the Council act, seated or coming back to cast it.

    A veto makes a US war less likely by his ``un_flag_effect``. Seated, it is
    his way to deny the Council's decisions legitimacy; absent, his absence
    already does that (the letter's third reason), and coming back ends the
    boycott and risks the confrontation Stueck thinks he feared
    (``expects_clash_if_he_returns``).
    """
    fewer_wars = us_fights * motive["un_flag_effect"]
    war = us_war_prospect(motive, params, quick, china_ready)
    prospect: Prospect = {name: -fewer_wars * change for name, change in war.items()}
    coming_back = ~seated
    prospect["un_flag_denied"] = 1.0 * seated
    prospect["boycott_kept"] = -1.0 * coming_back
    prospect["direct_clash"] = (prospect["direct_clash"]
                                + motive["expects_clash_if_he_returns"] * coming_back)
    return prospect


def press_china_prospect(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                         peril: np.ndarray) -> Prospect:
    """What asking Mao for troops brings, in his eyes, with the North in ``peril`` (0 to 1)."""
    joins = motive["expects_china_to_join"]
    return {
        "china_against_us": joins,
        "unified_korea": joins * peril * params["stalin_troops_rescue"],
        "debt_to_china": 1.0,
    }


def continuing_war_prospect(us_fighting: np.ndarray, china_fighting: np.ndarray,
                            buildup_begun: np.ndarray, params: Mapping[str, float]) -> Prospect:
    """What one more month of a stalemated war brings, against signing an armistice."""
    return {
        "us_tied_down": us_fighting * 1.0,
        "china_against_us": china_fighting * 1.0,
        "war_month": 1.0,
        "europe_buildup": buildup_begun * params["stalin_buildup_sustained"],
        "direct_clash": us_fighting * params["stalin_monthly_clash_risk"],
    }


def best_moment_gain(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                     us_fights: np.ndarray) -> np.ndarray:
    """Net gain of approving at the best moment he foresees: China settled, a quick victory sure.

    Whether, not when: asked from afar, he invites Kim to talk if a war at
    that moment would be worth approving at all.
    """
    sure = np.ones_like(np.asarray(us_fights, dtype=float))
    return net_gain(approval_prospect(motive, params, us_fights, sure, sure), motive, params)


def approval_gain(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                  us_fights: np.ndarray, quick: np.ndarray, china_ready: np.ndarray,
                  best: np.ndarray | None = None) -> np.ndarray:
    """Net gain of approving now over never approving, or -inf while the moment is not ripe.

    Whether: a war is worth approving if its prospect beats the status quo.
    When: he holds off while the gain now is below ``stalin_patience`` times
    the gain he expects at the best moment he foresees (China settled, a quick
    victory certain), since waiting for it costs little. ``best`` is that
    gain, if the caller has weighed it already (``best_moment_gain``).
    """
    now = net_gain(approval_prospect(motive, params, us_fights, quick, china_ready), motive,
                   params)
    if best is None:
        best = best_moment_gain(motive, params, us_fights)
    ripe = now >= params["stalin_patience"] * np.maximum(best, 0.0)
    return np.where(ripe, now, -np.inf)


def armistice_gain(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                   us_fighting: np.ndarray, china_fighting: np.ndarray,
                   buildup_begun: np.ndarray) -> np.ndarray:
    """Net gain of letting an armistice be signed over one more month of war."""
    going_on = continuing_war_prospect(us_fighting, china_fighting, buildup_begun, params)
    return -net_gain(going_on, motive, params)


def letter_chance(motive: Mapping[str, np.ndarray], params: Mapping[str, float],
                  hope: np.ndarray, china_ready: np.ndarray,
                  buildup_begun: np.ndarray) -> np.ndarray:
    """His chance of writing the Gottwald letter, given what the US war has brought so far.

    candour x P(an honest account claims success) + (1 - candour) x reassurance_rate,
    where an honest account claims success with the logit chance of the net gain of
    the US war so far: what it has cost of a quick unification shrinks as the North
    advances regardless (``hope``, the share of the South it holds), and the build-up
    in Europe counts as it happened.
    """
    brought = us_war_prospect(motive, params, 1.0 - hope, china_ready, buildup=buildup_begun)
    honest = choice_probability(net_gain(brought, motive, params),
                                params["stalin_decision_noise"])
    candour = motive["letter_candour"]
    return candour * honest + (1.0 - candour) * motive["reassurance_rate"]
