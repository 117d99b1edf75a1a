"""Markdown tables of how far the verdict can be trusted, for the study report.

Plain functions of the weighing's JSON-ready result, so the report and any
other Markdown page show the same rows. The rows name things as a reader
does (``inputs/labels.py``): a reading by its historian, a goal or belief of
Stalin's by its meaning in the registry, never by its identifier.
"""

from collections.abc import Callable

from korea1950.analysis.weigh.likelihood import odds
from korea1950.analysis.weigh.posterior import posterior_cells
from korea1950.analysis.weigh.robustness import other_end
from korea1950.inputs.labels import parameter_words, prior_change, reading_label

SHOWN_PRIORS = 6
"""How many of the priors that move the verdict most a table lists."""


def robustness_markdown(robust: dict, headline_worlds: int | None = None) -> list[str]:
    """Each pair's range over the prior family and the priors that move it most.

    ``headline_worlds`` is the size of the run behind the headline log Bayes
    factor; where the family ran at another size, its own "as cited" figure
    differs from the headline by simulation noise, and the text says which run
    each comes from.
    """
    lines = []
    members = len(robust["variants"])
    for pair in robust["pairs"]:
        holds = "holds" if pair["sign_holds"] else "does not hold"
        low, high = pair["log_bf_min"], pair["log_bf_max"]
        lines += ["", f"Over the family of priors ({members} members: the cited priors and "
                      f"{members - 1} variants, {robust['replicates']:,} worlds per reading "
                      f"each) the log Bayes factor of {reading_label(pair['a'])} over "
                      f"{reading_label(pair['b'])} ranges from {low:+.2f} to {high:+.2f} "
                      f"(odds from {odds(low)} to {odds(high)}; "
                      f"{_as_cited(pair, robust['replicates'], headline_worlds)}); its sign "
                      f"{holds}. The priors that move it most (each prior's largest shift, "
                      "and the same prior at the other end of its range; the noise is at most "
                      "the standard error shown):", "",
                  "| prior | reading | variant | log BF | shift | other end: log BF (shift) "
                  "| noise (SE) |",
                  "|---|---|---|---|---|---|---|"]
        cells = {cell["variant"]: cell for cell in pair["table"]}
        for item in pair["by_prior"][:SHOWN_PRIORS]:
            lines.append(_prior_row(item, cells[item["variant"]], pair["table"]))
    if robust["skipped"]:
        lines += ["", f"Left as cited: {robust['skipped_text']}."]
    return lines


def _as_cited(pair: dict, family_worlds: int, headline_worlds: int | None) -> str:
    """The family's own "as cited" figure, and where the headline's comes from if it differs."""
    text = f"priors as cited: {pair['log_bf_as_cited']:+.2f}"
    headline = pair.get("log_bf_headline")
    if headline is None or headline_worlds in (None, family_worlds):
        return text
    return (f"{text} in the family's own run of {family_worlds:,} worlds per reading; the "
            f"headline {headline:+.2f} above comes from the run of {headline_worlds:,} worlds "
            "per reading, and the two differ by simulation noise")


def _prior_row(item: dict, cell: dict, table: list[dict]) -> str:
    """One row of the table: the prior, whose, how moved (with whose range), and both ends."""
    who = ("both readings (shared)" if item["readings"] == "shared" else ", ".join(
        reading_label(name) for name in item["readings"]))
    change = item["variant"].split(":")[-1]
    other = other_end(item["variant"], table)
    far = "–" if other is None else f"{other['log_bf']:+.2f} ({other['shift']:+.2f})"
    return (f"| {parameter_words(item['parameter'])} | {who} | "
            f"{prior_change(change, item.get('sourced'))} | {cell['log_bf']:+.2f} | "
            f"{cell['shift']:+.2f} | {far} | {cell['shift_se']:.2f} |")


def confusion_markdown(calibration: dict, cell: Callable[[float, float], str]) -> list[str]:
    """The confusion matrix, each share with its 95% interval as ``cell`` writes a share and
    its standard error (binomial, over the records its row's reading made), and each row's
    share of undecided records.

    Why ``cell`` is passed in: the report writes every share of worlds one way
    ("0.26 ± 0.03", "exact" where every record agrees), and that rule lives with
    the report, not here.
    """
    confusion = calibration["confusion"]
    names = confusion["labels"]
    lines = ["", "| made by \\ named (share ± 95% interval) | "
             + " | ".join(map(reading_label, names))
             + " | not worth more than a bare mention |", "|---|" + "---|" * (len(names) + 1)]
    for name, row, errors in zip(names, confusion["matrix"], confusion["se"], strict=True):
        lines.append(f"| {reading_label(name)} | "
                     + " | ".join(cell(value, se) for value, se in zip(row, errors, strict=True))
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
