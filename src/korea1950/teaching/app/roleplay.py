"""The page's role-play: play Stalin through the decisions of `korea1950 play --as stalin`.

Why self-contained: the page mounts ``RolePlay()`` in a tab and passes it
nothing. Its state is one immutable ``Seat`` per browser session (component
state): the reading, the world's seed and the answers so far. What to show
comes from replaying that world (``teaching.play.session.advance``), so the
component holds no model and sessions share nothing.

Why one gate: every value a button or menu sends goes through ``admit``
before it touches the state. Only the options on offer are accepted - an
answer only while a question is open, and only "yes" or "no"; a reading only
by one of the labels the menu shows; a new world only as a button press - and
anything refused is said in one short line.
"""

import dataclasses
from dataclasses import dataclass

import solara

from korea1950.inputs.calendar import month_name
from korea1950.inputs.errors import one_line, shown
from korea1950.inputs.evidence import cite
from korea1950.inputs.labels import reading_label
from korea1950.inputs.readings import bundled_reading_names
from korea1950.simulation.agents.rules import rule_table
from korea1950.teaching.play.session import Game, Step, advance

ANSWERS = {"yes": True, "no": False}
"""The two options a question offers, as the buttons send them."""

SEEDS = (1, 2**32 - 1)
"""The worlds a student can be put in (a new world is the next seed, wrapping round)."""

DEBRIEF_WORLDS = 2000
"""Worlds for the debrief's closing table (as ``korea1950 play``)."""

HAND_OVER = "Let Stalin's own rule decide the rest"
"""The button that ends the student's part: a question such as the armistice can come
back every month for two years, and a class has fifty minutes."""


def reading_choices() -> dict[str, str]:
    """The reading menu: each bundled reading's label (by its historian) -> its name."""
    return {reading_label(name): name for name in bundled_reading_names()}


@dataclass(frozen=True)
class Seat:
    """One student's game: the reading, the world and the answers given so far."""

    reading: str = "stueck"
    seed: int = 1
    answers: tuple[bool, ...] = ()
    handed_over: bool = False
    """The student left the rest of the decisions to Stalin's own rule."""

    def game(self) -> Game:
        """The game this seat plays: always Stalin, always the baseline."""
        return Game("stalin", self.reading, "baseline", self.seed, self.answers,
                    self.handed_over)


def admit(seat: Seat, what: str, value: object) -> tuple[Seat, str]:
    """Apply one value from the browser to ``seat``, or refuse it; returns (seat, notice).

    ``what`` is ``answer`` ("yes" or "no", only while a question waits),
    ``hand_over`` (a press, only while a question waits: Stalin's own rule decides
    the rest, as at the end of input in ``korea1950 play``), ``reading`` (a label
    from the menu), ``new_world`` or ``restart`` (a press: ``True``). Anything
    else leaves the seat as it was, with a one-line notice.
    """
    offered = ((what == "answer" and isinstance(value, str) and value in ANSWERS)
               or (what == "hand_over" and value is True))
    if offered:
        if seat.handed_over or advance(seat.game(), with_debrief=False).finished:
            return seat, "Refused: this world's story is over; start a new world."
        if what == "hand_over":
            return dataclasses.replace(seat, handed_over=True), ""
        return dataclasses.replace(seat, answers=(*seat.answers, ANSWERS[value])), ""
    if what == "reading" and isinstance(value, str) and value in reading_choices():
        return Seat(reading_choices()[value], seat.seed), ""
    if what == "new_world" and value is True:
        following = seat.seed + 1 if seat.seed < SEEDS[1] else SEEDS[0]
        return Seat(seat.reading, following), ""
    if what == "restart" and value is True:
        return Seat(seat.reading, seat.seed), ""
    return seat, (f"Refused {shown(value, 40)} for {shown(what, 30)}: "
                  "only the options on the page can be chosen.")


def whose_decisions() -> str:
    """Which of Stalin's decisions the student takes and which his rule keeps, from the rules.

    Why said: the log shows acts of Stalin's that nobody asked the student about
    (the delegate's return, the Gottwald letter, air cover); without this a
    class reads them as the game ignoring its answers.
    """
    asked = [r.title for r in rule_table() if r.actor == "Stalin" and r.point]
    kept = [r.title for r in rule_table() if r.actor == "Stalin" and not r.point]
    return ("\n".join(["You are asked each time Stalin", "", *(f"- {t}" for t in asked), "",
                       "His own rule, the same in every world, takes his other decisions, "
                       "each time he", "", *(f"- {t}" for t in kept)]))


def log_markdown(log: tuple[str, ...]) -> str:
    """The game so far as Markdown: each answer in bold, the events it led to as a list."""
    lines = []
    for line in log:
        event = line.strip()
        if event.startswith("* "):
            lines.append(f"- {event[2:]}")
        else:
            lines += ["", f"**{event}**", ""]
    return "\n".join(lines).strip()


def question_markdown(step: Step) -> str:
    """The open question, its situation and the documents' hints, as Markdown."""
    prompt = step.prompt
    assert prompt is not None
    lines = [f"### {month_name(prompt.month)}", "", prompt.question, "", prompt.seen_by(), ""]
    lines += [f"- {line}" for line in prompt.situation]
    lines += ["", "**What the documents say:**", ""]
    lines += [f"> {cite(hint)}\n" for hint in prompt.hints]
    return "\n".join(lines)


@solara.component
def RolePlay() -> None:
    """Play Stalin in one world, choice by choice, then read the debrief."""
    seat, set_seat = solara.use_state(Seat())
    notice, set_notice = solara.use_state("")
    # In a thread: the replay is quick, but the debrief runs thousands of worlds, and the
    # student's page must say it is working rather than freeze.
    result = solara.use_thread(lambda: advance(seat.game(), DEBRIEF_WORLDS, markdown=True),
                               dependencies=[seat])

    def send(what: str, value: object) -> None:
        changed, said = admit(seat, what, value)
        set_seat(changed)
        set_notice(said)

    labels = reading_choices()
    chosen = next(label for label, name in labels.items() if name == seat.reading)
    with solara.Column(classes=["korea-play"]):
        solara.Markdown("## Play Stalin\n\nYou decide for Stalin in one simulated world "
                        "with every lever as in history: the sidebar's scenario and switches do "
                        "not apply here, and the reading of Stalin is chosen below. Everyone else "
                        "follows the model's rules. At the end, each choice is compared "
                        "with what each historian's Stalin would have done in the same "
                        "situation, and with the record.")
        with solara.Details("Which of Stalin's decisions are yours"):
            solara.Markdown(whose_decisions())
        with solara.Row():
            solara.Select(label="Reading of Stalin for the rest of the world",
                          values=list(labels), value=chosen,
                          on_value=lambda label: send("reading", label))
            solara.Button("New world", on_click=lambda: send("new_world", True))
            solara.Button("Start again", on_click=lambda: send("restart", True))
        made = len(seat.answers)
        solara.Text(f"World {seat.seed}: {made} choice{'' if made == 1 else 's'} made so far.")
        if notice:
            solara.Warning(notice)
        if result.state == solara.ResultState.ERROR:
            solara.Error(f"The role-play could not go on: {one_line(str(result.error))}")
            return
        if result.state != solara.ResultState.FINISHED:
            solara.Text("Working out what happens next...")
            return
        step = result.value
        if step.log:
            solara.Markdown(log_markdown(step.log))
        if step.prompt is not None:
            solara.Markdown(question_markdown(step))
            with solara.Column(classes=["korea-answers"]):
                solara.Button(f"1) {step.prompt.yes}", on_click=lambda: send("answer", "yes"))
                solara.Button(f"2) {step.prompt.no}", on_click=lambda: send("answer", "no"))
                solara.Button(HAND_OVER, on_click=lambda: send("hand_over", True), text=True)
        else:
            solara.Markdown(step.debrief)
