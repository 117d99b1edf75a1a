"""korea1950: a counterfactual decision simulator of how the Korean War began.

Kim Il Sung, Stalin, Mao and the United States are Mesa agents whose rules
cite three source documents; ``CrisisModel`` simulates R replicate worlds in
lockstep and ``simulate`` runs a whole ensemble and returns its summary.
"""

__version__ = "0.1.0"

from korea1950.ensemble import simulate
from korea1950.model import CrisisModel
from korea1950.readings import load_reading
from korea1950.scenarios import load_scenario

__all__ = ["CrisisModel", "__version__", "load_reading", "load_scenario", "simulate"]
