"""`korea1950 play --as stalin|kim|mao`: role-play in the terminal, ending with a debrief."""

import argparse
import sys

from korea1950.cli.common import actor_help, reading_help, seed_int
from korea1950.teaching.play import ACTORS, play

COMMAND = "play"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `play` subcommand."""
    parser = subparsers.add_parser(
        "play", help="role-play Stalin, Kim or Mao, then compare with the record",
        description="Take one actor's decisions in one simulated world (answers 1 or 2, or 3 "
                    "to hand the rest to the model, from the terminal, a pipe or a file); the "
                    "other actors follow their rules. "
                    "Ends with a debrief: for each choice, how likely each historian's Stalin "
                    "(or the model's Kim Il Sung or Mao) was to choose the same in that "
                    "situation, and what the record says.")
    parser.add_argument("--as", dest="actor", choices=ACTORS, required=True,
                        help=actor_help(ACTORS))
    parser.add_argument("--reading", default="stueck", help=reading_help())
    parser.add_argument("--scenario", default="baseline", help="scenario name or path")
    parser.add_argument("--seed", type=seed_int, default=1)
    parser.set_defaults(handler=handle)


def read_line() -> str | None:
    """One line of standard input, or None at its end."""
    line = sys.stdin.readline()
    return line if line else None


def handle(args: argparse.Namespace) -> int:
    """Play the game."""
    play(args.actor, args.reading, args.scenario, args.seed, read=read_line,
         write=lambda text: print(text, flush=True))
    return 0
