"""Comparison figures from tables: slide-ready PNG and SVG, readings told apart by colour
and line style.

Every function takes plain rows (lists of dicts, as written to the CSV
tables) and a path stem, writes ``stem.png`` and ``stem.svg``, and returns
both paths. None of them sees a model. Every name a reader sees comes from
``korea1950.inputs.labels`` (readings by their historian, outcomes in words) or
from a scenario's own title; fonts are at least ``MIN_FONT`` points at the
saved size, so a figure can go on a slide as it is. A scenario or reading loaded
from a file is no bundled one, so its name alone cannot give its title: the
caller passes ``titles`` (scenario name -> title) and ``labels`` (reading name ->
label) for those, and the bundled ones are looked up.
"""

from pathlib import Path
from textwrap import fill

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from korea1950.analysis.compare import KEY_OUTCOMES
from korea1950.inputs.calendar import month_index, month_text
from korea1950.inputs.labels import FRONT_AXIS, first_upper, outcome_label, reading_label
from korea1950.inputs.scenarios import scenario_title
from korea1950.running.summary import Z95

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
"""Reading colours, assigned in the order readings are given: the Okabe-Ito palette (Okabe
and Ito 2008), which stays distinct under the common colour-blindnesses, without its yellow
(too pale on white). Blue and orange, the first two, stay apart for every kind."""
LINESTYLES = ("-", "--", "-.", ":")
"""Line style per reading, so readings stay apart in greyscale print too."""
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
"""Marker per reading, for the same reason."""

MIN_FONT = 10
"""Smallest font (points at the saved size) any figure uses: legible on a projected slide."""
SLIDE = {"font.size": 12, "axes.titlesize": 13, "axes.labelsize": 12, "xtick.labelsize": 11,
         "ytick.labelsize": 11, "legend.fontsize": 11, "legend.title_fontsize": 11,
         "figure.titlesize": 14, "axes.spines.top": False, "axes.spines.right": False}
"""The style every figure is drawn in: large type, no box around the data."""
slide = matplotlib.rc_context(SLIDE)
"""Decorator drawing a figure function under ``SLIDE``."""

LABELLED_CHANGE = 0.05
"""Smallest change (in share of worlds) a heatmap cell prints as a number: smaller changes
would crowd the figure and are mostly simulation noise at the usual ensemble sizes."""


DARK_CHANGE = 0.6
"""Change beyond which a heatmap cell is dark enough that its number is printed in white."""


def reading_colours(readings: list[str]) -> dict[str, str]:
    """Map each reading to its colour, cycling the palette if there are many."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(readings)}


def reading_styles(readings: list[str]) -> dict[str, dict]:
    """Each reading's colour, line style and marker: matplotlib keyword arguments."""
    return {name: {"color": PALETTE[i % len(PALETTE)],
                   "linestyle": LINESTYLES[i % len(LINESTYLES)],
                   "marker": MARKERS[i % len(MARKERS)]} for i, name in enumerate(readings)}


def ordered(rows: list[dict], key: str) -> list[str]:
    """The distinct values of ``key`` in the rows' order (scenarios, readings as tabled)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.setdefault(row[key], None)
    return list(seen)


Names = dict[str, str] | None
"""Titles of scenarios or labels of readings by name, for those no bundled name gives."""


def _scenario(name: str, titles: Names) -> str:
    """A scenario's title: the one given (a scenario from a file) or the bundled one's."""
    return (titles or {}).get(name) or scenario_title(name)


def _reading(name: str, labels: Names) -> str:
    """A reading's label: the one given (a reading from a file) or its historian's."""
    return (labels or {}).get(name) or reading_label(name)


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


def grid(count: int, columns: int, width: float, height: float, **keywords: object
          ) -> tuple[plt.Figure, np.ndarray]:
    """A grid of ``count`` panels, ``columns`` wide; unused panels hidden."""
    columns = max(1, min(columns, count))
    rows_n = int(np.ceil(count / columns))
    figure, axes = plt.subplots(rows_n, columns, figsize=(width * columns, height * rows_n),
                                squeeze=False, **keywords)
    for ax in axes.flat[count:]:
        ax.axis("off")
    return figure, axes


def _legend_below(figure: plt.Figure, ax: plt.Axes, columns: int = 4) -> None:
    """One legend for the whole figure, under the panels, from ``ax``'s labelled artists."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        figure.legend(handles, labels, loc="lower center", ncol=min(columns, len(labels)),
                      frameon=False, bbox_to_anchor=(0.5, 0.0))


@slide
def plot_outcomes(rows: list[dict], outcomes: tuple[str, ...], stem: Path,
                  titles: Names = None, labels: Names = None) -> list[Path]:
    """(a) Outcome shares by scenario and reading, with 95% intervals; a panel per outcome.

    Dots rather than bars: a share near 1 and one near 0 read as easily, and the
    readings' dots (colour and marker) sit side by side on each scenario's row.
    """
    scenarios, readings = ordered(rows, "scenario"), ordered(rows, "reading")
    styles = reading_styles(readings)
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r for r in rows}
    figure, axes = grid(len(outcomes), 3, 4.6, 0.42 * len(scenarios) + 1.6, sharey=True)
    offsets = np.linspace(-0.18, 0.18, len(readings)) if len(readings) > 1 else [0.0]
    y = np.arange(len(scenarios))
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        for offset, reading in zip(offsets, readings, strict=True):
            cells = [lookup[(s, reading, outcome)] for s in scenarios]
            ax.errorbar([c["probability"] for c in cells], y + offset,
                        xerr=[Z95 * c["standard_error"] for c in cells],
                        fmt=styles[reading]["marker"], color=styles[reading]["color"],
                        markersize=7, capsize=3, label=_reading(reading, labels))
        ax.set_title(first_upper(outcome_label(outcome)))
        ax.set_xlim(-0.03, 1.03)
        ax.set_xlabel("share of worlds")
        ax.grid(axis="x", alpha=0.3)
    for ax in axes[:, 0]:
        ax.set_yticks(y, [_scenario(s, titles) for s in scenarios])
        ax.set_ylabel("scenario")
    axes[0, 0].invert_yaxis()  # the y axis is shared: turning it once turns every panel
    _legend_below(figure, axes.flat[0])
    figure.suptitle("How often each outcome happens, by scenario and reading "
                    "(dots: share of worlds; whiskers: 95% interval)")
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    return save_figure(figure, stem)


def _month_dates(labels: list[str]) -> list:
    return [np.datetime64(f"{label}-15") for label in labels]


FRONT_BAND = ("p25", "p75")
"""The quantiles of the front line's band (columns of ``tables/front.csv``): its middle half."""
FRONT_BAND_WORDS = "the middle 50% of worlds"
"""What the band holds, in the words the figure's legend and the report's caption share."""
FRONT_UNTIL = "1954-12"
"""The last month the front-line figure draws: the years of war get the width (the table
runs to the horizon, and the figure says so when it stops before)."""
FRONT_COLUMNS = ("p10", "p25", "median", "p75", "p90")
"""The front table's quantile columns, compared to tell whether the front moves at all."""


def front_span_note(rows: list[dict], until: str = FRONT_UNTIL) -> str:
    """What the front-line figure leaves out, in words ("" if it draws every month).

    Why: the table runs to the horizon (December 1956) while the figure stops at
    ``until``; a reader must not take the end of the axis for the end of the data,
    and should know whether anything happens in the months not drawn.
    """
    months = sorted({row["month"] for row in rows})
    if not months or months[-1] <= until:
        return ""
    last = {(r["scenario"], r["reading"]): r for r in rows if r["month"] == until}
    moved = any(row["month"] > until and (row["scenario"], row["reading"]) in last
                and any(row[c] != last[(row["scenario"], row["reading"])][c]
                        for c in FRONT_COLUMNS) for row in rows)
    after = ("the front still moves after it in some panels" if moved
             else "no median or band moves after it")
    return (f"Drawn until {month_text(until)}; the table (front.csv) runs to "
            f"{month_text(months[-1])}, and {after}.")


@slide
def plot_fan(rows: list[dict], stem: Path, until: str = FRONT_UNTIL,
             titles: Names = None, labels: Names = None) -> list[Path]:
    """(b) The front line over time: each reading's median and middle 50% of worlds, a panel
    per scenario.

    Only the middle half is drawn: the 10-90% band spans almost the whole peninsula
    for years and hides the medians. Each reading has its own colour and line style,
    and its band is outlined in that style, so overlapping bands stay readable; the
    legend's swatch for a reading is its line drawn over its band, so a reader can
    tell which band is whose. If the rows run past ``until``, the figure says so
    (``front_span_note``).
    """
    scenarios, readings = ordered(rows, "scenario"), ordered(rows, "reading")
    styles = reading_styles(readings)
    last = month_index(until)
    figure, axes = grid(len(scenarios), 3, 5.0, 3.8, sharey=True, sharex=True)
    for ax, scenario in zip(axes.flat, scenarios, strict=False):
        for reading in readings:
            cells = [r for r in rows if r["scenario"] == scenario and r["reading"] == reading]
            cells = cells[: last + 1]
            dates = _month_dates([c["month"] for c in cells])
            style = styles[reading]
            low, high = ([c[FRONT_BAND[0]] for c in cells], [c[FRONT_BAND[1]] for c in cells])
            ax.fill_between(dates, low, high, color=style["color"], alpha=0.12, linewidth=0)
            for edge in (low, high):
                ax.plot(dates, edge, color=style["color"], linestyle=style["linestyle"],
                        linewidth=0.8, alpha=0.8)
            ax.plot(dates, [c["median"] for c in cells], color=style["color"],
                    linestyle=style["linestyle"], linewidth=2.4)
        ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
        ax.set_title(_scenario(scenario, titles))
        ax.set_ylim(0, 1)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("date")
    for ax in axes[:, 0]:
        ax.set_ylabel(FRONT_AXIS)
    handles: list = []
    for reading in readings:
        style = styles[reading]
        band = Patch(facecolor=style["color"], alpha=0.25, edgecolor=style["color"],
                     linestyle=style["linestyle"], linewidth=0.8)
        line = Line2D([], [], color=style["color"], linestyle=style["linestyle"],
                      linewidth=2.4)
        handles.append((band, line))
    handles.append(Line2D([], [], color="grey", linestyle=":"))
    names = [_reading(r, labels) for r in readings] + ["38th parallel (before the war)"]
    figure.legend(handles, names, loc="upper center", ncol=min(3, len(names)), frameon=False,
                  bbox_to_anchor=(0.5, 0.0), handler_map={tuple: HandlerTuple(ndivide=1)},
                  handlelength=3, handleheight=1.6,
                  title=f"Each reading: its median world (line) and {FRONT_BAND_WORDS} "
                        "(band, in its colour)")
    note = fill(front_span_note(rows, until), 50 * axes.shape[1])  # as wide as the panels
    figure.suptitle("Where the front line runs: median world and middle half of worlds"
                    + (f"\n{note}" if note else ""))
    figure.tight_layout()
    return save_figure(figure, stem)


@slide
def plot_heatmap(rows: list[dict], outcomes: tuple[str, ...], stem: Path,
                 titles: Names = None, labels: Names = None) -> list[Path]:
    """(c) Change against the baseline, scenario x outcome, one panel per reading."""
    scenarios = [s for s in ordered(rows, "scenario") if s != "baseline"]
    readings = ordered(rows, "reading")
    if not scenarios:
        return save_figure(_note("Only the baseline was run: there is no change against it "
                                 "to show.\nName one or more scenarios to compare."), stem)
    lookup = {(r["scenario"], r["reading"], r["outcome"]): r["difference_from_baseline"]
              for r in rows}
    figure, axes = plt.subplots(1, len(readings),
                                figsize=(0.75 * len(outcomes) * len(readings) + 5,
                                         0.5 * len(scenarios) + 4.5), squeeze=False)
    image = None
    for ax, reading in zip(axes[0], readings, strict=True):
        grid = np.array([[lookup[(s, reading, o)] for o in outcomes] for s in scenarios])
        image = ax.imshow(grid, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
        ax.set_xticks(range(len(outcomes)), [first_upper(outcome_label(o)) for o in outcomes],
                      rotation=50, ha="right")
        ax.set_yticks(range(len(scenarios)), [_scenario(s, titles) for s in scenarios])
        ax.tick_params(axis="y", labelleft=ax is axes[0, 0])
        for (i, j), value in np.ndenumerate(grid):
            if abs(value) >= LABELLED_CHANGE:
                ax.text(j, i, f"{value:+.2f}", ha="center", va="center", fontsize=MIN_FONT,
                        color="white" if abs(value) > DARK_CHANGE else "black")
        ax.set_title(first_upper(_reading(reading, labels)))
        ax.set_xlabel("outcome")
    axes[0, 0].set_ylabel("scenario")
    figure.colorbar(image, ax=axes[0].tolist(), shrink=0.7,
                    label="change in share of worlds\nagainst the baseline")
    figure.suptitle("What each scenario changes against the baseline "
                    f"(numbers: changes of {LABELLED_CHANGE} or more)")
    return save_figure(figure, stem)


def _note(text: str) -> plt.Figure:
    """A small figure that says in words why there is nothing to draw."""
    figure, ax = plt.subplots(figsize=(8, 2))
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=14, wrap=True)
    return figure


def _quantiles(counts: dict[int, int], levels: tuple[float, ...]) -> list[int]:
    """Quantiles of a histogram given as {value: count}."""
    values = sorted(counts)
    cumulative = np.cumsum([counts[v] for v in values])
    total = cumulative[-1]
    return [values[int(np.searchsorted(cumulative, level * total))] for level in levels]


@slide
def plot_timing(rows: list[dict], stem: Path, titles: Names = None,
                labels: Names = None) -> list[Path]:
    """(d) Timing distributions - invasion month, war length - per scenario and reading.

    Takes the long-form histogram rows (scenario, reading, distribution, value,
    worlds) and draws each distribution as a box: median marker, 50% bar, 80% line.
    """
    scenarios, readings = ordered(rows, "scenario"), ordered(rows, "reading")
    styles = reading_styles(readings)
    counts: dict[tuple[str, str, str], dict[int, int]] = {}
    for row in rows:
        key = (row["scenario"], row["reading"], row["distribution"])
        counts.setdefault(key, {})[row["value"]] = row["worlds"]
    figure, axes = plt.subplots(1, 2, figsize=(14, 0.5 * len(scenarios) + 2.6), sharey=True)
    offsets = np.linspace(-0.22, 0.22, len(readings)) if len(readings) > 1 else [0.0]
    panels = (("invasion_month", "When the North invades", "date of the invasion"),
              ("war_months", "How long the war lasts", "length of the war (months)"))
    for ax, (name, title, label) in zip(axes, panels, strict=True):
        for offset, reading in zip(offsets, readings, strict=True):
            style = styles[reading]
            for y, scenario in enumerate(scenarios):
                histogram = counts.get((scenario, reading, name))
                if not histogram:
                    continue
                p10, p25, p50, p75, p90 = _quantiles(histogram, (0.1, 0.25, 0.5, 0.75, 0.9))
                ax.plot([p10, p90], [y + offset] * 2, color=style["color"], linewidth=1.4,
                        linestyle=style["linestyle"])
                ax.plot([p25, p75], [y + offset] * 2, color=style["color"], linewidth=6,
                        alpha=0.6, solid_capstyle="butt")
                ax.plot(p50, y + offset, style["marker"], color=style["color"], markersize=8,
                        markeredgecolor="white",
                        label=_reading(reading, labels) if y == 0 else None)
        ax.set_title(title)
        ax.set_xlabel(label)
        ax.grid(axis="x", alpha=0.3)
    left = axes[0]
    left.set_yticks(range(len(scenarios)), [_scenario(s, titles) for s in scenarios])
    left.set_ylabel("scenario")
    left.invert_yaxis()
    years = range(1950, 1957)
    left.set_xticks([month_index(f"{year}-01") for year in years], [str(y) for y in years])
    _legend_below(figure, left)
    figure.suptitle("When the war starts and how long it lasts, among worlds where it happens "
                    "\n(marker: median; thick bar: middle 50%; line: middle 80%)")
    figure.tight_layout(rect=(0, 0.06, 1, 1))
    return save_figure(figure, stem)


def write_comparison_figures(tables: dict[str, list[dict]], folder: Path,
                             titles: Names = None, labels: Names = None) -> dict[str, Path]:
    """Draw the four comparison figures from the tables; return each figure's PNG by name.

    ``titles`` and ``labels`` name the scenarios and readings as the run loaded them
    (needed for those from files, whose names alone say nothing to a reader).
    """
    names = {"titles": titles, "labels": labels}
    drawn = {
        "outcomes": plot_outcomes(tables["outcomes"], KEY_OUTCOMES[:6],
                                  folder / "outcomes", **names),
        "change_vs_baseline": plot_heatmap(tables["outcomes"], KEY_OUTCOMES,
                                           folder / "change_vs_baseline", **names),
        "front_line": plot_fan(tables["front"], folder / "front_line", **names),
        "timing": plot_timing(tables["distributions"], folder / "timing", **names),
    }
    return {name: paths[0] for name, paths in drawn.items()}
