"""What every report section receives: where to write, and the comparison already run."""

from dataclasses import dataclass, field
from pathlib import Path

from korea1950.analysis.compare import Comparison
from korea1950.inputs.labels import reading_label
from korea1950.running.evaluators import Evaluator
from korea1950.running.summary import Summary


@dataclass
class StudyContext:
    """The state of a study being written (in its temporary folder)."""

    out_dir: Path
    replicates: int
    seed: int
    workers: Evaluator
    """Where runs execute (an evaluator: one process, local processes or a Dask cluster)."""
    comparison: Comparison
    progress: bool | None = None
    tables: dict[str, list[dict]] = field(default_factory=dict)
    """The comparison's tables by name ("outcomes", "timings", "front", "distributions"),
    already written to ``tables_dir`` before any section runs; a section may add its own."""
    weighing: dict | None = None
    """The weighing of the readings, once its section has run (the summary at the top of the
    report quotes its verdict instead of weighing a second time); None if it did not run."""

    @property
    def figures_dir(self) -> Path:
        """Folder for figures (PNG and SVG); the report links them relatively."""
        return self.out_dir / "figures"

    @property
    def tables_dir(self) -> Path:
        """Folder for CSV and JSON tables."""
        return self.out_dir / "tables"

    @property
    def scenario_names(self) -> list[str]:
        """Scenario names, baseline first."""
        return self.comparison.scenario_names

    @property
    def reading_names(self) -> list[str]:
        """Reading names, in order (colours follow this order in every figure)."""
        return self.comparison.reading_names

    @property
    def reading_paths(self) -> dict[str, Path | None]:
        """Each reading's file, by name (a section re-running a reading passes the path)."""
        return {reading.name: reading.path for reading in self.comparison.readings}

    @property
    def scenario_paths(self) -> dict[str, Path | None]:
        """Each scenario's file, by name."""
        return {scenario.name: scenario.path for scenario in self.comparison.scenarios}

    @property
    def summaries(self) -> dict[tuple[str, str], Summary]:
        """The ensemble of every (scenario, reading) pair."""
        return self.comparison.summaries

    def scenario_title(self, name: str) -> str:
        """A scenario as a reader sees it: its title, never its file name.

        Why: scenario names such as ``soviet_veto`` are also outcome names, so a
        table showing them would read as raw identifiers.
        """
        return next(s.title for s in self.comparison.scenarios if s.name == name)

    def reading_label(self, name: str) -> str:
        """A reading by its historian ("Donggil Kim's reading"), or its title if from a file."""
        reading = next(r for r in self.comparison.readings if r.name == name)
        return reading_label(name, reading.title)
