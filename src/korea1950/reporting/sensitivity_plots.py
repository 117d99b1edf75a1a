"""The sensitivity figure: which of Stalin's motives move each outcome, and what has converged.

Why apart from the comparison figures: it draws indices with their intervals
and says which have not converged (greyed and hatched), a different kind of
figure from the others, with its own rules for which parameters to show.
"""

from pathlib import Path

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from korea1950.analysis.sensitivity import CONVERGED_HALF_WIDTH, capped_estimate, chance_share
from korea1950.inputs.labels import first_upper, outcome_label, parameter_label
from korea1950.reporting.plots import PALETTE, grid, ordered, save_figure, slide

MEASURE_COLOURS = PALETTE[2:4]
"""First-order and total indices in the palette's green and pink: blue and orange mean the
two readings in every other figure, and must not mean something else here."""

SHOWN_PARAMETERS = 10
"""Most parameters a sensitivity figure draws: those with the largest total index; the
rest are counted in a note with the largest index among them (``hidden_note``)."""


def _sensitivity_order(rows: list[dict], key: str) -> list[str]:
    """Parameters by their largest index over the outcomes, largest first."""
    best: dict[str, float] = {}
    for row in rows:
        best[row["parameter"]] = max(best.get(row["parameter"], -np.inf), row[key])
    return sorted(best, key=lambda name: -best[name])


def _greyed(colour: str) -> tuple[float, float, float]:
    """A colour faded most of the way to grey: an index that has not converged keeps a hint
    of which measure it is, but no longer reads as a result."""
    return tuple(0.35 * c + 0.65 * 0.8 for c in to_rgb(colour))


def _all_zero(rows: list[dict], outcome: str) -> bool:
    """Whether an outcome's Sobol rows are all exactly zero: the analysis's mark of an
    outcome too flat to have indices, for callers that pass no convergence summary."""
    return all(r[k] in (0, None) for r in rows if r["outcome"] == outcome
               for k in ("S1", "ST", "S1_conf", "ST_conf"))


def hidden_note(rows: list[dict], hidden: list[str], keys: tuple[str, ...]) -> str:
    """The note on parameters not drawn: how many, and a bound on every index among them.

    Why over every measure drawn (first order and total, not total alone): the
    parameters are ranked by total index, but an estimated first-order index can
    exceed its total one, and "every index at most X" must hold for each index the
    reader would have seen. Only the outcomes drawn count (``rows`` are theirs);
    empty cells (an outcome with no indices) are skipped.
    """
    if not hidden:
        return ""
    values = [r[key] for r in rows if r["parameter"] in hidden for key in keys
              if r.get(key) is not None]
    largest = max(values, default=0.0)
    which = "index (first order and total)" if "S1" in keys else "mu*"
    return (f"{len(hidden)} other parameters not drawn: every {which} at most "
            f"{max(largest, 0):.3f}.")


def _chance_title(summary: dict | None) -> str:
    """The line under a panel's outcome: chance's share as the text gives it, within
    [0%, 100%], with the estimate and its 95% interval beside it when noise put it outside
    (the figure's note says why, once: ``_capped_note``)."""
    if not summary or "chance" not in summary:
        return ""
    share, _ = chance_share(summary["chance"], summary.get("chance_conf"))
    estimate = capped_estimate(summary["chance"], summary.get("chance_conf"))
    if estimate is not None:
        return f"\n(chance within the world:\n{share}; estimate\n{estimate})"  # narrow panels
    return f"\n(chance within the world: {share})"


def _capped_note(summaries: list[dict]) -> str:
    """Why a panel shows chance's share beside a different estimate, or "" if none does."""
    chances = [s["chance"] for s in summaries if "chance" in s]
    limits = (["as 100% where its estimate is above: a share cannot exceed 100%"]
              if any(c > 1 for c in chances) else [])
    limits += (["as 0% where its estimate is below: a share cannot be negative"]
               if any(c < 0 for c in chances) else [])
    return ("Chance within the world is shown " + "; ".join(limits) + ".") if limits else ""


def _converged(row: dict, key: str) -> bool:
    """Whether an index has converged (rows from older results carry no flag)."""
    return row.get(f"{key}_converged", row[f"{key}_conf"] <= CONVERGED_HALF_WIDTH)


@slide
def plot_sensitivity(rows: list[dict], title: str, stem: Path,
                     convergence: list[dict] | None = None) -> list[Path]:
    """Sensitivity indices per outcome: Sobol first-order and total indices (or Morris mu*)
    with 95% intervals, for the parameters that matter most.

    Indices that have not converged are drawn grey and hatched; a negative estimate
    is drawn as 0 (its interval, which reaches zero, is kept). An outcome that
    hardly varies has no panel and is named in the note. ``convergence`` is the
    result's per-outcome summary (chance's share, flatness).
    """
    summaries = {s["outcome"]: s for s in convergence or []}
    sobol = "S1" in rows[0]
    flat = [o for o in ordered(rows, "outcome")
            if summaries.get(o, {}).get("flat", sobol and _all_zero(rows, o))]
    outcomes = [o for o in ordered(rows, "outcome") if o not in flat]
    measures = (("S1", "first order"), ("ST", "total")) if sobol else (("mu_star", "mu*"),)
    order = _sensitivity_order([r for r in rows if r["outcome"] in outcomes], measures[-1][0])
    parameters, hidden = order[:SHOWN_PARAMETERS], order[SHOWN_PARAMETERS:]
    # One x scale for every panel: a motive that barely moves one outcome must look as
    # small beside one that moves another a lot.
    figure, axes = grid(max(1, len(outcomes)), 4, 4.6, 0.42 * len(parameters) + 2.0,
                         sharey=True, sharex=True)
    y = np.arange(len(parameters))
    height = 0.8 / len(measures)
    for ax, outcome in zip(axes.flat, outcomes, strict=False):
        cells = {r["parameter"]: r for r in rows if r["outcome"] == outcome}
        for i, (key, _) in enumerate(measures):
            at = y + (i - (len(measures) - 1) / 2) * height
            values = np.array([cells[p][key] for p in parameters])
            errors = np.array([cells[p][f"{key}_conf"] for p in parameters])
            settled = np.array([_converged(cells[p], key) if sobol else True
                                for p in parameters])
            colours = [MEASURE_COLOURS[i] if ok else _greyed(MEASURE_COLOURS[i]) for ok in settled]
            bars = ax.barh(at, np.maximum(values, 0), height, color=colours)
            for bar, ok in zip(bars, settled, strict=True):
                if not ok:
                    bar.set_hatch("//")
                    bar.set_edgecolor("0.45")
            ax.errorbar(values, at, xerr=errors, fmt="none", ecolor="black", capsize=2,
                        linewidth=1)
        ax.set_title(first_upper(outcome_label(outcome)) + _chance_title(summaries.get(outcome)))
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.set_xlabel("share of the outcome's variation" if sobol
                      else "mu* (share of worlds)")
    for ax in axes[:, 0]:
        ax.set_yticks(y, [parameter_label(p) for p in parameters])
        ax.set_ylabel("Stalin's motive (parameter)")
    axes[0, 0].invert_yaxis()  # shared: once turns every panel
    ax = axes.flat[0]
    handles = [Patch(facecolor=MEASURE_COLOURS[i]) for i in range(len(measures))]
    labels = [label for _, label in measures]
    if sobol:
        handles.append(Patch(facecolor=_greyed(MEASURE_COLOURS[0]), edgecolor="0.45", hatch="//"))
        labels.append(f"not converged (95% interval wider than ±{CONVERGED_HALF_WIDTH})")
    figure.legend(handles, labels, loc="lower center", ncol=3, frameon=False)
    notes = []
    if hidden:
        notes.append(hidden_note([r for r in rows if r["outcome"] in outcomes], hidden,
                                 tuple(key for key, _ in measures)))
    if flat:
        notes.append("No indices for " + ", ".join(outcome_label(o) for o in flat)
                     + (": it hardly varies" if len(flat) == 1 else ": they hardly vary")
                     + " across worlds.")
    if capped := _capped_note([summaries[o] for o in outcomes if o in summaries]):
        notes.append(capped)
    if sobol:
        notes.append("Whiskers: 95% intervals; a negative estimate is noise within its "
                     "interval and is drawn as 0.")
    figure.suptitle("\n".join([title, *notes]))
    figure.tight_layout(rect=(0, 0.08, 1, 1))
    return save_figure(figure, stem)
