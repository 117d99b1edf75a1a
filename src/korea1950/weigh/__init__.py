"""Weigh the readings of Stalin's intent against the record.

``run_weigh`` simulates every reading on the baseline (the record), on every
bundled scenario (to find the counterfactuals that would tell the readings
apart) and on the 16 coalitions of blocked actors (responsibility), all in one
pool of workers, and returns one JSON-ready dict. Every figure is conditional
on the model and its assumptions; the results say so.
"""

from itertools import combinations

import numpy as np

from korea1950.compare import Comparison, resolve
from korea1950.ensemble import Execution, make_tasks, run_many
from korea1950.errors import InputError
from korea1950.readings import Reading
from korea1950.record import Fact, load_record
from korea1950.scenarios import Scenario, load_scenario
from korea1950.weigh.discrimination import decision_band, divergence
from korea1950.weigh.likelihood import bayes_factor, posterior_summary, reading_likelihood
from korea1950.weigh.responsibility import coalition_scenario, coalitions, responsibility

CAVEAT = ("Conditional on the model: these figures say how probable the record is under "
          "each reading *as this model renders it* (its rules, parameters and assumptions, "
          "docs/ODD.md), not how probable each historian's account is.")


def run_weigh(readings: list[str] | None = None, replicates: int = 20_000, seed: int = 1,
              execution: Execution | None = None, progress: bool | None = None,
              comparison: Comparison | None = None, coalition_replicates: int | None = None,
              band: bool = True) -> dict:
    """Weigh the readings; reuse ``comparison`` (from a study) if given."""
    execution = execution or Execution(1)
    facts = load_record()
    scenarios, loaded = resolve(None, readings)
    if comparison is not None:
        scenarios, loaded = comparison.scenarios, comparison.readings
        replicates = comparison.replicates
    names = [r.name for r in loaded]
    if len(set(names)) != len(names):
        raise InputError(f"two readings share a name: {', '.join(names)}")
    groups = {}
    if comparison is None:
        groups |= {("scenario", s.name, r.name): make_tasks(s, r, replicates, seed)
                   for s in scenarios for r in loaded}
    baseline = load_scenario("baseline")
    coalition_size = coalition_replicates or replicates
    groups |= {("coalition", c, r.name): make_tasks(coalition_scenario(baseline, c), r,
                                                   coalition_size, seed)
               for c in coalitions() for r in loaded}
    runs = run_many(groups, execution, progress, description="weighing")
    if comparison is not None:
        runs |= {("scenario", s, r): summary for (s, r), summary in comparison.summaries.items()}
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31,)))
    return _assemble(facts, scenarios, loaded, runs, replicates, seed, rng, band)


def _assemble(facts: tuple[Fact, ...], scenarios: list[Scenario], readings: list[Reading],
              runs: dict, replicates: int, seed: int, rng: np.random.Generator,
              band: bool) -> dict:
    """Turn the runs into the weighing's tables."""
    names = [r.name for r in readings]
    likelihoods = {name: reading_likelihood(runs[("scenario", "baseline", name)], facts, rng)
                   for name in names}
    factors, contributions = [], {}
    for a, b in combinations(names, 2):
        factor, per_fact = bayes_factor(likelihoods[a], likelihoods[b], facts)
        factors.append({"a": a, "b": b, **factor})
        for fact_id, value in per_fact.items():
            contributions.setdefault(fact_id, {})[f"{a}/{b}"] = value
    for fact in facts:
        contributions[fact.id]["description"] = fact.description
    discrimination = []
    for scenario in scenarios:
        for a, b in combinations(names, 2):
            discrimination.append({
                "scenario": scenario.name, "readings": [a, b],
                **divergence(runs[("scenario", scenario.name, a)],
                             runs[("scenario", scenario.name, b)], rng)})
    discrimination.sort(key=lambda row: -row["divergence"])
    shares = {name: responsibility({key[1]: summary for key, summary in runs.items()
                                     if key[0] == "coalition" and key[2] == name}, rng)
              for name in names}
    parameters = list(readings[0].priors)
    return {
        "replicates": replicates,
        "seed": seed,
        "caveat": CAVEAT,
        "facts": [{"id": f.id, "description": f.description, "date": f.date} for f in facts],
        "readings": {name: {key: value for key, value in likelihoods[name].items()
                            if not key.startswith("_")} for name in names},
        "bayes_factors": factors,
        "contributions": contributions,
        "discrimination": discrimination,
        "decision_band": decision_band(readings, seed=seed) if band else None,
        "responsibility": shares,
        "posterior": {name: posterior_summary(runs[("scenario", "baseline", name)], parameters)
                      for name in names},
        "warnings": [f"{name}: {w}" for name in names for w in likelihoods[name]["warnings"]],
    }

