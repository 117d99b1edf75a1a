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

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np
from scipy import stats
from tqdm import tqdm

from korea1950.inputs.errors import InputError
from korea1950.inputs.readings import Prior, Reading, load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.ensemble import BLOCK, Execution, progress_disabled
from korea1950.running.summary import OUTCOMES
from korea1950.simulation.model import CrisisModel

DEFAULT_OUTCOMES = ("invasion", "us_intervention", "china_intervention", "armistice",
                    "soviet_veto")
METHODS = ("sobol", "morris")


@dataclass(frozen=True)
class PointsTask:
    """A block of sample points, each repeated ``per_point`` times, for one worker."""

    scenario: Scenario
    reading: Reading
    seed: int
    index: int
    motives: dict[str, np.ndarray]
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
    size = len(next(iter(task.motives.values()))) * task.per_point
    motives = {name: np.repeat(values, task.per_point) for name, values in task.motives.items()}
    rng = np.random.default_rng(np.random.SeedSequence(task.seed, spawn_key=(task.index,)))
    model = CrisisModel(scenario=task.scenario, reading=task.reading, replicates=size, rng=rng,
                        stalin_motives=motives)
    model.run_model()
    columns = []
    for outcome in task.outcomes:
        happened = (model.world.phase == 1) if outcome == "still_at_war" else (
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
                    execution: Execution | None = None, progress: bool | None = None) -> dict:
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
    tasks = [PointsTask(loaded_scenario, loaded_reading, seed, index,
                        {name: column[start:start + per_block] for name, column in values.items()},
                        replicates_per_point, tuple(outcomes))
             for index, start in enumerate(range(0, len(quantiles), per_block))]
    shares = np.vstack(list(_run(tasks, execution or Execution(1), progress)))
    rows = []
    for j, outcome in enumerate(outcomes):
        for row in analyse(method, names, quantiles, shares[:, j], seed):
            rows.append({"outcome": outcome, **row})
    return {"reading": loaded_reading.name, "scenario": loaded_scenario.name, "method": method,
            "samples": samples, "points": len(quantiles),
            "replicates_per_point": replicates_per_point, "seed": seed,
            "parameters": names, "indices": rows}


def _run(tasks: list[PointsTask], execution: Execution, progress: bool | None):
    workers = execution.resolved_workers()
    bar = tqdm(total=len(tasks), unit="block", desc="sensitivity",
               disable=progress_disabled(progress), leave=False)
    with bar:
        if workers == 1 or len(tasks) == 1:
            results = map(evaluate_points, tasks)
            for result in results:
                bar.update()
                yield result
            return
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                                 mp_context=get_context("spawn")) as pool:
            for result in pool.map(evaluate_points, tasks):
                bar.update()
                yield result
