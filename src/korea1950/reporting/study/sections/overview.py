"""First section: what was run, how to reproduce it, and what the results can and cannot say.

The report's title, summary and contents come before it (``study.front``).
"""

from korea1950.reporting.study.context import StudyContext
from korea1950.simulation.agents.rules import rule_table

ORDER = 10
TITLE = "What was run and how to read it"


def rules_basis() -> str:
    """What the actors' rules rest on, counted from their declarations (``rules.rule_table``).

    Why counted: "rules rebuilt from three source documents" overclaimed; where
    the documents are silent a rule states an assumption, and a reader should
    know how many do.
    """
    rules = rule_table()
    quoted = sum(1 for r in rules if r.evidence and not r.assumption)
    both = sum(1 for r in rules if r.evidence and r.assumption)
    assumed = len(rules) - quoted - both
    return (f"{len(rules)} rules: {quoted} rest on quotes from three source documents, "
            f"{both} on quotes and an assumption where the documents are silent, and "
            f"{assumed} on an assumption alone; many of their numbers are assumed or set from "
            "the record's calendar")


def build(context: StudyContext) -> str:
    """Markdown for the overview."""
    comparison = context.comparison
    readings = "\n".join(
        f"- **{context.reading_label(r.name)}** — {r.title}. {r.summary}"
        for r in comparison.readings)
    return f"""## {TITLE}

This report simulates **{len(comparison.scenarios)} scenarios** under **{len(comparison.readings)}
readings** of Stalin's intent, **{context.replicates:,} worlds** each (seed {context.seed}).
Kim Il Sung, Stalin, Mao, the United States, South Korea and the Security Council decide
by {rules_basis()} (`docs/ODD.md` lists each). Each world draws Stalin's motives from the
reading's priors, so every figure carries the uncertainty about what Stalin wanted as well
as chance.

The readings compared:

{readings}

**Read every number as conditional on the model and its assumptions.** The model is a
small, transparent account of the decisions (see `docs/ODD.md`, which lists every
assumption); a share of worlds is what this model does under a reading, not a probability
that history would have gone that way.

To reproduce: `korea1950 study --replicates {context.replicates} --seed {context.seed}`
(the manifest records the versions and the hashes of every scenario and reading file).
"""
