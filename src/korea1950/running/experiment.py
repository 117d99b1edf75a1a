"""The experiment API: scenarios x readings, a number of worlds and a seed, run anywhere.

Why an object: what to run (``Experiment``) is separate from where it runs
(an evaluator, ``korea1950.running.evaluators``), so the same experiment gives
the same figures on one core, on all of them or on a cluster, and the result
(``Results``) is plain data keyed by ``(scenario, reading)``::

    experiment = Experiment(["baseline", "no_acheson_speech"], ["kim", "stueck"],
                            replicates=20_000, seed=1)
    with Processes(4) as evaluator:
        results = experiment.run(evaluator)
    results["no_acheson_speech", "stueck"].probability("invasion")
"""

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from korea1950.inputs.errors import InputError
from korea1950.inputs.readings import Reading, load_reading
from korea1950.inputs.scenarios import Scenario, load_scenario
from korea1950.running.blocks import make_tasks
from korea1950.running.ensemble import run_many
from korea1950.running.evaluators import Evaluator, Processes
from korea1950.running.summary import Summary

Cell = tuple[str, str]
"""A (scenario name, reading name) pair: one run of an experiment."""


class Results(Mapping[Cell, Summary]):
    """Each run's ``Summary``, keyed by ``(scenario, reading)`` names, in the order asked for."""

    def __init__(self, summaries: dict[Cell, Summary], scenarios: list[str],
                 readings: list[str], replicates: int, seed: int) -> None:
        self._summaries = summaries
        self.scenarios, self.readings = scenarios, readings
        self.replicates, self.seed = replicates, seed

    def __getitem__(self, cell: Cell) -> Summary:
        try:
            return self._summaries[cell]
        except (KeyError, TypeError):
            raise KeyError(f"no run {cell!r}: expected (scenario, reading) with a scenario in "
                           f"{self.scenarios} and a reading in {self.readings}") from None

    def __iter__(self) -> Iterator[Cell]:
        return iter(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)

    def __repr__(self) -> str:
        return (f"Results({len(self.scenarios)} scenarios x {len(self.readings)} readings, "
                f"{self.replicates:,} worlds each, seed {self.seed})")


class Experiment:
    """Every scenario under every reading, ``replicates`` worlds each, from one ``seed``.

    Scenarios and readings are bundled names, paths to TOML files or loaded
    objects; a single one may be given without a list. ``parameters`` overrides
    model parameters in every run. Everything is checked here, before any work,
    so a bad name is a one-line ``InputError`` at once.
    """

    def __init__(self, scenarios: "Sequence[str | Path | Scenario] | str | Path | Scenario"
                 = ("baseline",),
                 readings: "Sequence[str | Path | Reading] | str | Path | Reading" = ("stueck",),
                 replicates: int = 10_000, seed: int = 1,
                 parameters: dict[str, float] | None = None) -> None:
        self.scenarios = [load_scenario(s) for s in _as_list(scenarios, Scenario)]
        self.readings = [load_reading(r) for r in _as_list(readings, Reading)]
        require_unique("scenarios", [s.name for s in self.scenarios])
        require_unique("readings", [r.name for r in self.readings])
        self.plans = {(s.name, r.name): make_tasks(s, r, replicates, seed, parameters)
                      for s in self.scenarios for r in self.readings}
        self.replicates, self.seed = int(replicates), int(seed)
        self.parameters = dict(parameters or {})

    def run(self, evaluator: Evaluator | None = None, progress: bool | None = None) -> Results:
        """Run every (scenario, reading) pair; ``evaluator=None`` uses every core."""
        summaries = run_many(self.plans, evaluator or Processes(), progress, self._label())
        return Results(summaries, [s.name for s in self.scenarios],
                       [r.name for r in self.readings], self.replicates, self.seed)

    def _label(self) -> str:
        """The progress bar's label: the run's name, or how many runs there are."""
        if len(self.plans) == 1:
            return "/".join(next(iter(self.plans)))
        return f"{len(self.scenarios)} scenarios x {len(self.readings)} readings"

    def __repr__(self) -> str:
        return (f"Experiment(scenarios={[s.name for s in self.scenarios]}, "
                f"readings={[r.name for r in self.readings]}, replicates={self.replicates}, "
                f"seed={self.seed})")


def _as_list(value: object, kind: type) -> list:
    """One scenario or reading (a name, path or object) as a list of one; a list as it is."""
    if isinstance(value, str | Path | kind):
        return [value]
    items = list(value)  # type: ignore[call-overload]
    if not items:
        raise InputError(f"an experiment needs at least one {kind.__name__.lower()}")
    return items


def require_unique(what: str, names: list[str]) -> None:
    """A one-line ``InputError`` if two names repeat: names key every result, table and figure."""
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InputError(f"two {what} share the name '{repeated[0]}' (names must be unique; "
                         f"got {', '.join(names)})")
