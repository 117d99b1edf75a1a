"""The probability of the record under a reading, Bayes factors and each fact's share.

P(record | reading) is the share of simulated worlds - with Stalin's motives
drawn from the reading's priors, so parameter uncertainty is integrated out -
whose history matches every fact. The chain rule splits it fact by fact:
P(f1) P(f2 | f1) ... ; the ratio of two readings' conditional probabilities
is each fact's contribution to the Bayes factor. Uncertainty comes from a
parametric bootstrap of the fact-match pattern counts (multinomial), seeded
from the run's seed, so the intervals are reproducible.
"""

import numpy as np

from korea1950.record import Fact
from korea1950.summary import Summary

BOOTSTRAP = 2000
FEW_MATCHES = 30
"""Below this many matching worlds an estimate is flagged as resting on too few."""


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
    """log P(f_k | f_<k) for each fact from chain counts (half a world added to empty cells)."""
    numerator, denominator = chain[..., 1:].astype(float), chain[..., :-1].astype(float)
    numerator = np.where(numerator == 0, 0.5, numerator)
    return np.log(numerator / np.maximum(denominator, 1.0))


def reading_likelihood(summary: Summary, facts: tuple[Fact, ...],
                       rng: np.random.Generator) -> dict:
    """Log-probability of the record, matching worlds, per-fact chain and bootstrap draws."""
    patterns = summary.tallies["record:pattern"]
    chain = chain_counts(patterns, len(facts))
    matching = int(chain[-1])
    log_terms = log_chain(chain)
    boot = log_chain(chain_counts(bootstrap_patterns(summary, rng), len(facts)))
    warnings = []
    if matching < FEW_MATCHES:
        warnings.append(f"only {matching} of {summary.replicates:,} worlds match the whole "
                        "record: the estimate is rough; run more replicates")
    if matching == 0:
        warnings.append("no world matches the whole record: log P is an upper bound "
                        "(half a world counted)")
    return {
        "log_p_record": float(log_terms.sum()),
        "matching_worlds": matching,
        "replicates": summary.replicates,
        "chain": {fact.id: {"matching_so_far": int(chain[k + 1]),
                            "conditional_probability": float(np.exp(log_terms[k]))}
                  for k, fact in enumerate(facts)},
        "warnings": warnings,
        "_log_terms": log_terms,
        "_bootstrap": boot,
    }


def interval(values: np.ndarray) -> list[float]:
    """Central 95% interval of bootstrap values."""
    low, high = np.percentile(values, [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]


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
    return {"log_bf": round(float(log_bf), 4), "ci": interval(boot)}, contributions


def posterior_summary(summary: Summary, names: list[str]) -> dict:
    """Prior and posterior (given the whole record) mean of each motive parameter."""
    from korea1950.record import parameter_bins

    result = {}
    for name in names:
        edges = parameter_bins(name)
        centres = (edges[:-1] + edges[1:]) / 2
        prior = summary.tallies[f"posterior:all:{name}"]
        posterior = summary.tallies[f"posterior:match:{name}"]
        result[name] = {
            "prior_mean": round(float((prior * centres).sum() / max(prior.sum(), 1)), 4),
            "posterior_mean": (round(float((posterior * centres).sum() / posterior.sum()), 4)
                               if posterior.sum() else None),
            "bins": [round(float(e), 4) for e in edges],
            "prior_counts": prior.tolist(),
            "posterior_counts": posterior.tolist(),
        }
    return result
