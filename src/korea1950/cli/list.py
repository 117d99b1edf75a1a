"""`korea1950 list`: the bundled scenarios and readings, with their titles."""

import argparse

from korea1950.inputs.readings import bundled_reading_names, load_reading
from korea1950.inputs.scenarios import bundled_scenario_names, load_scenario

COMMAND = "list"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `list` subcommand."""
    parser = subparsers.add_parser("list", help="list bundled scenarios and readings",
                                   description="List the bundled scenarios and readings.")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the scenarios and readings."""
    print("Scenarios:")
    for name in bundled_scenario_names():
        scenario = load_scenario(name)
        print(f"  {name:<24}{scenario.title} (from {scenario.date})")
    print("\nReadings of Stalin's intent:")
    for name in bundled_reading_names():
        print(f"  {name:<24}{load_reading(name).title}")
    return 0
