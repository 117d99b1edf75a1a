"""`korea1950 study`: the main job - every scenario under every reading, as a report."""

import argparse
import time
from pathlib import Path

from korea1950.cli.common import (
    add_out_options,
    add_readings_option,
    add_run_options,
    evaluator_from,
    listed,
)
from korea1950.reporting.manifest import command_line
from korea1950.reporting.study import DEFAULT_STUDY_REPLICATES, run_study

COMMAND = "study"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `study` subcommand."""
    parser = subparsers.add_parser(
        "study", help="the main job: every scenario under every reading, with a report",
        description="Run every bundled scenario under every bundled reading (or the readings "
                    "given) and write tables, figures, a Markdown and a self-contained HTML "
                    "report and a manifest.")
    add_readings_option(parser)
    add_run_options(parser, replicates=DEFAULT_STUDY_REPLICATES)
    add_out_options(parser, Path("results"), "results folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the study and say where the report is."""
    started = time.monotonic()
    out = run_study(args.out, args.replicates, args.seed, evaluator_from(args),
                    command=command_line(COMMAND, args), force=args.force,
                    readings=listed(args.readings))
    print(f"wrote {out}/report.html and {out}/report.md "
          f"({time.monotonic() - started:.0f} s)")
    return 0
