"""`korea1950 compare`: scenarios x readings, as tables and figures."""

import argparse
from pathlib import Path

from korea1950.analysis.compare import (
    comparison_tables,
    run_comparison,
    write_tables,
)
from korea1950.cli.common import add_out_options, add_run_options, evaluator_from, output_folder
from korea1950.reporting.manifest import command_line, write_manifest
from korea1950.reporting.plots import write_comparison_figures

COMMAND = "compare"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `compare` subcommand."""
    parser = subparsers.add_parser(
        "compare", help="compare scenarios under several readings (tables and figures)",
        description="Run every given scenario (default: all bundled) under every reading and "
                    "write outcome shares, timings and differences from the baseline with 95% "
                    "intervals (CSV and JSON), plus comparison figures (PNG and SVG).")
    parser.add_argument("scenarios", nargs="*", help="scenario names or paths (default: all)")
    parser.add_argument("--readings", default=None,
                        help="comma-separated reading names or paths (default: every bundled "
                             "reading, see 'korea1950 list')")
    add_run_options(parser, replicates=20_000)
    add_out_options(parser, Path("comparison"), "results folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the comparison and write tables, figures and manifest atomically."""
    readings = ([item.strip() for item in args.readings.split(",") if item.strip()]
                if args.readings else None)
    evaluator = evaluator_from(args)
    folder = output_folder(args)
    with evaluator:
        comparison = run_comparison(args.scenarios or None, readings, args.replicates,
                                    args.seed, evaluator)
    with folder.staging() as staging:
        tables = comparison_tables(comparison)
        write_tables(tables, staging / "tables")
        write_comparison_figures(tables, staging / "figures")
        write_manifest(comparison, evaluator, command_line(COMMAND, args), staging)
    print(f"wrote {args.out}/tables ({', '.join(tables)}), {args.out}/figures and "
          f"{args.out}/manifest.json")
    return 0
