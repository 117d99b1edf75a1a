"""How likely the model's actor was to take a choice, in the very situation the student met.

Why by running the rule: the debrief asks "would Donggil Kim's Stalin have
done what you did here?". The answer is the share of many Stalins drawn from
that reading's priors (goals, beliefs and where each stands on the question)
who, put in the student's situation, act - which is what the rule computes,
world by world, when it runs. So the situation is kept (``snapshot``: the
played world's state and its actors' state at the moment of the choice),
copied into every world of a fresh model of ``WORLDS`` worlds drawn from the
reading, and the rule's own body is run once there. No formula is rewritten
here and no number is set by hand: a change to the rule changes the debrief.

Kim Il Sung and Mao draw no priors from the reading; for them the share is the
chance their rule gives in that situation, measured the same way.
"""

import copy
from dataclasses import dataclass

import numpy as np

from korea1950.inputs.readings import Reading
from korea1950.inputs.scenarios import Scenario
from korea1950.simulation.agents.rules import rule_methods
from korea1950.simulation.model import CrisisModel
from korea1950.simulation.world import WorldState

WORLDS = 4000
"""Worlds per estimate: a share's standard error is at most 0.008."""


@dataclass(frozen=True)
class Snapshot:
    """The played world at a decision: its state and each actor's own state (one world)."""

    world: WorldState
    actors: dict[str, dict[str, np.ndarray]]
    scenario: Scenario
    params: dict[str, float]


@dataclass(frozen=True)
class Estimate:
    """The share of worlds in which the actor says yes, and its standard error."""

    yes: float
    error: float
    worlds: int

    def of(self, chose_yes: bool) -> float:
        """The share that chose as the student did."""
        return self.yes if chose_yes else 1.0 - self.yes


def _own_state(actor: object) -> dict[str, np.ndarray]:
    """An actor's arrays over worlds (its state), not its drawn goals and stances (dicts)."""
    return {name: value.copy() for name, value in vars(actor).items()
            if isinstance(value, np.ndarray) and value.ndim == 1}


def snapshot(model: CrisisModel) -> Snapshot:
    """The state of a one-world model now, to replay a decision in many worlds later."""
    return Snapshot(copy.deepcopy(model.world),
                    {type(actor).__name__: _own_state(actor) for actor in model.actors},
                    model.scenario_spec, dict(model.params))


def situated_model(state: Snapshot, reading: "str | Reading", worlds: int,
                   seed: int) -> CrisisModel:
    """A fresh model of ``worlds`` Stalins drawn from ``reading``, all in the snapshot's state."""
    model = CrisisModel(scenario=state.scenario, reading=reading, replicates=worlds,
                        rng=np.random.default_rng(seed), parameters=state.params)
    model.world = state.world.subset(np.zeros(worlds, dtype=np.intp))  # world 0, tiled
    for actor in model.actors:
        for name, value in state.actors.get(type(actor).__name__, {}).items():
            setattr(actor, name, np.repeat(value[:1], worlds))  # world 0, tiled
    return model


def rule_chance(state: Snapshot, actor_class: str, rule_name: str, reading: "str | Reading",
                worlds: int = WORLDS, seed: int = 0) -> Estimate | None:
    """The share of ``worlds`` drawn from ``reading`` in which the rule says yes in ``state``.

    None if the rule would not be asked in that state (it cannot happen for a
    state a student was asked in, but a caller may pass any snapshot).
    """
    model = situated_model(state, reading, worlds, seed)
    actor = next(a for a in model.actors if type(a).__name__ == actor_class)
    decision = rule_methods(type(actor))[rule_name].body(actor)
    if decision is None or not bool(np.any(decision.eligible)):
        return None
    acts = np.asarray(decision.acts)[np.asarray(decision.eligible)]
    share = float(acts.mean())
    return Estimate(share, float(np.sqrt(max(share * (1 - share), 0.0) / acts.size)), acts.size)
