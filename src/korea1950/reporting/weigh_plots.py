"""Figures of the weighing: Bayes factor and fact contributions, discrimination,
responsibility (and, from ``verdict_plots``, robustness, the confusion matrix and
prior versus posterior). Each takes parts of the weighing's JSON-ready result
(plain data) and writes PNG and SVG."""

from pathlib import Path

import numpy as np

from korea1950.analysis.weigh.responsibility import ACTOR_LABELS, ACTORS
from korea1950.reporting.plots import PALETTE, plt, reading_colours, save_figure
from korea1950.reporting.verdict_plots import plot_confusion, plot_posterior, plot_robustness


def error_bars(values: list[float], intervals: list[list[float]]) -> np.ndarray:
    """Distances from each value to its interval's ends, never negative (matplotlib's rule).

    A bootstrap percentile interval can sit just off a point estimate (rounding,
    or a degenerate bootstrap when no world matched); the bar then has zero length.
    """
    values_array = np.asarray(values, dtype=float)
    bounds = np.asarray(intervals, dtype=float).reshape(-1, 2)
    return np.maximum(0.0, np.stack([values_array - bounds[:, 0], bounds[:, 1] - values_array]))


def plot_bayes(factors: list[dict], contributions: dict, stem: Path) -> list[Path]:
    """Log Bayes factor(s) with 95% intervals, and each fact's log likelihood ratio."""
    pairs = [f"{f['a']}/{f['b']}" for f in factors]
    facts = list(contributions)
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 0.45 * len(facts) + 2.5),
                                         gridspec_kw={"width_ratios": [1, 2.2]})
    for i, factor in enumerate(factors):
        left.errorbar([factor["log_bf"]], [i], xerr=error_bars([factor["log_bf"]],
                                                               [factor["ci"]]),
                      fmt="o", color=PALETTE[i % len(PALETTE)], capsize=4)
    left.axvline(0, color="grey", linewidth=1)
    left.set_yticks(range(len(pairs)), [f"log BF {p}" for p in pairs])
    left.set_xlabel("log Bayes factor (> 0 favours the first reading)")
    left.set_title("The record, whole")
    height = 0.8 / len(pairs)
    y = np.arange(len(facts))
    for i, pair in enumerate(pairs):
        values = [contributions[f][pair]["log_ratio"] for f in facts]
        errors = error_bars(values, [contributions[f][pair]["ci"] for f in facts])
        right.barh(y + (i - (len(pairs) - 1) / 2) * height, values, height, xerr=errors,
                   color=PALETTE[i % len(PALETTE)], label=pair, capsize=2)
    right.axvline(0, color="grey", linewidth=1)
    right.set_yticks(y, facts)
    right.invert_yaxis()
    right.set_xlabel("log ratio of P(fact | earlier facts)")
    right.set_title("Fact by fact (the chain rule)")
    right.legend(fontsize=8)
    figure.suptitle("How the record weighs the readings (conditional on the model)", fontsize=13)
    figure.tight_layout()
    return save_figure(figure, stem)


def plot_discrimination(rows: list[dict], stem: Path) -> list[Path]:
    """Scenarios ranked by how far the readings' predictions diverge (JSD, 95% CI)."""
    labels = [f"{r['scenario'].replace('_', ' ')}" + (
        f" ({'/'.join(r['readings'])})" if len({tuple(x['readings']) for x in rows}) > 1 else "")
        for r in rows]
    values = [r["divergence"] for r in rows]
    errors = error_bars(values, [r["ci"] for r in rows])
    figure, ax = plt.subplots(figsize=(9, 0.4 * len(rows) + 1.8))
    ax.barh(range(len(rows)), values, xerr=errors, color=PALETTE[2], capsize=2)
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Jensen-Shannon divergence of predicted outcomes (bits)")
    ax.set_title("Which what-ifs would best tell the readings apart")
    figure.tight_layout()
    return save_figure(figure, stem)


def plot_responsibility(shares: dict, stem: Path) -> list[Path]:
    """Each actor's Shapley share of the probability of war, per reading."""
    readings = list(shares)
    actors = ACTORS
    colours = reading_colours(readings)
    figure, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / len(readings)
    for i, reading in enumerate(readings):
        values = [shares[reading][a]["share"] for a in actors]
        errors = error_bars(values, [shares[reading][a]["ci"] for a in actors])
        ax.bar(np.arange(4) + (i - (len(readings) - 1) / 2) * width, values, width,
               yerr=errors, color=colours[reading], label=reading, capsize=3)
    ax.set_xticks(range(4), [ACTOR_LABELS[a] for a in actors])
    ax.set_ylabel("Shapley share of P(war)")
    ax.set_title("Who started the war? Each actor's share of the probability of war")
    ax.legend(title="reading")
    figure.tight_layout()
    return save_figure(figure, stem)


def plot_decision_band(band: dict, stem: Path) -> list[Path]:
    """Share of worlds taking the decision with one parameter fixed, per reading.

    Shaded: the first pair's band of values where the shares differ by > 2 SE.
    """
    colours = reading_colours(list(band["shares"]))
    figure, ax = plt.subplots(figsize=(7.5, 4.5))
    pair = band["pairs"][0] if band["pairs"] else None
    if pair and pair["band"]:
        ax.axvspan(*pair["band"], color="0.9", label=f"{pair['a']} and {pair['b']} differ")
    for reading, shares in band["shares"].items():
        ax.plot(band["values"], shares, "o-", color=colours[reading], label=reading)
    ax.set_xlabel(f"{band['parameter'].replace('_', ' ')} (fixed)")
    ax.set_ylabel(f"share of worlds: {band['decision'].replace('_', ' ')}")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Where the readings' Stalins decide differently")
    ax.legend(fontsize=8)
    figure.tight_layout()
    return save_figure(figure, stem)


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
