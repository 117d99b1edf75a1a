"""What the record can and cannot decide, in plain sentences (no markup).

Why a module of its own: the command line, the study report and the notebook
must lead with the same words, built from the same numbers, before any table.
A verdict is stated as decided only if it holds over the whole prior family;
otherwise the sentence names the prior it turns on, and says how often the
weighing names the reading that made a simulated record.
"""

import math

from korea1950.analysis.weigh.assumptions import assumption_sentence, calendar_sentence
from korea1950.analysis.weigh.likelihood import BARE_MENTION
from korea1950.inputs.labels import reading_label
from korea1950.running.summary import Z95, binomial_error

PLAIN_ACCURACY = 0.75
"""Calibration accuracy below which the verdict says "only": when the weighing misnames a
quarter of simulated records or more, a reader should not take its verdict at face value."""


def pair_cell(rows: list[dict], a: str, b: str) -> dict:
    """The row of a per-pair table for readings a and b."""
    return next(row for row in rows if (row["a"], row["b"]) == (a, b))


def decision_sentence(factor: dict, robust: dict) -> str:
    """Whether the record decides between two readings, over the whole prior family.

    A lean counts only if its sign holds for every member of the family and
    the member nearest to zero is more than two standard errors from it, and
    the headline interval excludes zero.
    """
    a, b = reading_label(factor["a"]), reading_label(factor["b"])
    low, high = robust["log_bf_min"], robust["log_bf_max"]
    span = f"the log Bayes factor of {a} over {b} ranges from {low:+.2f} to {high:+.2f}"
    ci_low, ci_high = factor["ci"]
    interval_clear = ci_low > 0 or ci_high < 0
    winner, loser = (a, b) if factor["log_bf"] > 0 else (b, a)
    if robust["sign_clear"] and interval_clear:
        if min(abs(low), abs(high)) >= BARE_MENTION:
            return (f"The record favours {winner} over {loser} under every prior in the family: "
                    f"{span}.")
        size = ("never more than a bare mention" if max(abs(low), abs(high)) < BARE_MENTION
                else "not always more than a bare mention")
        return (f"The record leans towards {winner} over {loser} under every prior in the "
                f"family, but weakly: {span}, {size}.")
    reasons = [f"{span} over the prior family"]
    if robust["sign_holds"]:
        nearest = robust["nearest_zero"]
        top = robust.get("most_influential") or {}
        which = ("" if nearest["variant"] in (top.get("variant"), "as-cited")
                 else f" (with {nearest['label']})")
        reasons.append(f"at its nearest to zero{which} it is {nearest['log_bf']:+.2f}, within "
                       f"two standard errors ({nearest['se']:.2f}) of 0")
    turning = robust.get("turns_sign")
    if turning is not None:
        reasons.append(f"it reaches {turning['log_bf']:+.2f} with {turning['label']}")
    if not interval_clear:
        reasons.append(f"its 95% interval ({ci_low:+.2f} to {ci_high:+.2f}) covers 0")
    return f"The record does not decide between {a} and {b}: " + "; ".join(reasons) + "."


def influence_sentence(robust: dict) -> str | None:
    """The single prior the verdict depends on most, if any prior was moved.

    Why both ends and the source: a prior that moves the verdict one way at one
    end of its range and the other way at the other end sets its sign; and if
    that prior cites no evidence, the sign rests on the modellers' assumption,
    which a reader must be told rather than left to read "cited" into it.
    """
    top = robust.get("most_influential")
    if top is None:
        return None
    turn = " and turns its sign" if top["flips_sign"] else ""
    noise = ("" if top["beyond_noise"] else
             f" (within twice the simulation noise, {top['shift_se']:.2f}: no single prior "
             "clearly moves it)")
    return (f"The verdict depends most on {top['label']}: that alone moves the log Bayes factor "
            f"by {top['shift']:+.2f} (to {top['log_bf']:+.2f}){turn}{noise}"
            f"{other_end_clause(top)}.{unsourced_clause(top)}")


def other_end_clause(top: dict) -> str:
    """"; at the other end of that range, by +1.62 (to +1.42)", and whether the two ends
    give the verdict opposite signs; empty where the other end was not run.

    "Sets the verdict's sign" only where both ends are clear of the simulation's
    noise (each more than two standard errors from zero): two ends on either side
    of zero within the noise say only that the verdict is near zero.
    """
    other = top.get("other_end")
    if not other:
        return ""
    opposite = (top["log_bf"] > 0) != (other["log_bf"] > 0)
    clear = all(abs(end["log_bf"]) > 2 * end["se"] for end in (top, other))
    sets_sign = ", so that one prior sets the verdict's sign" if opposite and clear else ""
    return (f"; at the other end of that range, by {other['shift']:+.2f} (to "
            f"{other['log_bf']:+.2f}){sets_sign}")


def unsourced_clause(top: dict) -> str:
    """" That prior cites no source: ..." where the prior the verdict depends on most rests
    on an assumption alone (``sourced`` false); empty otherwise."""
    if top.get("sourced") is not False:
        return ""
    return (" That prior cites no source: its range is the modellers' assumption, not "
            "either historian's.")


def calibration_sentence(cell: dict, records: dict[str, int] | None = None) -> str:
    """How often the weighing names the reading that made a simulated record, with its 95%
    interval where ``records`` (how many records each reading made) is given."""
    accuracy = cell["accuracy"]
    only = "only " if accuracy < PLAIN_ACCURACY else ""
    interval = accuracy_interval(cell, records)
    return (f"On records simulated from {reading_label(cell['a'])} or "
            f"{reading_label(cell['b'])}, the weighing names the "
            f"reading that made the record in {only}{accuracy:.0%} of cases ("
            f"{_percent_interval(interval)}chance: 50%), and on {cell['undecided']:.0%} of "
            "them its verdict is not worth more than a bare mention.")


def accuracy_interval(cell: dict, records: dict[str, int] | None) -> tuple[float, float] | None:
    """The 95% interval of a pair's accuracy, or None without the counts behind it.

    The accuracy is the mean of two shares - the records of a named a, those of b
    named b - each a binomial share of the records its reading made (a tie counts
    half, which only narrows the spread). So its standard error is half the root
    of the two squared binomial errors, the two readings' records treated as
    independent (as the Bayes factor's bootstrap treats their runs). It is the
    noise of the simulated records, not of the independent run that judges them.
    """
    named = cell.get("named_correctly")
    if not named or not records:
        return None
    se = math.hypot(*(binomial_error(named[name], records[name])
                      for name in (cell["a"], cell["b"]))) / 2
    return (max(0.0, cell["accuracy"] - Z95 * se), min(1.0, cell["accuracy"] + Z95 * se))


def _percent_interval(interval: tuple[float, float] | None) -> str:
    """"95% interval 64% to 67%; " to open a parenthesis; empty without an interval, and said
    in words where it is narrower than the whole percentage points shown."""
    if interval is None:
        return ""
    low, high = interval
    if round(100 * low) == round(100 * high):
        return "95% interval narrower than a percentage point; "
    return f"95% interval {low:.0%} to {high:.0%}; "


def predictive_sentence(check: dict) -> str:
    """Whether the actual record is unusually improbable under each reading, and how rarely
    any reading reproduces all of it."""
    tails = "; ".join(f"{reading_label(name)}: {cell['verdict']}, tail probability "
                      f"{cell['tail_probability']:.2f}"
                      for name, cell in check["readings"].items())
    verdict = check["verdict"]
    return (f"Does the record fit the readings at all? {verdict[:1].upper()}{verdict[1:]} "
            f"({tails}){rarity_clause(check)}.")


def rarity_clause(check: dict) -> str:
    """"; still, under no reading does more than 1 world in 13 reproduce all 8 facts".

    Why: "not unusually improbable" compares the record with the reading's
    other records, all of them improbable; a reader must also see how rarely any
    world matches every fact.
    """
    best = max((cell["facts_matched"]["p_at_least_actual"] for cell in check["readings"].values()),
               default=0.0)
    if best <= 0:
        return ""
    facts = next(iter(check["readings"].values()))["facts"]
    most = (f"1 world in {int(1 / best):,}" if best < RARE else f"{best:.0%} of worlds")
    verb = "does" if best < RARE else "do"
    return f"; still, under no reading {verb} more than {most} reproduce all {facts} facts"


RARE = 0.1
"""Below this share, how rarely worlds match every fact is said as "1 world in N"."""


def lead_sentences(result: dict) -> list[str]:
    """The sentences every account of the weighing opens with."""
    sentences = []
    for factor in result["bayes_factors"]:
        a, b = factor["a"], factor["b"]
        robust = pair_cell(result["robustness"]["pairs"], a, b)
        sentences.append(decision_sentence(factor, robust))
        sentences.append(influence_sentence(robust))
        sentences.append(calibration_sentence(pair_cell(result["calibration"]["pairs"], a, b),
                                              result["calibration"].get("records")))
        sentences.append(assumption_sentence(result.get("assumptions") or {}, a, b))
        sentences.append(calendar_sentence(result.get("calendar_terms") or {}, a, b))
    sentences.append(predictive_sentence(result["predictive"]))
    return [sentence for sentence in sentences if sentence]
