"""Argument types and options shared by several subcommands (not a subcommand itself).

Why types here: a bad value on the command line is refused by argparse with
one line before any work starts; the limits are the library's own
(``blocks.MAX_WORLDS``, ``evaluators.MAX_WORKERS``), so the two cannot drift.
"""

import argparse
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


def bounded_int(low: int, high: int | None = None):
    """An argparse type: an integer from ``low`` to ``high`` (no upper bound if None)."""
    wanted = {0: "a non-negative integer", 1: "a positive integer"}.get(low, f"an integer >= {low}")
    if high is not None:
        wanted += f" up to {high:,}"

    def parse(text: str) -> int:
        try:
            value = int(text) if len(text) <= MAX_INTEGER_TEXT else None
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {shown(text, 40)}")
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


def reading_list(text: str) -> str:
    """``--readings`` checked: its names or paths, comma-separated; an empty list is refused.

    Why refuse: leaving the option out gives the command's default readings, but
    ``--readings ""`` (an unset shell variable, say) names none, and quietly running
    the default instead would answer a question nobody asked. Why text and not a
    list: the manifest rebuilds the command from the parsed arguments, where a list
    reads as positional words (``readings`` splits it).
    """
    names = readings(text)
    if not names:
        raise argparse.ArgumentTypeError(
            f"expected one or more comma-separated reading names or paths, got {text!r} "
            "(leave --readings out for the default)")
    return ",".join(names)


def readings(text: str | None) -> list[str] | None:
    """The readings a checked ``--readings`` names, in order (None if it was left out)."""
    return None if text is None else [item.strip() for item in text.split(",") if item.strip()]


def output_folder(args: argparse.Namespace) -> OutputFolder | None:
    """The checked --out folder (None without --out): refused now, before any work."""
    return OutputFolder(args.out, args.force) if args.out else None
