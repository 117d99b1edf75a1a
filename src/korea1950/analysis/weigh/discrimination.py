"""Which counterfactuals would best tell the readings apart.

For each scenario, the Jensen-Shannon divergence (log base 2, so between 0 and
1) and the total variation distance between two readings' predicted joint
distributions of key outcomes (``summary.JOINT_OUTCOMES``), with bootstrap
intervals. And, for one Stalin parameter fixed on a grid (by default the
registry's first belief, ``default_band_parameter``), the band of values in
which the readings' Stalins decide differently.
"""

from itertools import combinations

import numpy as np

from korea1950.analysis.weigh.likelihood import interval
from korea1950.inputs.errors import InputError
from korea1950.inputs.events import EVENTS
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.ensemble import run_many
from korea1950.running.evaluators import Evaluator
from korea1950.running.summary import Summary
from korea1950.running.worlds import BlockTask

DIVERGENCE_BOOTSTRAP = 1000
"""Bootstrap draws for the divergence intervals."""
BAND_PARAMETER: str | None = None
"""The Stalin parameter the decision band fixes by default; None picks the registry's first
belief (a parameter whose ``kind`` is "belief"), or failing that its first parameter."""


def default_band_parameter() -> str:
    """The decision band's default parameter, read from the registry (never hard-coded)."""
    if BAND_PARAMETER is not None:
        return BAND_PARAMETER
    beliefs = [name for name, spec in STALIN_MOTIVE_PARAMETERS.items()
               if getattr(spec, "kind", None) == "belief"]
    return (beliefs or list(STALIN_MOTIVE_PARAMETERS))[0]


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Jensen-Shannon divergence in bits along the last axis."""
    m = (p + q) / 2

    def kl(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(a > 0, a * np.log2(a / np.where(b > 0, b, 1)), 0.0)
        return terms.sum(axis=-1)

    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def total_variation(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Total variation distance along the last axis: the largest gap in any event's chance."""
    return 0.5 * np.abs(p - q).sum(axis=-1)


def divergence(a: Summary, b: Summary, rng: np.random.Generator,
               draws: int = DIVERGENCE_BOOTSTRAP) -> dict:
    """JSD and total variation between two ensembles' joint outcomes, with bootstrap CIs."""
    counts_a, counts_b = a.tallies["joint"], b.tallies["joint"]
    p, q = counts_a / counts_a.sum(), counts_b / counts_b.sum()
    boot_p = rng.multinomial(a.replicates, p, size=draws) / a.replicates
    boot_q = rng.multinomial(b.replicates, q, size=draws) / b.replicates
    return {"divergence": round(float(jensen_shannon(p, q)), 5),
            "ci": interval(jensen_shannon(boot_p, boot_q)),
            "total_variation": round(float(total_variation(p, q)), 5),
            "total_variation_ci": interval(total_variation(boot_p, boot_q))}


def decision_band(readings: list[Reading], parameter: str | None = None,
                  decision: str = "stalin_approves", grid: int = 11, worlds: int = 2000,
                  seed: int = 1, progress: bool | None = None,
                  evaluator: "Evaluator | int | None" = 1) -> dict:
    """Share of worlds taking ``decision`` with ``parameter`` fixed on a grid, per reading.

    Every reading uses the same seed at each grid point (common random numbers),
    so differences come from the other motives, not from noise. For each pair of
    readings, the values where their shares differ by more than two standard
    errors are the band in which the decision itself tells the readings apart.
    Each grid point is one block of the baseline (seeded by its position on the
    grid), run through ``evaluator`` like any ensemble.
    """
    parameter = parameter or default_band_parameter()
    if parameter not in STALIN_MOTIVE_PARAMETERS:
        raise InputError(f"unknown Stalin parameter {parameter!r} (expected one of "
                         f"{', '.join(STALIN_MOTIVE_PARAMETERS)})")
    if decision not in EVENTS:
        raise InputError(f"unknown decision {decision!r}: expected a model event")
    spec = STALIN_MOTIVE_PARAMETERS[parameter]
    values = np.linspace(spec.low, spec.high, grid)
    baseline = load_scenario("baseline")
    groups = {(reading.name, i): [BlockTask(baseline, reading, seed, i, worlds,
                                            stalin_motives=((parameter, float(value)),))]
              for reading in readings for i, value in enumerate(values)}
    runs = run_many(groups, evaluator, progress, description="decision band")
    shares = {reading.name: [round(runs[(reading.name, i)].count(decision) / worlds, 5)
                             for i in range(len(values))] for reading in readings}
    pairs = []
    for a, b in combinations([r.name for r in readings], 2):
        differ = [round(float(value), 3)
                  for value, x, y in zip(values, shares[a], shares[b], strict=True)
                  if abs(x - y) > 2 * max(np.sqrt((x * (1 - x) + y * (1 - y)) / worlds),
                                          1 / worlds)]
        pairs.append({"a": a, "b": b, "differs_at": differ,
                      "band": [min(differ), max(differ)] if differ else None})
    return {"parameter": parameter, "decision": decision, "worlds": worlds,
            "values": values.round(3).tolist(), "shares": shares, "pairs": pairs}
