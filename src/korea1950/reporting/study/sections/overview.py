"""First section: what was run, how to reproduce it, and what the results can and cannot say.

The report's title, summary and contents come before it (``study.front``).
"""

from korea1950.reporting.study.context import StudyContext

ORDER = 10
TITLE = "What was run and how to read it"


def build(context: StudyContext) -> str:
    """Markdown for the overview."""
    comparison = context.comparison
    readings = "\n".join(
        f"- **{context.reading_label(r.name)}** — {r.title}. {r.summary}"
        for r in comparison.readings)
    return f"""## {TITLE}

This report simulates **{len(comparison.scenarios)} scenarios** under **{len(comparison.readings)}
readings** of Stalin's intent, **{context.replicates:,} worlds** each (seed {context.seed}).
Kim Il Sung, Stalin, Mao and the United States decide by rules rebuilt from three source
documents; each world draws Stalin's motives from the reading's priors, so every figure
carries the uncertainty about what Stalin wanted as well as chance.

The readings compared:

{readings}

**Read every number as conditional on the model and its assumptions.** The model is a
small, transparent account of the decisions (see `docs/ODD.md`, which lists every
assumption); a share of worlds is what this model does under a reading, not a probability
that history would have gone that way.

To reproduce: `korea1950 study --replicates {context.replicates} --seed {context.seed}`
(the manifest records the versions and the hashes of every scenario and reading file).
"""
