"""One subsection per scenario: the rewrite of history, and what it changed under each reading."""

from korea1950.inputs.evidence import evidence_items
from korea1950.inputs.levers import Levers, setting_text
from korea1950.reporting.study.context import StudyContext

ORDER = 30
TITLE = "The scenarios one by one"
SHOWN_CHANGES = 4
"""How many of a scenario's largest changes each reading's paragraph reports."""


def build(context: StudyContext) -> str:
    """Markdown: for each scenario its antecedent, feasibility, cotenability and effects."""
    quotes = _quotes()
    parts = [f"## {TITLE}"]
    for scenario in context.comparison.scenarios:
        parts.append(f"### {scenario.title} (`{scenario.name}`)")
        parts.append(f"**What changes:** {scenario.antecedent} *(from {scenario.date})*")
        parts.append(f"**Levers:** {_levers(scenario.levers)}")
        parts.append(f"**Why it was feasible:** {scenario.feasibility}")
        if scenario.cotenability:
            parts.append("**What else it needs (cotenability):**\n\n" + "\n".join(
                f"- {item}" for item in scenario.cotenability))
        cited = [f"> “{quotes[e]}” (`{e}`)" for e in scenario.evidence if e in quotes]
        if cited:
            parts.append("\n>\n".join(cited))
        if scenario.name != "baseline":
            parts.append("**What happened:**\n\n" + "\n".join(
                f"- {_effects(context.tables['outcomes'], scenario.name, reading)}"
                for reading in context.reading_names))
    return "\n\n".join(parts) + "\n"


def _quotes() -> dict[str, str]:
    return {key: item.quote for key, item in evidence_items().items()}


def _levers(levers: Levers) -> str:
    changed = levers.changed()
    if not changed:
        return "none (the historical course)"
    return ", ".join(f"`{name}` → `{setting_text(name, value)}`" for name, value in changed.items())


def _effects(rows: list[dict], scenario: str, reading: str) -> str:
    """A sentence naming the largest changes against the baseline that the interval confirms."""
    cells = [r for r in rows if r["scenario"] == scenario and r["reading"] == reading
             and (r["difference_ci_low"] > 0 or r["difference_ci_high"] < 0)]
    cells.sort(key=lambda r: -abs(r["difference_from_baseline"]))
    if not cells:
        return f"under **{reading}**, no outcome differs from the baseline beyond chance."
    described = "; ".join(
        f"{r['outcome'].replace('_', ' ')} {r['probability'] - r['difference_from_baseline']:.2f}"
        f" → {r['probability']:.2f} ({r['difference_from_baseline']:+.2f}, 95% CI "
        f"{r['difference_ci_low']:+.2f} to {r['difference_ci_high']:+.2f})"
        for r in cells[:SHOWN_CHANGES])
    return f"under **{reading}**: {described}."
