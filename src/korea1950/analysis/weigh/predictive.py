"""Posterior predictive check: is the actual record unusually improbable under a reading?

Why: a Bayes factor ranks readings against each other, but both may be poor;
the better of two bad fits is still a bad fit. For each reading the record's
probability is set against the distribution of the same probability for the
reading's own simulated records: the tail probability P(log p(X) <= log
p(record)), X a record simulated from the reading (a world of its baseline
run) and p estimated from an independent run, is small when the record is
among the least probable things the reading produces. Beside it, the
distribution of the number of facts a simulated record matches, against the
actual record's (all of them).

Why "not unusually improbable" and never "typical": every record is improbable
(most worlds miss some fact), so passing the check says only that the actual
record is no rarer than most of what the reading produces.
"""

import numpy as np

from korea1950.analysis.weigh.calibration import pattern_log_probabilities
from korea1950.inputs.labels import reading_label

ATYPICAL = 0.05
"""Tail probability below which the record counts as atypical under a reading."""


PAIR = 2
"""With exactly two readings the verdict says "neither fits"; with more, "none fits"."""


def facts_matched(codes: np.ndarray, facts: int) -> np.ndarray:
    """Number of facts each pattern code matches (its set bits)."""
    codes = np.asarray(codes, dtype=np.int64)
    return sum(((codes >> k) & 1 for k in range(facts)), np.zeros_like(codes))


def predictive_check(generator: np.ndarray, judge: np.ndarray,
                     record: int | None = None) -> dict:
    """Tail probability of the record and the facts-matched distribution under one reading.

    ``generator`` and ``judge`` are pattern counts from two independent runs of
    the reading; ``record`` is the record's pattern (default: every fact matched).
    """
    generator = np.asarray(generator, dtype=float)
    cells = generator.size
    record = cells - 1 if record is None else int(record)
    log_p = pattern_log_probabilities(judge)
    weights = generator / generator.sum()
    tail = float(weights[log_p <= log_p[record]].sum())
    facts = int(np.log2(cells))
    matched = facts_matched(np.arange(cells), facts)
    distribution = np.bincount(matched, weights=weights, minlength=facts + 1)
    actual = int(matched[record])
    fits = tail >= ATYPICAL
    return {
        "log_p_record": round(float(log_p[record]), 4),
        "tail_probability": round(tail, 4),
        "fits": bool(fits),
        "verdict": ("fits" if fits else "the record is atypical under this reading"),
        "facts": facts,
        "facts_matched": {
            "actual": actual,
            "distribution": distribution.round(5).tolist(),
            "mean": round(float((distribution * np.arange(facts + 1)).sum()), 3),
            "p_at_least_actual": round(float(distribution[actual:].sum()), 5),
        },
    }


def predictive(generators: dict[str, np.ndarray], judges: dict[str, np.ndarray]) -> dict:
    """The check for every reading, and a verdict in words over all of them."""
    checks = {name: predictive_check(generators[name], judges[name]) for name in generators}
    fitting = [name for name, check in checks.items() if check["fits"]]
    if not fitting:
        none = "neither" if len(checks) == PAIR else "none"
        overall = f"{none} fits: the record is atypical under every reading"
        for check in checks.values():
            check["verdict"] = f"{none} fits"
    elif len(fitting) == len(checks):
        overall = ("every reading fits: the record is not unusually improbable under any of "
                   "them")
    else:
        overall = (f"only {', '.join(map(reading_label, fitting))} fits; the record is "
                   "atypical under the others")
    return {"alpha": ATYPICAL, "readings": checks, "verdict": overall}
