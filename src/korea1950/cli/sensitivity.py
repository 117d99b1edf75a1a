"""`korea1950 sensitivity`: which of Stalin's uncertain motives drive the outcomes (SALib)."""

import argparse
import json

from korea1950.analysis.compare import to_csv
from korea1950.analysis.sensitivity import DEFAULT_OUTCOMES, METHODS, run_sensitivity
from korea1950.cli.common import (
    add_out_options,
    add_run_options,
    evaluator_from,
    output_folder,
    positive_int,
)
from korea1950.reporting import plots

COMMAND = "sensitivity"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sensitivity` subcommand."""
    parser = subparsers.add_parser(
        "sensitivity", help="global sensitivity of outcomes to the reading's parameters",
        description="Sobol or Morris sensitivity (SALib) of key outcomes to every parameter of "
                    "a reading, sampled through the reading's priors.")
    parser.add_argument("--reading", default="stueck", help="reading name or path")
    parser.add_argument("--scenario", default="baseline", help="scenario name or path")
    parser.add_argument("--method", choices=METHODS, default="sobol")
    parser.add_argument("--samples", type=positive_int, default=256,
                        help="SALib base sample size N (default 256)")
    parser.add_argument("--outcomes", default=",".join(DEFAULT_OUTCOMES),
                        help="comma-separated outcomes")
    parser.add_argument("--replicates-per-point", type=positive_int, default=32,
                        help="worlds simulated at each sample point (default 32)")
    add_run_options(parser, replicates=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_out_options(parser, None, "also write sensitivity.csv/.json and a figure to this folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the analysis and print the indices."""
    outcomes = tuple(o.strip() for o in args.outcomes.split(",") if o.strip())
    folder = output_folder(args)
    with evaluator_from(args) as evaluator:
        result = run_sensitivity(args.reading, args.scenario, args.method, args.samples,
                                 outcomes, args.replicates_per_point, args.seed, evaluator)
    if folder:
        with folder.staging() as staging:
            (staging / "sensitivity.json").write_text(json.dumps(result, indent=1))
            (staging / "sensitivity.csv").write_text(to_csv(result["indices"]))
            plots.plot_sensitivity(result["indices"], title_of(result), staging / "sensitivity")
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


def title_of(result: dict) -> str:
    """A figure title naming the method, reading and scenario."""
    return (f"Sensitivity ({result['method']}) of outcomes to Stalin's motives — reading "
            f"{result['reading']}, scenario {result['scenario']}")


def table(result: dict) -> str:
    """Plain-text indices."""
    sobol = result["method"] == "sobol"
    header = f"{'outcome':<20}{'parameter':<26}" + (
        f"{'S1':>8}{'±':>7}{'ST':>8}{'±':>7}" if sobol else f"{'mu*':>8}{'±':>7}{'sigma':>8}")
    lines = [title_of(result), f"{result['points']} points x {result['replicates_per_point']} "
             "worlds", "", header]
    for row in result["indices"]:
        start = f"{row['outcome']:<20}{row['parameter']:<26}"
        if sobol:
            lines.append(start + f"{row['S1']:>8.3f}{row['S1_conf']:>7.3f}"
                                 f"{row['ST']:>8.3f}{row['ST_conf']:>7.3f}")
        else:
            lines.append(start + f"{row['mu_star']:>8.3f}{row['mu_star_conf']:>7.3f}"
                                 f"{row['sigma']:>8.3f}")
    return "\n".join(lines)
