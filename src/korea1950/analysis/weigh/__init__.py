"""Weigh the readings of Stalin's intent against the record.

``run_weigh`` simulates every reading on the baseline (the record), on every
bundled scenario (to find the counterfactuals that would tell the readings
apart), on the 16 coalitions of blocked actors (responsibility), under every
member of the prior family (robustness), with each term of Stalin's shared rule
moved (assumptions) and once more on an independent seed
stream (to judge simulated records: calibration and the predictive check), all
in one pool of workers, and returns one JSON-ready dict that leads with what
the record can and cannot decide. Every figure is conditional on the model and
its assumptions; the results say so.

Determinism: the runs use the ensemble's seeded blocks, and every bootstrap
draws from one generator seeded from the run's seed and consumed in a fixed
order, so the same seed gives the same output for any number of workers.
"""

from itertools import combinations

import numpy as np

from korea1950.analysis.compare import Comparison, resolve
from korea1950.analysis.weigh.assumptions import (
    assumption_groups,
    assumption_robustness,
    calendar_robustness,
)
from korea1950.analysis.weigh.calibration import calibration, judge_seed
from korea1950.analysis.weigh.discrimination import (
    decision_band,
    default_band_parameter,
    divergence,
)
from korea1950.analysis.weigh.likelihood import (
    bayes_factor,
    reading_likelihood,
    strength,
    weighed_facts,
)
from korea1950.analysis.weigh.posterior import posterior_summary
from korea1950.analysis.weigh.predictive import predictive
from korea1950.analysis.weigh.responsibility import (
    EVERY_ACTOR,
    coalition_scenario,
    coalitions,
    responsibility,
)
from korea1950.analysis.weigh.robustness import REFERENCE, robustness, robustness_groups
from korea1950.analysis.weigh.variants import prior_family
from korea1950.analysis.weigh.verdict import lead_sentences
from korea1950.inputs.labels import reading_label
from korea1950.inputs.readings import Reading
from korea1950.inputs.record import Fact, check_not_circular, load_record, record_path
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.ensemble import run_many
from korea1950.running.evaluators import Evaluator, evaluator_for

CAVEAT = ("Conditional on the model: these figures say how probable the record is under "
          "each reading as this model renders it (its rules, parameters and assumptions, "
          "docs/ODD.md), not how probable each historian's account is.")
BAND_WORLDS = 4000
"""Worlds per grid point of the decision band (at most; fewer if the run is smaller)."""
ROBUSTNESS_WORLDS = 10_000
"""Most worlds per member of the prior family by default (each re-runs only the readings it
changes; a family has about eight runs per prior). At the run's own size the cited priors'
member is the headline run itself; otherwise it is run again at this size."""
CALIBRATION_WORLDS = 20_000
"""Default worlds per reading in the independent run that judges simulated records."""


def run_weigh(readings: list[str] | None = None, replicates: int = 20_000, seed: int = 1,
              execution: "Evaluator | int | None" = None, progress: bool | None = None,
              comparison: Comparison | None = None, coalition_replicates: int | None = None,
              band: bool = True, band_parameter: str | None = None,
              band_decision: str = "stalin_approves", scenarios: list[str] | None = None,
              robustness_replicates: int | None = None,
              calibration_replicates: int | None = None) -> dict:
    """Weigh the readings (names or paths; default every bundled reading).

    ``comparison`` (from a study) supplies the scenario runs instead of running
    them again; ``scenarios`` limits the discrimination to some scenarios (the
    baseline is always included); ``coalition_replicates`` sets the worlds per
    coalition run (default ``replicates``); ``robustness_replicates`` the worlds
    per member of the prior family (default ``replicates``, at most ``ROBUSTNESS_WORLDS``);
    ``calibration_replicates`` the worlds per reading that judge simulated
    records (default ``CALIBRATION_WORLDS``); ``band=False`` skips the decision band.
    """
    evaluator = evaluator_for(execution or 1)
    facts = weighed_facts()
    if comparison is not None:
        loaded_scenarios, loaded = comparison.scenarios, comparison.readings
        replicates = comparison.replicates
    else:
        loaded_scenarios, loaded = resolve(scenarios, readings)
    check_not_circular(load_record(), loaded, record_path())
    baseline = load_scenario("baseline")
    robust_size = robustness_replicates or min(replicates, ROBUSTNESS_WORLDS)
    variants, skipped = prior_family(loaded) if len(loaded) > 1 else ([], [])
    groups = _plan_runs(loaded_scenarios if comparison is None else [], loaded, replicates, seed,
                        coalition_replicates or replicates,
                        calibration_replicates or CALIBRATION_WORLDS, robust_size)
    groups |= robustness_groups(variants, baseline, robust_size, seed)
    if len(loaded) > 1:
        groups |= assumption_groups(loaded, baseline, robust_size, seed)
    runs = run_many(groups, evaluator, progress, description="weighing")
    if comparison is not None:
        runs |= {("scenario", s, r): summary for (s, r), summary in comparison.summaries.items()}
    if robust_size == replicates:
        runs |= {("robustness", REFERENCE, r.name): runs[("scenario", "baseline", r.name)]
                 for r in loaded}
    if (coalition_replicates or replicates) == replicates:  # every actor free: the baseline
        runs |= {("coalition", EVERY_ACTOR, r.name): runs[("scenario", "baseline", r.name)]
                 for r in loaded}
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2**31,)))
    result = _assemble(facts, loaded_scenarios, loaded, runs, replicates, seed, rng)
    reference = {r.name: runs[("robustness", REFERENCE, r.name)] for r in loaded}
    result["robustness"] = robustness(
        variants, skipped, loaded, reference, runs,
        {(f["a"], f["b"]): f["log_bf"] for f in result["bayes_factors"]})
    result["assumptions"] = assumption_robustness(loaded, reference, runs) if len(loaded) > 1 \
        else None
    result["calendar_terms"] = calendar_robustness(loaded, reference, runs) \
        if len(loaded) > 1 else None
    records = {r.name: runs[("scenario", "baseline", r.name)].tallies["record:pattern"]
               for r in loaded}
    judges = {r.name: runs[("judge", r.name)].tallies["record:pattern"] for r in loaded}
    result["calibration"] = {**calibration(records, judges), "judge_seed": judge_seed(seed)}
    result["predictive"] = predictive(records, judges)
    result["decision_band"] = (decision_band(loaded, band_parameter or default_band_parameter(),
                                             band_decision, worlds=min(replicates, BAND_WORLDS),
                                             seed=seed, progress=progress, evaluator=evaluator)
                               if band else None)
    result["verdict"] = lead_sentences(result)
    return result


def _plan_runs(scenarios: list[Scenario], readings: list[Reading], replicates: int, seed: int,
               coalition_size: int, judge_size: int, robust_size: int) -> dict:
    """Every run but the prior family's, keyed for ``run_many`` (one pool for all)."""
    baseline = load_scenario("baseline")
    groups = {("scenario", s.name, r.name): make_tasks(s, r, replicates, seed)
              for s in scenarios for r in readings}
    groups |= {("coalition", c, r.name): make_tasks(coalition_scenario(baseline, c), r,
                                                   coalition_size, seed)
               for c in coalitions() for r in readings
               if not (c == EVERY_ACTOR and coalition_size == replicates)}
    groups |= {("judge", r.name): make_tasks(baseline, r, judge_size, judge_seed(seed))
               for r in readings}
    if robust_size != replicates:
        groups |= {("robustness", REFERENCE, r.name): make_tasks(baseline, r, robust_size, seed)
                   for r in readings}
    return groups


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
                        "strength": strength(factor["log_bf"], factor["ci"], a, b)})
        for fact_id, value in per_fact.items():
            contributions.setdefault(fact_id, {})[f"{a}/{b}"] = value
    for fact in facts:
        contributions.setdefault(fact.id, {})["description"] = fact.description
    discrimination = [{"scenario": scenario.name, "readings": [a, b],
                       **divergence(runs[("scenario", scenario.name, a)],
                                    runs[("scenario", scenario.name, b)], rng)}
                      for scenario in scenarios for a, b in combinations(names, 2)]
    discrimination.sort(key=lambda row: (-row["divergence"], row["scenario"], row["readings"]))
    shares = {name: responsibility({c: runs[("coalition", c, name)] for c in coalitions()}, rng)
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
        "posterior": {reading.name: posterior_summary(
            runs[("scenario", "baseline", reading.name)], parameters, reading)
            for reading in readings},
        "warnings": [f"{reading_label(name)}: {warning}" for name in names
                     for warning in likelihoods[name]["warnings"]],
    }
