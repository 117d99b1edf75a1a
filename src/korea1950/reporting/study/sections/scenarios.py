"""One subsection per scenario: the rewrite of history, and what it changed under each reading."""

from korea1950.inputs.calendar import month_text
from korea1950.inputs.evidence import document_sources, evidence_items
from korea1950.inputs.labels import outcome_label
from korea1950.inputs.levers import LEVERS, Levers, setting_text
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.highlights import counterattack_note
from korea1950.reporting.study.numbers import DIGITS, SMALLEST, difference_text
from korea1950.reporting.study.sections.timing import (
    NOT_COMPARABLE,
    NOT_COMPARABLE_MARK,
    clear_shifts,
    shift_sentence,
)

ORDER = 30
TITLE = "The scenarios one by one"
ROUNDING = ("Each change is listed as the baseline's share → the scenario's share (the "
            "difference, with its 95% interval). The difference is computed before rounding, "
            f"so it may differ by {SMALLEST:.{DIGITS}f} from the difference of the two rounded "
            "shares; a change that rounds to 0.00, though beyond chance, is not listed.")
"""The section's first paragraph: how to read its changes."""

SHOWN_CHANGES = 4
"""How many of a scenario's largest changes each reading's paragraph reports."""
SHOWN_SHIFTS = 3
"""How many of a scenario's largest timing shifts each reading's paragraph reports."""
WORDS = {"true": "yes", "false": "no", "rule": "as the actor's own rule decides",
         "full": "the full invasion", "ongjin_only": "only the limited Ongjin operation"}
"""Lever values in words (a month is written as one; other values as they stand)."""


def build(context: StudyContext) -> str:
    """Markdown: for each scenario its antecedent, feasibility, cotenability and effects."""
    quotes = _quotes()
    parts = [f"## {TITLE}", ROUNDING]
    for scenario in context.comparison.scenarios:
        parts.append(f"### {scenario.title}")
        parts.append(f"**What changes:** {scenario.antecedent} *(from {scenario.date})*")
        parts.append(f"**Levers:** {_levers(scenario.levers)}")
        parts.append(f"**Why it was feasible:** {scenario.feasibility}")
        if scenario.cotenability:
            parts.append("**What else it needs (cotenability):**\n\n" + "\n".join(
                f"- {item}" for item in scenario.cotenability))
        cited = [f"> “{quote}” ({source}, `{e}`)" for e in scenario.evidence if e in quotes
                 for quote, source in [quotes[e]]]
        if cited:
            parts.append("\n>\n".join(cited))
        if scenario.name != "baseline":
            effects = [_effects(context, scenario.name, r) for r in context.reading_names]
            parts.append("**What happened:**\n\n" + "\n".join(f"- {e}" for e in effects))
            if any(NOT_COMPARABLE_MARK in effect for effect in effects):
                parts.append(NOT_COMPARABLE)
    return "\n\n".join(parts) + "\n"


def _quotes() -> dict[str, tuple[str, str]]:
    """Each evidence item's quote and its source in words (kind and title): a reader weighs an
    unattributed popular account otherwise than a historian's commentary."""
    sources = document_sources()
    return {key: (item.quote, sources[item.document]) for key, item in evidence_items().items()}


def _levers(levers: Levers) -> str:
    changed = levers.changed()
    if not changed:
        return "none (the historical course)"
    return "; ".join(lever_text(name, value) for name, value in changed.items())


def lever_text(name: str, value: int | str | bool) -> str:
    """A lever setting in words: what the lever decides, then the value it is given.

    Why not the lever's name: several lever names are also outcome names
    (``soviet_veto``), which a reader would take for raw identifiers.
    """
    setting = setting_text(name, value)
    if LEVERS[name].kind == "month" and setting != "never":
        setting = month_text(setting)
    meaning = LEVERS[name].meaning.split(" (")[0]
    words = WORDS.get(setting, setting.replace("_", " "))
    return f"{meaning[:1].upper()}{meaning[1:]}: **{words}**"


def _change(context: StudyContext, row: dict) -> str:
    """One outcome's change: "US intervention 0.87 → 0.00 (-0.87, 95% interval ...)"; an
    invasion that is mostly a counterattack after Rhee's first strike says so."""
    before = row["probability"] - row["difference_from_baseline"]
    change = difference_text(row["difference_from_baseline"], row["difference_ci_low"],
                             row["difference_ci_high"])
    note = (counterattack_note(context.summaries[(row["scenario"], row["reading"])])
            if row["outcome"] == "invasion" else "")
    return (f"{outcome_label(row['outcome'])} {before:.2f} → {row['probability']:.2f} "
            f"({change}{note})")


def _effects(context: StudyContext, scenario: str, reading: str) -> str:
    """A sentence naming the largest changes against the baseline that the interval confirms,
    then the largest shifts in time that it confirms."""
    clear = [r for r in context.tables["outcomes"]
             if r["scenario"] == scenario and r["reading"] == reading
             and (r["difference_ci_low"] > 0 or r["difference_ci_high"] < 0)]
    cells = sorted((r for r in clear if abs(r["difference_from_baseline"]) >= SMALLEST / 2),
                   key=lambda r: -abs(r["difference_from_baseline"]))
    shifts = [r for r in clear_shifts(context.tables["timing_vs_baseline"])
              if r["scenario"] == scenario and r["reading"] == reading]
    shifts.sort(key=lambda r: -abs(r["shift_months"]))
    who = f"under **{context.reading_label(reading)}**"
    if not clear and not shifts:
        return f"{who}, no outcome differs from the baseline beyond chance, in share or in time."
    text = (f"{who}: " + "; ".join(_change(context, c) for c in cells[:SHOWN_CHANGES]) + "."
            if cells else
            f"{who}, no outcome is more or less frequent by as much as {SMALLEST:.{DIGITS}f} of "
            "worlds (the last digit shown), though some move by less, beyond chance."
            if clear else f"{who}, no outcome is more or less frequent beyond chance.")
    if shifts:
        text += " In time: " + "; ".join(
            f"{outcome_label(r['event'])} {shift_sentence(context, r)}"
            for r in shifts[:SHOWN_SHIFTS]) + "."
    return text
