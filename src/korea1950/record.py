"""The historical record as observable facts, and which worlds match them.

A fact is data (``seeds/record.toml``): an event, whether it occurred, and
optionally a window of months, an event it must follow, or a maximum delay
after another event. ``fact_matches`` evaluates every fact in every world from
the event-month arrays, so the record is tested against exactly what the model
produces - nothing is read from the historical outcome into the model.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from korea1950.calendar import month_index
from korea1950.errors import InputError
from korea1950.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.paths import seeds_dir
from korea1950.world import EVENTS

POSTERIOR_BINS = 40
"""Histogram bins over each motive parameter's range, for prior-versus-posterior plots."""


@dataclass(frozen=True)
class Fact:
    """One observable fact of the record."""

    id: str
    description: str
    date: str
    event: str
    occurs: bool = True
    window: tuple[int, int] | None = None
    after: str | None = None
    within_after: tuple[str, int] | None = None
    evidence: tuple[str, ...] = ()

    def matches(self, events: dict[str, np.ndarray]) -> np.ndarray:
        """Bool array over worlds: does each world's history satisfy this fact?"""
        months = events[self.event]
        if not self.occurs:
            return months < 0
        match = months >= 0
        if self.window is not None:
            match &= (months >= self.window[0]) & (months <= self.window[1])
        if self.after is not None:
            other = events[self.after]
            match &= (other >= 0) & (other <= months)
        if self.within_after is not None:
            other = events[self.within_after[0]]
            match &= (other >= 0) & (months >= other) & (months - other <= self.within_after[1])
        return match


def record_path() -> Path:
    """The bundled record file."""
    return seeds_dir() / "record.toml"


@lru_cache(maxsize=8)
def load_record(path: Path | None = None) -> tuple[Fact, ...]:
    """Load and validate the record's facts (one-line errors naming fact and key)."""
    path = path or record_path()
    try:
        facts = tomllib.loads(path.read_text()).get("fact", [])
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read the record ({error})") from None
    if not facts:
        raise InputError(f"{path}: no [[fact]] tables")
    return tuple(_parse(item, path) for item in facts)


def _parse(item: dict, path: Path) -> Fact:
    where = f"{path}: fact '{item.get('id', '?')}'"
    for key in ("event", "after"):
        if key in item and item[key] not in EVENTS:
            raise InputError(f"{where}: {key} = {item[key]!r} is not a model event")
    window = item.get("window")
    within = item.get("within_months_after")
    try:
        window = (month_index(window[0]), month_index(window[1])) if window else None
    except (ValueError, TypeError, IndexError):
        raise InputError(f"{where}: window = {item.get('window')!r}: expected two months") \
            from None
    if within is not None:
        if within.get("event") not in EVENTS or not isinstance(within.get("months"), int):
            raise InputError(f"{where}: within_months_after needs an event and whole months")
        within = (within["event"], within["months"])
    return Fact(id=item["id"], description=item.get("description", ""),
                date=str(item.get("date", "")), event=item["event"],
                occurs=bool(item.get("occurs", True)), window=window, after=item.get("after"),
                within_after=within, evidence=tuple(item.get("evidence", ())))


def fact_matches(events: dict[str, np.ndarray], facts: tuple[Fact, ...]) -> np.ndarray:
    """Matches of every fact in every world: bool array of shape (facts, worlds)."""
    return np.array([fact.matches(events) for fact in facts])


def pattern_codes(matches: np.ndarray) -> np.ndarray:
    """Each world's matches as one integer: bit k set if fact k holds."""
    weights = (1 << np.arange(matches.shape[0], dtype=np.int64))[:, None]
    return (matches.astype(np.int64) * weights).sum(axis=0)


def parameter_bins(name: str) -> np.ndarray:
    """Bin edges over a motive parameter's allowed range."""
    spec = STALIN_MOTIVE_PARAMETERS[name]
    return np.linspace(spec.low, spec.high, POSTERIOR_BINS + 1)


def record_tallies(model) -> dict[str, np.ndarray]:
    """Tallies for weighing readings: the fact-match patterns and parameter histograms."""
    facts = load_record()
    matches = fact_matches(model.world.events, facts)
    codes = pattern_codes(matches)
    tallies = {"record:pattern": np.bincount(codes, minlength=2 ** len(facts)).astype(np.int64)}
    whole = matches.all(axis=0)
    for name, values in model.stalin.motive.items():
        edges = parameter_bins(name)
        tallies[f"posterior:all:{name}"] = np.histogram(values, edges)[0].astype(np.int64)
        tallies[f"posterior:match:{name}"] = np.histogram(values[whole], edges)[0].astype(
            np.int64)
    return tallies
