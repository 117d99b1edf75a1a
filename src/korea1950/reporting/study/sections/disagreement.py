"""Where the readings disagree: the outcomes whose shares differ most between readings."""

from itertools import combinations

from korea1950.inputs.labels import outcome_label
from korea1950.reporting.study.context import StudyContext

ORDER = 40
TITLE = "Where the readings disagree"
SHOWN = 3

RIVALS = 2
"""Readings needed for a disagreement: with one there is nothing to compare."""

GAP_ERRORS = 2
"""A gap counts when it exceeds this many standard errors of the difference (about 95%)."""

MIN_GAP = 0.02
"""Smallest gap (in share of worlds) listed: with many worlds a tiny gap is beyond chance
yet too small for the readings to really disagree about it."""


def build(context: StudyContext) -> str:
    """Markdown table: per scenario and pair of readings, the largest gaps."""
    readings = context.reading_names
    if len(readings) < RIVALS:
        return f"## {TITLE}\n\nOnly one reading was run.\n"
    rows = context.tables["outcomes"]
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r for r in rows}
    outcomes = list(dict.fromkeys(r["outcome"] for r in rows))
    lines = [f"## {TITLE}", "",
             "For each scenario, the outcomes whose share of worlds differs most between "
             "two readings (a gap counts when it exceeds two standard errors of the "
             "difference). These are the what-ifs on which the historians' accounts of "
             "Stalin make different predictions.", "",
             "| scenario | readings | largest gaps |", "|---|---|---|"]
    for scenario in context.scenario_names:
        for a, b in combinations(readings, 2):
            gaps = []
            for outcome in outcomes:
                ra, rb = lookup[(scenario, a, outcome)], lookup[(scenario, b, outcome)]
                gap = ra["probability"] - rb["probability"]
                error = (ra["standard_error"] ** 2 + rb["standard_error"] ** 2) ** 0.5
                if abs(gap) > GAP_ERRORS * error and abs(gap) >= MIN_GAP:
                    gaps.append((abs(gap), outcome, ra["probability"], rb["probability"]))
            gaps.sort(reverse=True)
            text = "; ".join(f"{outcome_label(o)} {pa:.2f} vs {pb:.2f}"
                             for _, o, pa, pb in gaps[:SHOWN]) or "none beyond chance"
            lines.append(f"| {context.scenario_title(scenario)} | {context.reading_label(a)} vs "
                         f"{context.reading_label(b)} | {text} |")
    return "\n".join(lines) + "\n"
