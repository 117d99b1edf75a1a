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

from korea1950.ensemble import Execution, make_tasks, run_many
from korea1950.readings import Reading, load_reading
from korea1950.scenarios import Scenario, bundled_scenario_names, load_scenario
from korea1950.summary import OUTCOMES, TIMINGS, Summary

KEY_OUTCOMES = ("invasion", "soviet_veto", "us_intervention", "incheon_landing",
                "un_crosses_38th", "china_intervention", "armistice", "north_unifies",
                "south_unifies", "still_at_war")
"""Outcomes shown in figures (tables hold every outcome)."""

Z95 = 1.959963984540054


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
    """Load scenarios (default: all bundled, baseline first) and readings (default kim, stueck)."""
    names = list(scenarios) if scenarios else bundled_scenario_names()
    if "baseline" not in names:
        names = ["baseline", *names]
    loaded = [load_scenario(name) for name in names]
    ordered = sorted(loaded, key=lambda s: s.name != "baseline")
    return ordered, [load_reading(name) for name in (readings or ["kim", "stueck"])]


def run_comparison(scenarios: list[str] | None = None, readings: list[str] | None = None,
                   replicates: int = 20_000, seed: int = 1,
                   workers: "int | Execution | None" = 1,
                   progress: bool | None = None) -> Comparison:
    """Simulate every scenario under every reading (one pool, one progress bar)."""
    loaded_scenarios, loaded_readings = resolve(scenarios, readings)
    names = [r.name for r in loaded_readings]
    if len(set(names)) != len(names):
        from korea1950.errors import InputError
        raise InputError(f"two readings share a name: {', '.join(names)}")
    groups = {(s.name, r.name): make_tasks(s, r, replicates, seed)
              for s in loaded_scenarios for r in loaded_readings}
    summaries = run_many(groups, workers, progress, description="scenarios x readings")
    return Comparison(loaded_scenarios, loaded_readings, replicates, seed, summaries)


def outcome_rows(comparison: Comparison) -> list[dict]:
    """One row per scenario x reading x outcome: share, s.e., difference from baseline, 95% CI."""
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            summary = comparison.summary(scenario, reading)
            base = comparison.summary("baseline", reading)
            for outcome in OUTCOMES:
                p, se = summary.probability(outcome), summary.standard_error(outcome)
                diff = p - base.probability(outcome)
                diff_se = (se ** 2 + base.standard_error(outcome) ** 2) ** 0.5
                rows.append({
                    "scenario": scenario, "reading": reading, "outcome": outcome,
                    "probability": round(p, 6), "standard_error": round(se, 6),
                    "difference_from_baseline": round(diff, 6),
                    "difference_ci_low": round(diff - Z95 * diff_se, 6),
                    "difference_ci_high": round(diff + Z95 * diff_se, 6),
                })
    return rows


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
    from korea1950.calendar import month_label

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


def histogram_rows(comparison: Comparison) -> list[dict]:
    """Distributions for the timing plot: invasion month and war length, per pair."""
    rows = []
    for scenario in comparison.scenario_names:
        for reading in comparison.reading_names:
            tallies = comparison.summary(scenario, reading).tallies
            rows.append({"scenario": scenario, "reading": reading,
                         "invasion_month": tallies["month:invasion"].tolist(),
                         "war_months": tallies["war_months"].tolist()})
    return rows


def to_csv(rows: list[dict]) -> str:
    """Rows as CSV text (columns in the first row's order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_tables(comparison: Comparison, folder: Path) -> list[Path]:
    """Write outcomes, timings and front bands as CSV and JSON; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in (("outcomes", outcome_rows(comparison)),
                       ("timings", timing_rows(comparison)),
                       ("front", front_rows(comparison))):
        for suffix, text in (("csv", to_csv(rows)), ("json", json.dumps(rows, indent=1))):
            path = folder / f"{name}.{suffix}"
            path.write_text(text)
            written.append(path)
    return written
