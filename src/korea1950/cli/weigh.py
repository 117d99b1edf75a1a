"""`korea1950 weigh`: the readings against the record - Bayes factor, discrimination, shares.

The terminal shows plain text in the readers' words (``inputs/labels.py``):
readings by their historian ("Donggil Kim's reading"), actors by name, facts,
goals and beliefs by what they mean; no Markdown markup. ``--json`` keeps the
identifiers, for programs.
"""

import argparse
import json
import sys
import textwrap

from korea1950.analysis.compare import resolve
from korea1950.analysis.weigh import CALIBRATION_WORLDS, ROBUSTNESS_WORLDS, run_weigh
from korea1950.analysis.weigh.discrimination import default_band_parameter
from korea1950.analysis.weigh.posterior import posterior_cells
from korea1950.analysis.weigh.responsibility import ACTORS
from korea1950.cli.common import (
    add_out_options,
    add_run_options,
    evaluator_from,
    listed,
    output_folder,
    positive_int,
    reading_list,
)
from korea1950.inputs.events import EVENTS
from korea1950.inputs.labels import (
    abridged,
    actor_name,
    outcome_label,
    pair_label,
    parameter_words,
    prior_change,
    reading_label,
    unsigned_zero,
)
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.scenarios import scenario_title
from korea1950.reporting.manifest import Inputs, command_line, write_manifest
from korea1950.reporting.weigh_plots import write_figures
from korea1950.running.summary import Z95

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
    parser.add_argument("--readings", default="kim,stueck", type=reading_list,
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
                             f"decisions differ (default {default_band_parameter()}); one of "
                             f"{', '.join(sorted(STALIN_MOTIVE_PARAMETERS))}")
    parser.add_argument("--band-decision", default="stalin_approves", choices=sorted(EVENTS),
                        metavar="EVENT", help="the decision compared on that grid "
                                              "(default stalin_approves); one of "
                                              f"{', '.join(sorted(EVENTS))}")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_out_options(parser, None, "also write weigh.json and figures (PNG, SVG) to this folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Weigh, write the folder if asked, and print."""
    chosen = listed(args.readings) or []
    folder = output_folder(args)
    with evaluator_from(args) as evaluator:  # one pool for the weighing and the band
        result = run_weigh(chosen, args.replicates, args.seed, evaluator,
                           band_parameter=args.band_parameter, band_decision=args.band_decision,
                           robustness_replicates=args.robustness_replicates,
                           calibration_replicates=args.calibration_replicates)
    if folder:
        with folder.staging() as staging:
            (staging / "weigh.json").write_text(json.dumps(result, indent=1))
            write_figures(result, staging / "figures")
            scenarios, loaded = resolve(None, chosen)
            write_manifest(Inputs(args.seed, args.replicates, scenarios, loaded),
                           evaluator, command_line(COMMAND, args), staging)
    print(json.dumps(result, indent=1) if args.json else summary_text(result))
    if folder:  # beside JSON on standard output, the note goes to standard error
        print(f"\nwrote {args.out}/weigh.json, {args.out}/figures and {args.out}/manifest.json",
              file=sys.stderr if args.json else sys.stdout)
    return 0


WIDTH = 100
"""Column at which the opening sentences wrap."""
SHOWN_PRIORS = 6
"""How many of the priors that move the verdict most the text lists."""


def summary_text(result: dict) -> str:
    """A readable account: what the record can and cannot decide first, then the numbers."""
    lines = ["What the record can and cannot decide:"]
    for sentence in result["verdict"]:
        lines += textwrap.wrap(sentence, WIDTH, initial_indent="- ",
                               subsequent_indent="  ")
    lines += ["", *textwrap.wrap(result["caveat"], WIDTH), "",
              f"{result['replicates']:,} worlds per run, seed {result['seed']}"
              + (f"; {result['robustness']['replicates']:,} per member of the prior family; "
                 f"{sum(result['calibration']['judging_worlds'].values()):,} judging worlds "
                 "in all" if result["bayes_factors"] else " (one reading: nothing to weigh "
                 "it against, so no prior family and no judging worlds)"),
              "", "log P(record | reading), 95% interval:"]
    for name, cell in result["readings"].items():
        lines.append(f"  {reading_label(name):<{NAME_WIDTH}}{cell['log_p_record']:8.3f}  "
                     f"[{cell['log_p_record_ci'][0]:.3f}, {cell['log_p_record_ci'][1]:.3f}]"
                     f"   ({cell['matching_worlds']:,} matching worlds)")
    for factor in result["bayes_factors"]:
        low, high = factor["ci"]
        lines.append(f"\nlog Bayes factor, {reading_label(factor['a'])} over "
                     f"{reading_label(factor['b'])}: {factor['log_bf']:+.3f}  (95% interval "
                     f"{low:+.3f} to {high:+.3f}; Bayes factor {factor['bayes_factor']:.3g}: "
                     f"{factor['strength']})")
    for factor in result["bayes_factors"]:
        lines += _fact_lines(result["contributions"], factor["a"], factor["b"])
    if result["bayes_factors"]:
        lines += _robustness_lines(result["robustness"])
        lines += _calibration_lines(result["calibration"])
    lines += _predictive_lines(result["predictive"])
    if result["bayes_factors"]:
        lines.append("\nwhat-ifs that best tell the readings apart (Jensen-Shannon divergence, "
                     "bits, 95% interval):")
        for row in result["discrimination"][:6]:
            lines.append(f"  {_cut(scenario_title(row['scenario']), FACT_WIDTH):<{FACT_WIDTH}}"
                         f"{row['divergence']:.3f}  [{row['ci'][0]:.3f}, {row['ci'][1]:.3f}]"
                         + ("" if len(result["bayes_factors"]) == 1 else
                            f"  ({pair_label(*row['readings'])})"))
    band = result.get("decision_band")
    for pair in (band or {}).get("pairs", []):
        where = (f"between {pair['band'][0]} and {pair['band'][1]}" if pair["band"]
                 else "nowhere on the grid")
        lines += ["", *textwrap.wrap(
            f"{reading_label(pair['a'])} and {reading_label(pair['b'])} differ on "
            f"\"{outcome_label(band['decision'])}\" (by more than two standard errors) when "
            f"\"{parameter_words(band['parameter'])}\" is fixed {where}.",
            WIDTH)]
    lines += _shapley_lines(result["responsibility"])
    lines += _posterior_lines(result["posterior"])
    lines += [f"\nwarning: {w}" for w in result["warnings"]]
    return "\n".join(lines)


NAME_WIDTH = 28
"""Column of a reading's label ("William Stueck's reading" and a margin)."""
FACT_WIDTH = 64
"""Column of a fact's description or a scenario's title (longer ones are cut)."""
CONFUSION_WIDTH = 16
"""Narrowest column of the confusion matrix: a share with its interval ("0.416 ± 0.011")."""
ACTOR_WIDTH = NAME_WIDTH - 2
"""Column of an actor's name in the Shapley shares, indented under its reading, so the shares
line up with the other tables' figures."""


def _variant_words(item: dict) -> str:
    """One member of the prior family in words: whose prior, which, moved how."""
    change = prior_change(item["variant"].rsplit(":", 1)[-1], item.get("sourced"))
    who = ("both readings" if item["readings"] == "shared"
           else ", ".join(reading_label(name) for name in item["readings"]))
    return f"{who}: {parameter_words(item['parameter'])}, {change}"


def _cut(text: str, width: int) -> str:
    """Text that fits a column of ``width`` with a space after it (``abridged``)."""
    return abridged(text, width - 1)


def _fact_lines(contributions: dict, a: str, b: str) -> list[str]:
    """Each fact's share of the log Bayes factor of reading a over reading b, with its
    95% interval: one table per pair, since a fact can speak for a over b and against
    a over c."""
    pair = f"{a}/{b}"
    lines = [f"\nfact by fact ({pair_label(a, b)}; log ratio of P(fact | earlier facts), "
             "95% interval):"]
    for cell in contributions.values():
        low, high = cell[pair]["ci"]
        lines.append(f"  {_cut(cell['description'], FACT_WIDTH):<{FACT_WIDTH}}"
                     f"{cell[pair]['log_ratio']:+8.3f}  [{low:+.3f}, {high:+.3f}]")
    return lines


def _shapley_lines(responsibility: dict) -> list[str]:
    """Each actor's Shapley share of P(war) per reading, with its 95% bootstrap interval and
    its fraction of the whole effect: one row per actor, so the intervals fit the width."""
    lines = ["\nShapley shares of P(war) (share, 95% interval, fraction of the whole effect):"]
    for name, shares in responsibility.items():
        lines.append(f"  {reading_label(name)}: P(war) {shares['p_war_all']:.3f}")
        for actor in [actor for actor in ACTORS if actor in shares]:
            cell = shares[actor]
            low, high = (unsigned_zero(end, ".3f") for end in cell["ci"])
            lines.append(f"    {actor_name(actor):<{ACTOR_WIDTH}}"
                         f"{unsigned_zero(cell['share'], '.3f'):>6}  [{low}, {high}]  "
                         f"({_percent(cell['fraction'])})")
    return lines


def _robustness_lines(robust: dict) -> list[str]:
    """Each pair's range over the prior family and the priors that move it most."""
    lines = []
    for pair in robust["pairs"]:
        lines += [f"\nover the prior family ({pair_label(pair['a'], pair['b'])}): log Bayes "
                  f"factor from {pair['log_bf_min']:+.3f} to {pair['log_bf_max']:+.3f} (as "
                  f"cited {pair['log_bf_as_cited']:+.3f}: the family's own run of "
                  f"{robust['replicates']:,} worlds, hence not the headline's figure); the sign "
                  f"{'holds' if pair['sign_holds'] else 'does not hold'}",
                  "  priors that move it most (log Bayes factor; largest shift of each, "
                  "± its 95% sampling noise):"]
        for item in pair["by_prior"][:SHOWN_PRIORS]:
            cell = next(c for c in pair["table"] if c["variant"] == item["variant"])
            lines += textwrap.wrap(f"{cell['log_bf']:+.3f}, shift {cell['shift']:+.3f} ± "
                                   f"{Z95 * cell['shift_se']:.3f}: {_variant_words(item)}", WIDTH,
                                   initial_indent="    ", subsequent_indent="      ")
    if robust["skipped"]:
        lines += textwrap.wrap(f"left as cited: {robust['skipped_text']}", WIDTH,
                               initial_indent="  ", subsequent_indent="    ")
    return lines


def _calibration_lines(calibration: dict) -> list[str]:
    """The confusion matrix: rows made the records, columns were named."""
    confusion = calibration["confusion"]
    labels = [reading_label(name) for name in confusion["labels"]]
    width = max(CONFUSION_WIDTH, *(len(label) + 2 for label in labels))
    lines = ["\non simulated records (rows: the reading that made them; columns: the reading "
             "named, ± its 95% interval; then the share not worth more than a bare mention, and "
             "the median log BF of the named reading over the runner-up):",
             " " * (width + 2) + "".join(f"{label:>{width}}" for label in labels)
             + f"{'undecided':>12}{'median':>10}"]
    for name, label, row, errors in zip(confusion["labels"], labels, confusion["matrix"],
                                        confusion["se"], strict=True):
        margin = calibration["median_margin"][name]
        lines.append(f"  {label:<{width}}"
                     + "".join(f"{f'{value:.3f} ± {Z95 * se:.3f}':>{width}}"
                               for value, se in zip(row, errors, strict=True))
                     + f"{calibration['undecided'][name]:>12.3f}"
                     + (f"{margin:>10.2f}" if margin is not None else f"{'-':>10}"))
    return lines


def _predictive_lines(check: dict) -> list[str]:
    """Tail probability of the record and facts matched, per reading."""
    lines = [f"\nposterior predictive check ({check['verdict']}):"]
    for name, cell in check["readings"].items():
        matched = cell["facts_matched"]
        lines.append(f"  {reading_label(name):<{NAME_WIDTH - 1}} P(log p(X) <= log p(record)) = "
                     f"{cell['tail_probability']:.3f} ({cell['verdict']}); facts matched: mean "
                     f"{matched['mean']:.1f} of {cell['facts']}, P(all {matched['actual']}) = "
                     f"{matched['p_at_least_actual']:.3f}")
    return lines


def _posterior_lines(posterior: dict) -> list[str]:
    """Prior mean, posterior mean, 90% interval and shift of each parameter."""
    lines = ["\nStalin's goals and beliefs given the record (prior mean, posterior mean, 90% "
             "interval, shift):"]
    current = None
    for reading, parameter, prior, mean, interval, shift in posterior_cells(posterior):
        if reading != current:
            current = reading
            lines.append(f"  under {reading_label(reading)}:")
        lines.append(f"    {_cut(parameter_words(parameter), FACT_WIDTH):<{FACT_WIDTH}}"
                     f"{prior:>7}  {mean:>6}  {interval}  {shift}".rstrip())
    return lines


def _percent(fraction: float | None) -> str:
    return "n/a" if fraction is None else f"{unsigned_zero(100 * fraction, '.0f')}%"
