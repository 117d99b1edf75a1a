"""The communist side's answer to armistice terms: one rule, written once, for Mao and for Kim.

Why a module of its own: whoever fights for the North - Mao once China is in,
Kim Il Sung where China never entered - answers the same terms (the prisoners'
question) under the same condition, Stalin's leave or his death. Writing the
rule once keeps the two actors from drifting apart; keeping it out of the
general ``Actor`` base keeps that class about what every actor shares.
"""

import numpy as np

from korea1950.simulation.agents.base import Actor
from korea1950.simulation.agents.rules import Decision


def answer_terms(actor: Actor, talking: np.ndarray, leave: np.ndarray, accepted: str,
                 standing: str) -> Decision:
    """Accept the terms, or not, in the ``talking`` worlds where Stalin gives his ``leave``.

    Accept with ``communist_terms_chance`` a month (recording ``accepted``); once
    accepted, stand by the terms (the message ``standing``) while the leave holds.
    """
    world = actor.world
    weighing = talking & leave & ~world.happened(accepted)
    accepts = actor.chance(actor.param("communist_terms_chance"), among=weighing)

    def stand_by(accepts: np.ndarray) -> None:
        world.send(standing, talking & leave & (world.happened(accepted) | accepts))

    return Decision(accepts, weighing, {"stalin_leave": leave}, told=accepts, then=stand_by)
