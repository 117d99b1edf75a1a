"""Which counterfactuals would best tell the readings apart.

For each scenario, the Jensen-Shannon divergence (log base 2, so between 0 and
1) between two readings' predicted joint distributions of key outcomes
(``summary.JOINT_OUTCOMES``), with a bootstrap interval. And, for one Stalin
parameter, the band of values in which the readings' Stalins decide differently.
"""

import numpy as np

from korea1950.model import CrisisModel
from korea1950.summary import Summary
from korea1950.weigh.likelihood import interval


def jensen_shannon(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Jensen-Shannon divergence in bits along the last axis."""
    m = (p + q) / 2

    def kl(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(a > 0, a * np.log2(a / np.where(b > 0, b, 1)), 0.0)
        return terms.sum(axis=-1)

    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def divergence(a: Summary, b: Summary, rng: np.random.Generator, draws: int = 1000) -> dict:
    """JSD between two ensembles' joint outcome distributions, with a bootstrap CI."""
    counts_a, counts_b = a.tallies["joint"], b.tallies["joint"]
    p, q = counts_a / counts_a.sum(), counts_b / counts_b.sum()
    boot_p = rng.multinomial(a.replicates, p, size=draws) / a.replicates
    boot_q = rng.multinomial(b.replicates, q, size=draws) / b.replicates
    return {"divergence": round(float(jensen_shannon(p, q)), 5),
            "ci": interval(jensen_shannon(boot_p, boot_q))}


def decision_band(readings: list, parameter: str = "expects_us_intervention",
                  decision: str = "stalin_approves", grid: int = 11, worlds: int = 2000,
                  seed: int = 1) -> dict:
    """Share of worlds taking ``decision`` with ``parameter`` fixed on a grid, per reading.

    Returns the grid, each reading's shares, and the values where the first two
    readings differ by more than two standard errors (the band that discriminates).
    """
    values = np.linspace(0.0, 1.0, grid)
    shares: dict[str, list[float]] = {}
    for reading in readings:
        row = []
        for i, value in enumerate(values):
            model = CrisisModel(reading=reading, replicates=worlds,
                                rng=np.random.SeedSequence(seed, spawn_key=(i,)),
                                stalin_motives={parameter: value})
            model.run_model()
            row.append(float(model.world.happened(decision).mean()))
        shares[reading.name] = row
    differ = []
    if len(readings) >= 2:
        first, second = (shares[r.name] for r in readings[:2])
        for value, x, y in zip(values, first, second, strict=True):
            error = np.sqrt((x * (1 - x) + y * (1 - y)) / worlds)
            if abs(x - y) > 2 * max(error, 1 / worlds):
                differ.append(round(float(value), 3))
    return {"parameter": parameter, "decision": decision, "values": values.round(3).tolist(),
            "shares": shares, "differs_at": differ,
            "band": [min(differ), max(differ)] if differ else None}
