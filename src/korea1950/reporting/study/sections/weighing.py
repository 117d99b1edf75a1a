"""Weighing the readings against the record, in the study report.

The section opens with what the record can and cannot decide (the same
sentences as ``korea1950 weigh``), then the numbers: the Bayes factor and the
facts behind it, how far it can be trusted (prior family, simulated records,
predictive check), the what-ifs where the readings' predictions diverge most,
how much the war depended on each actor's decision, and what the record says
about each reading's goals and beliefs.
"""

import json

from korea1950.analysis.weigh import run_weigh
from korea1950.analysis.weigh.likelihood import negligible, odds_text
from korea1950.analysis.weigh.markdown import (
    confusion_markdown,
    posterior_markdown,
    predictive_markdown,
    robustness_markdown,
)
from korea1950.analysis.weigh.responsibility import ACTOR_LABELS
from korea1950.analysis.weigh.verdict import rarity_clause
from korea1950.inputs.labels import actor_name, outcome_label, parameter_label, unsigned_zero
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import DIGITS, SMALLEST, TABLE_NOTE, share_cell
from korea1950.reporting.weigh_plots import write_figures

ORDER = 50
TITLE = "Weighing the readings"
TRUST_TITLE = "How far the verdict can be trusted"
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
    return ["", f"### {TRUST_TITLE}", "",
            "Each reading's prior means were moved to the ends of the ranges their cited words "
            "allow (for a prior that cites no source, the range the modellers assumed: the "
            "table says which) and their concentrations halved and doubled, one prior at a "
            "time (a prior neither historian speaks to in every reading at once) and all "
            "together, each variant simulated with the same seed (the prior the verdict "
            "depends on most is named at the top of this section).",
            *robustness_markdown(result["robustness"], result["replicates"]), "",
            "![Robustness over the prior family](figures/robustness.png)", "",
            "**Simulated records.** Every world of a reading's baseline run is a record that "
            "reading made; each is weighed as the real record is, with probabilities from an "
            "independent run. The rows give where each reading's records are attributed "
            f"(named correctly on average {calibration['accuracy']:.0%}; chance "
            f"{calibration['chance']:.0%}).", *confusion_markdown(calibration, share_cell), "",
            TABLE_NOTE, "",
            "![Confusion matrix](figures/confusion.png)", "",
            "**Does the record fit at all?** The share of a reading's own simulated records "
            "that are no more probable than the actual one (the tail probability; below "
            f"{result['predictive']['alpha']:g} the record is atypical under that reading). "
            f"{result['predictive']['verdict'][:1].upper()}"
            f"{result['predictive']['verdict'][1:]}{rarity_clause(result['predictive'])}.",
            *predictive_markdown(result["predictive"])]


def lean_words(factor: dict, a: str, b: str) -> str:
    """Which way the record leans between readings a and b, in words that follow its strength.

    Why: "disfavours" overstates a factor that Kass and Raftery call "not worth
    more than a bare mention"; such a factor leans, negligibly. A direction is
    named only where the 95% interval excludes zero.
    """
    low, high = factor["ci"]
    if low <= 0 <= high:
        return f"does not clearly favour either {a} or {b}"
    toward, away = (a, b) if low > 0 else (b, a)
    if negligible(factor["log_bf"]):
        return f"leans, negligibly, towards {toward}"
    return f"favours {toward} over {away}"


def _bayes_factor_lines(result: dict, context: StudyContext) -> list[str]:
    """The Bayes factors with the priors as cited, and the facts driving the first."""
    lines = []
    for factor in result["bayes_factors"]:
        a, b = context.reading_label(factor["a"]), context.reading_label(factor["b"])
        lines += ["", f"The log Bayes factor of **{a}** over **{b}** is "
                      f"{factor['log_bf']:+.2f} (95% interval {factor['ci'][0]:+.2f} to "
                      f"{factor['ci'][1]:+.2f}; from the run of {result['replicates']:,} worlds "
                      f"per reading). It is a natural logarithm: a Bayes factor of "
                      f"{factor['bayes_factor']:.2f}, odds of {odds_text(factor['log_bf'])} "
                      f"for {a} against {b}; in Kass and Raftery's words, "
                      f"{factor['strength']}. With every prior as cited, the record, as this "
                      f"model renders it, {lean_words(factor, a, b)}; how far that survives "
                      "other priors is shown below."]
    if not result["bayes_factors"]:
        return lines
    several = len(result["bayes_factors"]) > 1
    for factor in result["bayes_factors"]:
        pair = f"{factor['a']}/{factor['b']}"
        driving = sorted(result["contributions"].values(),
                         key=lambda cell: -abs(cell[pair]["log_ratio"]))[:DRIVING_FACTS]
        whose = (f" of {context.reading_label(factor['a'])} over "
                 f"{context.reading_label(factor['b'])}" if several else "")
        lines += ["", f"The facts that drive the log Bayes factor{whose}: " + "; ".join(
            f"{cell['description'].rstrip('.')} ({cell[pair]['log_ratio']:+.2f})"
            for cell in driving) + "."]
    return [*lines, "", "![Bayes factor](figures/bayes_factor.png)"]


DRIVING_FACTS = 3
"""How many facts the text names as driving each pair's log Bayes factor."""


def _discrimination_lines(result: dict, context: StudyContext) -> list[str]:
    """The what-ifs whose predictions diverge most, and the decision band.

    Why the title says "not observable": a what-if never happened, so its
    worlds cannot be checked against anything; it shows where the readings'
    predictions part, which archival facts would have to test.
    """
    if not result["bayes_factors"]:
        return []
    lines = ["", f"### {DISCRIMINATION_TITLE}", "",
             "What-ifs never happened, so none of these can be observed or tell the readings "
             "apart by itself; they show where the readings' predictions part most, which "
             "archival facts about Stalin's intent would have to test. Ranked by the "
             "Jensen–Shannon divergence between the readings' predicted joint outcomes (0: "
             "the same predictions; 1 bit: nothing in common): "
             + "; ".join(f"*{context.scenario_title(r['scenario'])}* ({r['divergence']:.3f})"
                         for r in result["discrimination"][:4]) + ".", "",
             "![Discrimination](figures/discrimination.png)"]
    band = result.get("decision_band")
    if not band or not band["pairs"]:
        return lines
    pairs = "; ".join(
        f"{context.reading_label(item['a'])} and {context.reading_label(item['b'])}, "
        + (f"between {item['band'][0]:g} and {item['band'][1]:g}" if item["band"]
           else "nowhere on the grid") for item in band["pairs"])
    return [*lines, "", f"With {band_parameter_text(band)}, the readings' shares of worlds in "
                        f"which *{outcome_label(band['decision'])}* differ by more than two "
                        f"standard errors as follows: {pairs}.", "",
            "![Decision band](figures/decision_band.png)"]


def band_parameter_text(band: dict) -> str:
    """The decision band's parameter by its plain label, with its grid and scale ("*belief
    the US would fight* fixed, in turn, at each of 11 values from 0 to 1 (the probability
    Stalin gives it)"), never by its identifier."""
    name, values = band["parameter"], band["values"]
    spec = STALIN_MOTIVE_PARAMETERS[name]
    scale = (" (the probability Stalin gives it)" if spec.kind == "belief" else
             f" (on the model's scale from {spec.low:g} to {spec.high:g})")
    return (f"*{parameter_label(name)}* fixed, in turn, at each of {len(values)} values from "
            f"{values[0]:g} to {values[-1]:g}{scale}")


RESPONSIBILITY_TITLE = "How much did the war depend on each decision (in the model)?"
DISCRIMINATION_TITLE = "Where the readings' predictions diverge most (what-ifs: not observable)"


def _responsibility_lines(result: dict, context: StudyContext) -> list[str]:
    """Each actor's Shapley share of the probability of war, per reading, with what it is not."""
    lines = ["", f"### {RESPONSIBILITY_TITLE}", "",
             "Each actor's Shapley share of the probability of war over the enabling decisions "
             "(Kim Il Sung's attack, Stalin's approval, Mao's consent, the US withdrawal and "
             "perimeter speech), with its fraction of the whole. The shares measure how much "
             "the war *depended on* each actor's decision in the model, not who wanted it most "
             "or who is to blame. Kim Il Sung's share includes the wars in which he "
             "counterattacks after a first strike by Rhee. Each cell gives the share, its 95% "
             "bootstrap interval (*± < 0.01*: narrower than the last digit shown) and its "
             "fraction of the whole.", "",
             "| reading | P(war) | " + " | ".join(map(actor_name, ACTOR_LABELS)) + " |",
             "|---|---|" + "---|" * len(ACTOR_LABELS)]
    for name, shares in result["responsibility"].items():
        cells = " | ".join(share_and_fraction(shares[a], with_interval=True)
                           for a in ACTOR_LABELS)
        lines.append(f"| {context.reading_label(name)} | {shares['p_war_all']:.2f} | {cells} |")
    equal = equal_shares_sentence(result["responsibility"])
    return [*lines, *(["", equal] if equal else []), "",
            "![Responsibility](figures/responsibility.png)"]


def share_and_fraction(cell: dict, with_interval: bool = False) -> str:
    """"0.29 (29%)", or with its 95% interval "0.29 (0.27 to 0.31; 29%)", or "0.01 (± < 0.01;
    1%)" where the interval is narrower than the digits shown (``TABLE_NOTE``); a figure that
    rounds to zero is "0.00", never "-0.00" (a share), and "0%", never "-0%"."""
    ends = [unsigned_zero(end, ".2f") for end in cell["ci"]] if with_interval else []
    interval = ("" if not ends else
                f"± < {SMALLEST:.{DIGITS}f}; " if ends[0] == ends[1] else " to ".join(ends) + "; ")
    return (f"{unsigned_zero(cell['share'], '.2f')} "
            f"({interval}{unsigned_zero(100 * (cell['fraction'] or 0), '.0f')}%)")


def equal_shares_sentence(responsibility: dict) -> str:
    """Why Stalin's and Mao's shares come out equal, where they do under every reading.

    They are equal when each lies within the other's 95% interval: then the
    model's structure, not the evidence, made them so.
    """
    def overlap(shares: dict) -> bool:
        stalin, mao = shares["stalin"], shares["mao"]
        return (mao["ci"][0] <= stalin["share"] <= mao["ci"][1]
                and stalin["ci"][0] <= mao["share"] <= stalin["ci"][1])

    if not responsibility or not all(overlap(s) for s in responsibility.values()):
        return ""
    return ("Stalin's and Mao's shares come out equal by construction: in the model each one's "
            "consent is necessary for the other's to matter (Stalin approves only once Mao "
            "consents, and Mao consents at Stalin's urging), and the Shapley value splits "
            "what two decisions make only together equally between them.")
