"""How close the baseline comes to the record: each fact's share of worlds, and the war's length.

Why a section: the weighing says which reading makes the record more probable,
not how probable either makes it, nor where the model's rendering of history
departs from what happened. A historian judging the model needs both, fact by
fact, including the facts that set the model's calendar (a fact the baseline
misses although a number was fitted to it says the fit is poor). The shares
come from the baseline runs already made (the ``record:fact`` tally); nothing
is simulated here. The page's tab on the readings shows the same table
(``analysis.record_fit`` holds what both use).
"""

from korea1950.analysis.compare import write_tables
from korea1950.analysis.record_fit import (
    MISSED_HEADING,
    WAR_ENDS,
    fact_rows,
    fact_table,
    missed_lines,
    record_war_months,
)
from korea1950.inputs.calendar import HORIZON_MONTHS, month_name
from korea1950.inputs.labels import outcome_label
from korea1950.inputs.record import Fact, load_record
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import TABLE_NOTE, share_cell
from korea1950.running.summary import Summary

ORDER = 45
TITLE = "How close the baseline comes to the record"


def war_lines(facts: tuple[Fact, ...], baselines: dict[str, Summary],
              labels: dict[str, str]) -> list[str]:
    """How long the baseline's wars last against the record, and how they end."""
    record = record_war_months(facts)
    lines = []
    for reading, summary in baselines.items():
        months, wars = summary.war_months(), summary.count("war_start")
        if months is None or not wars:
            continue
        span = f"{months['p10']:.0f} to {months['p90']:.0f}"
        against = "" if record is None else (
            f" (the record: {record}"
            + (", outside that range" if not months["p10"] <= record <= months["p90"] else "")
            + ")")
        ends = ", ".join(f"{outcome_label(outcome)} {summary.count(outcome) / wars:.2f}"
                         for outcome in WAR_ENDS)
        lines.append(f"- Under {labels[reading]}, a war lasts {months['median']:.0f} months at "
                     f"the median, {span} between the 10th and 90th percentiles{against}. "
                     f"Of the worlds with a war ({wars / summary.replicates:.2f} of all), the "
                     f"share by how it ends: {ends}.")
    return lines


def build(context: StudyContext) -> str:
    """Write ``tables/baseline_vs_record.csv`` and return the section's Markdown."""
    facts = load_record()
    readings = context.reading_names
    labels = {r: context.reading_label(r) for r in readings}
    baselines = {r: context.summaries[("baseline", r)] for r in readings}
    rows = fact_rows(facts, baselines, labels)
    write_tables({"baseline_vs_record": rows}, context.tables_dir)
    record = record_war_months(facts)
    missed = missed_lines(rows, labels, share=lambda row: f"{row['share']:.2f}")
    lines = [f"## {TITLE}", "",
             "The baseline keeps every lever as in history. The table gives the share of its "
             "worlds that reproduce each fact of the record (`seeds/record.toml`), under each "
             "reading. A fact that *set a number* fixed one of the model's timings or chances "
             "(its calendar), so matching it says how well that number was fitted, not which "
             "reading is right; a fact that *weighs the readings* enters the Bayes factor of "
             "the next section. Every world counts, those whose history departs early "
             "included (full table: `tables/baseline_vs_record.csv`).", "",
             *fact_table(rows, readings, labels, cell=report_cell), "", TABLE_NOTE, "",
             MISSED_HEADING, "", *missed, "",
             "**The war's length and its end**"
             + (f" (the record: {record} months, from the invasion to the armistice)"
                if record is not None else "")
             + f". A war still fought in {month_name(HORIZON_MONTHS - 1)} counts as lasting to "
             "then, so the longest lengths are cut off there:", "",
             *war_lines(facts, baselines, labels)]
    return "\n".join(lines) + "\n"


def report_cell(row: dict) -> str:
    """A row's share as the report writes it ("0.26 ± 0.03")."""
    return share_cell(row["share"], row["standard_error"])
