"""The war submodel: a front line pushed by the balance of fighting power.

Deliberately small and transparent (see docs/ODD.md, "Submodels"). The front
is the share of the peninsula the North holds (0.5 is about the 38th
parallel). Each month of a general war it moves by

    tempo * (communist - un) / (communist + un) + noise,

where each side's power is cut by ``supply_penalty`` the further it stands
from its own half (the Pusan and Yalu culminations). Calibration figures are
from docs/facts.md; none of this decides an actor's choice, it only sets the
situations the actors respond to.
"""

from collections.abc import Mapping

import numpy as np

from korea1950.inputs.levers import Levers
from korea1950.simulation.world import PARALLEL, WorldState


def rearm_north(world: WorldState, params: Mapping[str, float]) -> None:
    """Soviet deliveries raise the North's strength, faster once Stalin agrees in principle.

    Source: Stalin offered to "send reinforcements whenever they launch their
    attack" (stalin-offers-support); docs/facts.md: about 2:1 by June 1950. Archival
    (docs/ODD.md): in February 1950, after the invitation, Stalin let Kim draw
    on the 1951 credit for arms in 1950.
    """
    growth = np.where(world.happened("stalin_invites_kim"), params["north_armament_rate_approved"],
                      params["north_armament_rate"])
    peace = world.at_peace
    if peace.any():
        world.north_strength = np.where(
            peace, np.minimum(world.north_strength + growth, params["north_strength_cap"]),
            world.north_strength)


def land_behind_lines(world: WorldState, mask: np.ndarray, params: Mapping[str, float]) -> None:
    """An amphibious landing cuts off the North's army in the South.

    docs/facts.md: Incheon, 15 September 1950, 70,000 troops against 2,500 defenders;
    the North's army in the South collapsed and the front returned to the
    parallel within weeks.
    """
    if not mask.any():
        return
    world.north_strength = np.where(mask, world.north_strength * params["incheon_cutoff"],
                                    world.north_strength)
    pushed_back = np.minimum(world.front, params["incheon_front_limit"]) - params[
        "incheon_front_push"]
    world.front = np.where(mask, pushed_back, world.front)


def fighting_power(world: WorldState, params: Mapping[str, float], levers: Levers,
                   worlds: np.ndarray, share: np.ndarray | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Return (communist, UN) fighting power in the ``worlds`` (indices), before supply limits.

    ``share`` is ``us_share`` in those worlds, if the caller has it already.
    """
    if share is None:
        share = us_share(world, params, levers, worlds)
    events = world.events
    communist = (
        world.north_strength[worlds]
        + params["china_strength"] * (events["china_intervention"][worlds] >= 0)
        + params["air_cover_strength"] * (events["soviet_air_cover"][worlds] >= 0)
        + params["ground_troops_strength"] * (events["soviet_ground_troops"][worlds] >= 0)
    )
    un = (world.south_strength[worlds]
          + params["us_strength"] * share)
    return communist, un


def us_share(world: WorldState, params: Mapping[str, float], levers: Levers,
             worlds: np.ndarray) -> np.ndarray:
    """Share of full US strength in Korea: none at first, full after ``us_buildup_months``.

    docs/facts.md: a few battalions in July 1950, about 90,000 troops by August. A
    garrison left in Korea (the ``us_garrison_remains`` lever) starts at
    ``us_garrison_share``.
    """
    started = world.events["us_intervention"][worlds]
    months = np.where(started >= 0, world.month - started, 0)
    share = np.clip((months - params["us_arrival_lag"]) / params["us_buildup_months"], 0.0, 1.0)
    if levers.us_garrison_remains:
        share = np.maximum(share, params["us_garrison_share"]) * (started >= 0)
    return share


def advance_war(world: WorldState, params: Mapping[str, float], levers: Levers,
                rng: np.random.Generator) -> None:
    """Move the front one month in every world at general war; end wars won outright.

    Works on the indices of the worlds at war, so months of peace (or of
    ended wars) cost almost nothing. Why the parts and not the model: the war
    is the same submodel whoever runs it, and reads nothing an actor holds.
    """
    world.front_before = world.front.copy()
    worlds = (world.at_war & ~world.limited).nonzero()[0]
    if not worlds.size:
        return
    front = world.front[worlds]
    share = us_share(world, params, levers, worlds)
    communist, un = fighting_power(world, params, levers, worlds, share)
    stretched_north = np.clip((front - PARALLEL) / PARALLEL, 0, 1)
    stretched_south = np.clip((PARALLEL - front) / PARALLEL, 0, 1)
    communist = communist * (1.0 - params["supply_penalty"] * stretched_north)
    un = un * (1.0 - params["supply_penalty"] * stretched_south)
    push = params["front_tempo"] * (communist - un) / (communist + un)
    noise = params["front_noise"] * rng.standard_normal(worlds.size)
    moved_to = np.clip(front + push + noise, 0.0, 1.0)
    crossed = world.events["un_crosses_38th"][worlds] >= 0
    moved_to = np.where(crossed, moved_to, np.maximum(moved_to, PARALLEL))
    moved = moved_to - front
    world.front[worlds] = moved_to
    world.north_furthest[worlds] = np.maximum(world.north_furthest[worlds], moved_to)
    shaken = np.clip(1.0 - params["south_losses"] * np.maximum(moved, 0.0), 0.0, 1.0)
    world.south_strength[worlds] = np.minimum(
        world.south_strength[worlds] * shaken + params["south_recovery"] * (moved < 0), 1.0)
    world.north_strength[worlds] *= 1.0 - params["north_attrition"] * share
    won = np.zeros(world.replicates, dtype=bool)
    won[worlds] = moved_to >= params["north_unifies_front"]
    world.end_war(won, "north_unifies")
    won[:] = False
    won[worlds] = moved_to <= params["south_unifies_front"]
    world.end_war(won, "south_unifies")
