"""What every actor shares: access to the worlds, the parameters and the random stream.

Why a base class: each rule reads as the actor's decision, not as plumbing
(the lever, the role-play hook and the trace are in ``rules.rule``).
``chance(p)`` is the only source of randomness and draws from the model's
generator, so one seed fixes every world.
"""

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from korea1950.simulation.model import CrisisModel


SWITCH_ON_FROM = 0.5
"""A switch parameter (0 or 1) counts as on from here up."""


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

    def switch(self, name: str) -> bool:
        """A model parameter that is a switch (0 off, 1 on), read as on from the middle up.

        Why the middle: a sampler may set a switch to any value in its range.
        """
        return self.param(name) >= SWITCH_ON_FROM
