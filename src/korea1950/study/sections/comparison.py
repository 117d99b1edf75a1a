"""The comparison tables and the four figures: outcomes, front line, change, timing."""

from korea1950 import plots
from korea1950.compare import (
    KEY_OUTCOMES,
    front_rows,
    histogram_rows,
    outcome_rows,
    timing_rows,
    write_tables,
)
from korea1950.study.context import StudyContext

ORDER = 20
TITLE = "Outcomes at a glance"
GLANCE = ("invasion", "us_intervention", "china_intervention", "armistice", "north_unifies")


def build(context: StudyContext) -> str:
    """Write tables and figures; return the section's Markdown."""
    comparison = context.comparison
    write_tables(comparison, context.tables_dir)
    outcomes = outcome_rows(comparison)
    context.tables["outcomes"] = outcomes
    context.tables["timings"] = timing_rows(comparison)
    figures = context.figures_dir
    plots.plot_outcomes(outcomes, KEY_OUTCOMES[:6], figures / "outcomes")
    plots.plot_heatmap(outcomes, KEY_OUTCOMES, figures / "change_vs_baseline")
    plots.plot_fan(front_rows(comparison), figures / "front_line")
    plots.plot_timing(histogram_rows(comparison), figures / "timing")
    return f"""## {TITLE}

Share of worlds in which each outcome happened (± is two standard errors; full tables in
`tables/outcomes.csv`, timings in `tables/timings.csv`).

{glance_table(outcomes, comparison.reading_names)}

![Outcomes by scenario and reading](figures/outcomes.png)

*Figure 1. Key outcomes by scenario; one colour per reading; whiskers are 95% intervals.*

![Change against the baseline](figures/change_vs_baseline.png)

*Figure 2. What each scenario changes: difference from the baseline's share of worlds,
per reading (red: more often; blue: less often).*

![The front line](figures/front_line.png)

*Figure 3. The front line month by month (share of the peninsula held by the North):
median and the bands holding 50% and 80% of worlds.*

![Timing](figures/timing.png)

*Figure 4. When the invasion comes and how long the war lasts (dot: median; bar: 10th to
90th percentile of the worlds where it happens).*
"""


def glance_table(rows: list[dict], readings: list[str]) -> str:
    """A Markdown table: scenario rows, outcome x reading columns."""
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r for r in rows}
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    header = ["scenario"] + [f"{o.replace('_', ' ')} ({rd})" for o in GLANCE for rd in readings]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for scenario in scenarios:
        cells = [scenario]
        for outcome in GLANCE:
            for reading in readings:
                row = lookup[(scenario, reading, outcome)]
                cells.append(f"{row['probability']:.2f} ± {2 * row['standard_error']:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
