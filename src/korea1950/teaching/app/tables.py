"""The page's tables: shares of worlds and timings, this setting against the baseline.

Why Wilson intervals: a share of 0 out of 10,000 worlds has a binomial
standard error of 0, which would print as "0.0 +/- 0.0" and claim certainty;
the Wilson score interval stays honest at 0 and 1. The difference's interval
is Newcombe's, built from the two Wilson intervals as if the runs were
independent - conservative here, since the setting and the baseline share
their random numbers. A difference whose interval excludes zero is in bold,
so what the setting changed shows at a glance.
"""

import math

from korea1950.analysis.record_fit import (
    MISSED_HEADING,
    fact_rows,
    fact_table,
    missed_lines,
)
from korea1950.analysis.timing_shift import NOT_COMPARABLE, NOT_COMPARABLE_MARK, comparability
from korea1950.inputs.calendar import month_name
from korea1950.inputs.labels import first_upper, outcome_label, reading_label, timing_label
from korea1950.inputs.record import Fact
from korea1950.running.summary import OUTCOMES, TIMINGS, Z95, Summary

SHOWN = ("stalin_approves", "mao_consents", "invasion", "rhee_attacks", "soviet_veto",
         "un_authorization", "us_intervention", "incheon_landing", "un_crosses_38th",
         "china_intervention", "armistice", "north_unifies", "south_unifies", "still_at_war")
"""The outcomes a class looks at first, in the order they come; the rest are one click away.

Rhee's first strike sits under the invasion because the invasion counts the North's
counterattacks too: in "Mao withholds his consent" every invasion is one."""

OTHERS = tuple(name for name in OUTCOMES if name not in SHOWN)


def wilson(count: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of the share ``count / n``."""
    if n <= 0:
        return (math.nan, math.nan)
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def difference(count_a: int, n_a: int, count_b: int, n_b: int) -> tuple[float, float, float]:
    """Share a minus share b, with Newcombe's interval from the two Wilson intervals."""
    p_a, p_b = count_a / n_a, count_b / n_b
    (low_a, high_a), (low_b, high_b) = wilson(count_a, n_a), wilson(count_b, n_b)
    d = p_a - p_b
    return (d, d - math.hypot(p_a - low_a, high_b - p_b), d + math.hypot(high_a - p_a, p_b - low_b))


def share_cell(count: int, n: int) -> str:
    """"62.3% (61.4-63.3)"; an interval narrower than the digits shown says so."""
    low, high = wilson(count, n)
    share = 100 * count / n
    if round(100 * low, 1) == round(100 * high, 1):
        return f"{share:.1f}% (±<0.1)"
    return f"{share:.1f}% ({100 * low:.1f}–{100 * high:.1f})"


def difference_cell(result: Summary, baseline: Summary, outcome: str) -> str:
    """The change in percentage points with its interval; bold when the interval excludes 0."""
    if result is baseline:
        return "same worlds"
    d, low, high = difference(result.count(outcome), result.replicates,
                              baseline.count(outcome), baseline.replicates)
    text = f"{_points(d)} ({_points(low)} to {_points(high)})"
    # decided on the figures shown: "(−0.2 to 0.0)" in bold read as a contradiction
    shown_low, shown_high = round(100 * low, 1), round(100 * high, 1)
    return f"**{text}**" if shown_low > 0 or shown_high < 0 else text


def _points(share: float) -> str:
    """A signed change in percentage points ("+1.2", "−3.4"); "0.0" rather than "−0.0"."""
    points = round(100 * share, 1)
    return "0.0" if points == 0 else f"{points:+.1f}".replace("-", "−")


def outcome_table(result: Summary, baseline: Summary, names: tuple[str, ...] = SHOWN) -> str:
    """A Markdown table: each outcome's share of worlds here and in the baseline, and the change."""
    lines = ["| outcome | this setting | baseline | change (points) |", "|:--|--:|--:|--:|"]
    for name in names:
        lines.append(f"| {first_upper(outcome_label(name))}"
                     f" | {share_cell(result.count(name), result.replicates)}"
                     f" | {share_cell(baseline.count(name), baseline.replicates)}"
                     f" | {difference_cell(result, baseline, name)} |")
    return "\n".join(lines)


def short_month(index: int) -> str:
    """"Jun 1950" for a month index."""
    name = month_name(index)
    return f"{name[:3]} {name.rsplit(' ', 1)[-1]}"


def timing_cell(summary: Summary, event: str) -> str:
    """Median month (10th to 90th percentile) over the worlds where it happened, or "never"."""
    median = summary.month_quantile(event, 0.5)
    if median is None:
        return "never"
    low, high = summary.month_quantile(event, 0.1), summary.month_quantile(event, 0.9)
    if low == high:
        return short_month(median)
    return f"{short_month(median)} ({short_month(low)} – {short_month(high)})"


def shift_cell(result: Summary, baseline: Summary, event: str) -> str:
    """How many months later (+) or earlier (-) the median world sees the event; marked and
    not bold where the two medians are over different sets of worlds (``comparability``)."""
    here, there = result.month_quantile(event, 0.5), baseline.month_quantile(event, 0.5)
    if here is None or there is None:
        return "—" if here is there else ("never here" if here is None else "only here")
    if here == there:
        return "same month"
    months = here - there
    text = f"{months:+d} month{'s' if abs(months) != 1 else ''}".replace("-", "−")
    if result is not baseline and not comparability(baseline, result, event)["comparable"]:
        return (f"{NOT_COMPARABLE_MARK}{text} (in {result.probability(event):.0%} of worlds, "
                f"against {baseline.probability(event):.0%})")
    return f"**{text}**"


def timing_table(result: Summary, baseline: Summary) -> str:
    """A Markdown table of when things happened, this setting against the baseline, with the
    footnote a marked shift needs (the page shows the glossary that says it, too)."""
    lines = ["| when | this setting | baseline | shift of the median |", "|:--|--:|--:|--:|"]
    for name, event in TIMINGS.items():
        lines.append(f"| {first_upper(timing_label(name))} | {timing_cell(result, event)} | "
                     f"{timing_cell(baseline, event)} | {shift_cell(result, baseline, event)} |")
    if any(f"| {NOT_COMPARABLE_MARK}" in line for line in lines):
        lines += ["", f"*{NOT_COMPARABLE}*"]
    return "\n".join(lines)


def record_table(facts: tuple[Fact, ...], baselines: dict[str, Summary]) -> str:
    """How often each reading's baseline worlds reproduce each fact of the record, as Markdown,
    followed by the facts that most of a reading's worlds miss.

    Why on the page: the verdict says which reading makes the record more likely, not
    how likely either makes it; a class sees here that both readings reproduce most of
    what happened and where they part. The table is the report's (``analysis.record_fit``),
    with the page's percentages and Wilson intervals.
    """
    labels = {name: reading_label(name) for name in baselines}
    rows = fact_rows(facts, baselines, labels)
    sizes = sorted({summary.replicates for summary in baselines.values()})
    return "\n".join([
        *fact_table(rows, list(baselines), labels,
                    cell=lambda row: share_cell(row["matching_worlds"], row["worlds"])),
        "", f"*Baseline worlds: {' and '.join(f'{size:,}' for size in sizes)} per reading, "
        "every lever as in history; 95% intervals in brackets.*", "",
        MISSED_HEADING, "",
        *missed_lines(rows, labels, share=lambda row: f"{100 * row['share']:.1f}%")])
