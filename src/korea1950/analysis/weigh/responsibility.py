"""Who really started the war? Shapley shares of the probability of war among the actors.

Each actor has an enabling decision that the war needed from it: Kim's attack,
Stalin's approval, Mao's consent, and on the US side the withdrawal of its
garrison and Acheson's perimeter speech. The value of a coalition S is the
probability of war when the actors in S decide by their rules and the others
are blocked (levers ``kim_attack``, ``stalin_approval``, ``mao_consent``,
``us_garrison_remains`` + ``acheson_speech``). Shapley values split v(all) -
v(none) among the four actors, crediting each with its average marginal effect.
"""

import dataclasses
from itertools import combinations
from math import factorial

import numpy as np

from korea1950.analysis.weigh.likelihood import interval
from korea1950.inputs.levers import NEVER
from korea1950.inputs.scenarios import Scenario
from korea1950.running.summary import Summary

ACTORS = ("kim", "stalin", "mao", "us")
ACTOR_LABELS = {"kim": "Kim", "stalin": "Stalin", "mao": "Mao", "us": "US"}
"""How tables and figures name the actors."""
BLOCKED = {
    "kim": {"kim_attack": "never"},
    "stalin": {"stalin_approval": "never"},
    "mao": {"mao_consent": "never"},
    "us": {"us_garrison_remains": True, "acheson_speech": NEVER},
}
"""Levers that block each actor's enabling decision."""

EVERY_ACTOR = frozenset(ACTORS)
"""The coalition in which every actor decides by its rules: the baseline itself, so a weighing
takes its run from the baseline's at the same size and seed instead of running it again."""


def coalitions() -> list[frozenset[str]]:
    """All 16 subsets of the actors."""
    return [frozenset(c) for k in range(len(ACTORS) + 1) for c in combinations(ACTORS, k)]


def coalition_scenario(baseline: Scenario, coalition: frozenset[str]) -> Scenario:
    """The baseline with every actor outside ``coalition`` blocked."""
    changes: dict = {}
    for actor in ACTORS:
        if actor not in coalition:
            changes.update(BLOCKED[actor])
    name = "coalition_" + ("_".join(a for a in ACTORS if a in coalition) or "none")
    return dataclasses.replace(baseline, name=name,
                               levers=dataclasses.replace(baseline.levers, **changes))


def shapley(values: dict[frozenset[str], float]) -> dict[str, float]:
    """Shapley value of each actor from coalition values."""
    n = len(ACTORS)
    result = {}
    for actor in ACTORS:
        total = 0.0
        for coalition, value in values.items():
            if actor in coalition:
                continue
            weight = factorial(len(coalition)) * factorial(n - len(coalition) - 1) / factorial(n)
            total += weight * (values[coalition | {actor}] - value)
        result[actor] = total
    return result


def responsibility(summaries: dict[frozenset[str], Summary], rng: np.random.Generator,
                   draws: int = 1000) -> dict:
    """Shapley shares of P(war) with bootstrap intervals (binomial per coalition).

    "share" is in units of probability (the shares add up to v(all) - v(none));
    "fraction" is the share divided by that total, for comparing readings whose
    probability of war differs.
    """
    values = {c: s.probability("war_start") for c, s in summaries.items()}
    point = shapley(values)
    boot = {actor: [] for actor in ACTORS}
    resampled = {c: rng.binomial(s.replicates, values[c], size=draws) / s.replicates
                 for c, s in summaries.items()}
    for i in range(draws):
        for actor, value in shapley({c: v[i] for c, v in resampled.items()}).items():
            boot[actor].append(value)
    effect = values[EVERY_ACTOR] - values[frozenset()]
    return {actor: {"share": round(point[actor], 4), "ci": interval(np.array(boot[actor])),
                    "fraction": round(point[actor] / effect, 4) if effect else None}
            for actor in ACTORS} | {
        "p_war_all": round(values[EVERY_ACTOR], 4),
        "p_war_none": round(values[frozenset()], 4)}
