"""The probability of the record under a reading, Bayes factors and each fact's share.

P(record | reading) is the share of simulated worlds - with Stalin's motives
drawn from the reading's priors, so parameter uncertainty is integrated out -
whose history matches every fact. The chain rule splits it fact by fact:
P(f1) P(f2 | f1) ... ; the ratio of two readings' conditional probabilities
is each fact's contribution to the Bayes factor, and the contributions add up
to the log Bayes factor exactly. Uncertainty comes from a parametric bootstrap
of the fact-match pattern counts (multinomial), drawn from a generator seeded
by the run's seed, so the intervals are reproducible.
"""

import numpy as np

from korea1950.inputs.labels import reading_label
from korea1950.inputs.record import Fact, weighing_facts
from korea1950.running.summary import Summary

BOOTSTRAP = 2000
"""Bootstrap draws per reading."""
FEW_MATCHES = 30
"""Below this many worlds an estimate is flagged as resting on too few."""
EMPTY_CELL = 0.5
"""Worlds counted for a fact no world matched, so the log stays finite (then a bound)."""


def weighed_facts() -> tuple[Fact, ...]:
    """The facts that weigh the readings (``use = "test"``), in the order the record gives them.

    The one place the weighing reads the record; it must list the same facts,
    in the same order, as the pattern tally (``record.record_tallies``).
    """
    return weighing_facts()


def chain_counts(patterns: np.ndarray, facts: int) -> np.ndarray:
    """Worlds matching the first k facts, for k = 0..facts; shape (..., facts + 1).

    ``patterns`` holds counts per fact-match pattern (last axis 2^facts), possibly
    with leading bootstrap axes.
    """
    codes = np.arange(patterns.shape[-1])
    counts = [patterns.sum(axis=-1)]
    for k in range(1, facts + 1):
        prefix = (1 << k) - 1
        counts.append(patterns[..., (codes & prefix) == prefix].sum(axis=-1))
    return np.stack(counts, axis=-1)


def bootstrap_patterns(summary: Summary, rng: np.random.Generator,
                       draws: int = BOOTSTRAP) -> np.ndarray:
    """Resampled pattern counts: shape (draws, 2^facts)."""
    counts = summary.tallies["record:pattern"]
    return rng.multinomial(summary.replicates, counts / counts.sum(), size=draws)


def log_chain(chain: np.ndarray) -> np.ndarray:
    """log P(f_k | f_<k) for each fact from chain counts.

    The first fact no world matches counts ``EMPTY_CELL`` worlds; facts after it
    condition on nothing and add 0. The terms therefore still sum to
    log(matching / replicates) with half a world in place of none.
    """
    numerator, denominator = chain[..., 1:].astype(float), chain[..., :-1].astype(float)
    first_empty = (numerator == 0) & (denominator > 0)
    numerator = np.where(first_empty, EMPTY_CELL, numerator)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, np.log(numerator / denominator), 0.0)


def reading_likelihood(summary: Summary, facts: tuple[Fact, ...],
                       rng: np.random.Generator) -> dict:
    """Log-probability of the record, matching worlds, per-fact chain and bootstrap draws.

    Keys starting with "_" hold arrays for ``bayes_factor`` and are not reported.
    """
    patterns = summary.tallies["record:pattern"]
    chain = chain_counts(patterns, len(facts))
    matching = int(chain[-1])
    log_terms = log_chain(chain)
    boot = log_chain(chain_counts(bootstrap_patterns(summary, rng), len(facts)))
    warnings = []
    if 0 < matching < FEW_MATCHES:
        warnings.append(f"only {matching} of {summary.replicates:,} worlds match the whole "
                        "record: the estimate is rough; run more replicates")
    upper = None
    if matching == 0:
        upper = round(float(np.log(3 / summary.replicates)), 4)
        warnings.append(f"no world of {summary.replicates:,} matches the whole record: "
                        f"log P(record) < {upper} (95% upper bound, 3 / replicates); the "
                        "figure shown counts half a world; run more replicates")
    thin = [fact.description for k, fact in enumerate(facts) if 0 < chain[k] < FEW_MATCHES]
    if thin:
        warnings.append(f"fewer than {FEW_MATCHES} worlds to condition on for: "
                        + "; ".join(thin))
    return {
        "log_p_record": round(float(log_terms.sum()), 4),
        "log_p_record_ci": interval(boot.sum(axis=1)),
        "log_p_record_upper_bound": upper,
        "matching_worlds": matching,
        "replicates": summary.replicates,
        "chain": {fact.id: {"matching_so_far": int(chain[k + 1]),
                            "conditional_probability": round(float(np.exp(log_terms[k])), 5)}
                  for k, fact in enumerate(facts)},
        "warnings": warnings,
        "_log_terms": log_terms,
        "_bootstrap": boot,
    }


def interval(values: np.ndarray) -> list[float]:
    """Central 95% interval of bootstrap values."""
    low, high = np.percentile(values, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


STRENGTH = ((2.0, "not worth more than a bare mention"), (6.0, "positive"), (10.0, "strong"),
            (float("inf"), "very strong"))
"""Kass and Raftery's (1995) scale on 2 |log BF|: words for how far evidence moves the odds."""

BARE_MENTION = STRENGTH[0][0] / 2
"""|log BF| below this is "not worth more than a bare mention" (the scale's lowest band, on the
log Bayes factor itself): the shaded band of the figures and the judging's undecided share."""


def strength_words(log_bf: float) -> str:
    """Kass and Raftery's words for the size of a (natural) log Bayes factor."""
    return next(label for bound, label in STRENGTH if 2 * abs(log_bf) < bound)


def negligible(log_bf: float) -> bool:
    """True if the log Bayes factor is "not worth more than a bare mention" (the lowest band):
    then a reading is leaned towards, negligibly, never favoured or disfavoured."""
    return strength_words(log_bf) == STRENGTH[0][1]


def odds(log_bf: float) -> str:
    """The odds a natural log Bayes factor amounts to, first reading to second: "1 : 1.35".

    Why: a class cannot turn -0.30 into odds; 1 : 1.35 (or 7.2 : 1) it can read.
    Three significant figures, so small factors are not rounded to "1 : 1".
    """
    ratio = times(log_bf)
    return f"{ratio} : 1" if log_bf >= 0 else f"1 : {ratio}"


def times(log_bf: float) -> str:
    """How many times as likely the record is under the reading it leans to: "1.35"."""
    return f"{float(np.exp(abs(log_bf))):.3g}"


def odds_text(log_bf: float) -> str:
    """The odds in a sentence: "about 1 : 1.35"."""
    return f"about {odds(log_bf)}"


def strength(log_bf: float, ci: list[float], a: str, b: str) -> str:
    """Kass and Raftery's words for the log Bayes factor of a over b, and which reading it favours.

    Why the interval: the words measure how far the evidence moves the odds; which
    way it moves them is settled only if the simulation's 95% interval (``ci``)
    excludes zero. Otherwise the sentence says so instead of naming a reading.
    """
    words = strength_words(log_bf)
    if ci[0] <= 0 <= ci[1]:
        return f"{words}, for neither reading (its 95% interval spans zero)"
    return f"{words}, for {reading_label(a if ci[0] > 0 else b)}"


def bayes_factor(a: dict, b: dict, facts: tuple[Fact, ...]) -> tuple[dict, dict]:
    """Log Bayes factor of reading a over b, with CI; and each fact's log ratio with CI."""
    log_bf = a["_log_terms"].sum() - b["_log_terms"].sum()
    boot = a["_bootstrap"].sum(axis=1) - b["_bootstrap"].sum(axis=1)
    contributions = {}
    for k, fact in enumerate(facts):
        ratio = a["_log_terms"][k] - b["_log_terms"][k]
        contributions[fact.id] = {
            "log_ratio": round(float(ratio), 4),
            "ci": interval(a["_bootstrap"][:, k] - b["_bootstrap"][:, k]),
            "p_a": round(float(np.exp(a["_log_terms"][k])), 4),
            "p_b": round(float(np.exp(b["_log_terms"][k])), 4),
        }
    low, high = interval(boot)
    return {"log_bf": round(float(log_bf), 4), "ci": [low, high],
            "bayes_factor": round(float(np.exp(log_bf)), 4),
            "bounded": bool(a["matching_worlds"] == 0 or b["matching_worlds"] == 0)
            }, contributions
