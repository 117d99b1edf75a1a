"""`korea1950 rules`: every actor's decision rules, with their evidence, levers and parameters."""

import argparse
import json

from korea1950.inputs.labels import first_upper
from korea1950.simulation.agents.rules import rule_table
from korea1950.teaching.story_summary import actor_label

COMMAND = "rules"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `rules` subcommand."""
    parser = subparsers.add_parser(
        "rules", help="list every decision rule with its sources",
        description="List every actor's decision rules, in the order they act within a "
                    "month: what each does, the evidence or assumption it rests on, the "
                    "scenario levers it obeys and the parameters it reads.")
    parser.add_argument("--json", action="store_true",
                        help="print the rules as a JSON list instead of text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the rule table as text or JSON.

    Each rule is headed in words ("Kim Il Sung grows impatient"), then by the
    name the code, the docs and ``--json`` give it, in brackets; the evidence
    ids, levers and parameters are listed as a scenario or reading file writes them.
    """
    rules = rule_table()
    if args.json:
        print(json.dumps([r.as_dict() for r in rules], indent=2))
        return 0
    for r in rules:
        print(f"{first_upper(actor_label(r.actor))} {r.title}  [{r.actor}.{r.name}]")
        if r.evidence:
            print(f"    evidence:   {', '.join(r.evidence)}")
        if r.assumption:
            print(f"    assumption: {r.assumption}")
        if r.all_levers:
            print(f"    levers:     {', '.join(r.all_levers)}")
        if r.reads:
            print(f"    parameters: {', '.join(r.reads)}")
    return 0
