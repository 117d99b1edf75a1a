"""The comparison tables and the four figures: outcomes, front line, change, timing."""

from korea1950.reporting.plots import write_comparison_figures
from korea1950.reporting.study.context import StudyContext

ORDER = 20
TITLE = "Outcomes at a glance"
GLANCE = ("invasion", "us_intervention", "china_intervention", "armistice", "north_unifies")


def build(context: StudyContext) -> str:
    """Draw the four comparison figures from the tables; return the section's Markdown."""
    outcomes = context.tables["outcomes"]
    write_comparison_figures(context.tables, context.figures_dir)
    return f"""## {TITLE}

Share of worlds in which each outcome happened (± is two standard errors; full tables in
`tables/outcomes.csv`, timings in `tables/timings.csv`,
front-line bands in `tables/front.csv`, timing histograms in `tables/distributions.csv`).

{glance_table(outcomes, context.reading_names)}

![Outcomes by scenario and reading](figures/outcomes.png)

*Figure 1. Key outcomes by scenario; one colour per reading; whiskers are 95% intervals.*

![Change against the baseline](figures/change_vs_baseline.png)

*Figure 2. What each scenario changes: difference from the baseline's share of worlds,
per reading (red: more often; blue: less often).*

![The front line](figures/front_line.png)

*Figure 3. The front line month by month (share of the peninsula held by the North; 0.5 is
roughly the 38th parallel): median and the bands holding 50% and 80% of all worlds, those at
peace included - so where few worlds go to war the median stays at the parallel.*

![Timing](figures/timing.png)

*Figure 4. When the invasion comes and how long the war lasts, among the worlds where it
happens (dot: median; thick bar: middle 50%; thin line: 10th to 90th percentile).*
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
