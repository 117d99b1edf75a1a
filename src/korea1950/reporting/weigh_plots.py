"""Figures of the weighing: Bayes factor and fact contributions, discrimination,
responsibility (and, from ``verdict_plots``, robustness, the confusion matrix and
prior versus posterior). Each takes parts of the weighing's JSON-ready result
(plain data) and writes PNG and SVG."""

from pathlib import Path

import numpy as np
from matplotlib.axes import Axes

from korea1950.analysis.weigh.likelihood import BARE_MENTION
from korea1950.analysis.weigh.responsibility import ACTORS
from korea1950.inputs.labels import (
    actor_name,
    first_upper,
    outcome_label,
    pair_label,
    parameter_label,
    reading_label,
)
from korea1950.inputs.scenarios import scenario_title
from korea1950.reporting.plots import (
    PALETTE,
    plt,
    reading_styles,
    save_figure,
    slide,
)
from korea1950.reporting.verdict_plots import plot_confusion, plot_posterior, plot_robustness


def error_bars(values: list[float], intervals: list[list[float]]) -> np.ndarray:
    """Distances from each value to its interval's ends, never negative (matplotlib's rule).

    A bootstrap percentile interval can sit just off a point estimate (rounding,
    or a degenerate bootstrap when no world matched); the bar then has zero length.
    """
    values_array = np.asarray(values, dtype=float)
    bounds = np.asarray(intervals, dtype=float).reshape(-1, 2)
    return np.maximum(0.0, np.stack([values_array - bounds[:, 0], bounds[:, 1] - values_array]))


def favours_label(a: str, b: str) -> str:
    """A series of log Bayes factors of reading a over reading b, saying which reading a
    positive value favours: with three readings the same axis carries a over b, a over c
    and b over c, so the axis alone cannot say it."""
    return f"{pair_label(a, b)} (> 0 favours {reading_label(a)})"


@slide
def plot_bayes(factors: list[dict], contributions: dict, stem: Path) -> list[Path]:
    """The log Bayes factor of the whole record and each fact's share of it, in one panel.

    The whole record is the top row (a diamond), the facts below it in the order the
    chain rule takes them; one colour per pair of readings, each named in the legend
    with the reading a positive value favours. The grey band is the range not worth
    more than a bare mention.
    """
    pairs = [(f["a"], f["b"]) for f in factors]
    facts = list(contributions)
    names = ["The whole record"] + [contributions[f].get("description", f) for f in facts]
    figure, ax = plt.subplots(figsize=(12, 0.55 * len(names) + 2.4))
    ax.axvspan(-BARE_MENTION, BARE_MENTION, color="0.93",
               label=f"|log BF| < {BARE_MENTION:g}: not worth more than a bare mention")
    ax.axvline(0, color="black", linewidth=1)
    offsets = np.linspace(-0.2, 0.2, len(pairs)) if len(pairs) > 1 else [0.0]
    for i, ((a, b), factor, offset) in enumerate(zip(pairs, factors, offsets, strict=True)):
        colour = PALETTE[i % len(PALETTE)]
        key = f"{a}/{b}"
        values = [contributions[f][key]["log_ratio"] for f in facts]
        errors = error_bars(values, [contributions[f][key]["ci"] for f in facts])
        ax.errorbar(values, np.arange(1, len(names)) + offset, xerr=errors, fmt="o",
                    color=colour, markersize=7, capsize=3, label=favours_label(a, b))
        ax.errorbar([factor["log_bf"]], [offset], xerr=error_bars([factor["log_bf"]],
                                                                  [factor["ci"]]),
                    fmt="D", color=colour, markersize=10, capsize=4)
    ax.axhline(0.5, color="grey", linewidth=0.8)
    ax.set_yticks(range(len(names)), names)
    ax.get_yticklabels()[0].set_fontweight("bold")
    ax.invert_yaxis()
    favoured = (reading_label(pairs[0][0]) if len(pairs) == 1
                else "the first reading named in each pair of the legend")
    ax.set_xlabel(f"log Bayes factor, 95% interval (> 0 favours {favoured})")
    ax.set_ylabel("fact of the record (in the order weighed)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    figure.suptitle("How the record weighs the readings: the whole record (diamond) and "
                    "fact by fact\n(conditional on the model)", y=1.02)
    figure.tight_layout()
    return save_figure(figure, stem)


@slide
def plot_discrimination(rows: list[dict], stem: Path) -> list[Path]:
    """Scenarios ranked by how far the readings' predictions diverge (JSD, 95% CI)."""
    several = len({tuple(x["readings"]) for x in rows}) > 1
    labels = [scenario_title(r["scenario"]) + (
        f"\n({' vs '.join(reading_label(x) for x in r['readings'])})" if several else "")
        for r in rows]
    values = [r["divergence"] for r in rows]
    errors = error_bars(values, [r["ci"] for r in rows])
    figure, ax = plt.subplots(figsize=(10, 0.5 * len(rows) + 2.2))
    ax.barh(range(len(rows)), values, xerr=errors, color=PALETTE[2], capsize=3)
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Jensen-Shannon divergence of predicted outcomes (bits; 95% interval)")
    ax.set_ylabel("scenario")
    readings = sorted({x for r in rows for x in r["readings"]})
    ax.set_title("Where the readings' predictions diverge most (what-ifs: not observable)\n("
                 + " and ".join(reading_label(x) for x in readings) + ")")
    figure.tight_layout()
    return save_figure(figure, stem)


@slide
def plot_responsibility(shares: dict, stem: Path) -> list[Path]:
    """Each actor's Shapley share of the probability of war, per reading."""
    readings = list(shares)
    actors = ACTORS
    styles = reading_styles(readings)
    figure, ax = plt.subplots(figsize=(10, 5.5))
    width = 0.8 / len(readings)
    for i, reading in enumerate(readings):
        values = [shares[reading][a]["share"] for a in actors]
        errors = error_bars(values, [shares[reading][a]["ci"] for a in actors])
        bars = ax.bar(np.arange(len(actors)) + (i - (len(readings) - 1) / 2) * width, values,
                      width, yerr=errors, color=styles[reading]["color"],
                      label=reading_label(reading), capsize=3)
        for bar in bars:
            bar.set_hatch(("", "//", "..", "xx")[i % 4])
    ax.set_xticks(range(len(actors)), [actor_name(a) for a in actors])
    ax.set_xlabel("actor whose enabling decision is switched off")
    ax.set_ylabel("Shapley share of the\nprobability of war")
    ax.set_title("How much the war depended on each decision (in the model; not blame)\n"
                 "each actor's Shapley share of the probability of war (whiskers: 95% "
                 "bootstrap intervals)")
    ax.legend(title="reading")
    figure.tight_layout()
    return save_figure(figure, stem)


@slide
def plot_decision_band(band: dict, stem: Path) -> list[Path]:
    """Share of worlds taking the decision with one parameter fixed, per reading (top), and
    for every pair of readings the values where their shares differ by > 2 SE (below).

    Why a strip of its own below the curves: the band is computed for every pair,
    and the pairs' bands overlap; shaded on the curves, two or three of them could
    not be told apart. Each row marks the grid values where that pair differs,
    over a bar from the lowest to the highest of them (the band the text gives).
    """
    readings = list(band["shares"])
    styles = reading_styles(readings)
    pairs = band["pairs"]
    rows = [f"{reading_label(p['a'])} vs\n{reading_label(p['b'])}" for p in pairs]
    # The strip's row labels take width from the shared x-axis: widen the figure for long ones.
    longest = max((len(line) for row in rows for line in row.splitlines()), default=0)
    figure, axes = plt.subplots(
        1 + bool(pairs), 1, sharex=True, squeeze=False,
        figsize=(9 + INCH_PER_CHARACTER * max(0, longest - SHORT_LABEL),
                 5.5 + BAND_ROW * len(pairs)),
        gridspec_kw={"height_ratios": [5.5] + ([BAND_ROW * len(pairs)] if pairs else [])})
    ax, strip = axes[0, 0], axes[-1, 0]
    for reading, shares in band["shares"].items():
        ax.plot(band["values"], shares, color=styles[reading]["color"],
                linestyle=styles[reading]["linestyle"], marker=styles[reading]["marker"],
                linewidth=2, label=reading_label(reading))
    ax.set_ylabel(f"share of worlds:\n{outcome_label(band['decision'])}")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"Where the readings' Stalins decide differently: "
                 f"{first_upper(outcome_label(band['decision']))}")
    ax.legend()
    strip.set_xlabel(f"{parameter_label(band['parameter'])} (fixed at this value)")
    if pairs:
        _band_strip(strip, band["values"], pairs, rows)
    figure.tight_layout()
    return save_figure(figure, stem)


def _band_strip(strip: Axes, values: list[float], pairs: list[dict], rows: list[str]) -> None:
    """One row per pair of readings: the grid values where its shares differ, over a bar
    spanning its band (a quarter of a grid step beyond each end, so a one-point band
    shows), or "nowhere on the grid"."""
    spacing = float(np.diff(values).min()) if len(values) > 1 else 1.0
    for row, pair in enumerate(pairs):
        if pair["band"]:
            low, high = pair["band"]
            points = pair.get("differs_at") or pair["band"]
            strip.barh(row, high - low + spacing / 2, left=low - spacing / 4, height=0.5,
                       color="0.85")
            strip.plot(points, [row] * len(points), "s", color="0.2", markersize=7)
        else:
            strip.text(0.5, row, "nowhere on the grid", transform=strip.get_yaxis_transform(),
                       ha="center", va="center")
    strip.set_yticks(range(len(pairs)), rows)
    strip.set_ylim(len(pairs) - 0.5, -0.5)
    strip.set_ylabel("pair")
    strip.set_title("where each pair of readings differs by more than two standard errors "
                    "(grey: its band)", fontsize=SLIDE_NOTE)


BAND_ROW = 0.9
"""Height (inches) of one pair's row in the decision band's strip."""
SHORT_LABEL = 26
"""Characters of a strip row's longest line that fit the figure's usual width ("William
Stueck's reading" and a margin)."""
INCH_PER_CHARACTER = 0.1
"""Width a character of a tick label takes at the slide's 11 points, about."""
SLIDE_NOTE = 11
"""Font size (points) of the strip's title: a note under the main title, still legible."""


def write_figures(result: dict, folder: Path) -> list[Path]:
    """All the weighing figures into ``folder`` (the Bayes factor needs two readings)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    if result["bayes_factors"]:
        paths += plot_bayes(result["bayes_factors"], result["contributions"],
                            folder / "bayes_factor")
        paths += plot_discrimination(result["discrimination"], folder / "discrimination")
        paths += plot_robustness(result["robustness"], folder / "robustness")
    paths += plot_confusion(result["calibration"], folder / "confusion")
    if result.get("decision_band"):
        paths += plot_decision_band(result["decision_band"], folder / "decision_band")
    paths += plot_responsibility(result["responsibility"], folder / "responsibility")
    paths += plot_posterior(result["posterior"], folder / "posterior")
    return paths
