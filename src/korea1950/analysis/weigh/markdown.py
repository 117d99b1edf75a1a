"""Markdown tables of how far the verdict can be trusted, for the study report.

Plain functions of the weighing's JSON-ready result, so the report and any
other Markdown page show the same rows. The rows name things as a reader
does (``inputs/labels.py``): a reading by its historian, a goal or belief of
Stalin's by its meaning in the registry, never by its identifier.
"""

from korea1950.analysis.weigh.posterior import posterior_cells
from korea1950.inputs.labels import PRIOR_CHANGES, parameter_words, reading_label

SHOWN_PRIORS = 6
"""How many of the priors that move the verdict most a table lists."""
def robustness_markdown(robust: dict) -> list[str]:
    """Each pair's range over the prior family and the priors that move it most."""
    lines = []
    for pair in robust["pairs"]:
        holds = "holds" if pair["sign_holds"] else "does not hold"
        lines += ["", f"Over the family of priors ({len(robust['variants']) - 1} variants, "
                      f"{robust['replicates']:,} worlds each) the log Bayes factor of "
                      f"{reading_label(pair['a'])} over {reading_label(pair['b'])} ranges from "
                      f"{pair['log_bf_min']:+.2f} to "
                      f"{pair['log_bf_max']:+.2f} (priors as cited: "
                      f"{pair['log_bf_as_cited']:+.2f}); its sign {holds}. The priors that "
                      "move it most (each prior's largest shift; the noise is at most the "
                      "standard error shown):", "",
                  "| prior | reading | variant | log BF | shift | noise (SE) |",
                  "|---|---|---|---|---|---|"]
        cells = {cell["variant"]: cell for cell in pair["table"]}
        for item in pair["by_prior"][:SHOWN_PRIORS]:
            cell = cells[item["variant"]]
            who = ("both readings (shared)" if item["readings"] == "shared" else ", ".join(
                reading_label(name) for name in item["readings"]))
            change = item["variant"].split(":")[-1]
            lines.append(f"| {parameter_words(item['parameter'])} | {who} | "
                         f"{PRIOR_CHANGES.get(change, change)} | "
                         f"{cell['log_bf']:+.2f} | {cell['shift']:+.2f} | "
                         f"{cell['shift_se']:.2f} |")
    if robust["skipped"]:
        lines += ["", f"Left as cited: {robust['skipped_text']}."]
    return lines


def confusion_markdown(calibration: dict) -> list[str]:
    """The confusion matrix with each row's share of undecided records."""
    confusion = calibration["confusion"]
    names = confusion["labels"]
    lines = ["", "| made by \\ named | " + " | ".join(map(reading_label, names))
             + " | not worth more than a bare mention |", "|---|" + "---|" * (len(names) + 1)]
    for name, row in zip(names, confusion["matrix"], strict=True):
        lines.append(f"| {reading_label(name)} | " + " | ".join(f"{value:.2f}" for value in row)
                     + f" | {calibration['undecided'][name]:.0%} |")
    return lines


def predictive_markdown(check: dict) -> list[str]:
    """The predictive check per reading: tail probability, facts matched, verdict."""
    lines = ["", "| reading | P(log p(X) <= log p(record)) | facts matched, mean | "
                 "P(all facts) | verdict |", "|---|---|---|---|---|"]
    for name, cell in check["readings"].items():
        matched = cell["facts_matched"]
        lines.append(f"| {reading_label(name)} | {cell['tail_probability']:.3f} | "
                     f"{matched['mean']:.1f} of "
                     f"{cell['facts']} | {matched['p_at_least_actual']:.3f} | "
                     f"{cell['verdict']} |")
    return lines


def posterior_markdown(posterior: dict) -> list[str]:
    """Prior mean, posterior mean, 90% interval and shift of every goal and belief."""
    lines = ["", "| reading | Stalin's goal or belief | prior mean | posterior mean | "
                 "90% interval | shift |", "|---|---|---|---|---|---|"]
    for reading, parameter, *figures in posterior_cells(posterior):
        lines.append(f"| {reading_label(reading)} | {parameter_words(parameter)} | "
                     + " | ".join(figures) + " |")
    return lines
