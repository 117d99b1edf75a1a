"""The comparison tables and the four figures: outcomes, front line, change, timing."""

from collections.abc import Callable

from korea1950.inputs.calendar import month_text
from korea1950.inputs.labels import outcome_label
from korea1950.reporting.plots import FRONT_BAND_WORDS, FRONT_UNTIL, write_comparison_figures
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import TABLE_NOTE, share_cell
from korea1950.reporting.study.sections.sensitivity import TITLE as SENSITIVITY
from korea1950.reporting.study.sections.weighing import TRUST_TITLE as TRUST

ORDER = 20
TITLE = "Outcomes at a glance"
GLANCE = ("invasion", "us_intervention", "china_intervention", "armistice", "north_unifies")


def build(context: StudyContext) -> str:
    """Draw the four comparison figures from the tables; return the section's Markdown."""
    outcomes = context.tables["outcomes"]
    write_comparison_figures(context.tables, context.figures_dir)
    tables = "\n\n".join(f"**Under {context.reading_label(reading)}**\n\n"
                          + glance_table(outcomes, reading, context.scenario_title)
                          for reading in context.reading_names)
    return f"""## {TITLE}

Share of worlds in which each outcome happened, with its 95% interval (1.96 standard errors
either side; every outcome in `tables/outcomes.csv`, timings in `tables/timings.csv`,
front-line bands in `tables/front.csv`, timing histograms in `tables/distributions.csv`).
{SAMPLING_ONLY}

{tables}

{TABLE_NOTE}

![Outcomes by scenario and reading](figures/outcomes.png)

*Figure 1. Key outcomes by scenario; one colour per reading; whiskers are 95% intervals.*

![Change against the baseline](figures/change_vs_baseline.png)

*Figure 2. What each scenario changes: difference from the baseline's share of worlds,
per reading (red: more often; blue: less often). A scenario that only moves events in time
shows little here: see Figure 5.*

![The front line](figures/front_line.png)

*Figure 3. {front_caption()}*

![Timing](figures/timing.png)

*Figure 4. When the invasion comes and how long the war lasts, among the worlds where it
happens (dot: median; thick bar: middle 50%; thin line: 10th to 90th percentile). The
invasion counts the North's counterattacks after a first strike by Rhee too. A war still
being fought in December 1956, when the simulated years end, counts as lasting until then,
so where many wars go on the length shown is a lower bound.*
"""


SAMPLING_ONLY = ("The ± and the intervals are the simulation's sampling error only: how far "
                 "another run of as many worlds could differ. They do not include the "
                 "uncertainty of the model's inputs (its rules and the values of its "
                 f"parameters, many of them assumed). The sections *{SENSITIVITY}* and "
                 f"*{TRUST}* explore part of it: Stalin's goals and beliefs, the terms of his "
                 "rule and the calendar fitted to the record. The other actors' parameters and "
                 "the rules themselves are varied nowhere.")
"""The sentence beside the first table of shares: what its intervals do and do not measure."""


def front_caption() -> str:
    """The front-line figure's caption, from the band and the months ``plots.plot_fan`` draws,
    so the words cannot promise a band the figure does not have."""
    return (f"The front line month by month until {month_text(FRONT_UNTIL)}: its north–south "
            "position, as the share of the peninsula's length held by the North (0: none, 1: "
            "all; 0.5 is roughly the 38th parallel; a position, not a share of the area). "
            f"Each reading's median world (thick line) and a band holding {FRONT_BAND_WORDS} "
            "(shaded, outlined in the reading's line style), those at peace included - so "
            "where few worlds go to war the median stays at the parallel.")


def glance_table(rows: list[dict], reading: str, title: Callable[[str], str]) -> str:
    """A Markdown table for one reading: a row per scenario (by ``title``), a column per outcome."""
    lookup = {(r["scenario"], r["outcome"]): r for r in rows if r["reading"] == reading}
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    header = ["scenario", *(outcome_label(o) for o in GLANCE)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for scenario in scenarios:
        found = [lookup[(scenario, outcome)] for outcome in GLANCE]
        cells = [title(scenario)] + [share_cell(r["probability"], r["standard_error"])
                                     for r in found]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
