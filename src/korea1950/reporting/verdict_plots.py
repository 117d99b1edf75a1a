"""Figures of how far the verdict can be trusted: robustness over the prior family, the
confusion matrix on simulated records, and each reading's prior against its posterior.

Each takes part of the weighing's JSON-ready result (plain data) and writes PNG and SVG.
"""

from pathlib import Path

import numpy as np
from scipy import stats

from korea1950.analysis.weigh.likelihood import BARE_MENTION
from korea1950.inputs.labels import (
    READING_HISTORIANS,
    parameter_label,
    prior_change,
    reading_label,
)
from korea1950.reporting.plots import PALETTE, plt, reading_styles, save_figure, slide
from korea1950.running.summary import Z95

CHANGE_COLOURS = {"mean-low": PALETTE[0], "mean-high": PALETTE[0],
                  "concentration-half": PALETTE[1], "concentration-double": PALETTE[1],
                  None: "black"}
"""Markers by kind of change: means moved, concentrations changed, cited priors."""
SHOWN_VARIANTS = 40
"""Most members of the prior family drawn per pair: the cited priors, the joint variants,
then the single-prior variants that move the verdict most."""
PRIOR_GRID = 400
"""Points at which a prior's exact density is drawn."""

SHOWN_PARAMETERS = 8
"""Most panels the prior-versus-posterior figure draws: the parameters the readings disagree
on, then those the record moved most; the rest are named in its title."""
DARK_CELL = 0.6
"""Share above which a cell of the confusion matrix's blue scale is dark enough that its
number is printed in white to stay legible."""


def variant_label(row: dict) -> str:
    """A member of the prior family in words ("William Stueck: belief China would join, mean at
    the low end of its cited range"), instead of its identifier; a prior that cites no source
    says its range is assumed."""
    if row["change"] is None:
        return "every prior as cited"
    owner = row["id"].split(":")[0]
    who = {"all": "every reading", "shared": "shared prior"}.get(
        owner, READING_HISTORIANS.get(owner, owner))
    what = ("all contested priors" if owner not in ("all", "shared") else "all priors") \
        if row["parameter"] is None else parameter_label(row["parameter"])
    return f"{who}: {what}, {prior_change(row['change'], row.get('sourced'))}"


@slide
def plot_robustness(robust: dict, stem: Path) -> list[Path]:
    """Each pair's log Bayes factor under every member of the prior family (95% intervals)."""
    pairs = robust["pairs"]
    rows = {row["id"]: row for row in robust["variants"]}
    count = min(len(robust["variants"]), SHOWN_VARIANTS)
    height = 0.3 * count + 3.2
    figure, axes = plt.subplots(1, len(pairs), figsize=(11 * len(pairs), height),
                                squeeze=False)
    for ax, pair in zip(axes.flat, pairs, strict=True):
        table = sorted(_shown(pair["table"], rows), key=lambda cell: cell["log_bf"])
        y = np.arange(len(table))
        ax.axvspan(-BARE_MENTION, BARE_MENTION, color="0.93",
                   label="|log BF| < 1: not worth more than a bare mention")
        ax.axvline(0, color="black", linewidth=1.2)
        ax.axvline(pair["log_bf_as_cited"], color="grey", linestyle="--", linewidth=1,
                   label="priors as cited")
        styles: dict[tuple[str, str], list[int]] = {}
        for i, cell in enumerate(table):
            row = rows[cell["variant"]]
            joint = row["parameter"] is None and row["change"] is not None
            styles.setdefault(("s" if joint else "o", CHANGE_COLOURS[row["change"]]),
                              []).append(i)
        for (marker, colour), indices in styles.items():
            # One call per style: hundreds of separate error bars make the SVG slow to write.
            ax.errorbar([table[i]["log_bf"] for i in indices], indices,
                        xerr=[Z95 * table[i]["se"] for i in indices], fmt=marker, color=colour,
                        markersize=4, capsize=2, linewidth=0.8)
        ax.set_yticks(y, [variant_label(rows[cell["variant"]]) for cell in table])
        ax.set_xlabel(f"log Bayes factor (> 0 favours {reading_label(pair['a'])})")
        ax.set_ylabel("member of the prior family")
        shown = (f" ({len(table)} of the family's {len(pair['table'])} members drawn: those "
                 "that move it most)" if len(table) < len(pair["table"]) else "")
        ax.set_title(f"{reading_label(pair['a'])} vs {reading_label(pair['b'])}: from "
                     f"{pair['log_bf_min']:+.2f} to {pair['log_bf_max']:+.2f}\n{shown}")
    ax = axes.flat[0]
    ax.plot([], [], "o", color=PALETTE[0],
            label="a mean moved to an end of its range (cited, or assumed: no source)")
    ax.plot([], [], "o", color=PALETTE[1], label="a concentration halved or doubled")
    ax.plot([], [], "s", color="grey", label="many priors at once (joint)")
    figure.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=2, frameon=False)
    figure.suptitle("How far the verdict moves over the family of priors (whiskers: 95% "
                    "sampling intervals)")
    figure.tight_layout(rect=(0, 1.2 / height, 1, 1))
    return save_figure(figure, stem)


def _shown(table: list[dict], rows: dict) -> list[dict]:
    """The members drawn: cited and joint ones always, then the largest single shifts."""
    always = [cell for cell in table if rows[cell["variant"]]["parameter"] is None]
    singles = sorted((cell for cell in table if rows[cell["variant"]]["parameter"] is not None),
                     key=lambda cell: (-abs(cell["shift"]), cell["variant"]))
    return always + singles[:max(0, SHOWN_VARIANTS - len(always))]


@slide
def plot_confusion(calibration: dict, stem: Path) -> list[Path]:
    """Share of simulated records each reading is named for, by the reading that made them."""
    confusion = calibration["confusion"]
    labels, matrix = confusion["labels"], np.array(confusion["matrix"])
    size = 1.8 * len(labels) + 3.5
    figure, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, f"{value:.2f}", ha="center", va="center",
                color="white" if value > DARK_CELL else "black", fontsize=14)
    ax.set_xticks(range(len(labels)), [reading_label(label) for label in labels])
    ax.set_yticks(range(len(labels)),
                  [f"{reading_label(label)}\n({calibration['undecided'][label]:.0%} undecided)"
                   for label in labels])
    ax.set_xlabel("reading the weighing names")
    ax.set_ylabel("reading that made the simulated record")
    ax.set_title(f"Which reading the weighing names for simulated records\nnamed correctly: "
                 f"{calibration['accuracy']:.0%} (chance {calibration['chance']:.0%})")
    figure.colorbar(image, ax=ax, fraction=0.046, label="share of the row's records")
    figure.tight_layout()
    return save_figure(figure, stem)


def prior_density(spec: dict, x: np.ndarray) -> np.ndarray | None:
    """The exact density of a cited prior at ``x`` (None for a fixed value)."""
    args = spec["arguments"]
    match spec["distribution"]:
        case "beta":
            a = args["mean"] * args["concentration"]
            return stats.beta(a, args["concentration"] - a).pdf(x)
        case "uniform" if args["high"] > args["low"]:
            return stats.uniform(args["low"], args["high"] - args["low"]).pdf(x)
        case "triangular" if args["high"] > args["low"]:
            width = args["high"] - args["low"]
            return stats.triang((args["mode"] - args["low"]) / width, args["low"], width).pdf(x)
    return None


def shown_parameters(posterior: dict) -> list[str]:
    """The parameters worth a panel: those whose cited priors differ between the readings
    (the contested ones), then those the record moved most (posterior mean against prior
    mean, in prior standard deviations), at most ``SHOWN_PARAMETERS``."""
    readings = list(posterior)
    names = list(posterior[readings[0]])

    def contested(name: str) -> bool:
        return len({repr(posterior[r][name].get("cited_prior")) for r in readings}) > 1

    def moved(name: str) -> float:
        shifts = []
        for reading in readings:
            cell = posterior[reading][name]
            low, _, high = cell.get("prior_5_50_95", (0.0, 0.0, 1.0))
            spread = max((high - low) / 3.3, 1e-9)  # 5-95% span is about 3.3 sd
            shifts.append(abs(cell.get("shift", 0.0)) / spread)
        return max(shifts)

    ranked = sorted(names, key=lambda n: (not contested(n), -moved(n)))
    return ranked[:SHOWN_PARAMETERS]


@slide
def plot_posterior(posterior: dict, stem: Path) -> list[Path]:
    """Each parameter's prior (dashed: the cited density) and posterior given the record
    (filled: the density of the matching worlds), one colour and line style per reading;
    a panel for each parameter the readings disagree on or the record moved most."""
    readings = list(posterior)
    every = list(posterior[readings[0]])
    parameters = shown_parameters(posterior)
    styles = reading_styles(readings)
    columns = min(4, len(parameters))
    rows_n = int(np.ceil(len(parameters) / columns))
    figure, axes = plt.subplots(rows_n, columns, figsize=(4.6 * columns, 3.9 * rows_n + 1.2),
                                squeeze=False)
    for ax, name in zip(axes.flat, parameters, strict=False):
        tallest = [0.0]
        for reading in readings:
            tallest.append(_draw_parameter(ax, posterior[reading][name], styles[reading],
                                           reading))
        ax.set_ylim(0, 1.15 * max(tallest) if max(tallest) > 0 else 1)
        ax.set_title(parameter_label(name))
        ax.set_xlabel("value of the parameter")
        ax.set_ylabel("probability density")
    for ax in axes.flat[len(parameters):]:
        ax.axis("off")
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=2, frameon=False)
    left_out = len(every) - len(parameters)
    note = (f"\n{len(parameters)} of {len(every)} parameters: those the readings disagree on, "
            "then those the record moved most" if left_out else "")
    figure.suptitle("Stalin's goals and beliefs: each reading's cited prior (dashed) and its "
                    "posterior given the record (filled)" + note)
    figure.tight_layout(rect=(0, 1.0 / (3.9 * rows_n + 1.2), 1, 1))
    return save_figure(figure, stem)


def _draw_parameter(ax: plt.Axes, cell: dict, style: dict, reading: str) -> float:
    """One reading's prior and posterior on one panel; returns the height the panel needs."""
    colour, name = style["color"], reading_label(reading)
    edges = np.array(cell["bins"])
    counts = np.array(cell["posterior_counts"], dtype=float)
    height = 0.0
    if counts.sum():
        density = counts / (counts.sum() * np.diff(edges))
        ax.stairs(density, edges, fill=True, color=colour, alpha=0.25)
        ax.stairs(density, edges, color=colour, linewidth=1.2,
                  label=f"{name}: posterior ({cell['matching_worlds']:,} worlds)")
        height = float(density.max())
    spec = cell.get("cited_prior")
    if spec is None:
        return height
    margin = (edges[-1] - edges[0]) / PRIOR_GRID
    x = np.linspace(edges[0] + margin, edges[-1] - margin, PRIOR_GRID)
    values = prior_density(spec, x)
    if values is None:
        ax.axvline(spec["arguments"]["value"], color=colour, linestyle="--",
                   label=f"{name}: prior (fixed)")
        return height
    ax.plot(x, values, "--", color=colour, linewidth=1.6, label=f"{name}: prior (cited)")
    finite = values[np.isfinite(values)]
    # A beta density with a < 1 or b < 1 is unbounded at an edge; do not let it flatten the rest.
    return max(height, min(float(finite.max(initial=0.0)), 3 * height if height else np.inf))
