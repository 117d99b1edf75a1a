"""Comparison figures from tables: slide-ready PNG and SVG, one colour per reading.

Every function takes plain rows (lists of dicts, as written to the CSV
tables) and a path stem, writes ``stem.png`` and ``stem.svg``, and returns
both paths. None of them sees a model.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np

from korea1950.analysis.compare import KEY_OUTCOMES
from korea1950.inputs.calendar import month_index

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")
"""Reading colours, assigned in the order readings are given (any number of readings)."""

LABELLED_CHANGE = 0.05
"""Smallest change (in share of worlds) a heatmap cell prints as a number: smaller changes
would crowd the figure and are mostly simulation noise at the usual ensemble sizes."""


def reading_colours(readings: list[str]) -> dict[str, str]:
    """Map each reading to its colour, cycling the palette if there are many."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(readings)}


def _ordered(rows: list[dict], key: str) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.setdefault(row[key], None)
    return list(seen)


REPRODUCIBLE = {"svg.hashsalt": "korea1950"}
"""Settings under which figures are saved: a fixed salt makes the SVG's element ids (clip
paths, markers) the same on every run instead of random."""


def save_figure(figure: plt.Figure, stem: Path) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg`` with no date or software stamp, so the same figure
    gives the same bytes (and the manifest's hashes reproduce); close the figure."""
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        with matplotlib.rc_context(REPRODUCIBLE):
            figure.savefig(paths[0], dpi=110, bbox_inches="tight", metadata={"Software": None})
            figure.savefig(paths[1], bbox_inches="tight",
                           metadata={"Date": None, "Creator": None})
    finally:
        plt.close(figure)
    return paths


def plot_outcomes(rows: list[dict], outcomes: tuple[str, ...], stem: Path) -> list[Path]:
    """(a) Outcome shares by scenario and reading, with 95% error bars; a panel per outcome."""
    scenarios, readings = _ordered(rows, "scenario"), _ordered(rows, "reading")
    colours = reading_colours(readings)
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r for r in rows}
    columns = 2
    rows_n = int(np.ceil(len(outcomes) / columns))
    figure, axes = plt.subplots(rows_n, columns, figsize=(13, 2.6 * rows_n), sharex=True,
                                squeeze=False)
    width = 0.8 / len(readings)
    x = np.arange(len(scenarios))
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        for i, reading in enumerate(readings):
            cells = [lookup[(s, reading, outcome)] for s in scenarios]
            share = [c["probability"] for c in cells]
            error = [1.96 * c["standard_error"] for c in cells]
            ax.bar(x + (i - (len(readings) - 1) / 2) * width, share, width, yerr=error,
                   color=colours[reading], label=reading, capsize=2)
        ax.set_title(outcome.replace("_", " "), fontsize=11)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("share of worlds")
        ax.grid(axis="y", alpha=0.3)
    for ax in axes.flat[len(outcomes):]:
        ax.axis("off")
    for ax in axes[-1]:
        ax.set_xticks(x, [s.replace("_", " ") for s in scenarios], rotation=45, ha="right")
    axes.flat[0].legend(title="reading", loc="upper right", fontsize=8)
    figure.suptitle("Outcomes by scenario and reading (bars: share of worlds; whiskers: 95% CI)",
                    fontsize=13)
    figure.tight_layout()
    return save_figure(figure, stem)


def _month_dates(labels: list[str]) -> list:
    return [np.datetime64(f"{label}-15") for label in labels]


def plot_fan(rows: list[dict], stem: Path, until: str = "1954-12") -> list[Path]:
    """(b) The front line over time: median and 50%/80% bands, per scenario, readings overlaid."""
    scenarios, readings = _ordered(rows, "scenario"), _ordered(rows, "reading")
    colours = reading_colours(readings)
    last = month_index(until)
    columns = 3
    rows_n = int(np.ceil(len(scenarios) / columns))
    figure, axes = plt.subplots(rows_n, columns, figsize=(14, 2.7 * rows_n), sharey=True,
                                squeeze=False)
    for ax, scenario in zip(axes.flat, scenarios, strict=False):
        for reading in readings:
            cells = [r for r in rows if r["scenario"] == scenario and r["reading"] == reading]
            cells = cells[: last + 1]
            dates = _month_dates([c["month"] for c in cells])
            colour = colours[reading]
            ax.fill_between(dates, [c["p10"] for c in cells], [c["p90"] for c in cells],
                            color=colour, alpha=0.12, linewidth=0)
            ax.fill_between(dates, [c["p25"] for c in cells], [c["p75"] for c in cells],
                            color=colour, alpha=0.25, linewidth=0)
            ax.plot(dates, [c["median"] for c in cells], color=colour, label=reading)
        ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
        ax.set_title(scenario.replace("_", " "), fontsize=10)
        ax.set_ylim(0, 1)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    for ax in axes[:, 0]:
        ax.set_ylabel("share held by North")
    for ax in axes.flat[len(scenarios):]:
        ax.axis("off")
    axes.flat[0].legend(title="reading", fontsize=8, loc="upper left")
    figure.suptitle("The front line (median; bands: 50% and 80% of worlds; dotted: 38th parallel)",
                    fontsize=13)
    figure.tight_layout()
    return save_figure(figure, stem)


def plot_heatmap(rows: list[dict], outcomes: tuple[str, ...], stem: Path) -> list[Path]:
    """(c) Change against the baseline, scenario x outcome, one panel per reading."""
    scenarios = [s for s in _ordered(rows, "scenario") if s != "baseline"]
    readings = _ordered(rows, "reading")
    if not scenarios:
        return save_figure(_note("Only the baseline was run: there is no change against it "
                                 "to show.\nName one or more scenarios to compare."), stem)
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r["difference_from_baseline"]
              for r in rows}
    figure, axes = plt.subplots(1, len(readings), figsize=(5.5 * len(readings) + 3, 6.5),
                                squeeze=False)
    image = None
    for ax, reading in zip(axes[0], readings, strict=True):
        grid = np.array([[lookup[(s, reading, o)] for o in outcomes] for s in scenarios])
        image = ax.imshow(grid, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
        ax.set_xticks(range(len(outcomes)), [o.replace("_", " ") for o in outcomes],
                      rotation=50, ha="right")
        ax.set_yticks(range(len(scenarios)), [s.replace("_", " ") for s in scenarios])
        ax.tick_params(axis="y", labelleft=ax is axes[0, 0])
        for (i, j), value in np.ndenumerate(grid):
            if abs(value) >= LABELLED_CHANGE:
                ax.text(j, i, f"{value:+.2f}", ha="center", va="center", fontsize=7)
        ax.set_title(f"reading: {reading}")
    figure.colorbar(image, ax=axes[0].tolist(), shrink=0.7,
                    label="change in share of worlds vs baseline")
    figure.suptitle("What each scenario changes, against the baseline", fontsize=13)
    return save_figure(figure, stem)


def _note(text: str) -> plt.Figure:
    """A small figure that says in words why there is nothing to draw."""
    figure, ax = plt.subplots(figsize=(8, 2))
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, wrap=True)
    return figure


def _quantiles(counts: dict[int, int], levels: tuple[float, ...]) -> list[int]:
    """Quantiles of a histogram given as {value: count}."""
    values = sorted(counts)
    cumulative = np.cumsum([counts[v] for v in values])
    total = cumulative[-1]
    return [values[int(np.searchsorted(cumulative, level * total))] for level in levels]


def plot_timing(rows: list[dict], stem: Path) -> list[Path]:
    """(d) Timing distributions - invasion month, war length - per scenario and reading.

    Takes the long-form histogram rows (scenario, reading, distribution, value,
    worlds) and draws each distribution as a box: median dot, 50% bar, 80% line.
    """
    scenarios, readings = _ordered(rows, "scenario"), _ordered(rows, "reading")
    colours = reading_colours(readings)
    counts: dict[tuple[str, str, str], dict[int, int]] = {}
    for row in rows:
        key = (row["scenario"], row["reading"], row["distribution"])
        counts.setdefault(key, {})[row["value"]] = row["worlds"]
    figure, axes = plt.subplots(1, 2, figsize=(13, 0.45 * len(scenarios) + 2), sharey=True)
    offsets = np.linspace(-0.25, 0.25, len(readings)) if len(readings) > 1 else [0.0]
    panels = (("invasion_month", "When the invasion comes", "month of the invasion"),
              ("war_months", "How long the war lasts", "length of the war (months)"))
    for ax, (name, title, label) in zip(axes, panels, strict=True):
        for offset, reading in zip(offsets, readings, strict=True):
            for y, scenario in enumerate(scenarios):
                histogram = counts.get((scenario, reading, name))
                if not histogram:
                    continue
                p10, p25, p50, p75, p90 = _quantiles(histogram, (0.1, 0.25, 0.5, 0.75, 0.9))
                colour = colours[reading]
                ax.plot([p10, p90], [y + offset] * 2, color=colour, linewidth=1.2)
                ax.plot([p25, p75], [y + offset] * 2, color=colour, linewidth=5, alpha=0.7,
                        solid_capstyle="butt")
                ax.plot(p50, y + offset, "o", color=colour, markeredgecolor="white",
                        label=reading if y == 0 else None)
        ax.set_title(title)
        ax.set_xlabel(label)
        ax.grid(axis="x", alpha=0.3)
    left = axes[0]
    left.set_yticks(range(len(scenarios)), [s.replace("_", " ") for s in scenarios])
    left.invert_yaxis()
    years = range(1950, 1957)
    left.set_xticks([month_index(f"{year}-01") for year in years], [str(y) for y in years])
    left.legend(title="reading", fontsize=8, loc="lower right")
    figure.suptitle("Timing distributions, among worlds where it happens "
                    "(dot: median; thick bar: middle 50%; line: middle 80%)", fontsize=12)
    figure.tight_layout()
    return save_figure(figure, stem)


def plot_sensitivity(rows: list[dict], title: str, stem: Path) -> list[Path]:
    """Sensitivity indices per outcome: Sobol S1 and ST (or Morris mu*) with 95% intervals."""
    outcomes = _ordered(rows, "outcome")
    parameters = _ordered(rows, "parameter")
    sobol = "S1" in rows[0]
    measures = (("S1", "first order"), ("ST", "total")) if sobol else (("mu_star", "mu*"),)
    figure, axes = plt.subplots(1, len(outcomes), figsize=(3.2 * len(outcomes) + 1.5, 4.2),
                                sharey=True, squeeze=False)
    y = np.arange(len(parameters))
    height = 0.8 / len(measures)
    for ax, outcome in zip(axes[0], outcomes, strict=True):
        cells = {r["parameter"]: r for r in rows if r["outcome"] == outcome}
        for i, (key, label) in enumerate(measures):
            values = [cells[p][key] for p in parameters]
            errors = [cells[p][f"{key}_conf"] for p in parameters]
            ax.barh(y + (i - (len(measures) - 1) / 2) * height, values, height, xerr=errors,
                    color=PALETTE[i], label=label, capsize=2)
        ax.set_title(outcome.replace("_", " "), fontsize=10)
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_xlabel("index" if sobol else "mu* (share of worlds)")
    axes[0, 0].set_yticks(y, [p.replace("_", " ") for p in parameters])
    axes[0, 0].invert_yaxis()
    axes[0, 0].legend(fontsize=8)
    figure.suptitle(title, fontsize=12)
    figure.tight_layout()
    return save_figure(figure, stem)


def write_comparison_figures(tables: dict[str, list[dict]], folder: Path) -> dict[str, Path]:
    """Draw the four comparison figures from the tables; return each figure's PNG by name."""
    drawn = {
        "outcomes": plot_outcomes(tables["outcomes"], KEY_OUTCOMES[:6],
                                        folder / "outcomes"),
        "change_vs_baseline": plot_heatmap(tables["outcomes"], KEY_OUTCOMES,
                                                 folder / "change_vs_baseline"),
        "front_line": plot_fan(tables["front"], folder / "front_line"),
        "timing": plot_timing(tables["distributions"], folder / "timing"),
    }
    return {name: paths[0] for name, paths in drawn.items()}
