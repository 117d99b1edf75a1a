"""How often the baseline's worlds reproduce each fact of the record, and the record's war.

Why apart from the report: the study's report (``sections/record_fit``) and the
page's tab on the readings show the same shares, from the ``record:fact``
tally of any baseline run; the rows are made once, here, and each shows them
in its own way.
"""

from korea1950.inputs.calendar import month_index, month_name, month_text
from korea1950.inputs.labels import outcome_label
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
