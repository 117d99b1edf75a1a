"""Weigh the readings of Stalin's intent against the record.

``run_weigh`` simulates every reading on the baseline (the record), on every
bundled scenario (to find the counterfactuals that would tell the readings
apart) and on the 16 coalitions of blocked actors (responsibility), all in one
pool of workers, and returns one JSON-ready dict. Every figure is conditional
on the model and its assumptions; the results say so.

Determinism: the runs use the ensemble's seeded blocks, and every bootstrap
draws from one generator seeded from the run's seed and consumed in a fixed
order, so the same seed gives the same output for any number of workers.
"""

from itertools import combinations

import numpy as np

from korea1950.compare import Comparison, resolve
from korea1950.ensemble import Execution, make_tasks, run_many
from korea1950.readings import Reading
from korea1950.record import Fact, load_record
from korea1950.scenarios import Scenario, load_scenario
from korea1950.weigh.discrimination import decision_band, divergence
from korea1950.weigh.likelihood import (
    bayes_factor,
    posterior_summary,
    reading_likelihood,
    strength,
)
from korea1950.weigh.responsibility import coalition_scenario, coalitions, responsibility

CAVEAT = ("Conditional on the model: these figures say how probable the record is under "
          "each reading *as this model renders it* (its rules, parameters and assumptions, "
          "docs/ODD.md), not how probable each historian's account is.")
BAND_WORLDS = 4000
"""Worlds per grid point of the decision band (at most; fewer if the run is smaller)."""


def run_weigh(readings: list[str] | None = None, replicates: int = 20_000, seed: int = 1,
              execution: "Execution | int | None" = None, progress: bool | None = None,
              comparison: Comparison | None = None, coalition_replicates: int | None = None,
              band: bool = True, band_parameter: str = "expects_us_intervention",
              band_decision: str = "stalin_approves",
              scenarios: list[str] | None = None) -> dict:
    """Weigh the readings (names or paths; default every bundled reading).

    ``comparison`` (from a study) supplies the scenario runs instead of running
    them again; ``scenarios`` limits the discrimination to some scenarios (the
    baseline is always included); ``coalition_replicates`` sets the worlds per
    coalition run (default ``replicates``); ``band=False`` skips the decision band.
    """
    if not isinstance(execution, Execution):
        execution = Execution(execution or 1)
    facts = load_record()
    if comparison is not None:
        loaded_scenarios, loaded = comparison.scenarios, comparison.readings
        replicates = comparison.replicates
    else:
        loaded_scenarios, loaded = resolve(scenarios, readings)
    groups = {}
    if comparison is None:
        groups |= {("scenario", s.name, r.name): make_tasks(s, r, replicates, seed)
                   for s in loaded_scenarios for r in loaded}
    baseline = load_scenario("baseline")
    coalition_size = coalition_replicates or replicates
    groups |= {("coalition", c, r.name): make_tasks(coalition_scenario(baseline, c), r,
                                                   coalition_size, seed)
               for c in coalitions() for r in loaded}
    runs = run_many(groups, execution, progress, description="weighing")
    if comparison is not None:
        runs |= {("scenario", s, r): summary for (s, r), summary in comparison.summaries.items()}
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31,)))
    result = _assemble(facts, loaded_scenarios, loaded, runs, replicates, seed, rng)
    result["decision_band"] = (decision_band(loaded, band_parameter, band_decision,
                                             worlds=min(replicates, BAND_WORLDS), seed=seed,
                                             progress=progress) if band else None)
    return result


def _assemble(facts: tuple[Fact, ...], scenarios: list[Scenario], readings: list[Reading],
              runs: dict, replicates: int, seed: int, rng: np.random.Generator) -> dict:
    """Turn the runs into the weighing's tables (plain data, ready for JSON)."""
    names = [r.name for r in readings]
    likelihoods = {name: reading_likelihood(runs[("scenario", "baseline", name)], facts, rng)
                   for name in names}
    factors, contributions = [], {}
    for a, b in combinations(names, 2):
        factor, per_fact = bayes_factor(likelihoods[a], likelihoods[b], facts)
        factors.append({"a": a, "b": b, **factor,
                        "strength": strength(factor["log_bf"], a, b)})
        for fact_id, value in per_fact.items():
            contributions.setdefault(fact_id, {})[f"{a}/{b}"] = value
    for fact in facts:
        contributions.setdefault(fact.id, {})["description"] = fact.description
    discrimination = [{"scenario": scenario.name, "readings": [a, b],
                       **divergence(runs[("scenario", scenario.name, a)],
                                    runs[("scenario", scenario.name, b)], rng)}
                      for scenario in scenarios for a, b in combinations(names, 2)]
    discrimination.sort(key=lambda row: (-row["divergence"], row["scenario"], row["readings"]))
    shares = {name: responsibility({key[1]: summary for key, summary in runs.items()
                                     if key[0] == "coalition" and key[2] == name}, rng)
              for name in names}
    parameters = list(readings[0].priors)
    return {
        "replicates": replicates,
        "seed": seed,
        "caveat": CAVEAT,
        "facts": [{"id": f.id, "description": f.description, "date": f.date,
                   "evidence": list(f.evidence)} for f in facts],
        "readings": {name: {key: value for key, value in likelihoods[name].items()
                            if not key.startswith("_")} for name in names},
        "bayes_factors": factors,
        "contributions": contributions,
        "discrimination": discrimination,
        "responsibility": shares,
        "posterior": {name: posterior_summary(runs[("scenario", "baseline", name)], parameters)
                      for name in names},
        "warnings": [f"{name}: {w}" for name in names for w in likelihoods[name]["warnings"]],
    }
