"""How far the verdict rests on the terms of Stalin's shared rule, which no prior covers.

The robustness check (``robustness.py``) moves the readings' priors. But the
rule that turns goals and beliefs into acts has numbers of its own - how
noisy his stances are, what a veto or a Council seat is worth, how much of a
build-up a continuing war sustains (the ``stalin_*`` parameters). They are
the same under every reading, yet they can favour one: a reading's goals
show in the record only through them. So each is halved and raised by half
(within its allowed range) and every pair's log Bayes factor recomputed on
the baseline with the run's seed. Numbers set from a calibration fact of the
record (the calendar) are left alone: they are measured, not assumed.
"""

from collections.abc import Hashable
from itertools import combinations

import numpy as np

from korea1950.analysis.weigh.robustness import record_log_probability
from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.summary import Summary
from korea1950.running.worlds import BlockTask

FACTORS = (0.5, 1.5)
"""Each assumption is multiplied by these (then held to its allowed range)."""

CALIBRATED = ("stalin_reconsider_lag", "stalin_boycott_lag", "stalin_return_months",
              "stalin_patience")
"""Terms set from calibration facts of the record (their registry entries say which)."""


def assumption_settings() -> list[tuple[str, float, float]]:
    """(parameter, factor, value) for every assumed term of Stalin's rule that a move changes."""
    settings = []
    for name, spec in MODEL_PARAMETERS.items():
        if not name.startswith("stalin_") or name in CALIBRATED:
            continue
        for factor in FACTORS:
            value = float(np.clip(spec.default * factor, spec.low, spec.high))
            if value != spec.default:
                settings.append((name, factor, value))
    return settings


def assumption_groups(readings: list[Reading], scenario: Scenario, replicates: int,
                      seed: int) -> dict[Hashable, list[BlockTask]]:
    """The runs the check needs (for ``run_many``): every setting under every reading."""
    return {("assumption", name, factor, reading.name):
            make_tasks(scenario, reading, replicates, seed, parameters={name: value})
            for name, factor, value in assumption_settings() for reading in readings}


def assumption_robustness(readings: list[Reading], reference: dict[str, Summary],
                          runs: dict[Hashable, Summary]) -> dict:
    """Every pair's log BF with each assumption moved; its range and what moves it most.

    ``reference`` holds each reading's run with every term at its default (same
    size and seed), so a shift is the assumption's doing, not fresh noise.
    """
    names = [reading.name for reading in readings]
    cited = {name: record_log_probability(reference[name])[0] for name in names}
    pairs = []
    for a, b in combinations(names, 2):
        base = cited[a] - cited[b]
        rows = []
        for name, factor, value in assumption_settings():
            log_a = record_log_probability(runs[("assumption", name, factor, a)])[0]
            log_b = record_log_probability(runs[("assumption", name, factor, b)])[0]
            rows.append({"parameter": name, "factor": factor, "value": round(value, 4),
                         "log_bf": round(log_a - log_b, 4),
                         "shift": round(log_a - log_b - base, 4)})
        values = [base] + [row["log_bf"] for row in rows]
        top = max(rows, key=lambda row: (abs(row["shift"]), row["parameter"]), default=None)
        pairs.append({"a": a, "b": b, "log_bf_default": round(base, 4),
                      "log_bf_min": round(min(values), 4), "log_bf_max": round(max(values), 4),
                      "sign_holds": bool(min(values) > 0 or max(values) < 0),
                      "most_influential": top, "table": rows})
    first = pairs[0] if pairs else {}
    return {"replicates": next(iter(reference.values())).replicates if reference else 0,
            "factors": list(FACTORS), "calibrated": list(CALIBRATED), "pairs": pairs,
            **{key: first.get(key) for key in ("log_bf_min", "log_bf_max", "sign_holds",
                                               "most_influential")}}


def assumption_sentence(result: dict) -> str | None:
    """One sentence: how far the first pair's verdict moves with the shared rule's terms."""
    if not result or not result.get("pairs"):
        return None
    pair = result["pairs"][0]
    top = pair["most_influential"]
    moved = (f"; it moves most when {top['parameter']} is multiplied by {top['factor']:g} "
             f"(log BF {top['log_bf']:+.2f})" if top else "")
    held = "keeps its sign" if pair["sign_holds"] else "changes sign"
    return (f"Over the terms of Stalin's shared rule (each halved and raised by half), the "
            f"log Bayes factor {pair['a']}/{pair['b']} ranges from {pair['log_bf_min']:+.2f} to "
            f"{pair['log_bf_max']:+.2f} and {held}{moved}.")
