"""Entry point of the `korea1950` command.

Why a wrapper around argparse: every bad input - an unknown option, a
malformed scenario, a reading that does not exist - must end with exit code 2
and exactly one line on stderr, never a traceback.
"""

import argparse
import sys

from korea1950 import __version__
from korea1950.cli import run
from korea1950.errors import InputError

COMMANDS = [run]
"""Subcommand modules; each has ``register(subparsers)`` setting a ``handler``."""


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``korea1950: error: ...`` as one line and exit with 2."""
        sys.stderr.write(f"{self.prog}: error: {' '.join(message.split())}\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full command-line parser with every subcommand."""
    parser = OneLineParser(
        prog="korea1950",
        description="A counterfactual decision simulator of how the Korean War began.")
    parser.add_argument("--version", action="version", version=f"korea1950 {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=OneLineParser)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except InputError as error:
        sys.stderr.write(f"korea1950: error: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("korea1950: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
