"""`korea1950 weigh`: the readings against the record - Bayes factor, discrimination, shares."""

import argparse
import json
import textwrap

from korea1950.analysis.weigh import CALIBRATION_WORLDS, ROBUSTNESS_WORLDS, run_weigh
from korea1950.analysis.weigh.discrimination import default_band_parameter
from korea1950.analysis.weigh.posterior import posterior_cells
from korea1950.analysis.weigh.responsibility import ACTOR_LABELS
from korea1950.cli.common import (
    add_out_options,
    add_run_options,
    evaluator_from,
    output_folder,
    positive_int,
)
from korea1950.inputs.events import EVENTS
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.reporting.weigh_plots import write_figures

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
    parser.add_argument("--robustness-replicates", type=positive_int, default=None, metavar="N",
                        help="worlds per member of the prior family (each re-runs only the "
                             "readings it changes; default: --replicates, at most "
                             f"{ROBUSTNESS_WORLDS:,})")
    parser.add_argument("--calibration-replicates", type=positive_int,
                        default=CALIBRATION_WORLDS, metavar="N",
                        help="worlds per reading in the independent run that judges simulated "
                             f"records (default {CALIBRATION_WORLDS:,})")
    parser.add_argument("--band-parameter", default=None,
                        choices=sorted(STALIN_MOTIVE_PARAMETERS), metavar="PARAMETER",
                        help="Stalin parameter fixed on a grid to find where the readings' "
                             f"decisions differ (default {default_band_parameter()})")
    parser.add_argument("--band-decision", default="stalin_approves", choices=sorted(EVENTS),
                        metavar="EVENT", help="the decision compared on that grid "
                                              "(default stalin_approves)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_out_options(parser, None, "also write weigh.json and figures (PNG, SVG) to this folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Weigh, write the folder if asked, and print."""
    readings = [item.strip() for item in args.readings.split(",") if item.strip()]
    folder = output_folder(args)
    with evaluator_from(args) as evaluator:  # one pool for the weighing and the band
        result = run_weigh(readings, args.replicates, args.seed, evaluator,
                           band_parameter=args.band_parameter, band_decision=args.band_decision,
                           robustness_replicates=args.robustness_replicates,
                           calibration_replicates=args.calibration_replicates)
    if folder:
        with folder.staging() as staging:
            (staging / "weigh.json").write_text(json.dumps(result, indent=1))
            write_figures(result, staging / "figures")
    print(json.dumps(result, indent=1) if args.json else summary_text(result))
    return 0


WIDTH = 100
"""Column at which the opening sentences wrap."""
SHOWN_PRIORS = 6
"""How many of the priors that move the verdict most the text lists."""


def summary_text(result: dict) -> str:
    """A readable account: what the record can and cannot decide first, then the numbers."""
    lines = ["What the record can and cannot decide:"]
    for sentence in result["verdict"]:
        lines += textwrap.wrap(sentence, WIDTH, initial_indent="- ", subsequent_indent="  ")
    lines += ["", *textwrap.wrap(result["caveat"], WIDTH), "",
              f"{result['replicates']:,} worlds per run, seed {result['seed']}; "
              f"{result['robustness']['replicates']:,} per member of the prior family; "
              f"{sum(result['calibration']['judging_worlds'].values()):,} judging worlds "
              "in all", "", "log P(record | reading):"]
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
        lines += _robustness_lines(result["robustness"])
        lines += _calibration_lines(result["calibration"])
    lines += _predictive_lines(result["predictive"])
    if result["bayes_factors"]:
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
    lines += _posterior_lines(result["posterior"])
    lines += [f"\nwarning: {w}" for w in result["warnings"]]
    return "\n".join(lines)


def _robustness_lines(robust: dict) -> list[str]:
    """Each pair's range over the prior family and the priors that move it most."""
    lines = []
    for pair in robust["pairs"]:
        lines += [f"\nover the prior family ({pair['a']}/{pair['b']}): log BF from "
                  f"{pair['log_bf_min']:+.3f} to {pair['log_bf_max']:+.3f} (as cited "
                  f"{pair['log_bf_as_cited']:+.3f}); the sign "
                  f"{'holds' if pair['sign_holds'] else 'does not hold'}",
                  "  priors that move it most (largest shift of each, +- its noise):"]
        for item in pair["by_prior"][:SHOWN_PRIORS]:
            cell = next(c for c in pair["table"] if c["variant"] == item["variant"])
            lines.append(f"    {item['variant']:<48}{cell['log_bf']:+8.3f}  shift "
                         f"{cell['shift']:+.3f} +- {cell['shift_se']:.3f}")
    if robust["skipped"]:
        lines += textwrap.wrap(f"left as cited: {robust['skipped_text']}", WIDTH,
                               initial_indent="  ", subsequent_indent="    ")
    return lines


def _calibration_lines(calibration: dict) -> list[str]:
    """The confusion matrix: rows made the records, columns were named."""
    confusion = calibration["confusion"]
    labels = confusion["labels"]
    width = max(10, *(len(label) + 2 for label in labels))
    lines = ["\non simulated records (rows: the reading that made them; columns: the reading "
             "named; then the share not worth more than a bare mention, and the median log BF "
             "of the named reading over the runner-up):",
             " " * (width + 2) + "".join(f"{label:>{width}}" for label in labels)
             + f"{'undecided':>{width}}{'median':>{width}}"]
    for label, row in zip(labels, confusion["matrix"], strict=True):
        margin = calibration["median_margin"][label]
        lines.append(f"  {label:<{width}}" + "".join(f"{value:>{width}.3f}" for value in row)
                     + f"{calibration['undecided'][label]:>{width}.3f}"
                     + (f"{margin:>{width}.2f}" if margin is not None else f"{'-':>{width}}"))
    return lines


def _predictive_lines(check: dict) -> list[str]:
    """Tail probability of the record and facts matched, per reading."""
    lines = [f"\nposterior predictive check ({check['verdict']}):"]
    for name, cell in check["readings"].items():
        matched = cell["facts_matched"]
        lines.append(f"  {name:<12}P(log p(X) <= log p(record)) = {cell['tail_probability']:.3f}"
                     f"  ({cell['verdict']}); facts matched: mean {matched['mean']:.1f} of "
                     f"{cell['facts']}, P(all {matched['actual']}) = "
                     f"{matched['p_at_least_actual']:.3f}")
    return lines


def _posterior_lines(posterior: dict) -> list[str]:
    """Prior mean, posterior mean, 90% interval and shift of each parameter."""
    lines = ["\nStalin's goals and beliefs given the record (prior mean, posterior mean, 90% "
             "interval, shift):"]
    for reading, parameter, prior, mean, interval, shift in posterior_cells(posterior):
        lines.append(f"  {reading:<12}{parameter:<32}{prior:>7}  {mean:>6}  {interval}  "
                     f"{shift}".rstrip())
    return lines


def _percent(fraction: float | None) -> str:
    return "n/a" if fraction is None else f"{100 * fraction:.0f}%"
