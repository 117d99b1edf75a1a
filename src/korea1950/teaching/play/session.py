"""The role-play one answer at a time: a pure function from the answers given to what comes next.

Why replay instead of pausing a running model: a web page cannot block inside a
rule waiting for a click. A world is fixed by its seed, so the game after n
answers is the world replayed with those n answers; it stops at the next
question (``Step.prompt``) or runs to its end and brings the debrief. One
world takes a few hundredths of a second, so replaying on each click is cheap,
and the state a page keeps is just (reading, seed, answers): nothing to share
between sessions, nothing to go stale.
"""

from dataclasses import dataclass

from korea1950.teaching.play import Player, Prompt, narrate_events, start


class NeedAnswer(Exception):
    """Raised inside a rule when the scripted answers run out: the game waits here."""

    def __init__(self, prompt: Prompt) -> None:
        super().__init__(prompt.point)
        self.prompt = prompt


@dataclass
class ScriptedPlayer(Player):
    """A player answering from a list; when it runs out, the game stops at the question."""

    answers: tuple[bool, ...] = ()
    used: int = 0
    handed_over: bool = False
    """Once the answers are used up, the actor's own rule decides (no more questions)."""

    def show(self, prompt: Prompt) -> None:
        """The page shows the prompt itself; the log gets only the student's answers."""

    def answer(self, prompt: Prompt, rule_choice: bool) -> tuple[bool, bool]:
        """The next scripted answer; after the last, the rule's choice if the student handed
        the decisions over, else stop the game at this question."""
        if self.used >= len(self.answers):
            if self.handed_over:
                self.exhausted = True
                return rule_choice, False
            raise NeedAnswer(prompt)
        chosen = self.answers[self.used]
        self.used += 1
        self.write(f"You chose: {prompt.yes if chosen else prompt.no}")
        return chosen, True


@dataclass(frozen=True)
class Game:
    """A game as the page keeps it: who is played, in which world, and the answers so far."""

    actor: str = "stalin"
    reading: str = "stueck"
    scenario: str = "baseline"
    seed: int = 1
    answers: tuple[bool, ...] = ()
    handed_over: bool = False
    """After ``answers``, the actor's own rule decides the rest (``ScriptedPlayer``)."""


@dataclass(frozen=True)
class Step:
    """Where a game stands: the next question, or the end with its debrief."""

    game: Game
    prompt: Prompt | None
    log: tuple[str, ...] = ()
    debrief: str = ""
    choices: int = 0

    @property
    def finished(self) -> bool:
        """True once the world has run to its end."""
        return self.prompt is None


def advance(game: Game, worlds: int = 2000, with_debrief: bool = True,
            markdown: bool = False) -> Step:
    """Replay ``game``'s world with its answers: stop at the next question or debrief the end
    (as text, or with ``markdown`` as Markdown for the page)."""
    log: list[str] = []
    player = ScriptedPlayer(game.actor, read=lambda: None, write=log.append,
                            answers=game.answers, handed_over=game.handed_over)
    model = start(player, game.reading, game.scenario, game.seed)
    try:
        while model.running:
            month = model.world.month
            model.step()
            narrate_events(model, month, log.append)
    except NeedAnswer as waiting:
        return Step(game, waiting.prompt, tuple(log), choices=player.used)
    text = ""
    if with_debrief:
        from korea1950.teaching.play.debrief import debrief
        text = debrief(player, model, worlds, seed=game.seed, markdown=markdown)
    return Step(game, None, tuple(log), text, player.used)
