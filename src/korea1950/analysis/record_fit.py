"""How often the baseline's worlds reproduce each fact of the record, and the record's war.

Why apart from the report: the study's report (``sections/record_fit``) and the
page's tab on the readings show the same table, each from its own baseline runs
(the report's are larger) and with its own way of writing a share; the rows,
the table and the list of facts most worlds miss are made once, here.
"""

from collections.abc import Callable

from korea1950.inputs.calendar import month_index, month_name, month_text
from korea1950.inputs.errors import InputError
from korea1950.inputs.labels import in_series, outcome_label
from korea1950.inputs.record import Fact
from korea1950.running.summary import Summary, binomial_error

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
    for reading, summary in baselines.items():
        counted = len(summary.tallies["record:fact"])
        if counted != len(facts):
            raise InputError(f"the {reading} baseline was tallied against {counted} facts of the "
                             f"record, not the {len(facts)} given: run it again with this record")
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
        return "if the event never happens"
    parts = ([" to ".join(month_name(m) for m in sorted(set(fact.window)))]
             if fact.window is not None else [])
    if fact.after is not None:
        parts.append(f"not before: {outcome_label(fact.after)}")
    if fact.within_after is not None:
        event, months = fact.within_after
        parts.append(f"within {months} months after: {outcome_label(event)}")
    return "; ".join(parts) or "any month"


MISSED_HEADING = (f"**Facts the baseline mostly misses** (in fewer than {MOSTLY_MISSED:.0%} of a "
                  "reading's worlds):")
"""The heading above ``missed_lines``, in the report and on the page."""

Cell = Callable[[dict], str]
"""How a table writes a row's share with its interval ("0.26 ± 0.03", "25.9% (25.0–26.8)")."""


def fact_table(rows: list[dict], readings: list[str], labels: dict[str, str],
               cell: Cell) -> list[str]:
    """The Markdown table: a fact per line, a column per reading, shares as ``cell`` writes them."""
    lines = ["| fact | when | a world matches it | used to | "
             + " | ".join(labels[r] for r in readings) + " |",
             "|:--|:--|:--|:--|" + "--:|" * len(readings)]
    for cells in _by_fact(rows).values():
        first = next(iter(cells.values()))
        shares = " | ".join(cell(cells[r]) for r in readings)
        lines.append(f"| {first['description']} | {date_text(first['date'])} | "
                     f"{first['counted_as']} | {USE_WORDS.get(first['use'], first['use'])} | "
                     f"{shares} |")
    return lines


def missed_lines(rows: list[dict], labels: dict[str, str], share: Cell) -> list[str]:
    """A line per fact that most of some reading's baseline worlds do not reproduce (or a
    line saying there is none); ``share`` writes a row's share ("0.26", "25.9%")."""
    lines = []
    for cells in _by_fact(rows).values():
        low = [row for row in cells.values() if row["share"] < MOSTLY_MISSED]
        if not low:
            continue
        where = in_series([f"{share(row)} of worlds under {labels[row['reading']]}"
                           for row in low])
        fitted = (" A number of the model was set from it (its calendar), yet most of these "
                  "worlds miss it." if low[0]["use"] == "calibration" else "")
        lines.append(f"- *{low[0]['description']}*: reproduced in only {where}.{fitted}")
    return lines or [f"- None: every fact is reproduced in at least {MOSTLY_MISSED:.0%} of "
                     "worlds under every reading."]


def _by_fact(rows: list[dict]) -> dict[str, dict[str, dict]]:
    """The rows grouped by fact (in the record's order), then by reading."""
    grouped: dict[str, dict[str, dict]] = {}
    for row in rows:
        grouped.setdefault(row["fact"], {})[row["reading"]] = row
    return grouped
