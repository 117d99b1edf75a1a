"""Role-play: a student takes one actor's decisions; the others answer by their rules.

``Player`` plugs into a single-world model through a rule's declared
``point`` (``simulation.agents.rules``). At each of the played actor's
decision points it shows the situation, the numbered
options and the documents' hints, and reads a choice (a terminal, a pipe or a
file all work; at the end of input the actor's own rule decides, and the
student is told). ``play`` runs the game and ends with the debrief.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from korea1950.inputs.calendar import month_name
from korea1950.inputs.errors import InputError
from korea1950.inputs.events import EVENTS
from korea1950.inputs.evidence import cite
from korea1950.running.worlds import one_world
from korea1950.simulation.model import CrisisModel
from korea1950.teaching.play.points import POINTS

ACTORS = ("stalin", "kim", "mao")
MAX_TRIES = 3


@dataclass
class Choice:
    """One decision the student took."""

    point: str
    month: int
    chose_yes: bool
    rule_said_yes: bool
    situation: dict
    from_input: bool


@dataclass
class Player:
    """The student, deciding for ``actor`` by reading lines from ``read``."""

    actor: str
    read: Callable[[], str | None]
    write: Callable[[str], None]
    choices: list[Choice] = field(default_factory=list)
    exhausted: bool = False

    def choose(self, point: str, month: int, decision: np.ndarray, eligible: np.ndarray,
               situation: dict) -> np.ndarray:
        """Ask the student at a decision point of the played actor; return the decision."""
        spec = POINTS.get(point)
        if spec is None or spec.actor != self.actor:
            return decision
        values = {k: np.asarray(v).reshape(-1)[0].item() for k, v in situation.items()}
        self.write(f"\n== {month_name(month)} — you are {self.actor.title()} ==")
        self.write(spec.question)
        for name, value in values.items():
            shown = ("yes" if value else "no") if isinstance(value, bool) else (
                f"{value:.2f}" if isinstance(value, float) else value)
            self.write(f"   {name.replace('_', ' ')}: {shown}")
        self.write("What the documents say:")
        for evidence_id in spec.hints:
            self.write(f"   {cite(evidence_id)}")
        self.write(f"  1) {spec.yes}\n  2) {spec.no}")
        answer, from_input = self._answer(bool(decision[0]))
        self.choices.append(Choice(point, month, answer, bool(decision[0]), values, from_input))
        chosen = decision.copy()
        chosen[eligible] = answer
        return chosen

    def _answer(self, rule_choice: bool) -> tuple[bool, bool]:
        for _ in range(MAX_TRIES):
            line = None if self.exhausted else self.read()
            if line is None:
                if not self.exhausted:
                    self.write("(no more input: from now on the actor's own rule decides)")
                self.exhausted = True
                return rule_choice, False
            text = line.strip()
            self.write(f"> {text}")
            if text in ("1", "2"):
                return text == "1", True
            self.write("Please answer 1 or 2.")
        self.write("(no valid answer: the actor's own rule decides)")
        return rule_choice, False


def narrate_events(model: CrisisModel, month: int, write: Callable[[str], None]) -> None:
    """Tell the student what happened this month."""
    for name, months in model.world.events.items():
        if months[0] == month and name not in ("war_start", "war_end"):
            write(f"   * {month_name(month)}: {EVENTS[name]}")


def play(actor: str, reading: str = "stueck", scenario: str = "baseline", seed: int = 1,
         read: Callable[[], str | None] = input, write: Callable[[str], None] = print,
         worlds: int = 2000) -> Player:
    """Run the role-play to the horizon or the end of the war, then print the debrief."""
    if actor not in ACTORS:
        raise InputError(f"--as {actor!r}: expected one of {', '.join(ACTORS)}")
    player = Player(actor, read, write)
    model = one_world(scenario, reading, seed, player=player)
    write(f"You play {actor.title()}. Scenario {model.scenario_spec.name}, reading "
          f"{model.reading.name}, seed {seed}. Answer each question with 1 or 2.")
    while model.running:
        month = model.world.month
        model.step()
        narrate_events(model, month, write)
    from korea1950.teaching.play.debrief import debrief
    write(debrief(player, model, worlds))
    return player
