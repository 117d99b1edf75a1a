"""korea1950: a counterfactual decision simulator of how the Korean War began.

Kim Il Sung, Stalin, Mao, the United States, South Korea and the UN Security
Council are Mesa agents whose rules cite three source documents (or say which
archival fact an assumption rests on). ``Experiment`` runs scenarios under readings of
Stalin's intent on an evaluator (``Sequential``, ``Processes``, ``Dask``) and
returns a ``Summary`` per (scenario, reading); ``simulate`` runs one of them;
``CrisisModel`` is the model itself; ``rules()`` lists every decision rule
with its sources. ``docs/architecture.md`` draws the layers.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

EXPORTS = {
    "CrisisModel": "korea1950.simulation.model",
    "Dask": "korea1950.running.evaluators",
    "Experiment": "korea1950.running.experiment",
    "Processes": "korea1950.running.evaluators",
    "Results": "korea1950.running.experiment",
    "Sequential": "korea1950.running.evaluators",
    "Summary": "korea1950.running.summary",
    "load_reading": "korea1950.inputs.readings",
    "load_scenario": "korea1950.inputs.scenarios",
    "rules": "korea1950.simulation.agents.rules:rule_table",
    "simulate": "korea1950.running.ensemble",
}
"""What ``from korea1950 import X`` gives: the module it comes from (``:`` its name there).

Why loaded on first use (PEP 562) rather than here: the command line imports
this package first, and these modules load numpy, pandas and Mesa, a second
before ``korea1950 list`` could print or a Ctrl-C could be answered in one line.
"""

__all__ = ["CrisisModel", "Dask", "Experiment", "Processes", "Results", "Sequential", "Summary",
           "__version__", "load_reading", "load_scenario", "rules", "simulate"]
"""Written out, not built from ``EXPORTS``, so linters and type checkers read it (a test keeps
the two the same)."""

if TYPE_CHECKING:  # what a type checker and an editor see: the exports as they are
    from korea1950.inputs.readings import load_reading
    from korea1950.inputs.scenarios import load_scenario
    from korea1950.running.ensemble import simulate
    from korea1950.running.evaluators import Dask, Processes, Sequential
    from korea1950.running.experiment import Experiment, Results
    from korea1950.running.summary import Summary
    from korea1950.simulation.agents.rules import rule_table as rules
    from korea1950.simulation.model import CrisisModel


def __getattr__(name: str) -> object:
    """Load an export the first time it is asked for."""
    if name not in EXPORTS:
        raise AttributeError(f"module 'korea1950' has no attribute {name!r}")
    import importlib

    module, _, there = EXPORTS[name].partition(":")
    value = getattr(importlib.import_module(module), there or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exports too, loaded or not: tab completion in a notebook offers them."""
    return sorted({*globals(), *EXPORTS})
