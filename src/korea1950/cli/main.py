"""Entry point of the `korea1950` command.

Why a wrapper around argparse: every bad input - an unknown option, a
malformed scenario, a reading that does not exist - must end with exit code 2
and exactly one line on stderr, never a traceback.
"""

import argparse
import importlib
import pkgutil
import sys

import korea1950.cli
from korea1950 import __version__
from korea1950.inputs.errors import MAX_LINE, PREFIX, InputError, one_line

COMMAND_ORDER = ("run", "list", "compare", "study", "weigh", "explain", "sensitivity", "play",
                 "app", "notebooks")
"""Order of subcommands in the help; modules not listed follow alphabetically."""


def command_modules() -> list:
    """Every module of ``korea1950.cli`` with a ``register(subparsers)`` function.

    Why discovery: each subcommand lives in its own module and adding one
    touches no shared list.
    """
    found = []
    for info in pkgutil.iter_modules(korea1950.cli.__path__):
        module = importlib.import_module(f"korea1950.cli.{info.name}")
        if callable(getattr(module, "register", None)):
            found.append(module)
    rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
    return sorted(found, key=lambda m: (rank.get(getattr(m, "COMMAND", ""), 99),
                                        m.__name__))


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print ``korea1950: error: ...`` as one line (at most ``MAX_LINE``) and exit with 2."""
        sys.stderr.write(one_line(f"{self.prog}: error: {message}", MAX_LINE) + "\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full command-line parser with every subcommand."""
    parser = OneLineParser(
        prog="korea1950",
        description="A counterfactual decision simulator of how the Korean War began.")
    parser.add_argument("--version", action="version", version=f"korea1950 {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=OneLineParser)
    for command in command_modules():
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
        sys.stderr.write(f"{PREFIX}{error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("korea1950: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        # Results folders turn their own I/O errors into InputError; this catches the
        # rest (a full disk under a redirected stdout, a file vanishing mid-run).
        where = f"{error.filename}: " if error.filename else ""
        sys.stderr.write(one_line(f"{PREFIX}{where}{error.strerror or error}", MAX_LINE) + "\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
