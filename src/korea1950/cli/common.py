"""Argument types and options shared by several subcommands (not a subcommand itself).

Why types here: a bad value on the command line is refused by argparse with
one line before any work starts; the limits are the library's own
(``blocks.MAX_WORLDS``, ``evaluators.MAX_WORKERS``), so the two cannot drift.
"""

import argparse
from collections.abc import Callable
from pathlib import Path

from korea1950.inputs.errors import InputError, shown
from korea1950.inputs.labels import ACTOR_NAMES, READING_HISTORIANS
from korea1950.reporting.atomic import OutputFolder
from korea1950.running.blocks import BLOCK, MAX_WORLDS
from korea1950.running.distributed import check_scheduler
from korea1950.running.evaluators import MAX_WORKERS, Evaluator, default_workers, evaluator_for

MAX_INTEGER_TEXT = 30
"""Longest text parsed as an integer: far beyond any count a user means, and converting a
huge string of digits costs time for nothing."""


def reading_help(default: str = "stueck") -> str:
    """The ``--reading`` help: each bundled reading by its historian, so that ``kim`` is not
    taken for Kim Il Sung."""
    bundled = ", ".join(f"{name} ({historian})" for name, historian in READING_HISTORIANS.items())
    return (f"whose reading of Stalin's intent: {bundled}, or a reading file's path "
            f"(default {default})")


def actor_help(actors: tuple[str, ...]) -> str:
    """The ``--as`` help: each actor by name, so that ``kim`` is not taken for Donggil Kim."""
    return "the actor you decide for: " + ", ".join(
        f"{name} ({ACTOR_NAMES[name]})" for name in actors)


def bounded_int(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high`` (no upper bound if None).

    Why the digit limit is stated only for text too long: without ``high`` it is
    the only upper bound there is, and a user refused a 31-digit seed must learn
    it; with ``high`` the bound already said is the tighter one, and for ``abc``
    the limit is beside the point.
    """
    wanted = {0: "a non-negative integer", 1: "a positive integer"}.get(low, f"an integer >= {low}")
    if high is not None:
        wanted += f" up to {high:,}"

    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= MAX_INTEGER_TEXT else None
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            limit = (f" of at most {MAX_INTEGER_TEXT} digits"
                     if high is None and len(text) > MAX_INTEGER_TEXT else "")
            raise argparse.ArgumentTypeError(f"expected {wanted}{limit}, got {shown(text, 40)}")
        return value

    parse.__name__ = "integer"
    return parse


positive_int = bounded_int(1)
"""argparse type: an integer >= 1."""

seed_int = bounded_int(0)
"""argparse type: an integer >= 0."""

replicates_int = bounded_int(1, MAX_WORLDS)
"""argparse type: a number of worlds per run, at most ``MAX_WORLDS``."""


def scheduler_address(text: str) -> str:
    """argparse type: a Dask scheduler address tcp://HOST:PORT."""
    try:
        return check_scheduler(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error).split(": ", 1)[-1]) from None


def add_run_options(parser: argparse.ArgumentParser, replicates: int | None,
                    chunks: bool = True) -> None:
    """--replicates, --seed, --workers, --chunk-size and --scheduler, with the given default
    replicate count (None: no --replicates, for a command whose number of worlds is set
    otherwise; ``chunks=False``: no --chunk-size, for a command whose unit of work is fixed,
    which then sets ``chunk_size`` itself, as None)."""
    if replicates is not None:
        parser.add_argument("--replicates", type=replicates_int, default=replicates,
                            help=f"number of simulated worlds (default {replicates:,}; "
                                 f"at most {MAX_WORLDS:,})")
    parser.add_argument("--seed", type=seed_int, default=1,
                        help="random seed; the same seed gives identical results (default 1)")
    parser.add_argument("--workers", type=bounded_int(1, MAX_WORKERS), default=None,
                        help=f"worker processes (default: all cores, here {default_workers()})")
    if chunks:
        parser.add_argument("--chunk-size", type=replicates_int, default=None,
                            help=f"worlds per unit of work, rounded up to whole blocks of "
                                 f"{BLOCK:,} (results do not depend on it)")
    parser.add_argument("--scheduler", type=scheduler_address, default=None,
                        metavar="tcp://HOST:PORT",
                        help="run on a Dask cluster (needs korea1950[distributed])")


def evaluator_from(args: argparse.Namespace) -> Evaluator:
    """The evaluator --workers, --chunk-size and --scheduler ask for (default: every core).

    A command enters it (``with``) around all its runs, so they share one pool
    of workers or one Dask client.
    """
    return evaluator_for(args.workers, args.chunk_size, args.scheduler)


def add_out_options(parser: argparse.ArgumentParser, default: Path | None, what: str) -> None:
    """--out FOLDER and --force, with the folder rule in the help."""
    where = f"default ./{default}" if default else "not written unless given"
    parser.add_argument("--out", type=Path, default=default,
                        help=f"{what} ({where}); an existing folder is replaced only if "
                             "korea1950 wrote it and it holds nothing else")
    parser.add_argument("--force", action="store_true",
                        help="replace files korea1950 wrote into --out even if they were "
                             "changed since (never files it did not write)")


def comma_list(what: str, option: str,
               check: Callable[[list[str]], object] | None = None) -> Callable[[str], str]:
    """An argparse type: one or more comma-separated ``what``, none of them empty, each
    passed to ``check`` (which raises ``InputError`` for a bad one); the items are returned
    stripped and rejoined, as text (``listed`` splits them again).

    Why refuse an empty list: leaving ``option`` out gives the command's default, but
    ``--readings ""`` (an unset shell variable, say) names none, and quietly running
    the default instead would answer a question nobody asked. Why refuse an empty
    item (``kim,,stueck``, ``kim,``): it is a slip - a name left out or a variable
    unset - and dropping it silently runs fewer items than were meant. Why text and
    not a list: the manifest rebuilds the command from the parsed arguments, where a
    list reads as positional words. Why ``check`` here: a bad name is refused by
    argparse in one line before any work starts (a pool of workers, a results folder),
    by the same check the library applies.
    """
    def parse(text: str) -> str:
        items = [item.strip() for item in text.split(",")]
        if not any(items):
            raise argparse.ArgumentTypeError(
                f"expected one or more comma-separated {what}, got {shown(text, 40)} "
                f"(leave {option} out for the default)")
        if "" in items:
            raise argparse.ArgumentTypeError(
                f"expected comma-separated {what}, got {shown(text, 40)}: item "
                f"{items.index('') + 1} is empty (a doubled or trailing comma?)")
        if check is not None:
            try:
                check(items)
            except InputError as error:
                raise argparse.ArgumentTypeError(str(error)) from None
        return ",".join(items)

    parse.__name__ = "list"
    return parse


reading_list = comma_list("reading names or paths", "--readings")
"""argparse type: ``--readings``, its names or paths checked as ``comma_list`` says (each
reading is loaded, and refused if unknown, when the command runs)."""


def listed(text: str | None) -> list[str] | None:
    """The items a ``comma_list`` option names, in order (None if it was left out)."""
    return None if text is None else [item.strip() for item in text.split(",") if item.strip()]


def add_readings_option(parser: argparse.ArgumentParser) -> None:
    """``--readings``: the readings a command runs under (default: every bundled one)."""
    parser.add_argument("--readings", default=None, type=reading_list,
                        help="comma-separated reading names or paths, e.g. "
                             "kim,stueck,my_reading.toml (default: every bundled reading, "
                             "see 'korea1950 list')")


def output_folder(args: argparse.Namespace) -> OutputFolder | None:
    """The checked --out folder (None without --out): refused now, before any work."""
    return OutputFolder(args.out, args.force) if args.out else None
