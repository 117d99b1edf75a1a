"""Weighing the readings against the record, in the study report."""

import json

from korea1950.study.context import StudyContext
from korea1950.weigh import run_weigh
from korea1950.weigh.plots import write_figures
from korea1950.weigh.responsibility import ACTOR_LABELS

ORDER = 50
TITLE = "Weighing the readings"
COALITION_WORLDS = 20_000
"""Worlds per coalition for the responsibility shares (16 runs per reading; kept modest)."""


def build(context: StudyContext) -> str:
    """Weigh the readings (reusing the study's runs) and describe the verdict and its limits."""
    result = run_weigh(seed=context.seed, execution=context.workers, progress=context.progress,
                       comparison=context.comparison,
                       coalition_replicates=min(context.replicates, COALITION_WORLDS))
    context.tables_dir.mkdir(parents=True, exist_ok=True)
    (context.tables_dir / "weigh.json").write_text(json.dumps(result, indent=1))
    write_figures(result, context.figures_dir)
    lines = [f"## {TITLE}", "", f"**{result['caveat']}** The verdict below is conditional on "
             "the model and its assumptions: change a rule or a shared prior and it may change.",
             "", "The record is a list of observable facts (`seeds/record.toml`). For each "
             "reading, the probability of the record is the share of simulated worlds - "
             "Stalin's motives drawn from the reading's priors - whose history matches every "
             "fact (method: `docs/weighing.md`; full figures: `tables/weigh.json`).", "",
             "| reading | log P(record) | 95% interval | matching worlds |", "|---|---|---|---|"]
    for name, cell in result["readings"].items():
        low, high = cell["log_p_record_ci"]
        lines.append(f"| {name} | {cell['log_p_record']:.3f} | {low:.3f} to {high:.3f} | "
                     f"{cell['matching_worlds']:,} |")
    lines += _bayes_factor_lines(result)
    lines += _responsibility_lines(result)
    lines += ["", "### What the record teaches about Stalin's motives", "",
              "The worlds that match the record are a sample from the posterior; dashed lines "
              "are each reading's prior, solid lines the posterior.", "",
              "![Prior and posterior](figures/posterior.png)"]
    lines += [f"\n*Warning: {w}*" for w in result["warnings"]]
    return "\n".join(lines) + "\n"


def _bayes_factor_lines(result: dict) -> list[str]:
    """The Bayes factors, the facts driving the first, and the discriminating what-ifs."""
    lines = []
    for factor in result["bayes_factors"]:
        verdict = "favours" if factor["ci"][0] > 0 else (
            "disfavours" if factor["ci"][1] < 0 else "does not clearly favour")
        lines += ["", f"The log Bayes factor of **{factor['a']}** over **{factor['b']}** is "
                      f"{factor['log_bf']:+.2f} (95% interval {factor['ci'][0]:+.2f} to "
                      f"{factor['ci'][1]:+.2f}; a Bayes factor of {factor['bayes_factor']:.2f},"
                      f" {factor['strength']}): the record, as this model renders it, "
                      f"{verdict} {factor['a']}'s reading."]
    if not result["bayes_factors"]:
        return lines
    pair = f"{result['bayes_factors'][0]['a']}/{result['bayes_factors'][0]['b']}"
    driving = sorted(result["contributions"].items(),
                     key=lambda item: -abs(item[1][pair]["log_ratio"]))[:3]
    lines += ["", "The facts that drive it: " + "; ".join(
        f"{cell['description'][:1].lower()}{cell['description'][1:]} "
        f"({cell[pair]['log_ratio']:+.2f})"
        for _, cell in driving) + ".", "", "![Bayes factor](figures/bayes_factor.png)", "",
        "### What-ifs that would tell the readings apart", "",
        "Ranked by the Jensen-Shannon divergence between the readings' predicted joint "
        "outcomes: " + ", ".join(f"`{r['scenario']}` ({r['divergence']:.3f})"
                                 for r in result["discrimination"][:4]) + ".", "",
        "![Discrimination](figures/discrimination.png)"]
    band = result.get("decision_band")
    for item in (band or {}).get("pairs", [])[:1]:
        where = (f"between {item['band'][0]} and {item['band'][1]}" if item["band"]
                 else "nowhere on the grid")
        lines += ["", f"With `{band['parameter']}` fixed, the {item['a']} and {item['b']} "
                      f"Stalins differ on `{band['decision']}` (by more than two standard "
                      f"errors) {where}.", "", "![Decision band](figures/decision_band.png)"]
    return lines


def _responsibility_lines(result: dict) -> list[str]:
    """Each actor's Shapley share of the probability of war, per reading."""
    lines = ["", "### Who started the war?", "",
             "Each actor's Shapley share of the probability of war over the enabling decisions "
             "(Kim's attack, Stalin's approval, Mao's consent, the US withdrawal and perimeter "
             "speech), with its fraction of the whole:", "",
             "| reading | P(war) | " + " | ".join(ACTOR_LABELS.values()) + " |",
             "|---|---|" + "---|" * len(ACTOR_LABELS)]
    for name, shares in result["responsibility"].items():
        cells = " | ".join(f"{shares[a]['share']:.3f} ({100 * (shares[a]['fraction'] or 0):.0f}%)"
                           for a in ACTOR_LABELS)
        lines.append(f"| {name} | {shares['p_war_all']:.3f} | {cells} |")
    return [*lines, "", "![Responsibility](figures/responsibility.png)"]
