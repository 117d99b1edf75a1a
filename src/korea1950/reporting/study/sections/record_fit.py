"""How close the baseline comes to the record: each fact's share of worlds, and the war's length.

Why a section: the weighing says which reading makes the record more probable,
not how probable either makes it, nor where the model's rendering of history
departs from what happened. A historian judging the model needs both, fact by
fact, including the facts that set the model's calendar (a fact the baseline
misses although a number was fitted to it says the fit is poor). The shares
come from the baseline runs already made (the ``record:fact`` tally); nothing
is simulated here.
"""

from korea1950.analysis.compare import write_tables
from korea1950.inputs.calendar import HORIZON_MONTHS, month_index, month_name
from korea1950.inputs.labels import outcome_label
from korea1950.inputs.record import Fact, load_record
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import TABLE_NOTE, month_text, share_cell
from korea1950.running.summary import Summary, binomial_error

ORDER = 45
TITLE = "How close the baseline comes to the record"

USE_WORDS = {"calibration": "set a number", "test": "weighs the readings"}
"""What each use of a fact means, as the table says it (``use`` in ``seeds/record.toml``)."""

MOSTLY_MISSED = 0.5
"""A fact matched in fewer than this share of a reading's baseline worlds is listed as one the
baseline mostly misses: most of its worlds do not reproduce it."""

WAR_FROM, WAR_TO = "invasion", "armistice"
"""The record's facts whose dates bound the war, for its length (June 1950 to July 1953)."""

WAR_ENDS = ("armistice", "north_unifies", "south_unifies", "limited_war_ends", "still_at_war")
"""Every way a war ends in the model, or not by the horizon: their counts add up to the worlds
with a war (``war_start``)."""


def date_text(date: str) -> str:
    """A fact's date as a reader writes it ("June 1950", "January 1950 to April 1950")."""
    return " to ".join(month_text(part) for part in date.split("/"))


def fact_rows(facts: tuple[Fact, ...], baselines: dict[str, Summary],
              labels: dict[str, str]) -> list[dict]:
    """One row per fact and reading: the share of baseline worlds matching it, with its error."""
    rows = []
    for position, fact in enumerate(facts):
        for reading, summary in baselines.items():
            matching = int(summary.tallies["record:fact"][position])
            share = matching / summary.replicates
            rows.append({"fact": fact.id, "description": fact.description, "date": fact.date,
                         "use": fact.use, "reading": reading, "reading_label": labels[reading],
                         "counted_as": counted_as(fact), "matching_worlds": matching,
                         "worlds": summary.replicates, "share": share,
                         "standard_error": binomial_error(share, summary.replicates)})
    return rows


def record_war_months(facts: tuple[Fact, ...]) -> int | None:
    """Months from the record's invasion to its armistice, by the facts' dates (None if absent).

    The first fact that says each event happened gives its month (the first month of a
    span); a fact that it did not happen says nothing of when.
    """
    month: dict[str, int] = {}
    for fact in facts:
        if fact.occurs:
            month.setdefault(fact.event, month_index(fact.date.split("/")[0]))
    if WAR_FROM not in month or WAR_TO not in month:
        return None
    return month[WAR_TO] - month[WAR_FROM]


def counted_as(fact: Fact) -> str:
    """When a world counts as matching the fact, in words: its test, not the historical date.

    Why: a fact without a window matches in any month, and one that did not happen
    matches every world without the event (a world with no war too), so the date alone
    would read as a stricter test than the shares measure.
    """
    if not fact.occurs:
        return "never happens"
    parts = ([" to ".join(month_name(m) for m in sorted(set(fact.window)))]
             if fact.window is not None else [])
    if fact.after is not None:
        parts.append(f"not before: {outcome_label(fact.after)}")
    if fact.within_after is not None:
        event, months = fact.within_after
        parts.append(f"within {months} months after: {outcome_label(event)}")
    return "; ".join(parts) or "any month"


def fact_table(rows: list[dict], readings: list[str], labels: dict[str, str]) -> list[str]:
    """The Markdown table: a fact per line, a column per reading."""
    lines = ["| fact | when | a world matches it | used to | "
             + " | ".join(labels[r] for r in readings) + " |",
             "|---|---|---|---|" + "---|" * len(readings)]
    by_fact: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_fact.setdefault(row["fact"], {})[row["reading"]] = row
    for cells in by_fact.values():
        first = next(iter(cells.values()))
        shares = " | ".join(share_cell(cells[r]["share"], cells[r]["standard_error"])
                            for r in readings)
        lines.append(f"| {first['description']} | {date_text(first['date'])} | "
                     f"{first['counted_as']} | {USE_WORDS.get(first['use'], first['use'])} | "
                     f"{shares} |")
    return lines


def missed_lines(rows: list[dict], labels: dict[str, str]) -> list[str]:
    """A line per fact that most of some reading's baseline worlds do not reproduce."""
    missed: dict[str, list[dict]] = {}
    for row in rows:
        if row["share"] < MOSTLY_MISSED:
            missed.setdefault(row["fact"], []).append(row)
    lines = []
    for low in missed.values():
        description = low[0]["description"]
        where = " and ".join(f"{r['share']:.2f} of worlds under {labels[r['reading']]}"
                             for r in low)
        fitted = (" A number of the model was set from it (its calendar), yet most of these "
                  "worlds miss it." if low[0]["use"] == "calibration" else "")
        lines.append(f"- *{description}*: reproduced in only {where}.{fitted}")
    return lines


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
    missed = missed_lines(rows, labels) or [
        f"- None: every fact is reproduced in at least {MOSTLY_MISSED:.0%} of worlds under every "
        "reading."]
    lines = [f"## {TITLE}", "",
             "The baseline keeps every lever as in history. The table gives the share of its "
             "worlds that reproduce each fact of the record (`seeds/record.toml`), under each "
             "reading. A fact that *set a number* fixed one of the model's timings or chances "
             "(its calendar), so matching it says how well that number was fitted, not which "
             "reading is right; a fact that *weighs the readings* enters the Bayes factor of "
             "the next section. Every world counts, those whose history departs early "
             "included (full table: `tables/baseline_vs_record.csv`).", "",
             *fact_table(rows, readings, labels), "", TABLE_NOTE, "",
             f"**Facts the baseline mostly misses** (in fewer than {MOSTLY_MISSED:.0%} of a "
             "reading's worlds):", "", *missed, "",
             "**The war's length and its end**"
             + (f" (the record: {record} months, from the invasion to the armistice)"
                if record is not None else "")
             + f". A war still fought in {month_name(HORIZON_MONTHS - 1)} counts as lasting to "
             "then, so the longest lengths are cut off there:", "",
             *war_lines(facts, baselines, labels)]
    return "\n".join(lines) + "\n"
