"""The timing figure: how many months earlier or later each scenario makes an event happen.

Why a figure of its own: the outcome figures show how often things happen, so a
what-if that only moves an event in time (delaying the Communist victory in
China delays the invasion by about a year) looks like no change there. This
figure draws the shift of the median month against the baseline, with its 95%
interval, from the ``timing_vs_baseline`` table.

Made for a slide: few panels, large type, readings told apart by colour (the
shared colour-blind-safe palette) and by marker shape, the axis in months.
"""

from pathlib import Path

import numpy as np
from matplotlib.lines import Line2D

from korea1950.analysis.timing_shift import NOT_COMPARABLE_WHEN, SHORT_NOTES
from korea1950.inputs.labels import first_upper, timing_label
from korea1950.reporting.plots import PALETTE, plt, save_figure

SHOWN_EVENTS = ("invasion", "armistice")
"""Events drawn, one panel each: when the war starts and when it is settled."""

MARKERS = ("o", "s", "^", "D", "v", "P", "X")
"""Marker per reading (in reading order), so the readings stay apart without colour."""

EVENT_TIMINGS = {"invasion": "invasion_month", "armistice": "armistice_month",
                 "us_intervention": "us_intervention_month",
                 "china_intervention": "china_intervention_month",
                 "stalin_approves": "stalin_approval_month", "mao_consents": "mao_consent_month",
                 "incheon_landing": "incheon_month", "war_end": "war_end_month"}
"""The timing (and so its label) of each timed event."""


def plot_timing_shifts(rows: list[dict], scenario_titles: dict[str, str],
                       reading_labels: dict[str, str], stem: Path,
                       events: tuple[str, ...] = SHOWN_EVENTS) -> list[Path]:
    """Draw the shift of each event's median month against the baseline; write PNG and SVG.

    ``rows`` are ``timing_vs_baseline`` rows; ``scenario_titles`` and
    ``reading_labels`` map names to what a reader sees, in the order drawn
    (scenarios top to bottom). A reading under which the event never happens in
    a scenario gets a note in words, in its colour, instead of a point; a shift
    whose medians are over different sets of worlds (``comparable`` false) is
    drawn hollow.
    """
    scenarios, readings = list(scenario_titles), list(reading_labels)
    cells = {(r["scenario"], r["reading"], r["event"]): r for r in rows}
    figure, axes = plt.subplots(1, len(events), figsize=(6.5 * len(events) + 3,
                                                         0.62 * len(scenarios) + 2.2),
                                sharey=True, squeeze=False)
    offsets = (np.linspace(-0.18, 0.18, len(readings)) if len(readings) > 1
               else np.zeros(1))
    for ax, event in zip(axes[0], events, strict=True):
        for index, (reading, offset) in enumerate(zip(readings, offsets, strict=True)):
            colour, marker = PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]
            for y, scenario in enumerate(scenarios):
                row = cells.get((scenario, reading, event))
                if row is None:
                    continue
                if row["shift_months"] == "":
                    never = SHORT_NOTES[row["shift_note"]]
                    ax.text(0, y + offset, f" {never}", ha="left", va="center", fontsize=10,
                            color=colour, style="italic")
                    continue
                low, high = row["shift_ci_low"], row["shift_ci_high"]
                hollow = not row["comparable"]
                ax.errorbar(row["shift_months"], y + offset,
                            xerr=[[row["shift_months"] - low], [high - row["shift_months"]]],
                            fmt=marker, color=colour, markersize=8, capsize=4, linewidth=2,
                            markeredgecolor=colour if hollow else "white",
                            markerfacecolor="white" if hollow else colour,
                            label=reading_labels[reading] if y == 0 else None)
        ax.axvline(0, color="0.4", linewidth=1)
        title = timing_label(EVENT_TIMINGS[event])
        ax.set_title(first_upper(title), fontsize=15)
        ax.set_xlabel("shift of the median month (months; + is later)", fontsize=12)
        ax.tick_params(labelsize=12)
        ax.grid(axis="x", alpha=0.3)
    left = axes[0, 0]
    left.set_yticks(range(len(scenarios)), [scenario_titles[s] for s in scenarios])
    left.set_ylim(len(scenarios) - 0.5, -0.5)
    handles, labels = left.get_legend_handles_labels()
    if any(not row["comparable"] for row in rows if row["shift_months"] != ""):
        handles.append(Line2D([], [], marker="o", color="0.3", markerfacecolor="white",
                              linestyle=""))
        labels.append(f"hollow: not comparable ({NOT_COMPARABLE_WHEN})")
    if handles:
        figure.legend(handles, labels, loc="lower center", ncol=len(handles), fontsize=12,
                      frameon=False, bbox_to_anchor=(0.5, -0.02))
    figure.suptitle("When things happen: each what-if against the baseline "
                    "(point: shift of the median month; bar: 95% interval)", fontsize=15)
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    return save_figure(figure, stem)
