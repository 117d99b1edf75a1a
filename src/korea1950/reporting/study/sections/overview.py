"""First section: what was run, how to reproduce it, and what the results can and cannot say.

The report's title, summary and contents come before it (``study.front``).
"""

from korea1950.inputs.parameters import MODEL_PARAMETERS
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import counted
from korea1950.simulation.agents.rules import rule_table

ORDER = 10
TITLE = "What was run and how to read it"


def rules_basis() -> str:
    """What the actors' rules and their numbers rest on, counted from their declarations.

    Why counted: "rules rebuilt from three source documents" overclaimed; where
    the documents are silent a rule states an assumption, and most of the
    model's numbers cite no quote. The counts come from ``rules.rule_table`` and
    the parameter registry, so they cannot drift from the model.
    """
    rules = rule_table()
    quoted = sum(1 for r in rules if r.evidence and not r.assumption)
    both = sum(1 for r in rules if r.evidence and r.assumption)
    assumed = len(rules) - quoted - both
    numbers = list(MODEL_PARAMETERS.values())
    fitted = sum(1 for spec in numbers if spec.calibrated_on)
    unquoted = sum(1 for spec in numbers if not spec.evidence and not spec.calibrated_on)
    return (f"{len(rules)} rules: {quoted} cite quotes from three source documents (each "
            f"stating the interpretive choice it makes), {both} cite quotes and add an "
            f"assumption where the documents are silent, and {assumed} "
            f"{'is' if assumed == 1 else 'are'} an assumption alone. "
            f"Of the model's {len(numbers)} numbers, {fitted} were set from the record's "
            f"calendar and {unquoted} cite no quote (assumptions, ranged where they are "
            "explored); `docs/ODD.md` lists each")


def build(context: StudyContext) -> str:
    """Markdown for the overview."""
    comparison = context.comparison
    readings = "\n".join(
        f"- **{context.reading_label(r.name)}** — {r.title}. {r.summary}"
        for r in comparison.readings)
    return f"""## {TITLE}

This report simulates **{counted(len(comparison.scenarios), "scenario")}** under
**{counted(len(comparison.readings), "reading")}** of Stalin's intent,
**{counted(context.replicates, "world")}** each (seed {context.seed}).
Kim Il Sung, Stalin, Mao, the United States, South Korea and the Security Council decide
by {rules_basis()}. Each world draws Stalin's motives from the
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
