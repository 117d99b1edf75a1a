"""`korea1950 compare`: scenarios x readings, as tables and figures."""

import argparse
from pathlib import Path

from korea1950 import plots
from korea1950.atomic import atomic_folder
from korea1950.cli.common import add_run_options, execution_from
from korea1950.compare import (
    KEY_OUTCOMES,
    front_rows,
    histogram_rows,
    outcome_rows,
    run_comparison,
    write_tables,
)

COMMAND = "compare"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `compare` subcommand."""
    parser = subparsers.add_parser(
        "compare", help="compare scenarios under several readings (tables and figures)",
        description="Run every given scenario (default: all bundled) under every reading and "
                    "write outcome shares, timings and differences from the baseline with 95% "
                    "intervals (CSV and JSON), plus comparison figures (PNG and SVG).")
    parser.add_argument("scenarios", nargs="*", help="scenario names or paths (default: all)")
    parser.add_argument("--readings", default="kim,stueck",
                        help="comma-separated reading names or paths (default kim,stueck)")
    add_run_options(parser, replicates=20_000)
    parser.add_argument("--out", type=Path, default=Path("comparison"),
                        help="results folder (default ./comparison)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the comparison and write its results atomically."""
    readings = [item.strip() for item in args.readings.split(",") if item.strip()]
    comparison = run_comparison(args.scenarios or None, readings, args.replicates, args.seed,
                                execution_from(args))
    with atomic_folder(args.out) as staging:
        write_tables(comparison, staging / "tables")
        rows = outcome_rows(comparison)
        figures = staging / "figures"
        plots.plot_outcomes(rows, KEY_OUTCOMES[:6], figures / "outcomes")
        plots.plot_heatmap(rows, KEY_OUTCOMES, figures / "change_vs_baseline")
        plots.plot_fan(front_rows(comparison), figures / "front_line")
        plots.plot_timing(histogram_rows(comparison), figures / "timing")
    print(f"wrote {args.out}/tables (outcomes, timings, front) and {args.out}/figures")
    return 0
