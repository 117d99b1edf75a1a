"""The closing summary of one world's story: what happened, when, and which rules decided it.

Why a summary: a month-by-month story is long; a student asked "so what
happened?" needs the turning points with their months and, for each, the
actor and the rule (by its title, the actor by name) that made it happen, so
the story can be traced back to a decision and its sources.
"""

from dataclasses import dataclass

from korea1950.inputs.calendar import HORIZON_MONTHS, month_name
from korea1950.inputs.labels import ACTOR_NAMES, outcome_label, said_event
from korea1950.simulation.agents.rules import rule_table

CLASS_TO_ACTOR: dict[str, str] = {"Kim": "kim", "Stalin": "stalin", "Mao": "mao",
                                  "UnitedStates": "us", "SouthKorea": "rhee",
                                  "SecurityCouncil": "council"}
"""Actor classes (as the rules name them) -> the keys of ``labels.ACTOR_NAMES``."""

TURNING_POINTS = (
    "ccp_victory", "acheson_speech", "soviet_boycott", "stalin_advises_waiting",
    "stalin_invites_kim", "stalin_approves", "mao_consents", "rhee_attacks",
    "ongjin_operation", "invasion", "soviet_veto", "un_authorization", "us_intervention",
    "incheon_landing", "un_crosses_38th", "stalin_presses_china", "china_intervention",
    "soviet_air_cover", "soviet_ground_troops", "soviet_return", "gottwald_letter",
    "us_europe_buildup", "armistice_talks", "stalin_death", "armistice", "north_unifies",
    "south_unifies", "limited_war_ends",
)
"""The events a summary names, in the order they are listed within a month."""

ENDINGS = ("armistice", "north_unifies", "south_unifies", "limited_war_ends")

SCHEDULED = {"ccp_victory": "on the scenario's calendar",
             "stalin_death": "on the scenario's calendar",
             "north_unifies": "won in the fighting", "south_unifies": "won in the fighting"}
"""Events no rule records, and what brings them about instead."""


def actor_label(actor_class: str) -> str:
    """An actor by his own name ("Kim Il Sung"), from the class name the rules use."""
    return ACTOR_NAMES[CLASS_TO_ACTOR.get(actor_class, actor_class.lower())]


def full_names(text: str) -> str:
    """Rule titles say "Kim"; a reader should see "Kim Il Sung" (never a bare "Kim")."""
    return text.replace("Kim's", "Kim Il Sung's").replace("Kim ", "Kim Il Sung ") \
        .replace("Kim Il Sung Il Sung", "Kim Il Sung")


@dataclass(frozen=True)
class Cause:
    """The rule that recorded an event in a month: its actor's class and its title."""

    actor: str
    title: str


def deciding_rules(event: str, rules_that_fired: set[tuple[str, str]]) -> list[Cause]:
    """The rules that fired in the event's month and declare that they record it."""
    causes = []
    for declared in rule_table():
        if (declared.actor, declared.name) not in rules_that_fired:
            continue
        if event == declared.records or event in declared.also_records:
            causes.append(Cause(declared.actor, full_names(declared.title)))
    return causes


IMPOSED = "imposed by the scenario, whatever the actor weighed"
"""Why a turning point happened where the scenario, not an actor's rule, decided it."""


def _why(event: str, causes: list[Cause]) -> str:
    if not causes:
        causes = deciding_rules(event, {(r.actor, r.name) for r in rule_table()})
    if causes and event not in SCHEDULED:
        return "decided by: " + "; ".join(f"{actor_label(c.actor)} {c.title}" for c in causes)
    return SCHEDULED.get(event, "in the war's course")


def summary(events: dict[int, list[str]], fired: dict[int, set[tuple[str, str]]],
            last_month: int, imposed: dict[int, set[tuple[str, str]]] | None = None
            ) -> list[str]:
    """The summary's lines: one per month with a turning point, then how the world ended.

    ``events``: month -> events recorded; ``fired``: month -> (actor, rule) told;
    ``last_month``: the last month simulated; ``imposed``: month -> the rules whose
    decision the scenario imposed (a veto the scenario forces is its doing, not the
    actor's, as the story's body says).
    """
    lines = []
    ending: tuple[str, int] | None = None
    rhee_first = False
    for month in sorted(events):
        points = [e for e in TURNING_POINTS if e in events[month]]
        rhee_first = rhee_first or "rhee_attacks" in events[month]
        if not points:
            continue
        here, forced = fired.get(month, set()), (imposed or {}).get(month, set())
        said = "; ".join(f"{said_event(e, rhee_first)} ("
                         + (IMPOSED if deciding_rules(e, forced) and not deciding_rules(e, here)
                            else _why(e, deciding_rules(e, here))) + ")" for e in points)
        lines.append(f"{month_name(month)}: {said}")
        ending = next(((e, month) for e in points if e in ENDINGS), ending)
    if ending is not None:
        lines.append(f"The story ends in {month_name(ending[1])}: {outcome_label(ending[0])}.")
    elif any("invasion" in names or "ongjin_operation" in names for names in events.values()):
        lines.append(f"The story ends at the horizon, {month_name(last_month)}: "
                     f"{outcome_label('still_at_war')}.")
    elif last_month >= HORIZON_MONTHS - 1:
        lines.append(f"The story ends at the horizon, {month_name(last_month)}, "
                     "with no war begun.")
    else:
        lines.append(f"The story ends in {month_name(last_month)}.")
    return lines
