"""The top of the report: its title, a summary that fits one screen, and the contents.

Why written last: the summary quotes results of every section (the findings
from the tables, the verdict the weighing section computed and left on the
context), and the contents list the sections actually written.
"""

import re

from markdown.extensions.toc import slugify

from korea1950.analysis.weigh.likelihood import odds_text, strength_words
from korea1950.analysis.weigh.verdict import decision_sentence, pair_cell
from korea1950.inputs.labels import in_series
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.highlights import RULE, highlights
from korea1950.reporting.study.numbers import DIGITS, SMALLEST, counted
from korea1950.reporting.study.sections.weighing import TITLE as WEIGHING
from korea1950.reporting.study.sections.weighing import lean_words

TITLE = "korea1950: what-if scenarios of how the Korean War began"
SUMMARY = "Summary"
CONTENTS = "Contents"
FINDINGS_CAVEAT = ("Their intervals are sampling error only; a difference is computed before "
                   f"rounding, so it may differ by {SMALLEST:.{DIGITS}f} from the difference of "
                   "the rounded shares.")
"""Under the findings: what their intervals measure."""
TIMING_CAVEAT = ("A delay in months also rests on the calendar's lags, which were set from the "
                 "record's dates and are not varied for these findings (the weighing moves each "
                 "by a month, but only to test its verdict).")
"""Added when a finding is a timing: an interval "under a month wide" on a shift that is the
sum of fitted lags reads as more certain than it is."""


def anchor(title: str) -> str:
    """The id the HTML page gives a heading (the Markdown ``toc`` extension's own slug)."""
    return slugify(title, "-")


def summary(context: StudyContext) -> str:
    """What was run, the three findings that matter most, and the verdict with its caveat."""
    scenarios, readings = len(context.scenario_names), len(context.reading_names)
    who = in_series([context.reading_label(r) for r in context.reading_names])
    lines = [f"## {SUMMARY}", "",
             f"**What was run.** {counted(scenarios, 'scenario')} × "
             f"{counted(readings, 'reading')} of Stalin's intent ({who}) × "
             f"{counted(context.replicates, 'simulated world')} each, seed {context.seed}. "
             "Every figure is a share of worlds, conditional on the model and its assumptions.",
             "", f"**What matters most** (by a fixed rule: {RULE}):", ""]
    found = highlights(context)
    lines += [f"{i}. {finding.text}" for i, finding in enumerate(found, 1)] or [
        "No scenario changes a key outcome beyond chance under every reading."]
    if found:
        timed = any(finding.timing for finding in found)
        caveat = " ".join([FINDINGS_CAVEAT, *([TIMING_CAVEAT] if timed else [])])
        lines += ["", f"*{caveat}*"]
    lines += ["", verdict(context)]
    return "\n".join(lines)


def verdict(context: StudyContext) -> str:
    """The weighing's decision on each pair of readings, and its caveat, as its section
    computed them (with a reading of one's own there are three pairs, not one)."""
    weighing = context.weighing
    if not weighing or not weighing.get("verdict"):
        return "**The verdict on the readings.** The readings were not weighed in this run."
    decisions = [f"{headline(context, factor)} " + decision_sentence(
                     factor, pair_cell(weighing["robustness"]["pairs"], factor["a"], factor["b"]))
                 for factor in weighing["bayes_factors"]] or weighing["verdict"][:1]
    return (f"**The verdict on the readings.** {' '.join(decisions)} "
            f"*{weighing['caveat']}* More in [{WEIGHING}](#{anchor(WEIGHING)}).")


def headline(context: StudyContext, factor: dict) -> str:
    """One pair's Bayes factor with every prior as cited, in words a class reads before the
    ranges: which way the record leans, the odds, and Kass and Raftery's word for its size."""
    a, b = context.reading_label(factor["a"]), context.reading_label(factor["b"])
    return (f"With every prior as cited, the record {lean_words(factor, a, b)} (odds "
            f"{odds_text(factor['log_bf'])} for {a} against {b}: "
            f"{strength_words(factor['log_bf'])}).")


def contents(body: str) -> str:
    """A linked list of the report's sections (its second-level headings)."""
    titles = [SUMMARY, *re.findall(r"^## (.+)$", body, flags=re.MULTILINE)]
    return "\n".join([f"## {CONTENTS}", "",
                      *(f"- [{title}](#{anchor(title)})" for title in titles)])


def front_matter(context: StudyContext, body: str) -> str:
    """Title, summary and contents, to be placed before the sections' ``body``."""
    return "\n\n".join([f"# {TITLE}", summary(context), contents(body)])
