"""The debrief: the student's choices beside the record, the readings, and many worlds."""

import dataclasses
from collections.abc import Callable

from korea1950.calendar import month_name
from korea1950.ensemble import simulate
from korea1950.levers import NEVER
from korea1950.model import CrisisModel
from korea1950.play import Choice, Player
from korea1950.play.points import POINTS
from korea1950.readings import bundled_reading_names, load_reading
from korea1950.scenarios import load_scenario

KEY = ("invasion", "soviet_veto", "us_intervention", "china_intervention", "armistice",
       "north_unifies", "south_unifies", "still_at_war")


def reading_chance(point: str, situation: dict, reading: str, speech_made: bool) -> str:
    """What a reading's Stalin, with its prior-mean motives, would do in this situation."""
    means = load_reading(reading).means()
    if point == "stalin.approve":
        expects = means["expects_us_intervention"] * (
            means["acheson_discount"] if speech_made else 1.0)
        acceptable = expects * (1 - means["values_us_entanglement"]) <= means["risk_tolerance"]
        ready = situation.get("china_settled", True) and situation.get("strong_enough", True)
        return "approve" if ready and acceptable else "refuse"
    chance = {"stalin.veto": means["veto_propensity"],
              "stalin.press_china": means["china_pull"],
              "stalin.allow_armistice": 1 - means["prolongs_war"]}.get(point)
    return f"yes with chance {chance:.2f} a month" if chance is not None else "-"


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
