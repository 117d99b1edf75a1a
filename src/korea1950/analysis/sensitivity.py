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
"""

import dataclasses
from dataclasses import dataclass

import numpy as np
from scipy import stats
from tqdm import tqdm

from korea1950.inputs.errors import InputError
from korea1950.inputs.readings import Prior, Reading, load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.blocks import BLOCK
from korea1950.running.ensemble import progress_disabled
from korea1950.running.evaluators import Evaluator, evaluator_for
from korea1950.running.summary import OUTCOMES
from korea1950.running.worlds import BlockTask, simulate_block
from korea1950.simulation.world import WAR

DEFAULT_OUTCOMES = ("invasion", "us_intervention", "china_intervention", "armistice",
                    "soviet_veto")
METHODS = ("sobol", "morris")


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
            seed: int) -> list[dict]:
    """SALib's indices for one outcome, as rows with confidence intervals."""
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if method == "sobol":
        from SALib.analyze import sobol
        result = sobol.analyze(problem, values, calc_second_order=False, num_resamples=200,
                               conf_level=0.95, seed=seed)
        return [{"parameter": name, "S1": float(result["S1"][i]),
                 "S1_conf": float(result["S1_conf"][i]), "ST": float(result["ST"][i]),
                 "ST_conf": float(result["ST_conf"][i])} for i, name in enumerate(names)]
    from SALib.analyze import morris
    result = morris.analyze(problem, points, values, conf_level=0.95, num_resamples=200,
                            seed=seed)
    return [{"parameter": name, "mu_star": float(result["mu_star"][i]),
             "mu_star_conf": float(result["mu_star_conf"][i]),
             "sigma": float(result["sigma"][i])} for i, name in enumerate(names)]


def run_sensitivity(reading: str = "stueck", scenario: str = "baseline",
                    method: str = "sobol", samples: int = 128,
                    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES,
                    replicates_per_point: int = 32, seed: int = 1,
                    execution: "Evaluator | int | None" = 1, progress: bool | None = None
                    ) -> dict:
    """Sample, simulate and analyse; return a JSON-ready result with one row per index."""
    if method not in METHODS:
        raise InputError(f"--method {method!r}: expected one of {', '.join(METHODS)}")
    unknown = [o for o in outcomes if o not in OUTCOMES]
    if unknown:
        raise InputError(f"unknown outcome '{unknown[0]}' (expected one of {', '.join(OUTCOMES)})")
    loaded_reading, loaded_scenario = load_reading(reading), load_scenario(scenario)
    names = varied_parameters(loaded_reading)
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
    rows = []
    for j, outcome in enumerate(outcomes):
        for row in analyse(method, names, quantiles, shares[:, j], seed):
            rows.append({"outcome": outcome, **row})
    return {"reading": loaded_reading.name, "scenario": loaded_scenario.name, "method": method,
            "samples": samples, "points": len(quantiles),
            "replicates_per_point": replicates_per_point, "seed": seed,
            "parameters": names, "indices": rows}


def _run(tasks: list[PointsTask], evaluator: Evaluator, progress: bool | None):
    """Each task's shares, in order, through the evaluator, under a progress bar."""
    bar = tqdm(total=len(tasks), unit="block", desc="sensitivity",
               disable=progress_disabled(progress), leave=False)
    with bar:
        for result in evaluator.map(evaluate_points, tasks, len(tasks)):
            bar.update()
            yield result
