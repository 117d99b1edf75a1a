"""Where each world's Stalin stands on each question, drawn once per world and kept per seed.

A stance is a uniform quantile per world and question (``Stalin.weigh`` says
why); its threshold is the net gain at which the logit chance reaches it
(``stalin_calculus.stance_thresholds``). Both depend only on the random
stream's state when they are drawn, the number of worlds and the decision
noise, so the same block of the same seed - in every scenario of a study, every
coalition of the weighing, every switch on the page - draws the same ones.
Keeping them (``STANCES_KEPT``) saves the thresholds' ``arctanh`` over every
world, a fortieth of a block's time, and gives the very same numbers: on a kept
draw the stream is moved on exactly as far as the draw would have moved it.
"""

from collections.abc import Mapping

import numpy as np

from korea1950.inputs.readings import LARGEST_KEPT
from korea1950.memo import Memo
from korea1950.simulation.agents.stalin_calculus import stance_thresholds

STANCES = ("approve", "leave", "veto", "return", "press", "air_cover", "ground_troops",
           "armistice")
"""The questions on which each world's Stalin holds a stance (see ``Stalin.weigh``)."""

STANCES_KEPT = Memo(8)
"""Stances and thresholds by (stream state, worlds, noise); read-only arrays, 32 MB at most.

Eight are enough: the stream's state here does not depend on the reading, so the four
blocks of a study's run share theirs with every scenario and reading."""

Stances = tuple[Mapping[str, np.ndarray], Mapping[str, np.ndarray]]


def draw_stances(rng: np.random.Generator, size: int, noise: float) -> Stances:
    """Each question's stance (``size`` uniform draws from ``rng``) and its threshold at ``noise``.

    Kept only for numpy's default generator (PCG64), for which "as far as the
    draw would have moved it" is known: one 64-bit step per double
    (``advance``), the half-used 32-bit word that float32 draws keep aside
    left as it was (doubles do not touch it; ``advance`` clears it, so it is
    put back). Any other generator, or more worlds than ``LARGEST_KEPT``, draws afresh.
    """
    bits = rng.bit_generator
    state = bits.state
    if state["bit_generator"] != "PCG64" or size > LARGEST_KEPT:
        return _draw(rng, size, noise)
    key = (state["state"]["state"], state["state"]["inc"], state["has_uint32"],
           state["uinteger"], size, noise)
    (stance, threshold), was_kept = STANCES_KEPT.get(key, lambda: _draw(rng, size, noise))
    if was_kept:
        bits.advance(len(STANCES) * size)
        moved = bits.state
        moved["has_uint32"], moved["uinteger"] = state["has_uint32"], state["uinteger"]
        bits.state = moved
    return dict(stance), dict(threshold)  # his own dicts of the kept (read-only) arrays


def _draw(rng: np.random.Generator, size: int, noise: float) -> Stances:
    stance = {question: rng.random(size) for question in STANCES}
    threshold = stance_thresholds(stance, noise)
    for values in (*stance.values(), *threshold.values()):
        values.flags.writeable = False
    return stance, threshold
