"""What `korea1950 run` prints: one JSON object or a readable table, from a Summary."""

from typing import Any

from korea1950.running.summary import OUTCOMES, TIMINGS, Summary

REQUIRED_TIMINGS = ("stalin_approval_month", "invasion_month", "china_intervention_month",
                    "war_end_month")


def run_record(summary: Summary, scenario: str, reading: str, seed: int) -> dict[str, Any]:
    """The JSON object of one scenario under one reading."""
    timing: dict[str, Any] = {name: summary.timing(name) for name in TIMINGS}
    timing["war_months"] = summary.war_months()
    return {
        "scenario": scenario,
        "reading": reading,
        "replicates": summary.replicates,
        "seed": seed,
        "outcomes": {name: round(summary.probability(name), 6) for name in OUTCOMES},
        "standard_errors": {name: round(summary.standard_error(name), 6) for name in OUTCOMES},
        "timing": timing,
    }


def run_table(record: dict[str, Any]) -> str:
    """A plain-text table of a run record, for the terminal."""
    lines = [
        f"scenario {record['scenario']}   reading {record['reading']}   "
        f"{record['replicates']:,} worlds   seed {record['seed']}",
        "",
        f"{'outcome':<26}{'share of worlds':>16}{'± 2 s.e.':>11}",
    ]
    for name, share in record["outcomes"].items():
        error = 2 * record["standard_errors"][name]
        lines.append(f"{name:<26}{share:>16.3f}{error:>11.3f}")
    lines += ["", f"{'timing':<26}{'median':>10}{'p10':>10}{'p90':>10}"]
    for name, value in record["timing"].items():
        if value is None:
            lines.append(f"{name:<26}{'-':>10}{'-':>10}{'-':>10}")
        elif name == "war_months":
            lines.append(f"{name:<26}{value['median']:>10.0f}{value['p10']:>10.0f}"
                         f"{value['p90']:>10.0f}")
        else:
            lines.append(f"{name:<26}{value['median']:>10}{value['p10']:>10}{value['p90']:>10}")
    return "\n".join(lines)
