"""The page's two pictures, drawn to PNG bytes: the front line and when things happened.

Why PNG bytes drawn off the page's thread: matplotlib takes a good fraction of
a second per figure; drawing in the page's worker thread keeps the numbers
(which come first) and the controls responsive. Colours are colour-blind safe
(Okabe and Ito's vermillion against a neutral grey) and both pictures say
what their axes measure.
"""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from korea1950.inputs.calendar import HORIZON_MONTHS, START_MONTH, month_index
from korea1950.inputs.labels import FRONT_AXIS, timing_label
from korea1950.running.summary import TIMINGS, Summary

SETTING_COLOUR = "#D55E00"
BASELINE_COLOUR = "#7F7F7F"
BAND = (0.25, 0.5, 0.75)
"""The front line's band (the middle half of worlds) and its median; an 80% band spans
nearly the whole peninsula for years, since some worlds end in unification either way."""


def _years(ax: plt.Axes) -> None:
    """Ticks at each January on a month axis starting in September 1949."""
    first_january = (13 - START_MONTH) % 12
    ticks = list(range(first_january, HORIZON_MONTHS, 12))
    ax.set_xticks(ticks, [str(1950 + i) for i in range(len(ticks))])
    ax.set_xlim(0, HORIZON_MONTHS - 1)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return buffer.getvalue()


def front_line(result: Summary, baseline: Summary) -> bytes:
    """The share of the peninsula the North holds, month by month: median and 80% of worlds."""
    figure, ax = plt.subplots(figsize=(7.2, 3.0))
    months = np.arange(result.tallies["front"].shape[0])
    for label, summary, colour in (("baseline", baseline, BASELINE_COLOUR),
                                   ("this setting", result, SETTING_COLOUR)):
        low, median, high = summary.front_quantiles(BAND)
        ax.fill_between(months, low, high, color=colour, alpha=0.18, linewidth=0)
        ax.plot(months, median, color=colour, label=f"{label} (median)", linewidth=2)
    ax.axhline(0.5, color="black", linestyle=":", linewidth=1)
    ax.text(1, 0.52, "38th parallel", fontsize=8)
    _years(ax)
    ax.set_ylim(0, 1)
    ax.set_ylabel(FRONT_AXIS)
    ax.set_title("The front line (line: median world; shaded: middle half of worlds)", fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    figure.tight_layout()
    return _png(figure)


def timeline(result: Summary, baseline: Summary) -> bytes:
    """When each event came, in the worlds where it came: median, and 10th to 90th percentile."""
    names = list(TIMINGS)
    figure, ax = plt.subplots(figsize=(7.2, 3.4))
    for offset, label, summary, colour in ((0.18, "baseline", baseline, BASELINE_COLOUR),
                                           (-0.18, "this setting", result, SETTING_COLOUR)):
        labelled = False
        for row, name in enumerate(names):
            event = TIMINGS[name]
            median = summary.month_quantile(event, 0.5)
            if median is None:
                continue
            low, high = summary.month_quantile(event, 0.1), summary.month_quantile(event, 0.9)
            y = len(names) - 1 - row + offset
            ax.plot([low, high], [y, y], color=colour, linewidth=3, alpha=0.5,
                    solid_capstyle="butt")
            ax.plot([median], [y], "o", color=colour, markersize=5,
                    label=None if labelled else label)
            labelled = True
    ax.set_yticks(range(len(names)), [timing_label(n) for n in reversed(names)], fontsize=8)
    _years(ax)
    ax.axvline(month_index("1950-06"), color="black", linestyle=":", linewidth=1)
    ax.set_xlabel("month (dotted: June 1950, when the war began)")
    ax.set_title("When things happened (dot: median world; bar: 10th to 90th percentile)",
                 fontsize=10)
    if ax.get_legend_handles_labels()[1]:
        ax.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    return _png(figure)
