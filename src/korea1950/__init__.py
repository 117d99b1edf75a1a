"""korea1950: a counterfactual decision simulator of how the Korean War began.

Kim Il Sung, Stalin, Mao, the United States, South Korea and the UN Security
Council are Mesa agents whose rules cite three source documents (or say which
archival fact an assumption rests on). ``Experiment`` runs scenarios under readings of
Stalin's intent on an evaluator (``Sequential``, ``Processes``, ``Dask``) and
returns a ``Summary`` per (scenario, reading); ``simulate`` runs one of them;
``CrisisModel`` is the model itself; ``rules()`` lists every decision rule
with its sources. ``docs/architecture.md`` draws the layers.
"""

__version__ = "0.1.0"

from korea1950.inputs.readings import load_reading
from korea1950.inputs.scenarios import load_scenario
from korea1950.running.ensemble import simulate
from korea1950.running.evaluators import Dask, Processes, Sequential
from korea1950.running.experiment import Experiment, Results
from korea1950.running.summary import Summary
from korea1950.simulation.agents.rules import rule_table as rules
from korea1950.simulation.model import CrisisModel

__all__ = ["CrisisModel", "Dask", "Experiment", "Processes", "Results", "Sequential", "Summary",
           "__version__", "load_reading", "load_scenario", "rules", "simulate"]
