"""The four actors, each a Mesa agent whose rules act on arrays over replicate worlds."""

from korea1950.agents.kim import Kim
from korea1950.agents.mao import Mao
from korea1950.agents.stalin import Stalin
from korea1950.agents.united_states import UnitedStates

__all__ = ["Kim", "Mao", "Stalin", "UnitedStates"]
