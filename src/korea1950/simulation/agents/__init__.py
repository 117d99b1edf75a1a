"""The actors, each a Mesa agent whose rules act on arrays over replicate worlds."""

from korea1950.simulation.agents.kim import Kim
from korea1950.simulation.agents.mao import Mao
from korea1950.simulation.agents.security_council import SecurityCouncil
from korea1950.simulation.agents.south_korea import SouthKorea
from korea1950.simulation.agents.stalin import Stalin
from korea1950.simulation.agents.united_states import UnitedStates

ACTORS = (SouthKorea, Kim, Stalin, SecurityCouncil, Mao, UnitedStates)
"""Every actor, in the order they move within a month (``CrisisModel.step``).

Why this order: South Korea's first strike and raids come first (a strike
lets Kim counterattack at once); Kim asks, Stalin answers and decides on his
Council seat and veto, the Council votes on what Stalin left it, Mao answers
Stalin's urging, and the US responds to all of it.
"""

__all__ = ["ACTORS", "Kim", "Mao", "SecurityCouncil", "SouthKorea", "Stalin", "UnitedStates"]
