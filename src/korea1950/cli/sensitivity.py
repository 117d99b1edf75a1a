"""`korea1950 sensitivity`: which of Stalin's uncertain motives drive the outcomes (SALib)."""

import argparse
import json
import sys
from typing import Any

from korea1950.analysis.compare import to_csv
from korea1950.analysis.sensitivity import (
    CONVERGED_HALF_WIDTH,
    DEFAULT_OUTCOMES,
    DEFAULT_PER_POINT,
    DEFAULT_SAMPLES,
    METHODS,
    chance_phrase,
    check_outcomes,
    run_sensitivity,
    table_rows,
)
from korea1950.cli.common import (
    add_out_options,
    add_run_options,
    comma_list,
    evaluator_from,
    listed,
    output_folder,
    positive_int,
    reading_help,
)
from korea1950.inputs.labels import first_upper, outcome_label, parameter_label, reading_label
from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import load_scenario, scenario_title
from korea1950.reporting import sensitivity_plots
from korea1950.reporting.manifest import Inputs, command_line, write_manifest
from korea1950.reporting.study.numbers import counted
from korea1950.running.summary import OUTCOMES

COMMAND = "sensitivity"

WORLDS = ("The worlds simulated are set by --samples and --replicates-per-point: N base "
          "samples give N x (parameters + 2) sample points (Sobol; N x (parameters + 1) for "
          "Morris), and each point is simulated --replicates-per-point times.")
"""What sets the number of worlds, in the help and in the refusal of ``--replicates``."""


class Refuse(argparse.Action):
    """An option the other simulation commands take, refused here in one line with why.

    Why refused rather than left out: for ``--replicates``, argparse would otherwise
    read it as an abbreviation of ``--replicates-per-point``, and ``--replicates
    20000`` would silently mean 20,000 worlds at every one of thousands of points
    (the number of worlds is the number of points times the worlds at each, and the
    number of points is fixed by ``--samples`` and the reading's parameters). For
    ``--chunk-size``, accepted, it did nothing: the unit of work here is a block of
    points. Either way a user told "unrecognized arguments" would not learn why.
    """

    def __init__(self, option_strings: list[str], dest: str, why: str = "",
                 **kwargs: Any) -> None:
        super().__init__(option_strings, dest, **kwargs)
        self.why = why

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        parser.error(f"{option_string} is not an option of sensitivity: {self.why}")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sensitivity` subcommand."""
    parser = subparsers.add_parser(
        "sensitivity", help="global sensitivity of outcomes to the reading's parameters",
        description="Sobol or Morris sensitivity (SALib) of key outcomes to every parameter of "
                    "a reading, sampled through the reading's priors. Sobol indices are "
                    "shares of each outcome's variation across worlds, with what is left to "
                    "chance; each says whether it has converged (95% half-width at most "
                    f"{CONVERGED_HALF_WIDTH}). {WORLDS}")
    parser.add_argument("--reading", default="stueck", help=reading_help())
    parser.add_argument("--scenario", default="baseline", help="scenario name or path")
    parser.add_argument("--method", choices=METHODS, default="sobol")
    parser.add_argument("--samples", type=positive_int, default=DEFAULT_SAMPLES,
                        help=f"SALib base sample size N: N x (parameters + 2) sample points "
                             f"for Sobol, N x (parameters + 1) for Morris (default "
                             f"{DEFAULT_SAMPLES})")
    parser.add_argument("--outcomes", default=",".join(DEFAULT_OUTCOMES),
                        type=comma_list("outcome names", "--outcomes", check_outcomes),
                        help=f"comma-separated outcomes, any of: {', '.join(OUTCOMES)} "
                             f"(default: {', '.join(DEFAULT_OUTCOMES)})")
    parser.add_argument("--replicates-per-point", type=positive_int, default=DEFAULT_PER_POINT,
                        help=f"worlds simulated at each sample point (default "
                             f"{DEFAULT_PER_POINT})")
    add_run_options(parser, replicates=None, chunks=False)
    parser.add_argument("--replicates", action=Refuse, default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS,
                        why="it simulates --samples x (parameters + 2) points (Morris: + 1), "
                            "each --replicates-per-point times")
    parser.add_argument("--chunk-size", action=Refuse, default=None, help=argparse.SUPPRESS,
                        why="its unit of work is a block of sample points (the results do not "
                            "depend on it)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_out_options(parser, None, "also write sensitivity.csv/.json/.md and a figure to this "
                                  "folder")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the analysis and print the indices."""
    outcomes = tuple(listed(args.outcomes) or ())
    folder = output_folder(args)
    with evaluator_from(args) as evaluator:
        result = run_sensitivity(args.reading, args.scenario, args.method, args.samples,
                                 outcomes, args.replicates_per_point, args.seed, evaluator)
    # What a reader filters (CSV, JSON) has empty cells where an outcome has no indices.
    written = {**result, "indices": table_rows(result)}
    if folder:
        with folder.staging() as staging:
            (staging / "sensitivity.json").write_text(json.dumps(written, indent=1))
            (staging / "sensitivity.csv").write_text(to_csv(written["indices"]))
            (staging / "sensitivity.md").write_text(markdown(result))
            sensitivity_plots.plot_sensitivity(result["indices"], title_of(result),
                                               staging / "sensitivity",
                                               convergence=result.get("convergence"))
            write_manifest(Inputs(args.seed, args.replicates_per_point,
                                  [load_scenario(args.scenario)], [load_reading(args.reading)],
                                  {key: result[key] for key in MANIFEST_KEYS}),
                           evaluator, command_line(COMMAND, args), staging)
    print(json.dumps(written, indent=1) if args.json else table(result))
    if folder:  # beside JSON on standard output, the note goes to standard error
        print(f"\nwrote {args.out}/sensitivity.json, .csv, .md, .png and .svg, and "
              f"{args.out}/manifest.json", file=sys.stderr if args.json else sys.stdout)
    return 0


MANIFEST_KEYS = ("method", "samples", "points", "worlds")
"""What a sensitivity's manifest records beside the seed and the worlds per sample point."""


def title_of(result: dict) -> str:
    """A figure title naming what is shown, the reading (by its historian) and the scenario
    (by its own title: a reader does not know ``soviet_veto``)."""
    what = ("Which of Stalin's motives move each outcome" if result["method"] == "sobol"
            else "Which of Stalin's motives move each outcome (Morris screening)")
    scenario = result.get("scenario_title") or scenario_title(result["scenario"])
    return f"{what}: {scenario}, under {reading_label(result['reading'])}"


def shown(value: float, half: float) -> str:
    """An index for a reader: a negative estimate whose interval reaches zero is noise, and
    is shown as 0 with a note rather than as a share below nothing; one whose interval stays
    below zero is an artefact of too few samples (a share cannot be negative)."""
    if value < 0 <= value + half:
        return "0 (noise)"
    if value < 0:
        return "<0 (too few samples)"
    return f"{value:.3f}"


def _sobol_lines(result: dict) -> list[str]:
    """Convergence and chance first, then each outcome's indices, largest total first; those
    not converged are marked with an asterisk, and the key to it is printed only then."""
    lines = ["Convergence (an index has converged when its 95% interval is within "
             f"±{result['converged_half_width']}):"]
    lines += [f"  {summary['statement']}" for summary in result["convergence"]]
    flat = {s["outcome"] for s in result["convergence"] if s["flat"]}
    lines += ["", "Indices are shares of the outcome's variation across worlds; the rest is "
              "chance within the world:"]
    lines += [f"  {first_upper(outcome_label(s['outcome']))}: chance within the world "
              f"{chance_phrase(s)}" for s in result["convergence"] if not s["flat"]]
    rows = [r for r in result["indices"] if r["outcome"] not in flat]
    if not rows:
        return lines
    cells = {id(row): [f"{shown(row[key], row[f'{key}_conf'])} ±{row[f'{key}_conf']:.3f}"
                       + ("" if row[f"{key}_converged"] else "*") for key in ("S1", "ST")]
             for row in rows}
    outcome_width = max(len(outcome_label(r["outcome"])) for r in rows) + 2
    parameter_width = max(len(parameter_label(r["parameter"])) for r in rows) + 2
    cell_width = max(len(cell) for pair in cells.values() for cell in pair) + 2
    # The key only where a star is drawn: under a table without one it reads as a warning.
    starred = any(cell.endswith("*") for pair in cells.values() for cell in pair)
    lines += ["", *(["* = not converged.", ""] if starred else []),
              f"{'outcome':<{outcome_width}}{'parameter':<{parameter_width}}"
              f"{'first order':>{cell_width}}{'total':>{cell_width}}"]
    order = {name: i for i, name in enumerate(dict.fromkeys(r["outcome"] for r in rows))}
    for row in sorted(rows, key=lambda r: (order[r["outcome"]], -r["ST"])):
        first, total = cells[id(row)]
        lines.append(f"{first_upper(outcome_label(row['outcome'])):<{outcome_width}}"
                     f"{parameter_label(row['parameter']):<{parameter_width}}"
                     f"{first:>{cell_width}}{total:>{cell_width}}")
    return lines


def size_of(result: dict, point: str) -> str:
    """"5,632 points x 32 worlds = 180,224 worlds": what was simulated, each count in words
    that agree with it (``--replicates-per-point 1`` gives "1 world", not "1 worlds")."""
    worlds = result["points"] * result["replicates_per_point"]
    return (f"{counted(result['points'], point)} x "
            f"{counted(result['replicates_per_point'], 'world')} = {counted(worlds, 'world')}")


def table(result: dict) -> str:
    """Plain-text indices, with each outcome's convergence stated before them."""
    lines = [title_of(result), size_of(result, "point"), ""]
    if result["method"] == "sobol":
        return "\n".join(lines + _sobol_lines(result))
    lines.append(f"{'outcome':<38}{'parameter':<28}{'mu*':>8}{'±':>7}{'sigma':>8}")
    for row in result["indices"]:
        lines.append(f"{outcome_label(row['outcome']):<38}"
                     f"{parameter_label(row['parameter']):<28}"
                     f"{row['mu_star']:>8.3f}{row['mu_star_conf']:>7.3f}{row['sigma']:>8.3f}")
    return "\n".join(lines)


def markdown(result: dict) -> str:
    """The same as Markdown: the convergence statements, then one table per outcome."""
    parts = [f"# {title_of(result)}", "",
             f"{size_of(result, 'sample point')} "
             f"({counted(result['samples'], 'base sample')}, seed {result['seed']})."]
    if result["method"] != "sobol":
        parts += ["", "| outcome | parameter | mu* | ± | sigma |", "|---|---|---|---|---|"]
        parts += [f"| {outcome_label(r['outcome'])} | {parameter_label(r['parameter'])} | "
                  f"{r['mu_star']:.3f} | {r['mu_star_conf']:.3f} | {r['sigma']:.3f} |"
                  for r in result["indices"]]
        return "\n".join(parts) + "\n"
    parts += ["", "## Convergence", "",
              f"An index has converged when its 95% interval is within "
              f"±{result['converged_half_width']}. Indices are shares of the outcome's "
              "variation across worlds; what is left is chance within the world. A negative "
              "estimate whose interval reaches zero is noise and is shown as 0; one whose "
              "interval stays below zero comes from too few samples (a share cannot be "
              "negative).", ""]
    parts += [f"- {summary['statement']}" for summary in result["convergence"]]
    for summary in (s for s in result["convergence"] if not s["flat"]):
        rows = [r for r in result["indices"] if r["outcome"] == summary["outcome"]]
        parts += ["", f"## {outcome_label(summary['outcome'])}", "",
                  f"Happens in {summary['mean_share']:.1%} of worlds; chance within the world "
                  f"{chance_phrase(summary)}.", "",
                  "| parameter | first order | total | converged |", "|---|---|---|---|"]
        for row in sorted(rows, key=lambda r: -r["ST"]):
            settled = "yes" if row["S1_converged"] and row["ST_converged"] else "**no**"
            parts.append(f"| {parameter_label(row['parameter'])} | "
                         f"{shown(row['S1'], row['S1_conf'])} ± {row['S1_conf']:.3f} | "
                         f"{shown(row['ST'], row['ST_conf'])} ± {row['ST_conf']:.3f} | "
                         f"{settled} |")
    return "\n".join(parts) + "\n"
