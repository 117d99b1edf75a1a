"""Figures of the weighing: Bayes factor and fact contributions, discrimination,
responsibility (and, from ``verdict_plots``, robustness, the confusion matrix and
prior versus posterior). Each takes parts of the weighing's JSON-ready result
(plain data) and writes PNG and SVG."""

from pathlib import Path

import numpy as np

from korea1950.analysis.weigh.likelihood import BARE_MENTION
from korea1950.analysis.weigh.responsibility import ACTORS
from korea1950.inputs.labels import (
    actor_name,
    first_upper,
    outcome_label,
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


def pair_label(a: str, b: str) -> str:
    """A pair of readings by their historians ("Donggil Kim's reading vs William Stueck's")."""
    return f"{reading_label(a)} vs {reading_label(b)}"


@slide
def plot_bayes(factors: list[dict], contributions: dict, stem: Path) -> list[Path]:
    """The log Bayes factor of the whole record and each fact's share of it, in one panel.

    The whole record is the top row (a diamond), the facts below it in the order the
    chain rule takes them; one colour per pair of readings. The grey band is the
    range not worth more than a bare mention.
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
                    color=colour, markersize=7, capsize=3, label=pair_label(a, b))
        ax.errorbar([factor["log_bf"]], [offset], xerr=error_bars([factor["log_bf"]],
                                                                  [factor["ci"]]),
                    fmt="D", color=colour, markersize=10, capsize=4)
    ax.axhline(0.5, color="grey", linewidth=0.8)
    ax.set_yticks(range(len(names)), names)
    ax.get_yticklabels()[0].set_fontweight("bold")
    ax.invert_yaxis()
    first = reading_label(pairs[0][0]) if pairs else "the first reading"
    ax.set_xlabel(f"log Bayes factor, 95% interval (> 0 favours {first})")
    ax.set_ylabel("fact of the record (in the order weighed)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, ncol=2)
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
    """Share of worlds taking the decision with one parameter fixed, per reading.

    Shaded: the first pair's band of values where the shares differ by > 2 SE.
    """
    styles = reading_styles(list(band["shares"]))
    figure, ax = plt.subplots(figsize=(9, 5.5))
    pair = band["pairs"][0] if band["pairs"] else None
    if pair and pair["band"]:
        ax.axvspan(*pair["band"], color="0.9",
                   label=f"where {reading_label(pair['a'])} and {reading_label(pair['b'])} "
                         "differ")
    for reading, shares in band["shares"].items():
        ax.plot(band["values"], shares, color=styles[reading]["color"],
                linestyle=styles[reading]["linestyle"], marker=styles[reading]["marker"],
                linewidth=2, label=reading_label(reading))
    ax.set_xlabel(f"{parameter_label(band['parameter'])} (fixed at this value)")
    ax.set_ylabel(f"share of worlds:\n{outcome_label(band['decision'])}")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(f"Where the readings' Stalins decide differently: "
                 f"{first_upper(outcome_label(band['decision']))}")
    ax.legend()
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
