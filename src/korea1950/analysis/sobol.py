"""Sobol indices of a yes-or-no outcome whose every sample point is a share of a few worlds.

Why our own estimators (SALib samples the points; we estimate): each point's
value is a share of a few dozen worlds, and chance within the worlds adds
variance that SALib's estimators would credit to the parameters (every total
index then looks large and first-order ones swing negative). One world's
outcome is yes or no, so its variance is p(1 - p), known as precisely as the
share p itself; these estimators (SALib's, Saltelli 2010 and Jansen, with the
binomial chance variance taken out of the total-order numerator) share it out
between the parameters and chance, each with a bootstrap interval.
"""

import warnings

import numpy as np

from korea1950.running.summary import Z95

RESAMPLES = 200
"""Bootstrap resamples behind each index's interval."""


def chance_variance(shares: np.ndarray, per_point: int) -> np.ndarray:
    """Unbiased variance of each point's share that is chance within its worlds alone.

    A share of ``per_point`` worlds has binomial variance p(1 - p) / per_point;
    p̂(1 - p̂) / (per_point - 1) estimates it without bias. With one world per
    point chance cannot be told apart from the parameters, and zero is returned.
    """
    if per_point < 2:  # noqa: PLR2004 - a variance needs two worlds
        return np.zeros_like(shares)
    return shares * (1 - shares) / (per_point - 1)


def _split(values: np.ndarray, dimensions: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """SALib's Saltelli rows (A, AB_1 .. AB_D, B per base sample) as A, AB (N x D), B."""
    step = dimensions + 2
    grid = values.reshape(-1, step)
    return grid[:, 0], grid[:, 1:-1], grid[:, -1]


def _estimate(a: np.ndarray, ab: np.ndarray, b: np.ndarray, na: np.ndarray, nab: np.ndarray,
              nb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """First-order and total indices, and chance's share, relative to one world's variance.

    Arrays carry base samples on axis -2 (A, B, chance: ... x N x 1; AB: ... x N x D).
    The outcome of one world is yes or no, so its variance is p(1 - p), known as
    precisely as the mean share p; the parameters explain part of it, chance within
    the world the rest. Returns S1, ST (... x D), chance's share and p (... x 1).
    """
    pooled = np.concatenate([a, b], axis=-2)
    mean = pooled.mean(axis=-2, keepdims=True)
    world = mean * (1 - mean)
    safe = np.where(world > 0, world, np.nan)
    # Centring (as SALib does) leaves the first-order index's value in expectation but
    # shrinks its estimator's variance, which otherwise grows with the mean share squared.
    first = ((b - mean) * (ab - a)).mean(axis=-2, keepdims=True) / safe
    total = (0.5 * ((a - ab) ** 2).mean(axis=-2, keepdims=True)
             - 0.5 * (na + nab).mean(axis=-2, keepdims=True)) / safe
    between = (pooled.var(axis=-2, keepdims=True)
               - np.concatenate([na, nb], axis=-2).mean(axis=-2, keepdims=True))
    return (first.squeeze(-2), total.squeeze(-2), (1 - between / safe).squeeze(-2),
            mean.squeeze(-2))


def sobol_indices(values: np.ndarray, chance: np.ndarray, dimensions: int, seed: int,
                  resamples: int = RESAMPLES) -> dict:
    """Sobol indices of one yes-or-no outcome, with 95% bootstrap half-widths.

    ``values`` (each point's share of worlds) and ``chance`` (each share's chance
    variance) are per sample point, in SALib's Saltelli order.
    """
    a, ab, b = _split(values, dimensions)
    na, nab, nb = _split(chance, dimensions)
    columns = (a[:, None], ab, b[:, None], na[:, None], nab, nb[:, None])
    first, total, noise, mean = _estimate(*columns)
    draws = np.random.default_rng(seed).integers(len(a), size=(resamples, len(a)))
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        # A flat outcome has no variance in some resamples: those give NaN, not a warning.
        warnings.simplefilter("ignore", RuntimeWarning)
        boot_first, boot_total, boot_noise, _ = _estimate(*(column[draws]
                                                            for column in columns))
        return {"S1": first, "S1_conf": Z95 * np.nanstd(boot_first, axis=0),
                "ST": total, "ST_conf": Z95 * np.nanstd(boot_total, axis=0),
                "chance": float(noise[0]), "chance_conf": float(Z95 * np.nanstd(boot_noise)),
                "mean": float(mean[0])}
