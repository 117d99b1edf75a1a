"""What every actor shares: access to the worlds, the parameters and the random stream.

Why a base class: each rule reads as the actor's decision, not as plumbing
(the lever, the role-play hook and the trace are in ``rules.rule``).
``chance(p)`` is the only source of randomness and draws from the model's
generator, so one seed fixes every world.
"""

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import mesa
import numpy as np

from korea1950.simulation.world import ENDED, per_world

if TYPE_CHECKING:
    from korea1950.simulation.model import CrisisModel


SWITCH_ON_FROM = 0.5
"""A switch parameter (0 or 1) counts as on from here up."""


class Actor(mesa.Agent):
    """A crisis actor acting on R replicate worlds in lockstep."""

    model: "CrisisModel"

    PER_WORLD: tuple[str, ...] = ()
    """The actor's own state over worlds: attributes holding an array, or a dict of arrays."""

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

    def done(self) -> np.ndarray:
        """Worlds in which this actor has nothing left to decide: by default, its war is over.

        Why it matters: a lean run retires a world once every actor is done in
        it (``retirement.py``), so an actor whose rules can still act after the
        war (Stalin's Council seat) must say so here.
        """
        return self.world.phase == ENDED

    def keep(self, index: np.ndarray) -> None:
        """Keep only the worlds at ``index`` in the actor's own state (new arrays, new dicts)."""
        for name in self.PER_WORLD:
            value = getattr(self, name)
            if isinstance(value, dict):
                setattr(self, name, {key: part[index] for key, part in value.items()})
            else:
                setattr(self, name, value[index])


class Part:
    """Some of the worlds: a rule's arithmetic done only where the rule is asked.

    Why: a question is often open in a few worlds of a block (Kim's request
    this month, the invasion reaching the Council), and weighing it in every
    world cost most of the run. Arithmetic is per world, so each world's
    figures are the same whichever others are computed with it.
    """

    def __init__(self, among: np.ndarray) -> None:
        self.index = among.nonzero()[0]  # np.flatnonzero, without its Python wrapper
        self.size = among.size

    def take(self, values: "np.ndarray | float") -> "np.ndarray | float":
        """The part's values of an array over worlds (a scalar is the same everywhere)."""
        return values[self.index] if per_world(values) else values

    def take_each(self, arrays: "Mapping[str, np.ndarray | float]") -> "Taken":
        """The part's values of each entry of a mapping (Stalin's goals and beliefs, a prospect).

        Taken as they are read: a rule reads a few of his twenty goals and beliefs.
        """
        return Taken(arrays, self)

    def spread(self, values: "np.ndarray | float", fill: float) -> np.ndarray:
        """An array over every world: the part's ``values``, ``fill`` elsewhere."""
        values = np.asarray(values)
        whole = np.full(self.size, fill, dtype=np.result_type(values, fill))
        whole[self.index] = values
        return whole


class Taken(Mapping):
    """A mapping of arrays over worlds, seen only in a ``Part``'s worlds (see ``take_each``)."""

    def __init__(self, arrays: "Mapping[str, np.ndarray | float]", part: Part) -> None:
        self.arrays, self.part = arrays, part
        self.taken: dict[str, np.ndarray | float] = {}

    def __getitem__(self, name: str) -> "np.ndarray | float":
        if name not in self.taken:
            self.taken[name] = self.part.take(self.arrays[name])
        return self.taken[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.arrays)

    def __len__(self) -> int:
        return len(self.arrays)
