"""`korea1950 compare`: scenarios x readings, as tables and figures.

Why a summary on the terminal: the tables hold every outcome, but whoever ran
the command first wants to know what moved. It prints what was run, the
largest changes against the baseline that the worlds can tell apart from zero (with
their 95% intervals, in the readers' labels), and then where the files are.
"""

import argparse
from pathlib import Path

from korea1950.analysis.compare import (
    Comparison,
    comparison_tables,
    run_comparison,
    tables_readme,
    write_tables,
)
from korea1950.cli.common import (
    add_out_options,
    add_readings_option,
    add_run_options,
    evaluator_from,
    listed,
    output_folder,
)
from korea1950.inputs.labels import (
    abridged,
    first_upper,
    outcome_label,
    reading_label,
    unsigned_zero,
)
from korea1950.inputs.levers import imposed_outcomes
from korea1950.reporting.manifest import command_line, write_manifest
from korea1950.reporting.plots import write_comparison_figures
from korea1950.reporting.study.numbers import counted

COMMAND = "compare"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `compare` subcommand."""
    parser = subparsers.add_parser(
        "compare", help="compare scenarios under several readings (tables and figures)",
        description="Run every given scenario (default: all bundled) under every reading and "
                    "write outcome shares (0 to 1), timings, differences from the baseline and "
                    "shifts in timing, each with 95% intervals (CSV and JSON; columns and "
                    "units in tables/README.md), plus comparison figures (PNG and SVG).")
    parser.add_argument("scenarios", nargs="*", help="scenario names or paths (default: all)")
    add_readings_option(parser)
    add_run_options(parser, replicates=20_000)
    add_out_options(parser, Path("comparison"), "results folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the comparison and write tables, figures and manifest atomically."""
    evaluator = evaluator_from(args)
    folder = output_folder(args)
    with evaluator:
        comparison = run_comparison(args.scenarios or None, listed(args.readings),
                                    args.replicates, args.seed, evaluator)
    with folder.staging() as staging:
        tables = comparison_tables(comparison)
        write_tables(tables, staging / "tables")
        (staging / "tables" / "README.md").write_text(tables_readme(tables))
        write_comparison_figures(tables, staging / "figures",
                                 {s.name: s.title for s in comparison.scenarios},
                                 {r.name: reading_label(r.name, r.title)
                                  for r in comparison.readings})
        write_manifest(comparison, evaluator, command_line(COMMAND, args), staging)
    print("\n".join(summary_lines(comparison, tables["outcomes"])))
    print(f"\nwrote {args.out}/tables ({', '.join(tables)}), {args.out}/figures and "
          f"{args.out}/manifest.json")
    return 0


SHOWN_CHANGES = 3
"""How many changes the summary lists per scenario, largest first."""
LABEL_WIDTH = 44
"""Column of the outcome labels (the longest label fits)."""
CELL_WIDTH = 26
"""Width of one reading's column: a change and its interval, or the reading's label."""


def summary_lines(comparison: Comparison, rows: list[dict]) -> list[str]:
    """What was run, then the largest changes against the baseline that exclude zero.

    A change is listed only if some reading's 95% interval excludes zero, so
    the summary never shows noise as an effect; each listed change shows every
    reading's estimate and interval. Per scenario, the largest few come first,
    leaving out what the scenario imposes itself (``levers.imposed_outcomes``: a
    veto in the veto scenario), as the study's summary does.
    """
    readings = comparison.readings
    scenarios = {s.name: s.title for s in comparison.scenarios}
    imposed = {s.name: imposed_outcomes(s.levers) for s in comparison.scenarios}
    others = [name for name in scenarios if name != "baseline"]
    labels = {r.name: reading_label(r.name, r.title) for r in readings}
    heads = column_heads(list(labels.values()))
    named = (list(labels.values()) if heads == list(labels.values())
             else [f"({n}) {label}" for n, label in enumerate(labels.values(), 1)])
    lines = [f"{counted(len(scenarios), 'scenario')} x {counted(len(readings), 'reading')}: "
             f"{'; '.join(named)}; {comparison.replicates:,} worlds each, seed {comparison.seed}"]
    if not others:
        return [*lines, "Only the baseline was run: there is no change against it to show."]
    cells: dict[tuple[str, str], dict[str, dict]] = {}
    for row in rows:
        if row["scenario"] != "baseline":
            cells.setdefault((row["scenario"], row["outcome"]), {})[row["reading"]] = row
    clear = [(key, by_reading) for key, by_reading in cells.items()
             if key[1] not in imposed[key[0]]
             and any(r["difference_ci_low"] > 0 or r["difference_ci_high"] < 0
                     for r in by_reading.values())]
    clear.sort(key=lambda item: -max(abs(r["difference_from_baseline"])
                                     for r in item[1].values()))
    lines += ["", "Largest changes against the baseline (every lever as in history), in the "
                  "share of worlds, with 95% intervals (not those the scenario imposes "
                  "itself):",
              " " * LABEL_WIDTH + "".join(head.rjust(CELL_WIDTH - len(INCLUDES_ZERO))
                                          + " " * len(INCLUDES_ZERO) for head in heads).rstrip()]
    starred = False
    for scenario in others:
        lines.append(scenarios[scenario])
        shown = [item for item in clear if item[0][0] == scenario][:SHOWN_CHANGES]
        for (_, outcome), by_reading in shown:
            lines.append(f"  {first_upper(outcome_label(outcome)):<{LABEL_WIDTH - 2}}" + "".join(
                f"{_change(by_reading[r.name]):>{CELL_WIDTH}}" for r in readings).rstrip())
            starred = starred or any(_includes_zero(row) for row in by_reading.values())
        if not shown:
            lines.append("  no change the worlds can tell from zero, beyond what the scenario "
                         "imposes itself")
    if starred:
        lines.append(f"{INCLUDES_ZERO.strip()} its 95% interval includes zero: under this "
                     "reading the worlds cannot tell the change from none")
    lines += WHERE_TABLES
    return lines


WHERE_TABLES = ["Every outcome's share and change, with 95% intervals: tables/outcomes.csv.",
                "Every shift in timing, with 95% intervals: tables/timing_vs_baseline.csv "
                "(columns and units: tables/README.md)."]
"""The summary's last lines: where the numbers it leaves out are (files ``handle`` writes)."""


def column_heads(labels: list[str]) -> list[str]:
    """The readings' column heads: their labels, or, where a long title must be cut, numbered
    ("(2) Kathryn Weathersby: …"), so that two titles alike in their first words stay apart
    (the summary's first line then names each number in full)."""
    width = CELL_WIDTH - 2
    if all(len(label) <= width for label in labels):
        return labels
    return [abridged(f"({n}) {label}", width) for n, label in enumerate(labels, 1)]


def _change(row: dict) -> str:
    """A difference from the baseline and its 95% interval, e.g. ``-0.32 [-0.34, -0.29]``;
    a figure that rounds to zero is written ``0.00``, since "-0.00" reads as a fall."""
    return (f"{unsigned_zero(row['difference_from_baseline'], '+.2f')} "
            f"[{unsigned_zero(row['difference_ci_low'], '+.2f')}, "
            f"{unsigned_zero(row['difference_ci_high'], '+.2f')}]"
            f"{INCLUDES_ZERO if _includes_zero(row) else ' ' * len(INCLUDES_ZERO)}")


def _includes_zero(row: dict) -> bool:
    """Whether a change's 95% interval includes zero (the worlds cannot tell it from none)."""
    return row["difference_ci_low"] <= 0 <= row["difference_ci_high"]


INCLUDES_ZERO = " *"
"""Marks a change whose 95% interval includes zero: a bound written ``0.00`` may be a little
below zero or a little above, and the two read alike."""
