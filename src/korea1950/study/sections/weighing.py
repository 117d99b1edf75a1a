"""Weighing the readings against the record, in the study report."""

import json

from korea1950.study.context import StudyContext
from korea1950.weigh import run_weigh
from korea1950.weigh.plots import write_figures

ORDER = 50
TITLE = "Weighing the readings"
COALITION_WORLDS = 20_000
"""Worlds per coalition for the responsibility shares (32 extra runs; kept modest)."""


def build(context: StudyContext) -> str:
    """Weigh the readings (reusing the study's runs) and describe the verdict and its limits."""
    result = run_weigh(seed=context.seed, execution=context.workers, progress=context.progress,
                       comparison=context.comparison,
                       coalition_replicates=min(context.replicates, COALITION_WORLDS))
    (context.tables_dir / "weigh.json").write_text(json.dumps(result, indent=1))
    write_figures(result, context.figures_dir)
    lines = [f"## {TITLE}", "", f"**{result['caveat']}**", "",
             "The record is a list of observable facts (`seeds/record.toml`). For each reading, "
             "the probability of the record is the share of simulated worlds - Stalin's "
             "motives drawn from the reading's priors - whose history matches every fact.", "",
             "| reading | log P(record) | matching worlds |", "|---|---|---|"]
    for name, cell in result["readings"].items():
        lines.append(f"| {name} | {cell['log_p_record']:.3f} | {cell['matching_worlds']:,} |")
    for factor in result["bayes_factors"]:
        verdict = "favours" if factor["ci"][0] > 0 else (
            "disfavours" if factor["ci"][1] < 0 else "does not clearly favour")
        lines += ["", f"The log Bayes factor of **{factor['a']}** over **{factor['b']}** is "
                      f"{factor['log_bf']:+.2f} (95% interval {factor['ci'][0]:+.2f} to "
                      f"{factor['ci'][1]:+.2f}): the record, as this model renders it, "
                      f"{verdict} {factor['a']}'s reading."]
    if result["bayes_factors"]:
        pair = f"{result['bayes_factors'][0]['a']}/{result['bayes_factors'][0]['b']}"
        driving = sorted(result["contributions"].items(),
                         key=lambda item: -abs(item[1][pair]["log_ratio"]))[:3]
        lines += ["", "The facts that drive it: " + "; ".join(
            f"{cell['description'].lower()} ({cell[pair]['log_ratio']:+.2f})"
            for _, cell in driving) + ".", "",
            "![Bayes factor](figures/bayes_factor.png)", "",
            "### What-ifs that would tell the readings apart", "",
            "Ranked by the Jensen-Shannon divergence between the readings' predicted joint "
            "outcomes: " + ", ".join(f"`{r['scenario']}` ({r['divergence']:.3f})"
                                     for r in result["discrimination"][:4]) + ".", "",
            "![Discrimination](figures/discrimination.png)"]
    lines += ["", "### Who started the war?", "",
              "Each actor's Shapley share of the probability of war, over the enabling "
              "decisions (Kim's attack, Stalin's approval, Mao's consent, the US withdrawal "
              "and perimeter speech):", "",
              "| reading | Kim | Stalin | Mao | US |", "|---|---|---|---|---|"]
    for name, shares in result["responsibility"].items():
        lines.append(f"| {name} | " + " | ".join(
            f"{shares[a]['share']:.2f}" for a in ("kim", "stalin", "mao", "us")) + " |")
    lines += ["", "![Responsibility](figures/responsibility.png)", "",
              "### What the record teaches about Stalin's motives", "",
              "![Prior and posterior](figures/posterior.png)"]
    lines += [f"\n*Warning: {w}*" for w in result["warnings"]]
    return "\n".join(lines) + "\n"
