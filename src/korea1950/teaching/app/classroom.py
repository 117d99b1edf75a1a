"""What a class sets on the page, and the one gate every value from the browser passes.

Why one gate: the page's widgets send values from a browser, and a browser can
send anything (a path instead of a scenario name, 10**12 worlds, a string for a
switch). ``admit`` is the only way a value reaches a ``Setting``: only bundled
scenario and reading names are accepted (never a path), numbers are clamped to
the widgets' ranges, a switch is on only if it is ``True``, and anything
refused becomes one short line for the page. No error reaches the page as a
traceback.

Why switches follow the scenario: a switch applies one bundled scenario's
levers (``korea1950.inputs.scenarios.switches``). Choosing a scenario ticks
every switch whose levers it already sets, so "The Soviet delegate returns and
vetoes" shows its switch on; unticking it puts those levers back to history.
"""

import dataclasses
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from korea1950.inputs.errors import shown
from korea1950.inputs.labels import READING_HISTORIANS
from korea1950.inputs.levers import Levers
from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.scenarios import (
    Scenario,
    bundled_scenario_names,
    load_scenario,
    scenario_title,
    switches,
)

SWITCHES: dict[str, tuple[str, dict[str, Any]]] = switches()
"""Classroom switches: key -> (label, the levers it sets on top of the chosen scenario)."""

WORLDS = (1_000, 50_000, 1_000)
"""The worlds slider: minimum, maximum and step (the gate clamps to this range)."""

DEFAULT_WORLDS = 10_000

SEEDS = (0, 2**32 - 1)
"""Seeds the page accepts."""

DEFAULT_READING = "stueck"

SWITCH_PREFIX = "switch:"
"""A switch's field in ``admit``: ``switch:us_stays_out``."""


@dataclass(frozen=True)
class Setting:
    """One student's choices, already checked: hashable, so results can be cached by it.

    ``switches`` are the ticked ones, all of them: a scenario's own switch left out is a
    switch the class turned off. Build settings with ``admit``, which ticks them.
    """

    scenario: str = "baseline"
    reading: str = DEFAULT_READING
    worlds: int = DEFAULT_WORLDS
    seed: int = 1
    switches: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Admitted:
    """The setting after one value from the browser, and what (if anything) was refused."""

    setting: Setting
    notices: tuple[str, ...] = ()


def admit(setting: Setting, what: str, value: object) -> Admitted:
    """Apply one value the browser sent for ``what`` to ``setting``, or refuse it in one line.

    ``what`` is ``scenario``, ``reading``, ``worlds``, ``seed`` or ``switch:<key>``.
    A new scenario also sets the switches to those it implies.
    """
    notices: list[str] = []
    if what == "scenario":
        name = _bundled(value, bundled_scenario_names(), setting.scenario, "scenario", notices,
                        scenario_title)
        changed = setting if notices else dataclasses.replace(
            setting, scenario=name, switches=implied_switches(name))
    elif what == "reading":
        reading = _bundled(value, bundled_reading_names(), setting.reading, "reading", notices,
                           reading_title)
        changed = dataclasses.replace(setting, reading=reading)
    elif what == "worlds":
        worlds = _clamped(value, WORLDS[0], WORLDS[1], setting.worlds, "worlds", notices,
                          step=WORLDS[2])
        changed = dataclasses.replace(setting, worlds=worlds)
    elif what == "seed":
        seed = _clamped(_number(value), SEEDS[0], SEEDS[1], setting.seed, "seed", notices)
        changed = dataclasses.replace(setting, seed=seed)
    elif what.startswith(SWITCH_PREFIX) and what[len(SWITCH_PREFIX):] in SWITCHES:
        key = what[len(SWITCH_PREFIX):]
        on = {key} if value is True else set()
        changed = dataclasses.replace(setting, switches=frozenset(
            (setting.switches - {key}) | on))
    else:
        notices.append(f"Refused a value for {shown(what, 40)}: the page has no such control.")
        changed = setting
    return Admitted(changed, tuple(notices))


MAX_NOTICES = 4
"""Refusals kept on the page (the newest first)."""


@dataclass(frozen=True)
class Notice:
    """One refusal on the page, and the control (``what``, as ``admit`` names it) it is about."""

    about: str
    text: str


@dataclass(frozen=True)
class Session:
    """One browser session's state: its setting, the refusals to show, its story's world."""

    setting: Setting = field(default_factory=Setting)
    notices: tuple[Notice, ...] = ()
    story_seed: int | None = None
    """The world whose story is told; ``None``: the world numbered by the setting's seed."""


def receive(session: Session, what: str, value: object) -> Session:
    """The session after one value from the browser, passed through the gate (``admit``).

    A value taken as sent clears the notices about the same control: a refusal of
    the seed "abc" no longer applies once the seed 7 is in place.
    """
    admitted = admit(session.setting, what, value)
    kept = session.notices if admitted.notices else tuple(
        notice for notice in session.notices if notice.about != what)
    notices = (tuple(Notice(what, text) for text in admitted.notices) + kept)[:MAX_NOTICES]
    return Session(admitted.setting, notices, session.story_seed)


def _bundled(value: object, names: list[str], keep: str, what: str, notices: list[str],
             title: Callable[[str], str]) -> str:
    """``value`` if it is one of the bundled ``names``; otherwise ``keep``, with a notice that
    names what is kept by its title."""
    if isinstance(value, str) and value in names:
        return value
    notices.append(f"Refused the {what} {shown(value, 40)}: only bundled {what}s can be chosen "
                   f"here; keeping {title(keep)}.")
    return keep


LONGEST_TYPED = 40
"""Characters of a typed number the gate reads; a longer string is refused unread."""


TYPED_WHOLE_NUMBER = re.compile(r"-?[0-9]+", flags=re.ASCII)
"""A typed whole number: ASCII digits only (``str.isdigit`` also admits "²", which ``int``
rejects), with at most one minus sign."""


def _number(value: object) -> object:
    """A seed typed into a text box arrives as a string: read it as a whole number if it is one."""
    if (isinstance(value, str) and len(value) < LONGEST_TYPED
            and TYPED_WHOLE_NUMBER.fullmatch(value.strip())):
        return int(value.strip())
    return value


def _clamped(value: object, low: int, high: int, keep: int, what: str,
             notices: list[str], step: int = 1) -> int:
    """``value`` as an int in [low, high] on a multiple of ``step``; ``keep`` if it is not a
    number; a notice if changed.

    Why the step: the worlds slider moves in thousands, and a script that sent every
    number in between could make the server compute tens of thousands of settings
    the slider never offers (and the cache would rarely hit).
    """
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = value if isinstance(value, int) or math.isfinite(value) else None
    if number is None:
        notices.append(f"The {what} must be a whole number; {shown(value, 30)} is not, so it "
                       f"stays {keep:,}.")
        return keep
    kept = int(min(max(number, low), high))
    kept = min(max((kept + step // 2) // step * step, low), high)
    if kept != number:
        steps = f" in steps of {step:,}" if step > 1 else ""
        notices.append(f"The {what} can be {low:,} to {high:,}{steps}, so {shown(value, 30)} "
                       f"became {kept:,}.")
    return kept


def implied_switches(scenario: str) -> frozenset[str]:
    """The switches whose levers the bundled ``scenario`` already sets, all of them."""
    levers = _scenario(scenario).levers
    return frozenset(key for key, (_, changes) in SWITCHES.items()
                     if all(getattr(levers, name) == value for name, value in changes.items()))


def effective_scenario(setting: Setting) -> Scenario:
    """The chosen scenario with the switches applied: ticked ones set their levers, and
    a switch the scenario implies but the class unticked puts its levers back to history."""
    chosen = _scenario(setting.scenario)
    history = Levers()
    changes: dict[str, Any] = {}
    for key in sorted(implied_switches(setting.scenario) - setting.switches):
        changes.update({name: getattr(history, name) for name in SWITCHES[key][1]})
    for key in sorted(setting.switches):
        changes.update(SWITCHES[key][1])
    return dataclasses.replace(chosen, levers=dataclasses.replace(chosen.levers, **changes))


def what_if(setting: Setting) -> str:
    """What this setting changes in history, in words, for the story's opening line ("" if
    nothing): the scenario's antecedent while any of its own switches is on, then the
    switches ticked on top of it.

    Why: a decision a setting takes out of an actor's hands is not weighed, so the story
    would otherwise never say it (Mao's refusal, in "Mao withholds his consent").
    """
    effective = effective_scenario(setting)
    if not (effective.levers.changed() or effective.parameters):
        return ""
    chosen, implied = _scenario(setting.scenario), implied_switches(setting.scenario)
    parts = []
    if (chosen.levers.changed() or chosen.parameters) and (not implied
                                                          or implied & setting.switches):
        parts.append(chosen.antecedent.rstrip("."))
    parts += added_switches(setting)
    return ". ".join(parts) + "." if parts else ""


def added_switches(setting: Setting) -> list[str]:
    """The labels of the switches ticked on top of the chosen scenario's own."""
    added = setting.switches - implied_switches(setting.scenario)
    return [label for key, (label, _) in SWITCHES.items() if key in added]


def describe(setting: Setting) -> str:
    """One line saying what is being computed, in words (no raw names)."""
    implied = implied_switches(setting.scenario)
    added = added_switches(setting)
    removed = [SWITCHES[key][0] for key in SWITCHES if key in implied - setting.switches]
    parts = [f"Scenario: {scenario_title(setting.scenario)}"]
    if added:
        parts.append("Switched on: " + "; ".join(added))
    if removed:
        parts.append("Switched off, so as in history: " + "; ".join(removed))
    return (". ".join(parts) + f". {reading_title(setting.reading)}. "
            f"{setting.worlds:,} worlds, seed {setting.seed}.")


@cache
def _scenario(name: str) -> Scenario:
    """A bundled scenario, parsed once per server (the files do not change while it runs)."""
    return load_scenario(name)


@cache
def reading_title(name: str) -> str:
    """A bundled reading by its historian and thesis ("Donggil Kim: Stalin wanted ...")."""
    title = load_reading(name).title
    historian = READING_HISTORIANS.get(name)
    if historian and not title.startswith(historian):
        return f"{historian}: {title}"
    return title
