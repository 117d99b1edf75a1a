"""korea1950: a counterfactual decision simulator of how the Korean War began.

Kim Il Sung, Stalin, Mao and the United States are Mesa agents whose rules
cite three source documents; ``CrisisModel`` simulates R replicate worlds in
lockstep and ``simulate`` runs a whole ensemble and returns its summary.
"""

__version__ = "0.1.0"

from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.ensemble import simulate
from korea1950.simulation.model import CrisisModel

__all__ = ["CrisisModel", "__version__", "load_reading", "load_scenario", "simulate"]
