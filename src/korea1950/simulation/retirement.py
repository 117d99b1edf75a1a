"""Retiring worlds in which nothing more can happen, so that a month costs only the live ones.

Why: in most worlds the war is over years before the horizon (1956-12), and
stepping them to the end was about two thirds of a block's work. A lean run
(an ensemble block, ``CrisisModel(lean=True)``) shrinks its arrays to the live
worlds as others finish and puts everything back at the end, so the tallies are
exactly those of stepping every world. What keeps them exact:

* a world retires only when every actor says it has nothing left to decide
  there (``Actor.done``): no rule can record an event, send a message another
  rule reads, or draw a random number in it again;
* the random stream is unchanged: a draw for every world still draws for the
  whole block and hands the live worlds their own numbers (``live``); a draw
  for a few draws only for the eligible ones, as before, and a retired world
  is never eligible;
* the events the scenario schedules (the victory in China, Acheson's speech,
  Stalin's death) happen in retired worlds too, filled in at the end
  (``SCHEDULED``);
* the front's monthly histogram counts retired worlds where their war left it.

``tests/test_retirement.py`` checks that every bundled scenario gives the same
tallies with and without retiring.
"""

import numpy as np

from korea1950.inputs.levers import Levers
from korea1950.simulation.world import FRONT_BINS, WorldState

SCHEDULED = ("ccp_victory", "acheson_speech", "stalin_death")
"""Events recorded in every world in the month their lever names, whatever else happened."""

RETIRE_FROM = 1 / 4
"""Shrink the arrays once this share of the live worlds is done (a shrink copies them all)."""


class Retirement:
    """The full-size world of a lean run, and which of its worlds are still live."""

    def __init__(self, world: WorldState) -> None:
        self.home = world
        """The world at full size: retired worlds as they were left, live ones as last stored."""
        self.positions = np.arange(world.replicates)
        """Where each live world sits in the full-size arrays (ascending, so order is kept)."""
        self.front_counts = np.zeros(FRONT_BINS, dtype=np.int64)
        """The front's histogram over the retired worlds, which no longer move it."""

    def live(self, values: np.ndarray) -> np.ndarray:
        """Of an array over every world of the block, the live worlds' values, in their order."""
        if self.positions.size == self.home.replicates:
            return values
        return values[self.positions]

    def retire(self, world: WorldState, done: np.ndarray) -> WorldState:
        """Store the ``done`` worlds as they are, retire them; return the world of those left."""
        leaving = np.flatnonzero(done)
        self.home.store(world.subset(leaving), self.positions[leaving])
        self.front_counts += world.front_histogram(leaving)
        kept = np.flatnonzero(~done)
        self.positions = self.positions[kept]
        return world.subset(kept)

    def restore(self, world: WorldState, levers: Levers) -> WorldState:
        """The full-size world at the end: the live worlds stored, scheduled events filled in."""
        self.home.store(world, self.positions)
        self.home.month = world.month
        for event in SCHEDULED:
            month = getattr(levers, event)
            if 0 <= month < world.month:
                self.home.fill(event, month)
        return self.home
