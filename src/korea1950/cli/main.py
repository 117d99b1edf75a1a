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


def command_modules(only: str | None = None) -> list:
    """Every module of ``korea1950.cli`` with a ``register(subparsers)`` function; with
    ``only``, just the module of that command if there is one (a module is named as its
    command, ``COMMAND``).

    Why discovery: each subcommand lives in its own module and adding one
    touches no shared list. Why ``only``: the modules of ``study``, ``weigh``,
    ``sensitivity`` and ``compare`` load matplotlib, SciPy's statistics and
    SALib, about a second that ``explain``, ``play`` or ``run`` would pay on
    every call for nothing.
    """
    names = [info.name for info in pkgutil.iter_modules(korea1950.cli.__path__)]
    if only in names:
        module = importlib.import_module(f"korea1950.cli.{only}")
        if getattr(module, "COMMAND", None) == only and callable(getattr(module, "register",
                                                                          None)):
            return [module]
    found = []
    for name in names:
        module = importlib.import_module(f"korea1950.cli.{name}")
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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser: every subcommand, or with ``only`` just that one (when
    the command line names it: ``invoked``)."""
    parser = OneLineParser(
        prog="korea1950",
        description="A counterfactual decision simulator of how the Korean War began.")
    parser.add_argument("--version", action="version", version=f"korea1950 {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=OneLineParser)
    for command in command_modules(only):
        command.register(subparsers)
    return parser


def invoked(argv: list[str]) -> str | None:
    """The subcommand the command line names first, or None (an option comes first, such
    as ``--help``, or nothing is given): then the full parser answers, listing every
    command (or reporting a misspelt one with the list)."""
    first = argv[0] if argv and not argv[0].startswith("-") else None
    return first if first is not None and first.isidentifier() else None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        # the parser imports the command's module (numpy, Mesa: about a second), so a
        # Ctrl-C in that second is an interruption like any other, not a traceback
        parser = build_parser(invoked(argv))
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return 2
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
