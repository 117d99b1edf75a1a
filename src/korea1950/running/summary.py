"""Ensemble summaries as integer tallies: exact to merge, small to keep.

Why tallies: a run of ten million worlds never holds them all. Each block of
worlds is reduced to named integer arrays (event counts, month histograms, the
front's histogram per month, joint-outcome counts); merging blocks adds the
arrays. Integer sums do not depend on order, so the merged summary - and every
figure derived from it - is identical whatever the number of workers or the
way blocks are grouped.

Downstream code (tables, plots, the weighing of readings) reads a ``Summary``,
never a model.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from korea1950.inputs.calendar import HORIZON_MONTHS, month_label
from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.events import EVENTS
from korea1950.simulation.world import FRONT_BINS, WAR

OUTCOMES = (
    "stalin_advises_waiting", "stalin_approves", "mao_consents", "soviet_boycott",
    "ongjin_operation", "invasion", "soviet_veto", "un_authorization", "us_intervention",
    "soviet_return", "gottwald_letter", "stalin_presses_china", "incheon_landing",
    "un_crosses_38th", "china_intervention",
    "soviet_air_cover", "soviet_ground_troops", "us_europe_buildup", "armistice_talks",
    "armistice", "north_unifies", "south_unifies", "limited_war_ends", "rhee_attacks",
    "war_start", "still_at_war",
)
"""Outcomes reported as the share of worlds in which each happened by the end."""

TIMINGS = {
    "stalin_approval_month": "stalin_approves",
    "mao_consent_month": "mao_consents",
    "invasion_month": "invasion",
    "us_intervention_month": "us_intervention",
    "incheon_month": "incheon_landing",
    "china_intervention_month": "china_intervention",
    "armistice_month": "armistice",
    "war_end_month": "war_end",
}
"""Timings reported as months ("YYYY-MM"), over the worlds where the event happened."""

JOINT_OUTCOMES = ("invasion", "soviet_veto", "us_intervention", "china_intervention",
                  "armistice", "north_unifies", "south_unifies")
"""Key outcomes whose joint distribution is tallied (2^7 cells), for comparing readings."""


@dataclass
class Summary:
    """Named integer tallies over ``replicates`` worlds."""

    replicates: int = 0
    tallies: dict[str, np.ndarray] = field(default_factory=dict)

    def merge(self, other: "Summary") -> "Summary":
        """Return the summary of both ensembles together."""
        keys = set(self.tallies) | set(other.tallies)
        merged = {}
        for key in sorted(keys):
            if key in self.tallies and key in other.tallies:
                merged[key] = self.tallies[key] + other.tallies[key]
            else:
                merged[key] = (self.tallies.get(key, other.tallies.get(key))).copy()
        return Summary(self.replicates + other.replicates, merged)

    def count(self, outcome: str) -> int:
        """Number of worlds in which ``outcome`` happened (a one-line error if no such outcome)."""
        tally = self.tallies.get(f"count:{outcome}")
        if tally is None:
            known = [key.split(":", 1)[1] for key in self.tallies if key.startswith("count:")]
            raise InputError(f"unknown outcome {shown(outcome)}: expected a model event "
                             f"(e.g. 'invasion'){did_you_mean(outcome, known)}")
        return int(tally[0])

    def probability(self, outcome: str) -> float:
        """Share of worlds in which ``outcome`` happened."""
        return self.count(outcome) / self.replicates if self.replicates else float("nan")

    def standard_error(self, outcome: str) -> float:
        """Binomial standard error of ``probability(outcome)``."""
        return binomial_error(self.probability(outcome), self.replicates)

    def month_quantile(self, event: str, q: float) -> int | None:
        """Month index at quantile ``q`` of ``event``'s timing (None if it never happened)."""
        return histogram_quantile(self.tallies[f"month:{event}"], q)

    def timing(self, name: str) -> dict[str, str] | None:
        """Median, 10th and 90th percentile month of an event, as "YYYY-MM" (None if never).

        ``name`` is a reported timing ("invasion_month") or any model event
        ("invasion"); the months are over the worlds in which it happened.
        """
        event = TIMINGS.get(name, name)
        if event not in EVENTS:
            raise InputError(f"unknown timing {shown(name)}: expected a model event (e.g. "
                             f"'invasion') or a reported timing (e.g. 'invasion_month')"
                             f"{did_you_mean(name, [*TIMINGS, *EVENTS])}")
        points = {label: self.month_quantile(event, q)
                  for label, q in (("median", 0.5), ("p10", 0.1), ("p90", 0.9))}
        if points["median"] is None:
            return None
        return {label: month_label(value) for label, value in points.items()}

    def war_months(self) -> dict[str, float] | None:
        """Median, 10th and 90th percentile war length in months (censored at the horizon)."""
        hist = self.tallies["war_months"]
        if hist.sum() == 0:
            return None
        return {label: float(histogram_quantile(hist, q))
                for label, q in (("median", 0.5), ("p10", 0.1), ("p90", 0.9))}

    def front_quantiles(self, quantiles: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
                        ) -> np.ndarray:
        """Front position at each quantile for each month: shape (len(quantiles), months)."""
        hist = self.tallies["front"]
        centres = (np.arange(FRONT_BINS) + 0.5) / FRONT_BINS
        out = np.empty((len(quantiles), hist.shape[0]))
        for month, row in enumerate(hist):
            for i, q in enumerate(quantiles):
                index = histogram_quantile(row, q)
                out[i, month] = centres[index] if index is not None else np.nan
        return out

    def joint_distribution(self) -> np.ndarray:
        """Shares of worlds in each cell of the joint of ``JOINT_OUTCOMES`` (bit i = outcome i)."""
        counts = self.tallies["joint"]
        return counts / max(counts.sum(), 1)


Z95 = 1.959963984540054
"""Standard errors either side of an estimate in its 95% interval (the normal quantile).

Written once: the report, ``run``, ``compare``, the page, the notebooks and the sensitivity
indices all give 95% intervals, and a class comparing them must find the same numbers."""


def binomial_error(share: float, worlds: int) -> float:
    """The standard error of a share of ``worlds`` (binomial; 0 for a share of 0 or 1)."""
    return float(np.sqrt(max(share * (1 - share), 0.0) / max(worlds, 1)))


def histogram_quantile(hist: np.ndarray, q: float) -> int | None:
    """Smallest index whose cumulative count reaches ``q`` of the total (None if empty)."""
    total = int(hist.sum())
    if total == 0:
        return None
    cumulative = np.cumsum(hist)
    return int(np.searchsorted(cumulative, q * total, side="left"))


def _event_tallies(model) -> dict[str, np.ndarray]:
    world = model.world
    tallies = {}
    for event in EVENTS:
        months = world.events[event]
        happened = months >= 0
        tallies[f"count:{event}"] = np.array([int(happened.sum())], dtype=np.int64)
        tallies[f"month:{event}"] = np.bincount(months[happened], minlength=HORIZON_MONTHS
                                                ).astype(np.int64)
    still = world.phase == WAR
    tallies["count:still_at_war"] = np.array([int(still.sum())], dtype=np.int64)
    return tallies


def _war_tallies(model) -> dict[str, np.ndarray]:
    world = model.world
    start, end = world.events["war_start"], world.events["war_end"]
    fought = start >= 0
    finish = np.where(end >= 0, end, HORIZON_MONTHS)
    length = (finish - start)[fought]
    return {
        "war_months": np.bincount(length, minlength=HORIZON_MONTHS + 1).astype(np.int64),
        "front": model.front_histograms.copy(),
    }


def _joint_tallies(model) -> dict[str, np.ndarray]:
    code = np.zeros(model.replicates, dtype=np.int64)
    for bit, outcome in enumerate(JOINT_OUTCOMES):
        code |= (model.world.events[outcome] >= 0).astype(np.int64) << bit
    return {"joint": np.bincount(code, minlength=2 ** len(JOINT_OUTCOMES)).astype(np.int64)}


def _record_tallies(model) -> dict[str, np.ndarray]:
    from korea1950.inputs.record import record_tallies

    return record_tallies(model)


TALLIES: tuple[Callable[..., dict[str, np.ndarray]], ...] = (
    _event_tallies, _war_tallies, _joint_tallies, _record_tallies)
"""Functions reducing a finished model to tallies.

Why a fixed tuple: worker processes import this module afresh, so a tally added
at run time in the parent would be missing from their summaries."""


def summarize(model) -> Summary:
    """Reduce a finished ``CrisisModel`` to a ``Summary``."""
    tallies: dict[str, np.ndarray] = {}
    for tally in TALLIES:
        tallies.update(tally(model))
    return Summary(model.replicates, tallies)
