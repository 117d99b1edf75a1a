"""Figures of the weighing: Bayes factor and fact contributions, discrimination,
responsibility, prior versus posterior. Each takes parts of the weighing's
JSON-ready result (plain data) and writes PNG and SVG."""

from pathlib import Path

import numpy as np

from korea1950.plots import PALETTE, _save, plt, reading_colours


def plot_bayes(factors: list[dict], contributions: dict, stem: Path) -> list[Path]:
    """Log Bayes factor(s) with 95% intervals, and each fact's log likelihood ratio."""
    pairs = [f"{f['a']}/{f['b']}" for f in factors]
    facts = list(contributions)
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 0.45 * len(facts) + 2.5),
                                         gridspec_kw={"width_ratios": [1, 2.2]})
    for i, factor in enumerate(factors):
        low, high = factor["ci"]
        left.errorbar([factor["log_bf"]], [i], xerr=[[factor["log_bf"] - low],
                                                      [high - factor["log_bf"]]],
                      fmt="o", color=PALETTE[i % len(PALETTE)], capsize=4)
    left.axvline(0, color="grey", linewidth=1)
    left.set_yticks(range(len(pairs)), [f"log BF {p}" for p in pairs])
    left.set_xlabel("log Bayes factor (> 0 favours the first reading)")
    left.set_title("The record, whole")
    height = 0.8 / len(pairs)
    y = np.arange(len(facts))
    for i, pair in enumerate(pairs):
        values = [contributions[f][pair]["log_ratio"] for f in facts]
        lows = [v - contributions[f][pair]["ci"][0] for f, v in zip(facts, values, strict=True)]
        highs = [contributions[f][pair]["ci"][1] - v for f, v in zip(facts, values, strict=True)]
        right.barh(y + (i - (len(pairs) - 1) / 2) * height, values, height, xerr=[lows, highs],
                   color=PALETTE[i % len(PALETTE)], label=pair, capsize=2)
    right.axvline(0, color="grey", linewidth=1)
    right.set_yticks(y, facts)
    right.invert_yaxis()
    right.set_xlabel("log ratio of P(fact | earlier facts)")
    right.set_title("Fact by fact (the chain rule)")
    right.legend(fontsize=8)
    figure.suptitle("How the record weighs the readings (conditional on the model)", fontsize=13)
    figure.tight_layout()
    return _save(figure, stem)


def plot_discrimination(rows: list[dict], stem: Path) -> list[Path]:
    """Scenarios ranked by how far the readings' predictions diverge (JSD, 95% CI)."""
    labels = [f"{r['scenario'].replace('_', ' ')}" + (
        f" ({'/'.join(r['readings'])})" if len({tuple(x['readings']) for x in rows}) > 1 else "")
        for r in rows]
    values = [r["divergence"] for r in rows]
    errors = [[max(0.0, v - r["ci"][0]) for v, r in zip(values, rows, strict=True)],
              [max(0.0, r["ci"][1] - v) for v, r in zip(values, rows, strict=True)]]
    figure, ax = plt.subplots(figsize=(9, 0.4 * len(rows) + 1.8))
    ax.barh(range(len(rows)), values, xerr=errors, color=PALETTE[2], capsize=2)
    ax.set_yticks(range(len(rows)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("Jensen-Shannon divergence of predicted outcomes (bits)")
    ax.set_title("Which what-ifs would best tell the readings apart")
    figure.tight_layout()
    return _save(figure, stem)


def plot_responsibility(shares: dict, stem: Path) -> list[Path]:
    """Each actor's Shapley share of the probability of war, per reading."""
    readings = list(shares)
    actors = ("kim", "stalin", "mao", "us")
    colours = reading_colours(readings)
    figure, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.8 / len(readings)
    for i, reading in enumerate(readings):
        values = [shares[reading][a]["share"] for a in actors]
        errors = [[v - shares[reading][a]["ci"][0] for v, a in zip(values, actors, strict=True)],
                  [shares[reading][a]["ci"][1] - v for v, a in zip(values, actors, strict=True)]]
        ax.bar(np.arange(4) + (i - (len(readings) - 1) / 2) * width, values, width,
               yerr=errors, color=colours[reading], label=reading, capsize=3)
    ax.set_xticks(range(4), ["Kim", "Stalin", "Mao", "United States"])
    ax.set_ylabel("Shapley share of P(war)")
    ax.set_title("Who started the war? Each actor's share of the probability of war")
    ax.legend(title="reading")
    figure.tight_layout()
    return _save(figure, stem)


def plot_posterior(posterior: dict, stem: Path) -> list[Path]:
    """Prior (dashed) and posterior given the record (solid) of Stalin's parameters."""
    readings = list(posterior)
    parameters = list(posterior[readings[0]])
    colours = reading_colours(readings)
    columns = 4
    rows_n = int(np.ceil(len(parameters) / columns))
    figure, axes = plt.subplots(rows_n, columns, figsize=(14, 3 * rows_n), squeeze=False)
    for ax, name in zip(axes.flat, parameters, strict=False):
        for reading in readings:
            cell = posterior[reading][name]
            edges = np.array(cell["bins"])
            centres = (edges[:-1] + edges[1:]) / 2
            for key, style in (("prior_counts", "--"), ("posterior_counts", "-")):
                counts = np.array(cell[key], dtype=float)
                if counts.sum():
                    ax.plot(centres, counts / counts.sum(), style, color=colours[reading],
                            label=f"{reading} {key.split('_')[0]}")
        ax.set_title(name.replace("_", " "), fontsize=10)
        ax.set_yticks([])
    for ax in axes.flat[len(parameters):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=7)
    figure.suptitle("Stalin's parameters: prior (dashed) and posterior given the record (solid)",
                    fontsize=13)
    figure.tight_layout()
    return _save(figure, stem)


def write_figures(result: dict, folder: Path) -> list[Path]:
    """All the weighing figures into ``folder`` (the Bayes factor needs two readings)."""
    paths = []
    if result["bayes_factors"]:
        paths += plot_bayes(result["bayes_factors"], result["contributions"],
                            folder / "bayes_factor")
        paths += plot_discrimination(result["discrimination"], folder / "discrimination")
    paths += plot_responsibility(result["responsibility"], folder / "responsibility")
    paths += plot_posterior(result["posterior"], folder / "posterior")
    return paths
