"""What every actor shares: access to the worlds, the parameters and the random stream.

Why a base class: each rule reads as the actor's decision, not as plumbing.
``chance(p)`` is the only source of randomness and draws from the model's
generator, so one seed fixes every world.
"""

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from korea1950.simulation.model import CrisisModel


class Actor(mesa.Agent):
    """A crisis actor acting on R replicate worlds in lockstep."""

    model: "CrisisModel"

    def __init__(self, model: "CrisisModel") -> None:
        super().__init__(model)

    @property
    def world(self):
        """The shared world state."""
        return self.model.world

    def param(self, name: str) -> float:
        """A model parameter (scenario overrides applied)."""
        return self.model.params[name]

    def chance(self, probability: "float | np.ndarray", among: np.ndarray) -> np.ndarray:
        """Draw a Bernoulli trial with ``probability`` in each world of ``among``.

        Worlds outside ``among`` get False. When no world is eligible nothing is
        drawn, which keeps ensemble runs fast; the streams stay a pure function
        of the seed either way.
        """
        return self.model.chance(probability, among)

    def decide(self, point: str, decision: np.ndarray, eligible: np.ndarray,
               situation: dict) -> np.ndarray:
        """The rule's ``decision``, unless a student plays this actor (``korea1950 play``).

        Why a hook: role-play replaces exactly one decision of one actor and
        leaves every other rule, and every random draw, as it is.
        """
        player = self.model.player
        if player is None or not bool(np.any(eligible)):
            return decision
        return player.choose(point, self.model.world.month, decision, eligible, situation)

    def explain(self, rule: str, worlds: np.ndarray, terms: dict,
                evidence: tuple[str, ...]) -> None:
        """Tell the model's trace (if any) what a rule weighed; a no-op in ensemble runs."""
        trace = self.model.trace
        if trace is not None and bool(np.any(worlds)):
            trace.note(self.model.world.month, type(self).__name__, rule, terms, evidence)
