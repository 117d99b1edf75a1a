"""`korea1950 run SCENARIO`: one scenario under one reading."""

import argparse
import json

from korea1950.cli.common import add_run_options, execution_from
from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.reporting.run_output import run_record, run_table
from korea1950.running.ensemble import simulate

COMMAND = "run"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run", help="simulate one scenario under one reading",
        description="Simulate one scenario under one reading of Stalin's intent and report "
                    "the share of worlds in which each outcome happened, and when.")
    parser.add_argument("scenario", help="a bundled scenario name (see 'korea1950 list') "
                                         "or a path to a scenario TOML file")
    parser.add_argument("--reading", default="stueck",
                        help="a bundled reading name (kim, stueck) or a path (default stueck)")
    add_run_options(parser, replicates=20_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the simulation and print the result."""
    settings = execution_from(args)
    summary = simulate(args.scenario, args.reading, args.replicates, args.seed,
                       workers=settings.workers, chunk_size=settings.chunk_size,
                       scheduler=settings.scheduler)
    record = run_record(summary, load_scenario(args.scenario).name,
                        load_reading(args.reading).name, args.seed)
    print(json.dumps(record, indent=2) if args.json else run_table(record))
    return 0
