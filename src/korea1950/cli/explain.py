"""`korea1950 explain SCENARIO`: the month-by-month story of one simulated world."""

import argparse

from korea1950.cli.common import reading_help, seed_int
from korea1950.teaching.story import tell

COMMAND = "explain"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `explain` subcommand."""
    parser = subparsers.add_parser(
        "explain", help="tell the story of one simulated world, month by month",
        description="Simulate one world and tell its story: each decision when it is news, "
                    "what the actor weighed (in words), the evidence (with quotes) each rule "
                    "rests on; months in which nothing changes are told in one line, and a "
                    "summary closes the story: what happened, when, and which rules decided it.")
    parser.add_argument("scenario", help="scenario name or path")
    parser.add_argument("--reading", default="stueck", help=reading_help())
    parser.add_argument("--seed", type=seed_int, default=1, help="which world (default 1)")
    parser.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the story."""
    print(tell(args.scenario, args.reading, args.seed, args.format), end="")
    return 0
