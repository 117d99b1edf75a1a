"""`korea1950 run SCENARIO`: one scenario under one reading."""

import argparse
import json

from korea1950.cli.common import add_run_options, evaluator_from, reading_help
from korea1950.inputs.labels import reading_label
from korea1950.reporting.run_output import run_record, run_table
from korea1950.running.experiment import Experiment

COMMAND = "run"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run", help="simulate one scenario under one reading",
        description="Simulate one scenario under one reading of Stalin's intent and report "
                    "the share of worlds in which each outcome happened, and when.")
    parser.add_argument("scenario", help="a bundled scenario name (see 'korea1950 list') "
                                         "or a path to a scenario TOML file")
    parser.add_argument("--reading", default="stueck", help=reading_help())
    add_run_options(parser, replicates=20_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the simulation and print the result."""
    experiment = Experiment(args.scenario, args.reading, args.replicates, args.seed)
    with evaluator_from(args) as evaluator:
        results = experiment.run(evaluator)
    scenario, reading = results.scenarios[0], results.readings[0]
    summary = results[scenario, reading]
    record = run_record(summary, scenario, reading, args.seed)
    if args.json:
        print(json.dumps(record, indent=2))
    else:
        chosen, setting = experiment.readings[0], experiment.scenarios[0]
        print(run_table(record, summary, setting.title,
                        reading_label(chosen.name, chosen.title)))
    return 0
