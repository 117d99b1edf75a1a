"""The model behind the classroom page: one setting of the switches, many worlds at once.

Why a subclass: SolaraViz re-creates the model from its parameters when the
class presses Reset, so each browser session owns its model and nothing is
shared between students. Creating the model runs the whole ensemble (10,000
worlds take well under a second) and the same worlds under the baseline, and
traces one sampled world for its story; stepping afterwards does nothing.
"""

import dataclasses

from korea1950.levers import NEVER
from korea1950.model import CrisisModel
from korea1950.scenarios import load_scenario
from korea1950.story import render, trace_world
from korea1950.summary import Summary, summarize

SWITCHES = {
    "no_acheson_speech": ("Acheson gives no perimeter speech", {"acheson_speech": NEVER}),
    "soviets_stay_on_council": ("Soviets never leave the Council", {"soviet_boycott": "never"}),
    "soviet_veto": ("Soviet delegate returns and vetoes", {"soviet_veto": "always"}),
    "us_garrison_stays": ("US troops stay in Korea", {"us_garrison_remains": True}),
    "mao_refuses": ("Mao refuses his consent", {"mao_consent": "never"}),
    "us_stays_out": ("The US stays out", {"us_intervention": "never"}),
    "no_incheon": ("No landing at Incheon", {"incheon_landing": "never"}),
    "stop_at_38th": ("UN forces stop at the 38th", {"un_cross_38th": "never"}),
    "stalin_lives": ("Stalin lives on", {"stalin_death": NEVER}),
    "kim_acts_alone": ("Kim attacks without approval", {"kim_waits_for_approval": False}),
}
"""Classroom switches: label and the levers each sets on top of the chosen scenario."""


class ClassroomModel(CrisisModel):
    """An ensemble for the page: the chosen scenario with any switches flipped."""

    def __init__(self, what_if: str = "baseline", reading: str = "stueck", worlds: int = 10_000,
                 seed: int = 1, no_acheson_speech: bool = False,
                 soviets_stay_on_council: bool = False, soviet_veto: bool = False,
                 us_garrison_stays: bool = False, mao_refuses: bool = False,
                 us_stays_out: bool = False, no_incheon: bool = False,
                 stop_at_38th: bool = False, stalin_lives: bool = False,
                 kim_acts_alone: bool = False) -> None:
        flipped = {name for name, on in (
            ("no_acheson_speech", no_acheson_speech),
            ("soviets_stay_on_council", soviets_stay_on_council),
            ("soviet_veto", soviet_veto), ("us_garrison_stays", us_garrison_stays),
            ("mao_refuses", mao_refuses), ("us_stays_out", us_stays_out),
            ("no_incheon", no_incheon), ("stop_at_38th", stop_at_38th),
            ("stalin_lives", stalin_lives), ("kim_acts_alone", kim_acts_alone)) if on}
        chosen = load_scenario(what_if)
        changes = {key: value for name in sorted(flipped)
                   for key, value in SWITCHES[name][1].items()}
        scenario = dataclasses.replace(chosen, levers=dataclasses.replace(chosen.levers, **changes))
        super().__init__(scenario=scenario, reading=reading, replicates=int(worlds), rng=seed)
        self.flipped = sorted(flipped)
        self.ensemble_done = False
        self.run_model()
        self.ensemble_done = True
        self.result: Summary = summarize(self)
        baseline = CrisisModel(scenario="baseline", reading=reading, replicates=int(worlds),
                               rng=seed)
        baseline.run_model()
        self.baseline: Summary = summarize(baseline)
        self.story = render(trace_world(scenario, reading, seed), "markdown")

    def step(self) -> None:
        """Run the ensemble's months at creation; afterwards there is nothing left to do."""
        if self.ensemble_done:
            self.running = False
            return
        super().step()
