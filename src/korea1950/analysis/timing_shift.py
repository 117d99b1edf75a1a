"""When a what-if moves an event in time: the shift of its median month against the baseline.

Why a module of its own: a shift is a different question from a share (a
what-if may leave an event as likely as before and only move it), with its
own estimator (a bootstrap over the month histograms the tallies hold) and its
own guard (a median of the few worlds a scenario leaves is a selection, not a
move). The comparison's tables, the report, its figure and its summary all read
the one table this module writes, so the guard is applied once.
"""

import zlib
from typing import TYPE_CHECKING

import numpy as np

from korea1950.inputs.calendar import month_label
from korea1950.inputs.labels import without_negative_zero
from korea1950.running.summary import TIMINGS, Summary

if TYPE_CHECKING:
    from korea1950.analysis.compare import Comparison


SHIFT_RESAMPLES = 1000
"""Bootstrap resamples per timing shift: enough for the 2.5th and 97.5th percentiles of a
whole number of months to settle, cheap (a few seconds for the whole study)."""

SHIFT_STREAM = 2**30
"""Spawn key of the generator the timing-shift bootstrap draws from: apart from the worlds'
own streams (block indices) and the weighing's (2**31), so adding it changed no other figure."""


def _bootstrap_medians(histogram: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Median month of ``SHIFT_RESAMPLES`` resamples of the worlds a month histogram counts.

    Each resample draws as many worlds as the histogram holds, from its own shares, and
    takes the median the way ``Summary.timing`` does (the first month whose cumulative
    count reaches half the worlds), so the resampled medians are comparable to the one shown.
    """
    total = int(histogram.sum())
    draws = rng.multinomial(total, histogram / total, size=SHIFT_RESAMPLES)
    return np.argmax(np.cumsum(draws, axis=1) >= 0.5 * total, axis=1)


def timing_shift_rows(comparison: "Comparison") -> list[dict]:
    """How far each scenario moves each event in time against the baseline, with 95% intervals.

    One row per scenario (the baseline excepted) x reading x timed event
    (``summary.TIMINGS``): the median month under the baseline and under the
    scenario, among the worlds where the event happens, and the shift in months
    (positive: later). The interval is a percentile bootstrap over the month
    histograms the Summary tallies hold: the baseline's and the scenario's worlds
    are resampled independently (``SHIFT_RESAMPLES`` times each), which, as for the
    outcome differences, ignores the common random numbers and so errs wide. A
    histogram where every world has the same month gives an interval of width zero:
    every world agrees. Where the event never happens under the baseline or the
    scenario, its median there and the shift are left empty. So are they (with the
    reason in ``shift_note``) where the scenario keeps the event in fewer than
    ``MIN_SHIFT_WORLDS`` worlds or in less than ``MOSTLY_KEPT`` of the baseline's:
    the few worlds left are a selection, and their median says where that
    selection falls, not when the event moved. Each row's bootstrap draws from its
    own stream, keyed by the seed and the row's names, so the same seed gives the
    same row whatever else the table holds.

    Why the median and not the share: a what-if may leave an event as likely as
    before and only move it (delaying the Communist victory in China delays the
    invasion), which the outcome table cannot show. Where it does not - the share
    of worlds with the event moves by more than ``COMPARABLE_POINTS``, or the smaller
    share is below ``COMPARABLE_RATIO`` of the larger - the row
    says so (``comparable``, see ``comparability``), since its two medians are then
    over different sets of worlds. Such a row keeps its shift and interval, as the
    report (marked ``NOT_COMPARABLE_MARK``) and the page do, but its ``shift_note``
    says in words that the shift is not a like-for-like comparison
    (``NOT_COMPARABLE_NOTE``): whoever filters the CSV on ``shift_months`` alone
    must not take it for a move in time.

    Units: ``baseline_share`` and ``scenario_share`` are shares of worlds (0 to 1);
    ``share_change_points`` is their difference in percentage points (-100 to +100);
    shifts and their interval are whole months (positive: later).
    """
    baseline_medians: dict[tuple[str, str], np.ndarray] = {}
    rows = []
    for scenario in comparison.scenario_names[1:]:  # the baseline comes first
        for reading in comparison.reading_names:
            base = comparison.summary("baseline", reading)
            summary = comparison.summary(scenario, reading)
            for event in TIMINGS.values():
                row = {"scenario": scenario, "reading": reading, "event": event,
                       "baseline_worlds": base.count(event),
                       "scenario_worlds": summary.count(event),
                       **comparability(base, summary, event),
                       "baseline_median_month": _median_label(base, event),
                       "scenario_median_month": _median_label(summary, event),
                       "shift_months": "", "shift_ci_low": "", "shift_ci_high": ""}
                row["shift_note"] = _shift_note(row["baseline_worlds"], row["scenario_worlds"])
                if not row["shift_note"]:
                    if (reading, event) not in baseline_medians:
                        baseline_medians[(reading, event)] = _bootstrap_medians(
                            base.tallies[f"month:{event}"],
                            _row_stream(comparison.seed, "baseline", reading, event))
                    row |= _shift(base, summary, event, baseline_medians[(reading, event)],
                                  _row_stream(comparison.seed, scenario, reading, event))
                    if not row["comparable"]:
                        row["shift_note"] = NOT_COMPARABLE_NOTE
                rows.append(row)
    return rows


MIN_SHIFT_WORLDS = 30
"""Fewest worlds with the event under the scenario for its median month to be compared."""
MOSTLY_KEPT = 0.5
"""Least share of the baseline's worlds with the event the scenario must keep for a shift of
its median to mean the event moved, rather than that the scenario selected a few worlds."""


COMPARABLE_POINTS = 5.0
"""Largest change, in percentage points, of the share of worlds with an event for the shift
of its median to count as comparable with the baseline's."""
COMPARABLE_RATIO = 0.8
"""Least ratio of the smaller share of worlds with the event to the larger, too: for a rare
event a few points are most of its worlds (2% -> 6% of worlds: two thirds of them new)."""


NOT_COMPARABLE_WHEN = (f"the share of worlds with the event moves by more than "
                       f"{COMPARABLE_POINTS:g} percentage points, or the smaller share is under "
                       f"{COMPARABLE_RATIO:.0%} of the larger")
"""The rule of ``comparability`` in words, for every table, figure and footnote that applies it."""


NOT_COMPARABLE_MARK = "†"
"""Marks a shift whose two medians are over different sets of worlds (``NOT_COMPARABLE``)."""

NOT_COMPARABLE = (f"{NOT_COMPARABLE_MARK} Against the baseline, {NOT_COMPARABLE_WHEN}, so "
                  "the two medians are over different sets of worlds: the shift "
                  "mixes a move in time with a change in which worlds are counted, and is not "
                  "a like-for-like comparison.")
"""The footnote to every table or list that shows a marked shift."""

NOT_COMPARABLE_NOTE = (f"not comparable: {NOT_COMPARABLE_WHEN}, so the "
                       "two medians are over different sets of worlds and the shift is not a "
                       "like-for-like comparison")
"""The ``shift_note`` of a row that has a shift but is not comparable (``comparable`` false):
the footnote's words (``NOT_COMPARABLE``) on the row itself, since a CSV has no footnotes;
it starts "not comparable" so a filter can find it."""


def comparability(base: Summary, summary: Summary, event: str) -> dict:
    """The share of worlds with the event under the baseline and the scenario, and whether
    their medians are comparable.

    Why: a median month is taken over the worlds where the event happens. If a
    what-if changes how many worlds that is (Stalin living on removes the late
    armistices), the two medians describe different sets of worlds, and their
    difference mixes a move in time with a change of who is counted: had Stalin
    lived, the war would not have ended a year sooner. Such a row is flagged
    ``comparable = False`` rather than dropped, so the table still shows it.
    """
    before, after = base.probability(event), summary.probability(event)
    change = 100 * (after - before)
    larger = max(before, after)
    kept = min(before, after) / larger if larger else 1.0
    return {"baseline_share": round(before, 4), "scenario_share": round(after, 4),
            "share_change_points": without_negative_zero(round(change, 1)),
            "comparable": bool(abs(change) <= COMPARABLE_POINTS and kept >= COMPARABLE_RATIO)}


NOT_IN_BASELINE = "never happens under the baseline"
NOT_IN_SCENARIO = "never happens under the scenario"
MOSTLY_PREVENTED = "mostly prevented: the few worlds left are a selection"
"""Why a row has no shift (its ``shift_note``)."""

SHORT_NOTES = {NOT_IN_BASELINE: "not in baseline", NOT_IN_SCENARIO: "never happens",
               MOSTLY_PREVENTED: "mostly prevented"}
"""The same reasons, short enough for a figure's row."""


def _shift_note(baseline: int, scenario: int) -> str:
    """Why a shift is not given ("" when it is): the event is missing or mostly prevented."""
    if baseline == 0:
        return NOT_IN_BASELINE
    if scenario == 0:
        return NOT_IN_SCENARIO
    if scenario < MIN_SHIFT_WORLDS or scenario < MOSTLY_KEPT * baseline:
        return MOSTLY_PREVENTED
    return ""


def _row_stream(seed: int, scenario: str, reading: str, event: str) -> np.random.Generator:
    """A bootstrap stream of its own for one row, keyed by the seed and the row's names."""
    key = zlib.crc32(f"{scenario}|{reading}|{event}".encode())
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(SHIFT_STREAM, key)))


def _shift(base: Summary, summary: Summary, event: str, baseline_medians: np.ndarray,
           rng: np.random.Generator) -> dict:
    """The shift of one event's median month and its bootstrap interval (both must happen)."""
    shifts = _bootstrap_medians(summary.tallies[f"month:{event}"], rng) - baseline_medians
    first, last = base.month_quantile(event, 0.5), summary.month_quantile(event, 0.5)
    low, high = np.percentile(shifts, (2.5, 97.5), method="inverted_cdf")
    return {"shift_months": last - first, "shift_ci_low": int(low), "shift_ci_high": int(high)}


def _median_label(summary: Summary, event: str) -> str:
    """The median month of an event as "YYYY-MM", empty if it never happens."""
    median = summary.month_quantile(event, 0.5)
    return "" if median is None else month_label(median)
