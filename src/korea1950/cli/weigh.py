"""`korea1950 weigh`: the readings against the record - Bayes factor, discrimination, shares."""

import argparse
import json
from pathlib import Path

from korea1950.atomic import atomic_folder
from korea1950.cli.common import add_run_options, execution_from
from korea1950.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.weigh import run_weigh
from korea1950.weigh.plots import write_figures
from korea1950.weigh.responsibility import ACTOR_LABELS
from korea1950.world import EVENTS

COMMAND = "weigh"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `weigh` subcommand."""
    parser = subparsers.add_parser(
        "weigh", help="weigh readings of Stalin's intent against the record",
        description="Estimate the probability of the historical record under each reading, "
                    "the Bayes factors with bootstrap intervals and each fact's contribution, "
                    "the scenarios that would best tell the readings apart, and each actor's "
                    "Shapley share of the probability of war. Every figure is conditional on "
                    "the model and its assumptions.")
    parser.add_argument("--readings", default="kim,stueck",
                        help="comma-separated reading names or paths (default kim,stueck)")
    add_run_options(parser, replicates=20_000)
    parser.add_argument("--band-parameter", default="expects_us_intervention",
                        choices=sorted(STALIN_MOTIVE_PARAMETERS), metavar="PARAMETER",
                        help="Stalin parameter fixed on a grid to find where the readings' "
                             "decisions differ (default expects_us_intervention)")
    parser.add_argument("--band-decision", default="stalin_approves", choices=sorted(EVENTS),
                        metavar="EVENT", help="the decision compared on that grid "
                                              "(default stalin_approves)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--out", type=Path, default=None,
                        help="also write weigh.json and figures (PNG, SVG) to this folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Weigh, write the folder if asked, and print."""
    readings = [item.strip() for item in args.readings.split(",") if item.strip()]
    result = run_weigh(readings, args.replicates, args.seed, execution_from(args),
                       band_parameter=args.band_parameter, band_decision=args.band_decision)
    if args.out:
        with atomic_folder(args.out) as staging:
            (staging / "weigh.json").write_text(json.dumps(result, indent=1))
            write_figures(result, staging / "figures")
    print(json.dumps(result, indent=1) if args.json else summary_text(result))
    return 0


def summary_text(result: dict) -> str:
    """A readable account of the weighing."""
    lines = [result["caveat"], "", f"{result['replicates']:,} worlds per run, seed "
             f"{result['seed']}", "", "log P(record | reading):"]
    for name, cell in result["readings"].items():
        lines.append(f"  {name:<12}{cell['log_p_record']:8.3f}  [{cell['log_p_record_ci'][0]:.3f},"
                     f" {cell['log_p_record_ci'][1]:.3f}]   "
                     f"({cell['matching_worlds']:,} matching worlds)")
    for factor in result["bayes_factors"]:
        low, high = factor["ci"]
        lines.append(f"\nlog Bayes factor {factor['a']} / {factor['b']}: {factor['log_bf']:+.3f}"
                     f"  (95% CI {low:+.3f} to {high:+.3f}; Bayes factor "
                     f"{factor['bayes_factor']:.3g}: {factor['strength']})")
    if result["bayes_factors"]:
        pair = f"{result['bayes_factors'][0]['a']}/{result['bayes_factors'][0]['b']}"
        lines.append(f"\nfact by fact ({pair}, log ratio of P(fact | earlier facts)):")
        for fact_id, cell in result["contributions"].items():
            lines.append(f"  {fact_id:<34}{cell[pair]['log_ratio']:+8.3f}  "
                         f"[{cell[pair]['ci'][0]:+.3f}, {cell[pair]['ci'][1]:+.3f}]")
        lines.append("\nwhat-ifs that best tell the readings apart (Jensen-Shannon, bits):")
        for row in result["discrimination"][:6]:
            lines.append(f"  {row['scenario']:<24}{'/'.join(row['readings']):<16}"
                         f"{row['divergence']:.3f}  [{row['ci'][0]:.3f}, {row['ci'][1]:.3f}]")
    band = result.get("decision_band")
    for pair in (band or {}).get("pairs", []):
        where = (f"between {pair['band'][0]} and {pair['band'][1]}" if pair["band"]
                 else "nowhere on the grid")
        lines.append(f"\n{pair['a']} and {pair['b']}: Stalin's {band['decision']} differs (> 2 SE)"
                     f" when {band['parameter']} is fixed {where}")
    lines.append("\nShapley shares of P(war) (fraction of the whole effect):")
    for name, shares in result["responsibility"].items():
        cells = "  ".join(f"{label} {shares[actor]['share']:.3f} "
                          f"({_percent(shares[actor]['fraction'])})"
                          for actor, label in ACTOR_LABELS.items())
        lines.append(f"  {name:<12}{cells}   P(war) {shares['p_war_all']:.3f}")
    lines.append("\nStalin's parameters, prior mean -> mean given the record:")
    for name, parameters in result["posterior"].items():
        cells = ", ".join(f"{parameter} {cell['prior_mean']:.2f}->"
                          + ("n/a" if cell["posterior_mean"] is None
                             else f"{cell['posterior_mean']:.2f}")
                          for parameter, cell in parameters.items())
        lines.append(f"  {name}: {cells}")
    lines += [f"\nwarning: {w}" for w in result["warnings"]]
    return "\n".join(lines)


def _percent(fraction: float | None) -> str:
    return "n/a" if fraction is None else f"{100 * fraction:.0f}%"
