"""Every scenario under every reading, as plain tables.

Data flows one way: scenarios + readings -> ensembles (``Summary`` per pair)
-> tables (lists of dicts) -> CSV/JSON files and plots. Nothing here knows
how many readings there are.

Differences from the baseline use the conservative independent-samples
standard error sqrt(se1^2 + se2^2). The runs share random streams (common
random numbers), which makes the true error of a difference smaller, so the
95% intervals reported are, if anything, too wide.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from korea1950.analysis.timing_shift import timing_shift_rows
from korea1950.inputs.calendar import month_label
from korea1950.inputs.labels import without_negative_zero
from korea1950.inputs.readings import Reading, bundled_reading_names, load_reading
from korea1950.inputs.scenarios import Scenario, bundled_scenario_names, load_scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.ensemble import run_many
from korea1950.running.evaluators import Evaluator
from korea1950.running.experiment import require_unique
from korea1950.running.summary import OUTCOMES, TIMINGS, Z95, Summary

KEY_OUTCOMES = ("invasion", "soviet_veto", "us_intervention", "incheon_landing",
                "un_crosses_38th", "china_intervention", "armistice", "north_unifies",
                "south_unifies", "still_at_war")
"""Outcomes shown in figures (tables hold every outcome)."""



@dataclass
class Comparison:
    """The ensembles of every scenario x reading pair, run with one seed."""

    scenarios: list[Scenario]
    readings: list[Reading]
    replicates: int
    seed: int
    summaries: dict[tuple[str, str], Summary]

    def summary(self, scenario: str, reading: str) -> Summary:
        """The ensemble of one scenario under one reading."""
        return self.summaries[(scenario, reading)]

    @property
    def scenario_names(self) -> list[str]:
        """Scenario names in run order (baseline first)."""
        return [s.name for s in self.scenarios]

    @property
    def reading_names(self) -> list[str]:
        """Reading names in the order given."""
        return [r.name for r in self.readings]


def resolve(scenarios: list[str] | None, readings: list[str] | None
            ) -> tuple[list[Scenario], list[Reading]]:
    """Load scenarios (default: all bundled, baseline first) and readings (default: all bundled).

    Why the baseline is always added: every difference is taken against it.
    Names must be unique, since they key every table and figure.
    """
    names = list(scenarios) if scenarios else bundled_scenario_names()
    loaded = [load_scenario(name) for name in names]
    if "baseline" not in {s.name for s in loaded}:
        loaded.insert(0, load_scenario("baseline"))
    ordered = sorted(loaded, key=lambda s: s.name != "baseline")
    loaded_readings = [load_reading(name) for name in (readings or bundled_reading_names())]
    require_unique("scenarios", [s.name for s in ordered])
    require_unique("readings", [r.name for r in loaded_readings])
    return ordered, loaded_readings


def run_comparison(scenarios: list[str] | None = None, readings: list[str] | None = None,
                   replicates: int = 20_000, seed: int = 1,
                   workers: "int | Evaluator | None" = 1,
                   progress: bool | None = None) -> Comparison:
    """Simulate every scenario under every reading (one pool, one progress bar)."""
    loaded_scenarios, loaded_readings = resolve(scenarios, readings)
    groups = {(s.name, r.name): make_tasks(s, r, replicates, seed)
              for s in loaded_scenarios for r in loaded_readings}
    summaries = run_many(groups, workers, progress, description="scenarios x readings")
    return Comparison(loaded_scenarios, loaded_readings, replicates, seed, summaries)


def outcome_rows(comparison: Comparison) -> list[dict]:
    """One row per scenario x reading x outcome: share, s.e. and 95% interval, difference from
    the baseline and its 95% interval.

    Every share and difference is a share of worlds, 0 to 1 (not percent). The
    share's interval is p ± ``Z95`` s.e., clipped to [0, 1], since a share outside
    them means nothing. The baseline's rows are the baseline itself: their
    difference is 0 by construction, so its interval is exactly [0, 0] rather than
    the ±1.96·√2·s.e. the formula would give for two independent runs.
    """
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            summary = comparison.summary(scenario, reading)
            base = comparison.summary("baseline", reading)
            for outcome in OUTCOMES:
                p, se = summary.probability(outcome), summary.standard_error(outcome)
                diff = p - base.probability(outcome)
                diff_se = (0.0 if scenario == "baseline"
                           else (se ** 2 + base.standard_error(outcome) ** 2) ** 0.5)
                rows.append({
                    "scenario": scenario, "reading": reading, "outcome": outcome,
                    "probability": round(p, 6), "standard_error": round(se, 6),
                    "probability_ci_low": _rounded(max(0.0, p - Z95 * se)),
                    "probability_ci_high": _rounded(min(1.0, p + Z95 * se)),
                    "difference_from_baseline": _rounded(diff),
                    "difference_ci_low": _rounded(diff - Z95 * diff_se),
                    "difference_ci_high": _rounded(diff + Z95 * diff_se),
                })
    return rows


def _rounded(value: float) -> float:
    """``value`` to 6 decimals, never "-0.0": a minus sign on a zero reads as a fall."""
    return without_negative_zero(round(value, 6))


def timing_rows(comparison: Comparison) -> list[dict]:
    """One row per scenario x reading x timing: median, p10, p90 (months as YYYY-MM)."""
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            summary = comparison.summary(scenario, reading)
            for name in TIMINGS:
                value = summary.timing(name) or {"median": "", "p10": "", "p90": ""}
                rows.append({"scenario": scenario, "reading": reading, "timing": name, **value})
            months = summary.war_months() or {"median": "", "p10": "", "p90": ""}
            rows.append({"scenario": scenario, "reading": reading, "timing": "war_months",
                         **months})
    return rows


def front_rows(comparison: Comparison) -> list[dict]:
    """One row per scenario x reading x month: front quantiles (10, 25, 50, 75, 90%)."""
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            bands = comparison.summary(scenario, reading).front_quantiles()
            for month in range(bands.shape[1]):
                q10, q25, q50, q75, q90 = (round(float(v), 4) for v in bands[:, month])
                rows.append({"scenario": scenario, "reading": reading,
                             "month": month_label(month), "p10": q10, "p25": q25,
                             "median": q50, "p75": q75, "p90": q90})
    return rows


DISTRIBUTIONS = {"invasion_month": "month:invasion", "war_months": "war_months"}
"""Timing distributions kept whole (the Summary's histograms) for the timing figure."""


def distribution_rows(comparison: Comparison) -> list[dict]:
    """Long-form histograms: one row per scenario x reading x distribution x non-empty value.

    ``value`` is a month index for ``invasion_month`` (label in ``month``) and a
    number of months for ``war_months``; ``worlds`` counts the worlds with it.
    """
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            tallies = comparison.summary(scenario, reading).tallies
            for name, key in DISTRIBUTIONS.items():
                for value in map(int, tallies[key].nonzero()[0]):
                    rows.append({"scenario": scenario, "reading": reading, "distribution": name,
                                 "value": value,
                                 "month": month_label(value) if name == "invasion_month" else "",
                                 "worlds": int(tallies[key][value])})
    return rows


def comparison_tables(comparison: Comparison) -> dict[str, list[dict]]:
    """Every table of a comparison, by file stem (what ``write_tables`` writes)."""
    return {"outcomes": outcome_rows(comparison), "timings": timing_rows(comparison),
            "front": front_rows(comparison), "distributions": distribution_rows(comparison),
            "timing_vs_baseline": timing_shift_rows(comparison)}


COLUMNS: dict[str, dict[str, str]] = {
    "outcomes": {
        "scenario": "scenario name (manifest.json names the file that defines it; the "
                    "figures show its title)",
        "reading": "reading name (likewise)",
        "outcome": "outcome or event name (the figures show it in words)",
        "probability": "share of worlds in which it happened, 0 to 1 (not percent)",
        "standard_error": "binomial standard error of that share, 0 to 1",
        "probability_ci_low": "lower end of the share's 95% interval, 0 to 1 (clipped at 0)",
        "probability_ci_high": "upper end of the share's 95% interval, 0 to 1 (clipped at 1)",
        "difference_from_baseline": "share minus the baseline's share under the same "
                                    "reading, -1 to +1 (0 in the baseline's own rows)",
        "difference_ci_low": "lower end of the difference's 95% interval (independent-samples "
                             "error, so if anything too wide; exactly 0 for the baseline)",
        "difference_ci_high": "upper end of the same interval",
    },
    "timings": {
        "scenario": "scenario name", "reading": "reading name",
        "timing": "which timing: an event's month (e.g. invasion_month) or war_months",
        "median": "median over the worlds where the event happened: a month as YYYY-MM, or "
                  "for war_months a number of months; empty if it never happened",
        "p10": "10th percentile, in the same unit", "p90": "90th percentile, same unit",
    },
    "front": {
        "scenario": "scenario name", "reading": "reading name", "month": "month, YYYY-MM",
        "p10": "10th percentile of the front's position: the share of the peninsula's length "
               "held by the North, 0 to 1 (0.5: about the 38th parallel), over every world, "
               "those at peace included",
        "p25": "25th percentile, same unit", "median": "median, same unit",
        "p75": "75th percentile, same unit", "p90": "90th percentile, same unit",
    },
    "distributions": {
        "scenario": "scenario name", "reading": "reading name",
        "distribution": "invasion_month or war_months",
        "value": "a month index (0: 1949-09) for invasion_month, a number of months for "
                 "war_months",
        "month": "the month of value as YYYY-MM (invasion_month only)",
        "worlds": "how many worlds had that value",
    },
    "timing_vs_baseline": {
        "scenario": "scenario name (the baseline has no row)", "reading": "reading name",
        "event": "event name",
        "baseline_worlds": "worlds in which the event happened under the baseline",
        "scenario_worlds": "the same under the scenario",
        "baseline_share": "share of worlds with the event under the baseline, 0 to 1",
        "scenario_share": "the same under the scenario, 0 to 1",
        "share_change_points": "scenario_share minus baseline_share in PERCENTAGE POINTS, "
                               "-100 to +100 (unlike the 0-1 shares elsewhere)",
        "comparable": "False where the two medians are over different sets of worlds; then "
                      "the shift is not a like-for-like comparison (see shift_note)",
        "baseline_median_month": "median month of the event under the baseline, YYYY-MM",
        "scenario_median_month": "the same under the scenario",
        "shift_months": "scenario minus baseline median, in whole months (positive: later); "
                        "empty where shift_note says why there is none",
        "shift_ci_low": "lower end of the shift's 95% bootstrap interval, months",
        "shift_ci_high": "upper end of the same interval, months",
        "shift_note": "why a row has no shift, or why its shift is not comparable "
                      "(starts 'not comparable'); empty for a like-for-like shift",
    },
}
"""What each column of each comparison table holds and in what unit, for ``tables_readme``:
shares are 0-1 everywhere but in ``share_change_points``, which is in percentage points."""


def tables_readme(tables: dict[str, list[dict]]) -> str:
    """A Markdown README for the tables folder: each table's columns, meaning and unit.

    Why: a CSV carries no units, and the comparison's tables mix them (shares 0-1,
    a change in percentage points, months as YYYY-MM, numbers of months); whoever
    opens the files without the code needs to be told. Only the columns the
    tables actually hold are listed, in their order.
    """
    lines = ["# Tables of `korea1950 compare`", "",
             "Each table is written twice, as CSV and as JSON (a list of rows). Shares of "
             "worlds are 0 to 1, not percent, except `share_change_points` in "
             "`timing_vs_baseline`, which is in percentage points. 95% intervals are the "
             "simulation's sampling error only.", ""]
    for name, rows in tables.items():
        described = COLUMNS.get(name, {})
        lines += [f"## {name}.csv", ""]
        for column in (rows[0] if rows else described):
            lines.append(f"- `{column}`: {described.get(column, '(not described)')}")
        lines.append("")
    return "\n".join(lines)


def to_csv(rows: list[dict]) -> str:
    """Rows as CSV text (columns in the first row's order; empty text for no rows)."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_tables(tables: dict[str, list[dict]], folder: Path) -> list[Path]:
    """Write each table as ``NAME.csv`` and ``NAME.json``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        for suffix, text in (("csv", to_csv(rows)), ("json", json.dumps(rows, indent=1) + "\n")):
            path = folder / f"{name}.{suffix}"
            path.write_text(text)
            written.append(path)
    return written
