"""Which of Stalin's uncertain motives drive the outcomes, under each reading (Sobol, SALib)."""

from korea1950.analysis.compare import to_csv
from korea1950.analysis.sensitivity import run_sensitivity
from korea1950.reporting import plots
from korea1950.reporting.study.context import StudyContext

ORDER = 60
TITLE = "Which of Stalin's motives matter most"
SAMPLES = 128
PER_POINT = 32


def build(context: StudyContext) -> str:
    """Run a Sobol analysis per reading on the baseline; write tables and figures."""
    parts = [f"## {TITLE}", "",
             "Sobol indices (SALib) of key outcomes in the baseline with respect to each of "
             "the reading's parameters, sampled through the reading's own priors "
             f"({SAMPLES} base samples, {PER_POINT} worlds per point). First-order indices "
             "say how much of an outcome's variation one parameter explains alone; total "
             "indices include its interactions. Chance within the worlds adds to every total "
             "index a little; intervals are 95% bootstrap intervals."]
    for reading in context.comparison.readings:
        result = run_sensitivity(str(reading.path), "baseline", "sobol", SAMPLES,
                                 replicates_per_point=PER_POINT, seed=context.seed,
                                 execution=context.workers, progress=context.progress)
        rows = result["indices"]
        (context.tables_dir / f"sensitivity_{reading.name}.csv").write_text(to_csv(rows))
        plots.plot_sensitivity(rows, f"Sensitivity of outcomes to Stalin's motives — "
                                     f"reading {reading.name}",
                               context.figures_dir / f"sensitivity_{reading.name}")
        top = sorted((r for r in rows if r["outcome"] == "invasion"), key=lambda r: -r["ST"])
        leaders = ", ".join(f"`{r['parameter']}` (total {r['ST']:.2f} ± {r['ST_conf']:.2f})"
                            for r in top[:3])
        parts += ["", f"### Reading {reading.name}", "",
                  f"For the invasion, the largest total indices are {leaders}.", "",
                  f"![Sensitivity, reading {reading.name}]"
                  f"(figures/sensitivity_{reading.name}.png)"]
    return "\n".join(parts) + "\n"
