"""Argument types and options shared by several subcommands (not a subcommand itself)."""

import argparse

from korea1950.ensemble import BLOCK, Execution, default_workers


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def seed_int(text: str) -> int:
    """argparse type: an integer >= 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def add_run_options(parser: argparse.ArgumentParser, replicates: int) -> None:
    """--replicates, --seed and --workers, with the given default replicate count."""
    parser.add_argument("--replicates", type=positive_int, default=replicates,
                        help=f"number of simulated worlds (default {replicates:,})")
    parser.add_argument("--seed", type=seed_int, default=1,
                        help="random seed; the same seed gives identical results (default 1)")
    parser.add_argument("--workers", type=positive_int, default=None,
                        help=f"worker processes (default: all cores, here {default_workers()})")
    parser.add_argument("--chunk-size", type=positive_int, default=None,
                        help=f"worlds per unit of work, rounded up to whole blocks of {BLOCK:,} "
                             "(results do not depend on it)")
    parser.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT",
                        help="run on a Dask cluster (needs korea1950[distributed])")


def execution_from(args: argparse.Namespace) -> Execution:
    """The execution settings given on the command line."""
    return Execution(args.workers, args.chunk_size, args.scheduler)
