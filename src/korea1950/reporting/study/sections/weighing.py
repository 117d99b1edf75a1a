"""Weighing the readings against the record, in the study report.

The section opens with what the record can and cannot decide (the same
sentences as ``korea1950 weigh``), then the numbers: the Bayes factor and the
facts behind it, how far it can be trusted (prior family, simulated records,
predictive check), the what-ifs that would decide, the responsibility shares,
and what the record says about each reading's goals and beliefs.
"""

import json

from korea1950.analysis.weigh import run_weigh
from korea1950.analysis.weigh.markdown import (
    confusion_markdown,
    posterior_markdown,
    predictive_markdown,
    robustness_markdown,
)
from korea1950.analysis.weigh.responsibility import ACTOR_LABELS
from korea1950.inputs.labels import actor_name, outcome_label
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.weigh_plots import write_figures

ORDER = 50
TITLE = "Weighing the readings"
COALITION_WORLDS = 20_000
"""Worlds per coalition for the responsibility shares (16 runs per reading; kept modest)."""
ROBUSTNESS_WORLDS = 20_000
"""Worlds per member of the prior family (each re-runs only the readings it changes)."""
CALIBRATION_WORLDS = 20_000
"""Worlds per reading in the independent run that judges simulated records."""


def build(context: StudyContext) -> str:
    """Weigh the readings (reusing the study's runs) and say what the record can decide."""
    result = run_weigh(seed=context.seed, execution=context.workers, progress=context.progress,
                       comparison=context.comparison,
                       coalition_replicates=min(context.replicates, COALITION_WORLDS),
                       robustness_replicates=min(context.replicates, ROBUSTNESS_WORLDS),
                       calibration_replicates=min(context.replicates, CALIBRATION_WORLDS))
    context.weighing = result
    context.tables_dir.mkdir(parents=True, exist_ok=True)
    (context.tables_dir / "weigh.json").write_text(json.dumps(result, indent=1))
    write_figures(result, context.figures_dir)
    lines = [f"## {TITLE}", "", "**What the record can and cannot decide.**", "",
             *[f"- {sentence}" for sentence in result["verdict"]], "",
             f"**{result['caveat']}** Change a rule or a shared prior and the verdict may "
             "change.", "", "The record is a list of observable facts (`seeds/record.toml`). "
             "For each reading, the probability of the record is the share of simulated worlds "
             "- Stalin's goals and beliefs drawn from the reading's priors - whose history "
             "matches every fact (method: `docs/weighing.md`; full figures: "
             "`tables/weigh.json`).", "",
             "| reading | log P(record) | 95% interval | matching worlds |", "|---|---|---|---|"]
    for name, cell in result["readings"].items():
        low, high = cell["log_p_record_ci"]
        lines.append(f"| {context.reading_label(name)} | {cell['log_p_record']:.3f} | "
                     f"{low:.3f} to {high:.3f} | {cell['matching_worlds']:,} |")
    lines += _bayes_factor_lines(result, context)
    lines += _trust_lines(result)
    lines += _discrimination_lines(result, context)
    lines += _responsibility_lines(result, context)
    lines += ["", "### What the record teaches about Stalin's goals and beliefs", "",
              "The worlds that match the record are a sample from the posterior. Dashed lines "
              "are each reading's cited prior (its exact density), filled steps the posterior "
              "given the record; the table gives the means, the posterior's 90% interval and "
              "how far the record moved the mean.",
              *posterior_markdown(result["posterior"]),
              "", "![Prior and posterior](figures/posterior.png)"]
    lines += [f"\n*Warning: {w}*" for w in result["warnings"]]
    return "\n".join(lines) + "\n"


def _trust_lines(result: dict) -> list[str]:
    """Robustness over the prior family, calibration and the predictive check."""
    if not result["bayes_factors"]:
        return []
    calibration = result["calibration"]
    return ["", "### How far the verdict can be trusted", "",
            "Each reading's prior means were moved to the ends of the ranges their cited words "
            "allow and their concentrations halved and doubled, one prior at a time (a prior "
            "neither historian speaks to in every reading at once) and all together, each "
            "variant simulated with the same seed (the prior the verdict depends on most is "
            "named at the top of this section).",
            *robustness_markdown(result["robustness"]), "",
            "![Robustness over the prior family](figures/robustness.png)", "",
            "**Simulated records.** Every world of a reading's baseline run is a record that "
            "reading made; each is weighed as the real record is, with probabilities from an "
            "independent run. The rows give where each reading's records are attributed "
            f"(named correctly on average {calibration['accuracy']:.0%}; chance "
            f"{calibration['chance']:.0%}).", *confusion_markdown(calibration), "",
            "![Confusion matrix](figures/confusion.png)", "",
            "**Does the record fit at all?** The share of a reading's own simulated records "
            "that are no more probable than the actual one (small: the record is atypical "
            f"under that reading). {result['predictive']['verdict'][:1].upper()}"
            f"{result['predictive']['verdict'][1:]}.", *predictive_markdown(result["predictive"])]


def _bayes_factor_lines(result: dict, context: StudyContext) -> list[str]:
    """The Bayes factors with the priors as cited, and the facts driving the first."""
    lines = []
    for factor in result["bayes_factors"]:
        verdict = "favours" if factor["ci"][0] > 0 else (
            "disfavours" if factor["ci"][1] < 0 else "does not clearly favour")
        a, b = context.reading_label(factor["a"]), context.reading_label(factor["b"])
        lines += ["", f"The log Bayes factor of **{a}** over **{b}** is "
                      f"{factor['log_bf']:+.2f} (95% interval {factor['ci'][0]:+.2f} to "
                      f"{factor['ci'][1]:+.2f}; a Bayes factor of {factor['bayes_factor']:.2f},"
                      f" {factor['strength']}): with every prior as cited, "
                      f"the record, as this model renders it, {verdict} {a}; how far that "
                      "survives other priors is shown below."]
    if not result["bayes_factors"]:
        return lines
    pair = f"{result['bayes_factors'][0]['a']}/{result['bayes_factors'][0]['b']}"
    driving = sorted(result["contributions"].items(),
                     key=lambda item: -abs(item[1][pair]["log_ratio"]))[:3]
    lines += ["", "The facts that drive it: " + "; ".join(
        f"{cell['description'].rstrip('.')} ({cell[pair]['log_ratio']:+.2f})"
        for _, cell in driving) + ".", "", "![Bayes factor](figures/bayes_factor.png)"]
    return lines


def _discrimination_lines(result: dict, context: StudyContext) -> list[str]:
    """The what-ifs whose predictions diverge most, and the decision band."""
    if not result["bayes_factors"]:
        return []
    lines = ["", "### What-ifs that would tell the readings apart", "",
             "Ranked by the Jensen-Shannon divergence between the readings' predicted joint "
             "outcomes: " + "; ".join(f"*{context.scenario_title(r['scenario'])}* "
                                      f"({r['divergence']:.3f})"
                                      for r in result["discrimination"][:4]) + ".", "",
             "![Discrimination](figures/discrimination.png)"]
    band = result.get("decision_band")
    for item in (band or {}).get("pairs", [])[:1]:
        where = (f"between {item['band'][0]} and {item['band'][1]}" if item["band"]
                 else "nowhere on the grid")
        lines += ["", f"With `{band['parameter']}` fixed, Stalin under "
                      f"{context.reading_label(item['a'])} and under "
                      f"{context.reading_label(item['b'])} differ on *"
                      f"{outcome_label(band['decision'])}* (by more than two standard "
                      f"errors) {where}.", "", "![Decision band](figures/decision_band.png)"]
    return lines


def _responsibility_lines(result: dict, context: StudyContext) -> list[str]:
    """Each actor's Shapley share of the probability of war, per reading."""
    lines = ["", "### Who started the war?", "",
             "Each actor's Shapley share of the probability of war over the enabling decisions "
             "(Kim Il Sung's attack, Stalin's approval, Mao's consent, the US withdrawal and "
             "perimeter speech), with its fraction of the whole:", "",
             "| reading | P(war) | " + " | ".join(map(actor_name, ACTOR_LABELS)) + " |",
             "|---|---|" + "---|" * len(ACTOR_LABELS)]
    for name, shares in result["responsibility"].items():
        cells = " | ".join(f"{shares[a]['share']:.3f} ({100 * (shares[a]['fraction'] or 0):.0f}%)"
                           for a in ACTOR_LABELS)
        lines.append(f"| {context.reading_label(name)} | {shares['p_war_all']:.3f} | {cells} |")
    return [*lines, "", "![Responsibility](figures/responsibility.png)"]
