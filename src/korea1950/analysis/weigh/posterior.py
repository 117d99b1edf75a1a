"""What the record says about each reading's goals and beliefs: prior against posterior.

The worlds matching the record are a rejection sample from the posterior of
Stalin's parameters given the record; each run tallies, per parameter, a
histogram over the parameter's range among all worlds (the prior as drawn) and
among matching worlds (the posterior). This module turns those tallies into a
table (prior mean, posterior mean, 90% interval, shift) and keeps each prior's
own family and arguments, so a figure can draw the prior's exact density.
"""

import numpy as np

from korea1950.inputs.readings import Prior, Reading
from korea1950.inputs.record import parameter_bins
from korea1950.running.summary import Summary, histogram_quantile

INTERVAL = (0.05, 0.5, 0.95)
"""Quantiles reported: a 90% interval and the median."""


def _histogram_cell(counts: np.ndarray, centres: np.ndarray) -> tuple[float | None, list | None]:
    """Mean and 5-50-95% points of a histogram (bin centres; exact to half a bin)."""
    if not counts.sum():
        return None, None
    mean = round(float((counts * centres).sum() / counts.sum()), 4)
    points = [round(float(centres[histogram_quantile(counts, q)]), 4) for q in INTERVAL]
    return mean, points


def prior_spec(prior: Prior) -> dict:
    """A prior's family, arguments and cited mean, as plain data."""
    return {"distribution": prior.distribution, "arguments": dict(prior.arguments),
            "mean": round(float(prior.mean()), 4)}


def posterior_summary(summary: Summary, names: list[str], reading: Reading | None = None) -> dict:
    """Prior and posterior (given the whole record) of each parameter, from the histograms.

    ``reading`` (optional) adds each cited prior's family and arguments.
    """
    result = {}
    for name in names:
        edges = parameter_bins(name)
        centres = (edges[:-1] + edges[1:]) / 2
        cell: dict = {"bins": [round(float(e), 4) for e in edges]}
        for label, key in (("prior", "all"), ("posterior", "match")):
            counts = summary.tallies[f"posterior:{key}:{name}"]
            cell[f"{label}_counts"] = counts.tolist()
            cell[f"{label}_mean"], cell[f"{label}_5_50_95"] = _histogram_cell(counts, centres)
        cell["shift"] = (None if cell["posterior_mean"] is None
                         else round(cell["posterior_mean"] - cell["prior_mean"], 4))
        cell["matching_worlds"] = int(summary.tallies[f"posterior:match:{name}"].sum())
        if reading is not None and name in reading.priors:
            cell["cited_prior"] = prior_spec(reading.priors[name])
        result[name] = cell
    return result


def posterior_rows(posterior: dict) -> list[dict]:
    """One row per reading and parameter: prior mean, posterior mean, 90% interval, shift."""
    rows = []
    for reading, parameters in posterior.items():
        for parameter, cell in parameters.items():
            points = cell["posterior_5_50_95"]
            rows.append({"reading": reading, "parameter": parameter,
                         "prior_mean": cell["prior_mean"], "posterior_mean": cell["posterior_mean"],
                         "interval_90": [points[0], points[2]] if points else None,
                         "shift": cell["shift"]})
    return rows


def posterior_cells(posterior: dict) -> list[tuple[str, str, str, str, str, str]]:
    """Each posterior row as text cells: reading, parameter, prior mean, posterior mean,
    90% interval, shift (the last three empty and "no matching world" said if none matched).

    Why here: the command line and the report render the same figures, in two layouts.
    """
    cells = []
    for row in posterior_rows(posterior):
        prior = f"{row['prior_mean']:.3f}"
        if row["posterior_mean"] is None:
            cells.append((row["reading"], row["parameter"], prior, "no matching world", "", ""))
            continue
        low, high = row["interval_90"]
        cells.append((row["reading"], row["parameter"], prior, f"{row['posterior_mean']:.3f}",
                      f"{low:.3f} to {high:.3f}", f"{row['shift']:+.3f}"))
    return cells
