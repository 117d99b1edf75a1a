"""What `korea1950 run` prints: one JSON object or a readable table, from a Summary."""

from typing import Any

import numpy as np

from korea1950.inputs.labels import (
    INVASION_COUNTS_COUNTERATTACKS,
    first_upper,
    outcome_label,
    timing_label,
)
from korea1950.running.summary import OUTCOMES, TIMINGS, Z95, Summary, histogram_quantile

REQUIRED_TIMINGS = ("stalin_approval_month", "invasion_month", "china_intervention_month",
                    "war_end_month")


def run_record(summary: Summary, scenario: str, reading: str, seed: int) -> dict[str, Any]:
    """The JSON object of one scenario under one reading."""
    timing: dict[str, Any] = {name: summary.timing(name) for name in TIMINGS}
    timing["war_months"] = summary.war_months()
    return {
        "scenario": scenario,
        "reading": reading,
        "replicates": summary.replicates,
        "seed": seed,
        "outcomes": {name: round(summary.probability(name), 6) for name in OUTCOMES},
        "standard_errors": {name: round(summary.standard_error(name), 6) for name in OUTCOMES},
        "timing": timing,
    }


NEAR = 3
"""Months either side of a median within which a world counts as near it."""

FEW_NEAR = 0.25
"""Below this share of worlds near its median, a median is flagged: the worlds fall in
groups (a quick end or a long war) and the median sits between them."""

LABEL = 44
"""Width of the label column (the longest outcome label fits)."""


SHOWN = 0.001
"""The last digit a share is shown to in ``run``'s table."""


def _share(share: float) -> str:
    """A share to three decimals, never rounded onto 0 or 1 unless every world agrees.

    Why: 3 worlds without an invasion in 20,000 printed as "1.000" read as a certainty.
    """
    if 0 < share < SHOWN / 2:
        return f"<{SHOWN:.3f}"
    if 1 - SHOWN / 2 <= share < 1:
        return f">{1 - SHOWN:.3f}"
    return f"{share:.3f}"


def _half_width(share: float, error: float) -> str:
    """The 95% half-width: "exact" where every world agrees, "<0.001" where it is narrower."""
    if share in (0.0, 1.0):
        return "exact"
    return f"<{SHOWN:.3f}" if error < SHOWN / 2 else f"{error:.3f}"


def run_table(record: dict[str, Any], summary: Summary, scenario_title: str,
              reading_label: str) -> str:
    """The run for a reader: every outcome and timing by its label, with what the numbers mean.

    Why the flag on medians: where the worlds fall into two groups (the North wins
    by late 1950, or an armistice comes in 1953) the median month can sit between
    them, where few worlds are; the table says so rather than let a median of
    November 1950 and a median war of 30 months read as a contradiction.
    """
    lines = [f"{scenario_title}, under {reading_label}: {record['replicates']:,} worlds, "
             f"seed {record['seed']}", "",
             f"{'':<{LABEL}}{'share of worlds':>16}{'± (95%)':>11}"]
    for name, share in record["outcomes"].items():
        error = Z95 * record["standard_errors"][name]
        lines.append(f"{first_upper(outcome_label(name)):<{LABEL}}{_share(share):>16}"
                     f"{_half_width(share, error):>11}")
    if record["outcomes"].get("rhee_attacks", 0) > 0:
        lines.append(f"({INVASION_COUNTS_COUNTERATTACKS})")  # only where Rhee ever struck
    lines += ["", "When, in the worlds where it happened: the months by which 10%, half and 90% "
                  "of them had seen it",
              f"{'':<{LABEL}}{'10%':>10}{'median':>10}{'90%':>10}{'near the median':>18}"]
    flagged = False
    for name, value in record["timing"].items():
        if name == "war_months":
            continue
        label = first_upper(timing_label(name))
        if value is None:
            lines.append(f"{label:<{LABEL}}{'never':>10}{'':>10}{'':>10}")
            continue
        hist = summary.tallies[f"month:{TIMINGS[name]}"]
        near, flag = _near(hist, summary.month_quantile(TIMINGS[name], 0.5))
        flagged |= bool(flag)
        lines.append(f"{label:<{LABEL}}{value['p10']:>10}{value['median']:>10}"
                     f"{value['p90']:>10}{near:>17}{flag or ' '}")
    war = record["timing"].get("war_months")
    if war is not None:
        hist = summary.tallies["war_months"]
        near, flag = _near(hist, histogram_quantile(hist, 0.5))
        flagged |= bool(flag)
        lines += ["", "How long the war lasts, in months (a war still going in December 1956 "
                      "counts to then)",
                  f"{'Months of war':<{LABEL}}{war['p10']:>10.0f}{war['median']:>10.0f}"
                  f"{war['p90']:>10.0f}{near:>17}{flag or ' '}"]
    if flagged:
        lines += ["", f"* fewer than {FEW_NEAR:.0%} of the worlds are within {NEAR} months of "
                      "this median: they fall in groups",
                  "  (a quick end or a long war, say) and the median sits between them; read "
                  "the 10% and 90% columns too."]
    return "\n".join(lines)


def _near(hist: np.ndarray, median: int | None) -> tuple[str, str]:
    """The share of worlds within ``NEAR`` months of the median, and "*" if it is small."""
    total = int(hist.sum())
    if median is None or total == 0:
        return "", ""
    share = int(hist[max(median - NEAR, 0):median + NEAR + 1].sum()) / total
    return f"{share:.0%}", "*" if share < FEW_NEAR else ""
