"""The debrief: each of the student's choices scored against the model's reasoning and the record.

For every choice: what the student chose, how likely the model's actor was to
choose the same in that very situation (for Stalin, under each historian's
reading; for Kim Il Sung and Mao, under their rule), what the played world's
own actor would have done, and what the real actor did. Then the student's
standing choices replayed across many worlds against the actors' own rules.
Everything a reader sees is labelled (``inputs.labels``): no code names.

Why blocks: the same debrief is printed by ``korea1950 play`` and shown on the
classroom page; it is built once as paragraphs, scored choices and a table
(``Block``), and rendered as plain text for the terminal (``as_text``) or as
Markdown for the page (``as_markdown``), where indented text would turn into a
code block whose long lines are cut off.
"""

import dataclasses
from dataclasses import dataclass

from korea1950.inputs.calendar import month_name
from korea1950.inputs.labels import actor_name, first_upper, outcome_label, reading_label
from korea1950.inputs.levers import NEVER
from korea1950.inputs.readings import Reading, bundled_reading_names
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.ensemble import simulate
from korea1950.simulation.model import CrisisModel
from korea1950.teaching.play import Choice, Player
from korea1950.teaching.play.likelihood import WORLDS, Estimate, rule_chance
from korea1950.teaching.play.points import POINTS, rule_of

KEY = ("invasion", "soviet_veto", "us_intervention", "china_intervention", "armistice",
       "north_unifies", "south_unifies", "still_at_war")


SMALLEST_SHOWN = 0.005
"""A standard error below this is said as "under 0.01" rather than printed as 0.00."""


@dataclass(frozen=True)
class Para:
    """A paragraph."""

    text: str


@dataclass(frozen=True)
class Item:
    """A titled entry with its details, each with details of its own (a scored choice)."""

    title: str
    details: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Grid:
    """Shares of worlds: one row per outcome, one column per run."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float, ...]], ...]


type Block = Para | Item | Grid


@dataclass(frozen=True)
class Scored:
    """One choice with its likelihood under each reading (or under the actor's rule)."""

    choice: Choice
    by_reading: dict[str, Estimate | None]


def score(player: Player, model: CrisisModel, seed: int = 1,
          worlds: int = WORLDS) -> list[Scored]:
    """Each choice with the share of the model's actors who would have chosen the same.

    Stalin is scored under every bundled reading; Kim Il Sung and Mao draw
    nothing from a reading, so they are scored under the played one. Each
    choice gets its own random stream, fixed by the seed and its place.
    """
    readings: dict[str, str | Reading] = (
        {name: name for name in bundled_reading_names()} if player.actor == "stalin"
        else {model.reading.name: model.reading})
    scored = []
    for number, choice in enumerate(player.choices):
        if not choice.from_input:  # the rule decided, not the student: nothing to score
            continue
        declared = rule_of(choice.point)
        estimates: dict[str, Estimate | None] = {}
        for name, reading in readings.items():
            estimates[name] = None if choice.state is None else rule_chance(
                choice.state, declared.actor, declared.name, reading, worlds,
                seed=seed * 1000 + number)
        scored.append(Scored(choice, estimates))
    return scored


def _shown(estimate: Estimate | None, chose_yes: bool, percent: bool = False) -> str:
    """A chance with its standard error: "0.99 (± under 0.01)", or as the page's table reads
    its shares, in percent: "99% (± under 1 point)"."""
    if estimate is None:
        return "not asked in this situation"
    chance = estimate.of(chose_yes)
    if percent:
        points = round(100 * estimate.error)
        error = ("under 1 point" if points < 1 else
                 f"{points} percentage point{'s' if points > 1 else ''}")
        return f"{round(100 * chance)}% (± {error})"
    error = "under 0.01" if estimate.error < SMALLEST_SHOWN else f"{estimate.error:.2f}"
    return f"{chance:.2f} (± {error})"


def _likelihoods(actor: str, item: Scored, percent: bool) -> tuple[str, tuple[str, ...]]:
    chose = item.choice.chose_yes
    if actor == "stalin":
        return ("how likely each reading's Stalin was to choose as you did here:",
                tuple(f"{reading_label(name)}: {_shown(estimate, chose, percent)}"
                      for name, estimate in item.by_reading.items()))
    shown = _shown(next(iter(item.by_reading.values()), None), chose, percent)
    return (f"how likely the model's {actor_name(actor)} was to choose as you did here: "
            f"{shown}", ())


def debrief(player: Player, model: CrisisModel, worlds: int, seed: int = 1,
            markdown: bool = False) -> str:
    """The debrief, as text for the terminal or (``markdown``) as Markdown for the page."""
    blocks = debrief_blocks(player, model, worlds, seed, percent=markdown)
    return as_markdown(blocks) if markdown else as_text(blocks)


def debrief_blocks(player: Player, model: CrisisModel, worlds: int,
                   seed: int = 1, percent: bool = False) -> list[Block]:
    """The debrief's paragraphs, scored choices and closing table (``percent``: the choices'
    chances in percent, as the page's closing table shows its shares)."""
    blocks: list[Block] = []
    name = actor_name(player.actor)
    if not player.choices:
        blocks.append(Para(f"{name} had no decision to take in this world."))
    elif not any(choice.from_input for choice in player.choices):
        blocks.append(Para(f"You left every decision to {name}'s own rule, so there is no "
                           "choice of yours to score."))
    else:
        blocks.append(Para(f"The chances below come from {WORLDS:,} worlds put in your "
                           "situation at each choice: the share in which the model's rule "
                           "chose as you did (± its standard error)."))
    for item in score(player, model, seed):
        choice = item.choice
        spec = POINTS[choice.point]
        you = spec.yes if choice.chose_yes else spec.no
        rule = spec.yes if choice.rule_said_yes else spec.no
        blocks.append(Item(f"{month_name(choice.month)}: {spec.question}", (
            (f"you chose: {you}", ()), _likelihoods(player.actor, item, percent),
            (f"this world's {name} would have chosen: {rule}", ()),
            (f"the record: {spec.record}", ()))))
    blocks += decided_by_the_rule(player)
    blocks += outcomes_after(player, model, worlds)
    return blocks


def as_text(blocks: list[Block]) -> str:
    """The debrief for the terminal: indented details, a table in fixed-width columns."""
    lines = ["", "Debrief", "=======", ""]
    for block in blocks:
        if isinstance(block, Para):
            lines += [block.text, ""]
        elif isinstance(block, Item):
            lines.append(block.title)
            for detail, more in block.details:
                lines += [f"   {detail}", *(f"      {line}" for line in more)]
            lines.append("")
        else:
            lines += _text_table(block)
    if lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def as_markdown(blocks: list[Block]) -> str:
    """The debrief for the page: paragraphs, nested lists and a table of percentages."""
    parts = ["### Debrief"]
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        elif isinstance(block, Item):
            lines = [f"**{block.title}**", ""]
            for detail, more in block.details:
                lines += [f"- {detail}", *(f"    - {line}" for line in more)]
            parts.append("\n".join(lines))
        else:
            parts.append(_markdown_table(block))
    return "\n\n".join(parts)


def decided_by_the_rule(player: Player) -> list[Block]:
    """The decisions the student left to the actor's rule (the page's hand-over, or in
    ``korea1950 play`` an answer that was not 1 or 2 or input that ran out), one line per
    question and option: they are not the student's choices, so they are neither scored
    nor listed month by month."""
    runs: dict[tuple[str, bool], list[int]] = {}
    for choice in player.choices:
        if not choice.from_input:
            runs.setdefault((choice.point, choice.chose_yes), []).append(choice.month)
    if not runs:
        return []
    lines = []
    for (point, yes), months in runs.items():
        spec = POINTS[point]
        when = (month_name(months[0]) if len(months) == 1 else
                f"{len(months)} times, {month_name(months[0])} to {month_name(months[-1])}")
        lines.append((f"{spec.question} “{spec.yes if yes else spec.no}” ({when})", ()))
    return [Item(f"Where you left the decision to him, this world's "
                 f"{actor_name(player.actor)} decided by his own rule:", tuple(lines))]


def student_levers(player: Player) -> dict:
    """Levers that replay the student's standing refusals across many worlds."""
    changes: dict = {}
    said: dict[str, set[bool]] = {}
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


def standing_choices(player: Player) -> list[str]:
    """The student's standing choices in words: the option taken every time at a point."""
    said: dict[str, list[bool]] = {}
    for choice in player.choices:
        if choice.from_input:
            said.setdefault(choice.point, []).append(choice.chose_yes)
    return [f"“{POINTS[p].yes if answers[0] else POINTS[p].no}” "
            + ("the one time you were asked" if len(answers) == 1 else
               f"all {len(answers)} times")
            for p, answers in said.items() if len(set(answers)) == 1]


def outcomes_after(player: Player, model: CrisisModel, worlds: int) -> list[Block]:
    """Key outcomes across many worlds with the student's standing choices, against the baseline."""
    changes = student_levers(player)
    base = model.scenario_spec
    if not changes:
        return [Para("Your choices did not amount to a standing refusal, so across many "
                     "worlds they play out as the scenario does by the rules:"),
                _grid({"by the rules": simulate(base, model.reading, worlds, seed=1)})]
    yours = dataclasses.replace(base, name="your_choices",
                                levers=dataclasses.replace(base.levers, **changes))
    runs = {"your choices": simulate(yours, model.reading, worlds, seed=1),
            "by the rules": simulate(load_scenario(base.path or "baseline"), model.reading,
                                     worlds, seed=1)}
    return [Para(f"Across {worlds:,} worlds, your standing choices "
                 f"({'; '.join(standing_choices(player))}) against the actors' own rules "
                 "(share of worlds):"), _grid(runs)]


def _grid(runs: dict) -> Grid:
    return Grid(tuple(runs), tuple(
        (first_upper(outcome_label(outcome)),
         tuple(runs[name].probability(outcome) for name in runs)) for outcome in KEY))


def _text_table(grid: Grid) -> list[str]:
    width = max(len(label) for label, _ in grid.rows) + 2
    lines = [f"   {'':<{width}}" + "".join(f"{name:>15}" for name in grid.columns)]
    for label, shares in grid.rows:
        lines.append(f"   {label:<{width}}" + "".join(f"{share:>15.2f}" for share in shares))
    return lines


def _markdown_table(grid: Grid) -> str:
    lines = ["| outcome | " + " | ".join(grid.columns) + " |",
             "|:--|" + "--:|" * len(grid.columns)]
    lines += [f"| {label} | " + " | ".join(f"{share:.0%}" for share in shares) + " |"
              for label, shares in grid.rows]
    return "\n".join(lines)
