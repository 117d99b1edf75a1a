"""The four actors, each a Mesa agent whose rules act on arrays over replicate worlds."""

from korea1950.simulation.agents.kim import Kim
from korea1950.simulation.agents.mao import Mao
from korea1950.simulation.agents.stalin import Stalin
from korea1950.simulation.agents.united_states import UnitedStates

__all__ = ["Kim", "Mao", "Stalin", "UnitedStates"]
