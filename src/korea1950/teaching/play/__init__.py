"""Role-play: a student takes one actor's decisions; the others answer by their rules.

``Player`` plugs into a single-world model through a rule's declared
``point`` (``simulation.agents.rules``). At each of the played actor's
decision points it shows the situation (in words), the numbered options and
the documents' hints, and reads a choice (a terminal, a pipe or a file all
work; at the end of input the actor's own rule decides, and the student is
told). It also keeps a snapshot of the world at that moment, so that the
debrief can ask how likely each reading's Stalin was to choose the same in the
same situation (``play.likelihood``). ``play`` runs the game and ends with the
debrief; ``play.session`` drives the same game one answer at a time for the page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from korea1950.inputs.calendar import month_name
from korea1950.inputs.errors import InputError
from korea1950.inputs.evidence import cite
from korea1950.inputs.labels import actor_name, reading_label, said_event
from korea1950.running.worlds import one_world
from korea1950.simulation.model import CrisisModel
from korea1950.teaching.play.likelihood import Snapshot, snapshot
from korea1950.teaching.play.points import POINTS, rule_of
from korea1950.teaching.story_terms import in_words

ACTORS = ("stalin", "kim", "mao")
MAX_TRIES = 3
HAND_OVER = "3"
"""The answer that leaves the rest of the game to the actor's own rule (as the page's button
"Let Stalin's own rule decide the rest" does)."""
REMIND_AFTER = 3
"""After this many answers in a row to the same question, the student is reminded of
``HAND_OVER``."""

NOT_SHOWN = frozenset({"net_gain", "moment_ripe", "willing"})
"""Terms that are the model's own verdict on the choice: the student weighs for himself."""


@dataclass(frozen=True)
class Prompt:
    """What the student is asked at one decision point, ready to show."""

    point: str
    month: int
    actor: str
    question: str
    situation: tuple[str, ...]
    hints: tuple[str, ...]
    yes: str
    no: str

    def seen_by(self) -> str:
        """Whose eyes the situation is told through ("he" in its lines)."""
        return f"The situation, as this world's {actor_name(self.actor)} sees it:"

    def lines(self, hints_shown_in: int | None = None) -> list[str]:
        """The prompt as the terminal shows it; the documents' hints only the first time
        this question is asked (``hints_shown_in``: the month they were shown)."""
        hints = ([f"What the documents say: as in {month_name(hints_shown_in)}."]
                 if hints_shown_in is not None else
                 ["What the documents say:", *(f"   {cite(h)}" for h in self.hints)])
        return [f"\n== {month_name(self.month)}: you are {actor_name(self.actor)} ==",
                self.question, self.seen_by(),
                *(f"   {line}" for line in self.situation),
                *hints, f"  1) {self.yes}\n  2) {self.no}\n  {HAND_OVER}) {self.hand_over()}"]

    def hand_over(self) -> str:
        """Option 3: leave the rest of the game to the model's own rule for this actor."""
        return f"From now on, let this world's {actor_name(self.actor)} decide (end your part)"


@dataclass
class Choice:
    """One decision the student took, with the situation it was taken in."""

    point: str
    month: int
    chose_yes: bool
    rule_said_yes: bool
    situation: dict
    from_input: bool
    state: Snapshot | None = None


@dataclass
class Player:
    """The student, deciding for ``actor`` by reading lines from ``read``."""

    actor: str
    read: Callable[[], str | None]
    write: Callable[[str], None]
    choices: list[Choice] = field(default_factory=list)
    exhausted: bool = False
    model: CrisisModel | None = None
    """The played world, set by ``start``: its state is kept at each choice."""

    def choose(self, point: str, month: int, decision: np.ndarray, eligible: np.ndarray,
               situation: dict) -> np.ndarray:
        """Ask the student at a decision point of the played actor; return the decision."""
        spec = POINTS.get(point)
        if spec is None or spec.actor != self.actor:
            return decision
        values = {k: np.asarray(v).reshape(-1)[0].item() for k, v in situation.items()}
        prompt = self.prompt(point, month, values)
        if self.exhausted:  # the rule decides from here on: nothing to ask, nothing to show
            answer, from_input, state = bool(decision[0]), False, None
        else:
            state = snapshot(self.model) if self.model is not None else None
            self.show(prompt)
            answer, from_input = self.answer(prompt, bool(decision[0]))
        self.choices.append(Choice(point, month, answer, bool(decision[0]), values, from_input,
                                   state))
        chosen = decision.copy()
        chosen[eligible] = answer
        return chosen

    def prompt(self, point: str, month: int, values: dict) -> Prompt:
        """The question at ``point`` with the situation said in words."""
        spec = POINTS[point]
        declared = rule_of(point)
        dead = self.model is not None and bool(self.model.world.happened("stalin_death")[0])
        shown = {k: v for k, v in values.items() if k not in NOT_SHOWN}
        said = in_words(declared.actor, declared.name, shown, dead)
        return Prompt(point, month, self.actor, spec.question, tuple(said), spec.hints,
                      spec.yes, spec.no)

    def show(self, prompt: Prompt) -> None:
        """Put the question before the student (the documents' hints the first time only:
        a question asked month after month would repeat the same quotes).

        Why the reminder: while nothing changes, the model asks Kim whether to press,
        or Mao whether to consent, every month to the horizon, as the rule itself
        decides every month; a student who keeps answering alike is told, once the
        question has come back ``REMIND_AFTER`` times in a row, that option 3 ends it.
        """
        first = next((c.month for c in self.choices if c.point == prompt.point), None)
        for line in prompt.lines(hints_shown_in=first):
            self.write(line)
        recent = self.choices[-REMIND_AFTER:]
        if len(recent) == REMIND_AFTER and all(c.point == prompt.point for c in recent):
            self.write(f"(This question comes back every month while the situation holds; "
                       f"{HAND_OVER} leaves the rest to the model.)")

    def answer(self, prompt: Prompt, rule_choice: bool) -> tuple[bool, bool]:
        """The student's answer (True: option 1) and whether it came from the input."""
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
            if text == HAND_OVER:
                self.write("(from now on the actor's own rule decides)")
                self.exhausted = True
                return rule_choice, False
            self.write(f"Please answer 1, 2 or {HAND_OVER}.")
        self.write("(no valid answer: the actor's own rule decides)")
        return rule_choice, False


def start(player: Player, reading: str, scenario: str, seed: int) -> CrisisModel:
    """The played world, not yet run, with the player attached and able to snapshot it."""
    if player.actor not in ACTORS:
        raise InputError(f"--as {player.actor!r}: expected one of {', '.join(ACTORS)}")
    model = one_world(scenario, reading, seed, player=player)
    player.model = model
    return model


def narrate_events(model: CrisisModel, month: int, write: Callable[[str], None]) -> None:
    """Tell the student what happened this month."""
    rhee = int(model.world.events["rhee_attacks"][0])
    for name, months in model.world.events.items():
        if months[0] == month and name not in ("war_start", "war_end"):
            write(f"   * {month_name(month)}: {said_event(name, 0 <= rhee <= month)}")


def play(actor: str, reading: str = "stueck", scenario: str = "baseline", seed: int = 1,
         read: Callable[[], str | None] = input, write: Callable[[str], None] = print,
         worlds: int = 2000) -> Player:
    """Run the role-play to the horizon or the end of the war, then print the debrief."""
    player = Player(actor, read, write)
    model = start(player, reading, scenario, seed)
    write(f"You play {actor_name(actor)}. Scenario: {model.scenario_spec.title}; "
          f"{reading_label(model.reading.name, model.reading.title)}, seed {seed}. "
          f"Answer each question with 1 or 2 ({HAND_OVER} leaves the rest to the model).")
    while model.running:
        month = model.world.month
        model.step()
        narrate_events(model, month, write)
    from korea1950.teaching.play.debrief import debrief
    write(debrief(player, model, worlds, seed=seed))
    return player
