"""`korea1950 list`: the bundled scenarios and readings, with their titles."""

import argparse

from korea1950.inputs.calendar import month_index, month_name
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
    print("Scenarios (the name to type, the what-if, and the month it departs from history; "
          "the model opens in September 1949):")
    for name in bundled_scenario_names():
        scenario = load_scenario(name)
        departs = ("" if not scenario.levers.changed() and not scenario.parameters
                   else f" (departs {departure(scenario.date)})")
        print(f"  {name:<24}{scenario.title}{departs}")
    print("\nReadings of Stalin's intent:")
    for name in bundled_reading_names():
        print(f"  {name:<24}{load_reading(name).title}")
    return 0


def departure(date: str) -> str:
    """A scenario's date ("1950-06") as a reader says it ("in June 1950")."""
    return f"in {month_name(month_index(date))}"
