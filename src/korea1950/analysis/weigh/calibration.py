"""The record's power to tell the readings apart: a confusion matrix on simulated records.

Why: a Bayes factor near zero may mean the readings are alike or that the
record cannot see where they differ; a large one may be luck. So the weighing
is run on records whose maker is known. Every world of a reading's baseline
run is a simulated record - its fact-match pattern, facts held and facts
missed - drawn from that reading's own model, parameter uncertainty included.
Each is weighed as the real record is: by the probability of its pattern under
every reading, estimated from a *second*, independent run of each reading
(another seed stream), so the worlds that make a record never also judge it.
The reading with the highest probability is named (ties split evenly); the
records whose best and second-best readings differ by less than one unit of
log Bayes factor are those on which the verdict would be "not worth more than a
bare mention".

There is no resampling: every record of the generating run counts once, so the
matrix is exact given the two runs and deterministic for a seed.
"""

from itertools import combinations

import numpy as np

from korea1950.analysis.weigh.likelihood import BARE_MENTION, EMPTY_CELL

JUDGE_STREAM = 2**31 + 1
"""Spawn key of the seed stream the judging runs use (the bootstrap uses 2**31)."""


RIVALS = 2
"""Readings a margin needs: the best and the second best (with one reading it is infinite)."""


def judge_seed(seed: int) -> int:
    """The seed of the independent judging runs, derived from the run's seed."""
    state = np.random.SeedSequence(seed, spawn_key=(JUDGE_STREAM,)).generate_state(1)
    return int(state[0])


def pattern_log_probabilities(patterns: np.ndarray) -> np.ndarray:
    """log P(pattern) for every fact-match pattern; an empty cell counts half a world."""
    counts = np.asarray(patterns, dtype=float)
    return np.log(np.maximum(counts, EMPTY_CELL) / counts.sum())


def named_shares(log_p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pattern, the share of the verdict each reading gets, and the verdict's margin.

    ``log_p`` has shape (readings, patterns). The reading with the highest
    probability is named; readings that tie share it equally. The margin is the
    log Bayes factor of the best over the second best (infinite with one reading).
    """
    best = log_p.max(axis=0)
    winners = (log_p == best).astype(float)
    shares = winners / winners.sum(axis=0)
    if log_p.shape[0] < RIVALS:
        return shares, np.full(log_p.shape[1], np.inf)
    ordered = np.sort(log_p, axis=0)
    return shares, ordered[-1] - ordered[-2]


def calibration(generators: dict[str, np.ndarray], judges: dict[str, np.ndarray]) -> dict:
    """Confusion matrix (rows: the reading that made the records; sum to 1) and decisiveness.

    ``generators`` and ``judges`` map each reading to its pattern counts from
    two independent runs.
    """
    names = list(generators)
    matrix, se, undecided, margins = _confusion(names, generators, judges)
    pairs = []
    for a, b in combinations(names, 2):
        sub, _, sub_undecided, _ = _confusion([a, b], generators, judges)
        pairs.append({"a": a, "b": b, "accuracy": round(float(np.trace(sub) / 2), 4),
                      "named_correctly": {a: round(float(sub[0, 0]), 4),
                                          b: round(float(sub[1, 1]), 4)},
                      "undecided": round(float(sub_undecided.mean()), 4)})
    worlds = {name: int(np.sum(generators[name])) for name in names}
    return {
        "records": worlds,
        "judging_worlds": {name: int(np.sum(judges[name])) for name in names},
        "confusion": {"rows": "the reading that made the simulated records",
                      "columns": "the reading the weighing names", "labels": names,
                      "matrix": matrix.round(4).tolist(), "se": se.round(4).tolist()},
        "accuracy": round(float(np.trace(matrix) / len(names)), 4) if names else None,
        "chance": round(1 / len(names), 4) if names else None,
        "undecided": {name: round(float(share), 4) for name, share in zip(names, undecided,
                                                                           strict=True)},
        "undecided_all": round(float(undecided.mean()), 4) if names else None,
        "median_margin": {name: margin for name, margin in zip(names, margins, strict=True)},
        "pairs": pairs,
        "bare_mention": BARE_MENTION,
    }


def _confusion(names: list[str], generators: dict, judges: dict
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[float | None]]:
    """Confusion matrix among ``names``, its binomial standard errors, undecided shares, and
    each reading's median margin (log BF of the named reading over the runner-up).

    Why the median margin beside the undecided share: the share jumps when a
    common pattern's margin sits near the threshold of 1; the median does not.
    """
    log_p = np.stack([pattern_log_probabilities(judges[name]) for name in names])
    shares, margin = named_shares(log_p)
    weights = np.stack([np.asarray(generators[name], dtype=float) for name in names])
    records = weights.sum(axis=1, keepdims=True)
    weights = weights / records
    matrix = weights @ shares.T
    se = np.sqrt(np.clip(matrix * (1 - matrix), 0.0, None) / records)
    undecided = weights[:, margin < BARE_MENTION].sum(axis=1)
    order = np.argsort(margin, kind="stable")
    medians = []
    for row in weights:
        middle = order[np.searchsorted(np.cumsum(row[order]), 0.5)]
        medians.append(round(float(margin[middle]), 4) if np.isfinite(margin[middle]) else None)
    return matrix, se, undecided, medians
