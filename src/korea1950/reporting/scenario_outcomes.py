"""The bundled scenarios' outcomes, as a table for ``docs/scenarios.md``.

Why generated: the table says what each what-if does to the war under each
reading; written by hand it would go stale with the first change to a rule.
A fixed number of worlds and a fixed seed, in one process, so the same code
always writes the same table (``tests/test_docs.py`` checks it is current).
"""

from korea1950.inputs.calendar import month_label
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import bundled_scenario_names
from korea1950.running.evaluators import Sequential
from korea1950.running.experiment import Experiment

WORLDS = 4_000
"""Worlds per cell: a share's standard error is at most 0.008."""

SEED = 1950

OUTCOMES = (("invasion", "invasion"), ("us_intervention", "US fights"),
            ("china_intervention", "China enters"), ("armistice", "armistice"),
            ("north_unifies", "North unifies"), ("south_unifies", "South unifies"))
"""(outcome, column heading), in the order history would meet them."""


def markdown_table() -> str:
    """Per scenario and reading: the outcomes' probabilities and the invasion's median month."""
    scenarios, readings = bundled_scenario_names(), bundled_reading_names()
    results = Experiment(scenarios, readings, replicates=WORLDS, seed=SEED).run(
        Sequential(), progress=False)
    heads = " | ".join(head for _, head in OUTCOMES)
    lines = [f"| scenario | reading | {heads} | invasion (median) |",
             "|---|---|" + "---|" * (len(OUTCOMES) + 1)]
    for scenario in scenarios:
        for reading in readings:
            summary = results[scenario, reading]
            shares = " | ".join(f"{summary.probability(name):.2f}" for name, _ in OUTCOMES)
            median = summary.month_quantile("invasion", 0.5)
            when = month_label(median) if median is not None else "-"
            lines.append(f"| `{scenario}` | {reading} | {shares} | {when} |")
    return "\n".join(lines) + "\n"
