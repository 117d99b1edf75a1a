"""Global sensitivity of outcomes to Stalin's motive parameters, with SALib.

Why in quantile space: a reading gives each parameter a prior (beta,
triangular, uniform), which SALib's samplers do not all support. We sample the
unit hypercube with SALib and map each coordinate through the prior's inverse
CDF, so the indices answer "which of the reading's uncertainties drive this
outcome?" - the variance decomposition under the reading itself.

Each sample point is evaluated as the share of ``replicates_per_point`` worlds
with those motives in which the outcome happened. Points are packed into the
ensemble's blocks (per-block seeds), so results are the same for any number of
workers.

Why our own Sobol estimators (SALib samples, we estimate): each point's value
is a share of a few dozen worlds, and chance within the worlds - everything a
world leaves to chance besides Stalin's motives - adds variance that SALib's
estimators would credit to the parameters: every total index then looks large
(about 0.6 in every cell) and first-order ones swing negative. The outcome of
one world is yes or no, so its variance is p(1 - p), known as precisely as the
share p itself. We share that variance out: each motive's first-order and
total index (SALib's estimators, Saltelli 2010 and Jansen, with the chance
variance - binomial at each point - taken out of the total-order numerator),
and what is left to chance. Every index carries a bootstrap interval; one whose
95% half-width exceeds ``CONVERGED_HALF_WIDTH`` is flagged as not converged,
and the result says so in words.
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats
from tqdm import tqdm

from korea1950.analysis.sobol import RESAMPLES, chance_variance, sobol_indices
from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.labels import first_upper, outcome_label
from korea1950.inputs.readings import Prior, Reading, load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.blocks import BLOCK, MAX_WORLDS
from korea1950.running.ensemble import progress_disabled
from korea1950.running.evaluators import Evaluator, evaluator_for
from korea1950.running.summary import OUTCOMES
from korea1950.running.worlds import BlockTask, simulate_block
from korea1950.simulation.world import WAR

DEFAULT_OUTCOMES = ("invasion", "us_intervention", "china_intervention", "armistice",
                    "soviet_veto")
OUTCOMES_HELP = "'korea1950 sensitivity --help'"
"""Where a user finds every outcome's name (the help lists them)."""
METHODS = ("sobol", "morris")
DEFAULT_SAMPLES = 512
"""Saltelli base samples N by default (a power of two, as Sobol' sequences want). At 32
worlds per point every index of the bundled readings' key outcomes then has a 95%
half-width of about 0.01, inside ``CONVERGED_HALF_WIDTH``; 128 samples leave some wider."""
DEFAULT_PER_POINT = 32
"""Worlds simulated at each sample point by default."""

MAX_POINTS = 1_000_000
"""Most sample points in one analysis: the sample is held whole (160 MB per copy at 20
parameters), and the default is 11,264."""
CONVERGED_HALF_WIDTH = 0.02
"""Largest 95% half-width at which an index counts as converged: it is then known to within
two hundredths of the outcome's variation across worlds - narrow enough to tell a motive
that matters (the boycott's value for the veto, about 0.05) from one that does not (0)."""
MIN_VARIANCE = 0.0025
"""One world's variance p(1 - p) below which an outcome counts as flat: it happens in more
than 99.75% (or fewer than 0.25%) of worlds, and there is no variation left to share out."""


@dataclass(frozen=True)
class PointsTask:
    """A block of sample points, each repeated ``per_point`` times, for one worker.

    ``block`` is the ensemble's block task with the points' motives, one value
    per point; each is repeated ``per_point`` times in the worker, so what is
    sent stays small.
    """

    block: BlockTask
    per_point: int
    outcomes: tuple[str, ...]


def varied_parameters(reading: Reading) -> list[str]:
    """The reading's parameters whose prior is not a fixed value."""
    return [name for name, prior in reading.priors.items() if prior.distribution != "fixed"]


def to_prior(prior: Prior, quantiles: np.ndarray) -> np.ndarray:
    """Map quantiles in [0, 1] to parameter values through the prior's inverse CDF."""
    q = np.clip(quantiles, 1e-9, 1 - 1e-9)
    args = dict(prior.arguments)
    match prior.distribution:
        case "beta":
            a = args["mean"] * args["concentration"]
            return stats.beta.ppf(q, a, args["concentration"] - a)
        case "uniform":
            return args["low"] + q * (args["high"] - args["low"])
        case "triangular":
            width = args["high"] - args["low"]
            if width == 0:
                return np.full_like(q, args["low"])
            return stats.triang.ppf(q, (args["mode"] - args["low"]) / width, args["low"], width)
        case _:
            return np.full_like(q, args["value"])


def evaluate_points(task: PointsTask) -> np.ndarray:
    """Share of worlds with each outcome at each sample point: shape (points, outcomes)."""
    motives = tuple((name, np.repeat(values, task.per_point))
                    for name, values in task.block.stalin_motives)
    model = simulate_block(dataclasses.replace(task.block, stalin_motives=motives))
    columns = []
    for outcome in task.outcomes:
        happened = (model.world.phase == WAR) if outcome == "still_at_war" else (
            model.world.events[outcome] >= 0)
        columns.append(happened.reshape(-1, task.per_point).mean(axis=1))
    return np.column_stack(columns)


def sample(method: str, names: list[str], samples: int, seed: int) -> np.ndarray:
    """SALib's sample in quantile space: rows are points, columns parameters."""
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if method == "sobol":
        from SALib.sample import sobol
        return sobol.sample(problem, samples, calc_second_order=False, seed=seed)
    from SALib.sample import morris
    return morris.sample(problem, samples, num_levels=4, seed=seed)


def analyse(method: str, names: list[str], points: np.ndarray, values: np.ndarray,
            seed: int, chance: np.ndarray | None = None) -> list[dict]:
    """The indices for one outcome, as rows with 95% half-widths (``*_conf``)."""
    if method == "sobol":
        chance = np.zeros_like(values) if chance is None else chance
        return sobol_rows(names, values, chance, seed)[0]
    from SALib.analyze import morris
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    result = morris.analyze(problem, points, values, conf_level=0.95, num_resamples=RESAMPLES,
                            seed=seed)
    return [{"parameter": name, "mu_star": float(result["mu_star"][i]),
             "mu_star_conf": float(result["mu_star_conf"][i]),
             "sigma": float(result["sigma"][i])} for i, name in enumerate(names)]


def sobol_rows(names: list[str], values: np.ndarray, chance: np.ndarray,
               seed: int) -> tuple[list[dict], dict]:
    """One outcome's Sobol rows (each index flagged converged or not) and its summary.

    An outcome that (almost) always or never happens has next to no variance to
    share out: its rows are zero and its summary says it is flat.
    """
    result = sobol_indices(values, chance, len(names), seed)
    flat = result["mean"] * (1 - result["mean"]) < MIN_VARIANCE
    rows = []
    for i, name in enumerate(names):
        row = {"parameter": name}
        for key in ("S1", "ST"):
            value, half = (0.0, 0.0) if flat else (float(result[key][i]),
                                                   float(result[f"{key}_conf"][i]))
            row.update({key: value, f"{key}_conf": half,
                        f"{key}_converged": bool(half <= CONVERGED_HALF_WIDTH)})
        rows.append(row)
    summary = {"mean_share": result["mean"], "flat": bool(flat),
               "chance": 1.0 if flat else result["chance"],
               "chance_conf": 0.0 if flat else result["chance_conf"]}
    return rows, summary


def chance_share(chance: float, half: float | None = None) -> tuple[str, str]:
    """Chance's share of an outcome's variation for a reader: the share, and what to say
    beside it (its 95% interval, or the estimate it was capped from).

    Why capped: chance's share is one minus the parameters' share, estimated from
    a few worlds per point, so noise can put it above 100% (or below 0%), which no
    share can be. Printing "101.8%" reads as a result; hiding the estimate reads as
    certainty. So the share is stated within [0%, 100%] and the estimate with its
    interval beside it, in the text and the figure alike.
    """
    estimate = capped_estimate(chance, half)
    if estimate is None:
        return f"{chance:.1%}", "" if half is None else f"±{half:.1%}"
    capped, limit = (1.0, "exceed 100%") if chance > 1 else (0.0, "fall below 0%")
    return f"{capped:.0%}", f"estimate {estimate}; a share cannot {limit}"


def capped_estimate(chance: float, half: float | None = None) -> str | None:
    """The estimate of chance's share with its 95% interval ("101.8% ±1.2%") where
    ``chance_share`` caps it, else None (for a figure that sets it out on its own line)."""
    if 0 <= chance <= 1:
        return None
    return f"{chance:.1%}" + ("" if half is None else f" ±{half:.1%}")


def chance_phrase(summary: dict) -> str:
    """"explains X of its variation (...)": chance's share of one outcome, for a sentence."""
    share, beside = chance_share(summary["chance"], summary.get("chance_conf"))
    return f"explains {share} of its variation" + (f" ({beside})" if beside else "")


def convergence_statement(outcome: str, rows: list[dict], summary: dict) -> dict:
    """Whether one outcome's indices have converged, in numbers and in one sentence a reader
    sees before the indices themselves."""
    label = first_upper(outcome_label(outcome))
    wide = sum(not row[f"{key}_converged"] for row in rows for key in ("S1", "ST"))
    unsettled = [row["parameter"] for row in rows
                 if not (row["S1_converged"] and row["ST_converged"])]
    statement = {"not_converged": wide, "converged": not wide,
                 "parameters_not_converged": unsettled}
    if summary["flat"]:
        text = (f"{label}: happens in {summary['mean_share']:.1%} of worlds whatever the "
                "parameters; too little variation to share out, so no indices.")
    elif wide:
        text = (f"{label}: NOT CONVERGED - {wide} of {2 * len(rows)} indices have a 95% "
                f"interval wider than ±{CONVERGED_HALF_WIDTH}; read them as rough, or run "
                "more --samples.")
    else:
        text = (f"{label}: converged - every index known to within "
                f"±{CONVERGED_HALF_WIDTH} (95%); chance within the world "
                f"{chance_phrase(summary)}.")
    return {**statement, "statement": text}


def check_outcomes(outcomes: Sequence[str]) -> None:
    """A one-line ``InputError`` unless ``outcomes`` names one or more outcomes, all known,
    none twice.

    Why the message points to the help rather than listing the names: there are
    some two dozen, which no one-line message holds - cut in the middle, the list
    hid the very name a user was looking for. The nearest name is suggested, as
    every other name check does. Why here, in the library: the command line
    calls it on ``--outcomes`` before any work, and ``run_sensitivity`` on what
    it is given, so both refuse alike.
    """
    if not outcomes:
        raise InputError(f"expected one or more outcomes (any of the {len(OUTCOMES)} "
                         f"listed by {OUTCOMES_HELP})")
    unknown = next((o for o in outcomes if o not in OUTCOMES), None)
    if unknown is not None:
        raise InputError(f"unknown outcome {shown(unknown, 40)} (see {OUTCOMES_HELP} for "
                         f"the {len(OUTCOMES)} outcomes){did_you_mean(unknown, OUTCOMES)}")
    repeated = next((o for i, o in enumerate(outcomes) if o in outcomes[:i]), None)
    if repeated is not None:  # its rows would be in every table twice
        raise InputError(f"outcome {shown(repeated, 40)} is named twice")


def check_size(method: str, parameters: int, samples: int, per_point: int) -> int:
    """The number of sample points, or a one-line ``InputError`` if the run is too big.

    Why before sampling: the sample itself (points x parameters, twice: quantiles
    and prior values) is held whole, so a typing slip in ``--samples`` would fill
    the memory before a single world ran; and the worlds are bounded as every
    other command's (``MAX_WORLDS``).
    """
    points = samples * (parameters + (2 if method == "sobol" else 1))
    worlds = points * per_point
    if points > MAX_POINTS or worlds > MAX_WORLDS:
        lower = ("--samples" if points > MAX_POINTS
                 else "--samples or --replicates-per-point")
        raise InputError(f"{samples:,} samples give {points:,} points x {per_point:,} worlds = "
                         f"{worlds:,} worlds; at most {MAX_POINTS:,} points and "
                         f"{MAX_WORLDS:,} worlds (lower {lower})")
    return points


def run_sensitivity(reading: str = "stueck", scenario: str = "baseline",
                    method: str = "sobol", samples: int = DEFAULT_SAMPLES,
                    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES,
                    replicates_per_point: int = DEFAULT_PER_POINT, seed: int = 1,
                    execution: "Evaluator | int | None" = 1, progress: bool | None = None
                    ) -> dict:
    """Sample, simulate and analyse; return a JSON-ready result with one row per index and
    one convergence summary per outcome."""
    if method not in METHODS:
        raise InputError(f"--method {method!r}: expected one of {', '.join(METHODS)}")
    check_outcomes(outcomes)
    loaded_reading, loaded_scenario = load_reading(reading), load_scenario(scenario)
    names = varied_parameters(loaded_reading)
    check_size(method, len(names), samples, replicates_per_point)
    quantiles = sample(method, names, samples, seed)
    values = {name: to_prior(loaded_reading.priors[name], quantiles[:, i])
              for i, name in enumerate(names)}
    per_block = max(1, BLOCK // replicates_per_point)
    tasks = [PointsTask(BlockTask(loaded_scenario, loaded_reading, seed, index,
                                  min(per_block, len(quantiles) - start) * replicates_per_point,
                                  stalin_motives=tuple((name, column[start:start + per_block])
                                                       for name, column in values.items())),
                        replicates_per_point, tuple(outcomes))
             for index, start in enumerate(range(0, len(quantiles), per_block))]
    shares = np.vstack(list(_run(tasks, evaluator_for(execution), progress)))
    chance = chance_variance(shares, replicates_per_point)
    rows, summaries = [], []
    for j, outcome in enumerate(outcomes):
        if method == "sobol":
            found, summary = sobol_rows(names, shares[:, j], chance[:, j], seed)
            summaries.append({"outcome": outcome, **summary,
                              **convergence_statement(outcome, found, summary)})
        else:
            found = analyse(method, names, quantiles, shares[:, j], seed)
        rows += [{"outcome": outcome, **row} for row in found]
    return {"reading": loaded_reading.name, "scenario": loaded_scenario.name,
            "scenario_title": loaded_scenario.title, "method": method,
            "samples": samples, "points": len(quantiles),
            "replicates_per_point": replicates_per_point,
            "worlds": len(quantiles) * replicates_per_point, "seed": seed,
            "converged_half_width": CONVERGED_HALF_WIDTH, "parameters": names,
            "convergence": summaries, "indices": rows}


def table_rows(result: dict) -> list[dict]:
    """The indices as rows for a table a reader filters (the written CSV and JSON).

    Why not ``result["indices"]`` as they are: an outcome too flat to share out
    carries zeros there, flagged converged, so that code drawing or ranking the
    indices needs no special case; in a table those read as measured zeros. Here
    its index cells are empty and ``note`` says why; every other row has an empty
    note. Morris rows (no flat outcomes) are returned unchanged.
    """
    flat = {s["outcome"]: s for s in result.get("convergence", []) if s["flat"]}
    if result["method"] != "sobol":
        return [dict(row) for row in result["indices"]]
    rows = []
    for row in result["indices"]:
        summary = flat.get(row["outcome"])
        if summary is None:
            rows.append({**row, "note": None})
            continue
        empty = {key: None for key in row if key not in ("outcome", "parameter")}
        rows.append({**row, **empty,
                     "note": f"no indices: happens in {summary['mean_share']:.1%} of worlds "
                             "whatever the parameters, too little variation to share out"})
    return rows


def _run(tasks: list[PointsTask], evaluator: Evaluator, progress: bool | None):
    """Each task's shares, in order, through the evaluator, under a progress bar."""
    bar = tqdm(total=len(tasks), unit="block", desc="sensitivity",
               disable=progress_disabled(progress), leave=False)
    with bar:
        for result in evaluator.map(evaluate_points, tasks, len(tasks)):
            bar.update()
            yield result
