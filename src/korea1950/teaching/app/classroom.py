"""The model behind the classroom page: one setting of the switches, many worlds at once.

Why a subclass: SolaraViz re-creates the model from its parameters when the
class presses Reset, so each browser session owns its model and nothing is
shared between students. Creating the model runs the ensemble through the same
block-by-block tallies as the command line (``korea1950.simulate``: memory
stays flat however many worlds), the same worlds under the baseline, and traces
one sampled world for its story; stepping afterwards does nothing.

Why the checks: the values arrive from a browser, and a browser can send
anything. Only bundled scenario and reading names are accepted (never a path),
every number is clamped to its widget's range, a switch is on only if it is
``True``, and anything refused is said on the page in one short line. No error
reaches the page as a traceback.
"""

import dataclasses
import logging
import math

from korea1950.inputs.errors import InputError, one_line, shown
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import bundled_scenario_names, load_scenario, switches
from korea1950.running.ensemble import simulate
from korea1950.running.summary import Summary
from korea1950.simulation.model import CrisisModel
from korea1950.teaching.story import render, trace_world

SWITCHES = switches()
"""Classroom switches: key -> (label, the levers it sets on top of the chosen scenario), one per
bundled scenario that offers a ``switch`` label (``korea1950.inputs.scenarios.switches``)."""

WORLDS = (1_000, 50_000, 1_000)
"""The worlds slider: minimum, maximum and step (the server clamps to this range)."""

DEFAULT_WORLDS = 10_000

SEEDS = (0, 2**32 - 1)
"""Seeds the page accepts."""

MAX_STORY = 12_000
"""Characters of one world's story shown on the page."""

log = logging.getLogger(__name__)


class ClassroomModel(CrisisModel):
    """An ensemble for the page: the chosen scenario with any switches flipped."""

    def __init__(self, what_if: str = "baseline", reading: str = "stueck",
                 worlds: int = DEFAULT_WORLDS, seed: int = 1, no_acheson_speech: bool = False,
                 soviets_stay_on_council: bool = False, soviet_veto: bool = False,
                 us_garrison_stays: bool = False, mao_refuses: bool = False,
                 us_stays_out: bool = False, no_incheon: bool = False,
                 stop_at_38th: bool = False, stalin_lives: bool = False,
                 kim_acts_alone: bool = False) -> None:
        self.notices: list[str] = []
        what_if = self._bundled(what_if, bundled_scenario_names(), "baseline", "scenario")
        reading = self._bundled(reading, bundled_reading_names(), "stueck", "reading")
        self.worlds = self._clamped(worlds, WORLDS[0], WORLDS[1], DEFAULT_WORLDS, "worlds")
        seed = self._clamped(seed, SEEDS[0], SEEDS[1], 1, "seed")
        flipped = {name for name, on in (
            ("no_acheson_speech", no_acheson_speech),
            ("soviets_stay_on_council", soviets_stay_on_council),
            ("soviet_veto", soviet_veto), ("us_garrison_stays", us_garrison_stays),
            ("mao_refuses", mao_refuses), ("us_stays_out", us_stays_out),
            ("no_incheon", no_incheon), ("stop_at_38th", stop_at_38th),
            ("stalin_lives", stalin_lives), ("kim_acts_alone", kim_acts_alone)) if on is True}
        chosen = load_scenario(what_if)
        changes = {key: value for name in sorted(flipped)
                   for key, value in SWITCHES[name][1].items()}
        scenario = dataclasses.replace(chosen, levers=dataclasses.replace(chosen.levers, **changes))
        super().__init__(scenario=scenario, reading=reading, replicates=1, rng=seed)
        self.flipped = sorted(flipped)
        self.error: str | None = None
        self.result: Summary | None = None
        self.baseline: Summary | None = None
        self.story = ""
        try:
            self.result = simulate(scenario, reading, self.worlds, seed, workers=1, progress=False)
            self.baseline = simulate("baseline", reading, self.worlds, seed, workers=1,
                                     progress=False)
            self.story = render(trace_world(scenario, reading, seed), "markdown")
        except InputError as error:
            self.error = str(error)
        except Exception as error:  # the page must show a line, never a traceback
            log.exception("the classroom model failed")
            self.error = one_line(f"The server could not compute this setting "
                                  f"({type(error).__name__}); the details are in its log.")
        self.running = False

    def _bundled(self, value: object, names: list[str], default: str, what: str) -> str:
        """``value`` if it is one of the bundled ``names``; otherwise ``default``, with a notice."""
        if isinstance(value, str) and value in names:
            return value
        self.notices.append(f"Refused the {what} {shown(value, 40)}: only bundled {what}s "
                            f"can be chosen here; showing {default}.")
        return default

    def _clamped(self, value: object, low: int, high: int, default: int, what: str) -> int:
        """``value`` as an int in [low, high], ``default`` if not a number; a notice if changed."""
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value if isinstance(value, int) or math.isfinite(value) else None
        if number is None:
            self.notices.append(f"Refused {what} = {shown(value, 30)}: not a number; "
                                f"using {default:,}.")
            return default
        kept = int(min(max(number, low), high))
        if kept != number:
            self.notices.append(f"Refused {what} = {shown(value, 30)}: this page allows "
                                f"{low:,} to {high:,}; using {kept:,}.")
        return kept

    def step(self) -> None:
        """Everything is computed at creation; stepping only tells the controls it is done."""
        self.running = False
