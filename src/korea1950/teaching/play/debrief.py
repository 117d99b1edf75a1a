"""The debrief: the student's choices beside the record, the readings, and many worlds."""

import dataclasses
from collections.abc import Callable

import numpy as np

from korea1950.inputs.calendar import month_name
from korea1950.inputs.levers import NEVER
from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.ensemble import simulate
from korea1950.simulation.agents.stalin_calculus import (
    approval_gain,
    armistice_gain,
    best_moment_gain,
    choice_probability,
    expects_us_fights,
    net_gain,
    press_china_prospect,
    quick_victory,
    veto_prospect,
)
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.world import PARALLEL
from korea1950.teaching.play import Choice, Player
from korea1950.teaching.play.points import POINTS

KEY = ("invasion", "soviet_veto", "us_intervention", "china_intervention", "armistice",
       "north_unifies", "south_unifies", "still_at_war")


def reading_chance(point: str, situation: dict, reading: str, speech_made: bool) -> str:
    """How likely a reading's Stalin, his goals and beliefs at their prior means, says yes here.

    It uses the very functions his rules use (``agents/stalin_calculus``), with
    the situation the student saw; where the student's situation does not say
    (e.g. how strong the North is at the Council's vote) the North is taken as
    strong enough for a quick victory.
    """
    gain = _reading_gain(point, situation, load_reading(reading).means(), speech_made)
    if gain is None:
        return "-"
    chance = float(np.ravel(choice_probability(gain, MODEL_DEFAULTS["stalin_decision_noise"]))[0])
    return f"yes with chance {chance:.2f}"


MODEL_DEFAULTS = {name: spec.default for name, spec in MODEL_PARAMETERS.items()}


def _reading_gain(point: str, situation: dict, means: dict[str, float],
                  speech_made: bool) -> "np.ndarray | None":
    motive = {name: np.asarray(value, dtype=float) for name, value in means.items()}
    params = MODEL_DEFAULTS
    us_fights = expects_us_fights(motive, np.asarray(speech_made), False)
    strong = np.ones(1)
    if point == "stalin.approve":
        ready = np.asarray(_first(situation, "china_ready", True), dtype=bool)
        if not ready:
            return np.asarray(-np.inf)
        if not bool(_first(situation, "in_moscow", True)):
            return best_moment_gain(motive, params, us_fights)  # whether: the invitation
        strength = np.asarray(_first(situation, "north_strength", 3.0), dtype=float)
        quick = quick_victory(strength, motive, params, ready)
        return approval_gain(motive, params, us_fights, quick, ready)
    if point == "stalin.veto":
        seated = np.asarray(_first(situation, "seated", False), dtype=bool)
        prospect = veto_prospect(motive, params, us_fights, strong, strong.astype(bool), seated)
        return net_gain(prospect, motive, params)
    if point == "stalin.press_china":
        front = float(_first(situation, "front", PARALLEL))
        peril = np.clip((PARALLEL - front) / PARALLEL, 0.0, 1.0)
        return net_gain(press_china_prospect(motive, params, peril), motive, params)
    if point == "stalin.allow_armistice":
        return armistice_gain(motive, params, strong, strong, strong)
    return None


def _first(situation: dict, key: str, default: object) -> object:
    """The situation's value for the traced world (arrays hold one world in role-play)."""
    value = situation.get(key, default)
    return np.ravel(value)[0] if np.ndim(value) else value


def debrief(player: Player, model: CrisisModel, worlds: int) -> str:
    """The debrief text."""
    lines = ["", "Debrief", "=======", ""]
    if not player.choices:
        lines.append(f"{player.actor.title()} had no decision to take in this world.")
    readings = bundled_reading_names()
    speech = _speech_made(model)
    for choice in player.choices:
        spec = POINTS[choice.point]
        you = spec.yes if choice.chose_yes else spec.no
        rule = spec.yes if choice.rule_said_yes else spec.no
        source = "" if choice.from_input else " (decided by the rule: no input)"
        lines.append(f"{month_name(choice.month)} — {spec.question}")
        lines.append(f"   you chose: {you}{source}")
        lines.append(f"   the model's {player.actor.title()} would have: {rule}")
        if player.actor == "stalin":
            lines.append("   each reading's Stalin: " + "; ".join(
                f"{name}: {reading_chance(choice.point, choice.situation, name, speech(choice))}"
                for name in readings))
        lines.append(f"   the record: {spec.record}")
    lines += ["", *outcomes_after(player, model, worlds)]
    return "\n".join(lines)


def _speech_made(model: CrisisModel) -> Callable[[Choice], bool]:
    month = model.levers.acheson_speech
    return lambda choice: month != NEVER and choice.month > month


def student_levers(player: Player) -> dict:
    """Levers that replay the student's standing refusals across many worlds."""
    changes: dict = {}
    said = {}
    for choice in player.choices:
        if choice.from_input:
            said.setdefault(choice.point, set()).add(choice.chose_yes)
    for point, answers in said.items():
        lever = POINTS[point].lever_if_never
        if lever and answers == {False}:
            changes[lever[0]] = NEVER if lever[0] == "acheson_speech" else lever[1]
        if point == "stalin.veto" and answers == {True}:
            changes["soviet_veto"] = "always"
    return changes


def outcomes_after(player: Player, model: CrisisModel, worlds: int) -> list[str]:
    """Key outcomes across many worlds with the student's standing choices, against history."""
    changes = student_levers(player)
    base = model.scenario_spec
    if not changes:
        return ["Your choices did not amount to a standing refusal, so across many worlds "
                "they play out as the scenario does by the rules:",
                *_table({"the rules": simulate(base, model.reading, worlds, seed=1)}, ())]
    yours = dataclasses.replace(base, name="your_choices",
                                levers=dataclasses.replace(base.levers, **changes))
    runs = {"your choices": simulate(yours, model.reading, worlds, seed=1),
            "the rules": simulate(load_scenario(base.path or "baseline"), model.reading,
                                  worlds, seed=1)}
    lever_text = ", ".join(f"{k} = {v}" for k, v in changes.items())
    return [f"Across {worlds:,} worlds, your standing choices ({lever_text}) against the "
            "actors' own rules:", *_table(runs, changes)]


def _table(runs: dict, changes: dict) -> list[str]:
    names = list(runs)
    lines = [f"   {'outcome':<22}" + "".join(f"{name:>16}" for name in names)]
    for outcome in KEY:
        lines.append(f"   {outcome:<22}" + "".join(
            f"{runs[name].probability(outcome):>16.2f}" for name in names))
    return lines
