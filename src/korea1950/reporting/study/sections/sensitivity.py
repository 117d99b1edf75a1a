"""Which of Stalin's uncertain motives drive the outcomes, under each reading (Sobol, SALib)."""

from korea1950.analysis.compare import to_csv
from korea1950.analysis.sensitivity import DEFAULT_SAMPLES, run_sensitivity, table_rows
from korea1950.inputs.labels import parameter_label
from korea1950.reporting import sensitivity_plots
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import SMALLEST

ORDER = 60
TITLE = "Which of Stalin's motives matter most"
DRAFT_SAMPLES = 128
"""Sobol base samples for a draft study (fewer than ``FULL_STUDY`` worlds per pair): quick,
but some indices will not have converged, and the section says which."""
FULL_STUDY = 20_000
"""Worlds per pair from which a study counts as full and takes the default sample size."""
PER_POINT = 32
HALF_DIGIT = SMALLEST / 2
"""An interval half-width below this would print as "± 0.00"."""


def samples_for(replicates: int) -> int:
    """Base samples: the sensitivity command's default for a full study, fewer for a draft."""
    return DEFAULT_SAMPLES if replicates >= FULL_STUDY else DRAFT_SAMPLES


def build(context: StudyContext) -> str:
    """Run a Sobol analysis per reading on the baseline; write tables and figures."""
    samples = samples_for(context.replicates)
    parts = [f"## {TITLE}", "",
             "Sobol indices of key outcomes in the baseline with respect to each of "
             "the reading's parameters, sampled through the reading's own priors "
             f"({samples} base samples, {PER_POINT} worlds per point). First-order indices "
             "say how much of an outcome's variation one parameter explains alone; total "
             "indices include its interactions; chance within the worlds is taken out and "
             "reported apart. Intervals are 95% bootstrap intervals, and each outcome says "
             "whether its indices have converged."]
    for reading in context.comparison.readings:
        label = context.reading_label(reading.name)
        result = run_sensitivity(str(reading.path), "baseline", "sobol", samples,
                                 replicates_per_point=PER_POINT, seed=context.seed,
                                 execution=context.workers, progress=context.progress)
        rows = result["indices"]
        # empty cells, with a note, where an outcome is too flat to have indices
        (context.tables_dir / f"sensitivity_{reading.name}.csv").write_text(
            to_csv(table_rows(result)))
        sensitivity_plots.plot_sensitivity(
            rows, f"Sensitivity of outcomes to Stalin's motives — {label}",
            context.figures_dir / f"sensitivity_{reading.name}", result.get("convergence"))
        converged = [f"- {item['statement']}"
                     for item in result.get("convergence", [])]
        parts += ["", f"### Under {label}", "", _leaders(rows), "", *converged, "",
                  f"![Sensitivity, {label}]"
                  f"(figures/sensitivity_{reading.name}.png)"]
    return "\n".join(parts) + "\n"


def _leaders(rows: list[dict]) -> str:
    """The parameters with the largest total index for the invasion, or why there are none."""
    top = sorted((r for r in rows if r["outcome"] == "invasion"), key=lambda r: -r["ST"])
    if all(r["ST"] == 0 and r["ST_conf"] == 0 for r in top):
        return ("The invasion happens in (almost) every sampled world or in (almost) none: too "
                "little variation to share out, so no parameter is singled out.")
    leaders = ", ".join(f"{parameter_label(r['parameter'])} (total {r['ST']:.2f} "
                        f"{_half(r['ST_conf'])})" for r in top[:3])
    return f"For the invasion, the largest total indices are {leaders}."


def _half(conf: float) -> str:
    """An interval's half-width, or that it is narrower than the digits shown."""
    return f"± < {SMALLEST:.2f}" if conf < HALF_DIGIT else f"± {conf:.2f}"
