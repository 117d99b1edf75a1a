"""The three findings the summary leads with, chosen from the results by a stated rule.

The rule (``RULE`` says it in words, for the report):

1. A finding is a change against the baseline that every reading confirms in the
   same direction with a 95% interval excluding zero: a change in how often a
   key outcome happens (``KEY_OUTCOMES``), or a shift in when a key event
   happens (``sections.timing.KEY_EVENTS``).
2. A change a scenario's levers force directly is not a finding (that the US
   does not intervene when the scenario says it stays out is the premise, not
   a result), nor is a shift in time of an event the scenario mostly prevents
   (the timing table leaves that shift empty: ``analysis.timing_shift``).
3. Each finding is scored by its smallest size over the readings (what every
   reading agrees on) and each scenario gives at most one finding.
4. The summary takes the two largest changes in how often, then the largest
   shift in time from another scenario; with no such shift, the third largest
   change in how often.
5. A shift in time counts only where the event happens in about as many worlds
   as under the baseline (``comparable`` in the timing table): otherwise its
   two medians are over different sets of worlds.

Where a finding is about the North's invasion and most of the invasions it
counts answer a first strike by Rhee, its sentence says so (``counterattack_note``):
a lesson on who started the war must not read a counterattack as an invasion.

Why a rule and not a choice: the summary must follow the numbers if the model
or the readings change, and a reader can check why these three were chosen.
"""

from dataclasses import dataclass

from korea1950.analysis.timing_shift import NOT_COMPARABLE_WHEN
from korea1950.inputs.calendar import month_text
from korea1950.inputs.labels import outcome_label
from korea1950.inputs.levers import imposed_outcomes
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import (
    EXACT,
    SMALLEST,
    months_text,
    shift_interval_text,
)
from korea1950.reporting.study.sections.timing import KEY_EVENTS, single_month
from korea1950.running.summary import Summary

KEY_OUTCOMES = ("invasion", "us_intervention", "china_intervention", "armistice",
                "north_unifies", "south_unifies", "still_at_war")
"""Outcomes that say how the war goes (whether it starts, who joins, how it ends): the
changes the summary may lead with. Consequences such as the Incheon landing are left to
the sections, since a reader would find them implied by these."""

RULE = ("the two largest changes in how often, and the largest shift in when, that every "
        "reading confirms with a 95% interval excluding zero; one per scenario, none the "
        f"scenario imposes itself, no shift where {NOT_COMPARABLE_WHEN}")

SHOWN = 3
"""Findings in the summary."""

MOSTLY = 0.5
"""Share of a scenario's invasions that are counterattacks above which its finding says so."""
EVERY_ONE = 0.995
"""Share above which "every one" is said (it rounds to all of them at the digits shown)."""


@dataclass
class Finding:
    """One confirmed change: a scenario, an outcome or event, its size and its sentence."""

    scenario: str
    event: str
    size: float
    text: str
    timing: bool = False
    """Whether the finding is a shift in when (a delay in months), not a change in how often."""


def forced(context: StudyContext, scenario: str) -> set[str]:
    """The outcomes a scenario's levers set directly (``levers.imposed_outcomes``)."""
    return imposed_outcomes(next(s.levers for s in context.comparison.scenarios
                                 if s.name == scenario))


def _confirmed(cells: list[dict], value: str, low: str, high: str) -> float | None:
    """The smallest absolute size if every cell moves the same way beyond chance, else None."""
    if any(c[value] == "" for c in cells):
        return None
    if all(c[low] > 0 for c in cells) or all(c[high] < 0 for c in cells):
        return min(abs(c[value]) for c in cells)
    return None


def _half_width(cell: dict) -> str:
    half = (cell["difference_ci_high"] - cell["difference_ci_low"]) / 2
    if half == 0:
        return EXACT
    return f"± < {SMALLEST:.2f}" if half < SMALLEST / 2 else f"± {half:.2f}"


def _per_reading(context: StudyContext, cells: list[dict], texts: list[str]) -> str:
    """Each reading's figure, or one figure "under every reading" where they are the same."""
    if len(set(texts)) == 1 and len(texts) > 1:
        return f"{texts[0]} under every reading"
    return "; ".join(f"{text} under {context.reading_label(cell['reading'])}"
                     for text, cell in zip(texts, cells, strict=True))


def counterattack_share(summary: Summary) -> float | None:
    """Share of the worlds with a North Korean invasion where it answered Rhee's first strike.

    Why from these two counts: Rhee strikes only in worlds at peace, and in the
    same month Kim's attack rule answers every first strike with the general
    offensive (``kim.attack_when_allowed``, which records ``invasion``), so every
    world with a strike is a world with an invasion and the share is exact.
    Only where Kim's rule does not run (the ``kim_attack = "never"`` lever, as in
    some coalitions of the responsibility analysis) could a strike go unanswered;
    there no world sees an invasion, and the share is None, as where none does.
    ``min`` keeps the figure a share should a future rule break that.
    """
    invasions = summary.count("invasion")
    if not invasions:
        return None
    return min(summary.count("rhee_attacks"), invasions) / invasions


def counterattack_note(summary: Summary) -> str:
    """"; every one a counterattack after a first strike by Rhee" where (nearly) all the
    invasions are, "; most of them (80%) ..." where most are, and nothing otherwise: a clause
    to close the parentheses after a change in how often the North invades."""
    share = counterattack_share(summary)
    if share is None or share <= MOSTLY:
        return ""
    if share >= EVERY_ONE:
        return "; every one a counterattack after a first strike by Rhee"
    return f"; most of them ({share:.0%}) counterattacks after a first strike by Rhee"


def _share_text(context: StudyContext, scenario: str, cell: dict) -> str:
    """One reading's change in how often, "0.87 → 0.12 of worlds (-0.75 ± 0.01)", with the
    counterattack note where the outcome is the invasion."""
    note = (counterattack_note(context.summaries[(scenario, cell["reading"])])
            if cell["outcome"] == "invasion" else "")
    return (f"{cell['probability'] - cell['difference_from_baseline']:.2f} → "
            f"{cell['probability']:.2f} of worlds ({cell['difference_from_baseline']:+.2f} "
            f"{_half_width(cell)}{note})")


def share_findings(context: StudyContext) -> list[Finding]:
    """The best confirmed change in how often, per scenario, largest first."""
    rows = {(r["scenario"], r["reading"], r["outcome"]): r for r in context.tables["outcomes"]}
    best: dict[str, Finding] = {}
    for scenario in context.scenario_names[1:]:
        skip = forced(context, scenario)
        for outcome in (o for o in KEY_OUTCOMES if o not in skip):
            cells = [rows[(scenario, r, outcome)] for r in context.reading_names]
            size = _confirmed(cells, "difference_from_baseline", "difference_ci_low",
                              "difference_ci_high")
            if size is None or (scenario in best and best[scenario].size >= size):
                continue
            per_reading = _per_reading(context, cells,
                                       [_share_text(context, scenario, c) for c in cells])
            text = (f"**{context.scenario_title(scenario)}** → *{outcome_label(outcome)}*: "
                    f"{per_reading}.")
            best[scenario] = Finding(scenario, outcome, size, text)
    return sorted(best.values(), key=lambda f: -f.size)


def timing_findings(context: StudyContext) -> list[Finding]:
    """The best confirmed shift in time, per scenario, largest first."""
    rows = {(r["scenario"], r["reading"], r["event"]): r
            for r in context.tables["timing_vs_baseline"]}
    best: dict[str, Finding] = {}

    def exact(cell: dict) -> bool:
        return single_month(context, cell["scenario"], cell["reading"], cell["event"])

    for scenario in context.scenario_names[1:]:
        skip = forced(context, scenario)
        for event in (e for e in KEY_EVENTS if e not in skip):
            cells = [rows[(scenario, r, event)] for r in context.reading_names]
            if not all(cell["comparable"] for cell in cells):
                continue
            size = _confirmed(cells, "shift_months", "shift_ci_low", "shift_ci_high")
            if size is None or (scenario in best and best[scenario].size >= size):
                continue
            per_reading = _per_reading(context, cells, [
                f"{months_text(c['shift_months'])}, {month_text(c['baseline_median_month'])} → "
                f"{month_text(c['scenario_median_month'])} (median month; "
                f"{shift_interval_text(c['shift_ci_low'], c['shift_ci_high'], exact(c))})"
                for c in cells])
            text = (f"**{context.scenario_title(scenario)}** → *{outcome_label(event)}* comes "
                    f"{per_reading}.")
            best[scenario] = Finding(scenario, event, size, text, timing=True)
    return sorted(best.values(), key=lambda f: -f.size)


def highlights(context: StudyContext) -> list[Finding]:
    """The summary's findings, by the rule in the module's docstring."""
    shares = share_findings(context)
    chosen = shares[:SHOWN - 1]
    taken = {f.scenario for f in chosen}
    timing = [f for f in timing_findings(context) if f.scenario not in taken]
    chosen += timing[:1] if timing else shares[SHOWN - 1:SHOWN]
    return chosen
