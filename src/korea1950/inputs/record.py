"""The historical record as observable facts, and which worlds match them.

A fact is data (``seeds/record.toml``): an event, whether it occurred, and
optionally a window of months, an event it must not precede, or a maximum
delay after another event. ``fact_matches`` evaluates every fact in every
world from the event-month arrays, so the record is tested against exactly
what the model produces - nothing is read from the historical outcome into
the model.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from korea1950.inputs.calendar import month_index
from korea1950.inputs.errors import InputError, shown
from korea1950.inputs.events import EVENTS
from korea1950.inputs.evidence import check_cited
from korea1950.inputs.parameters import MODEL_PARAMETERS, STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.readings import Reading, bundled_reading_names, load_reading
from korea1950.inputs.tomlfile import load_toml, reject_unknown, require_string, string_list

POSTERIOR_BINS = 40
"""Histogram bins over each motive parameter's range, for prior-versus-posterior plots."""

MAX_FACTS = 16
"""Each world's matches are tallied as one of 2^facts patterns; 16 facts = 65,536 cells."""

FACT_KEYS = {"id", "use", "description", "date", "event", "occurs", "window", "after",
             "within_months_after", "evidence"}
USES = ("calibration", "test")
"""What a fact is for: it set a reading-independent number, or it weighs the readings."""
DATE = re.compile(r"^\d{4}-\d{2}(/\d{4}-\d{2})?$")
"""A fact's date: one month "YYYY-MM" or a span "YYYY-MM/YYYY-MM"."""


@dataclass(frozen=True)
class Fact:
    """One observable fact of the record."""

    id: str
    description: str
    date: str
    event: str
    use: str = "test"
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
    """Load and validate the record's facts (one-line errors naming file, fact and key).

    Refuses a record in which a test fact cites evidence that a bundled reading's
    prior cites (``check_not_circular``).
    """
    path = path or record_path()
    items = load_toml(path).get("fact")
    if not isinstance(items, list) or not items:
        raise InputError(f"{path}: expected [[fact]] tables")
    facts = tuple(parse_fact(item, path) for item in items)
    seen: set[str] = set()
    for fact in facts:
        if fact.id in seen:
            raise InputError(f"{path}: two facts share the id '{fact.id}'")
        seen.add(fact.id)
    tested = weighing_facts(facts)
    if not tested:
        raise InputError(f"{path}: no fact has use = \"test\": nothing would weigh the readings")
    if len(tested) > MAX_FACTS:
        raise InputError(f"{path}: {len(tested)} test facts; at most {MAX_FACTS} can be tallied")
    check_not_circular(facts, [load_reading(name) for name in bundled_reading_names()], path)
    check_calibrations(facts, MODEL_PARAMETERS.values(), path)
    return facts


def check_calibrations(facts: tuple[Fact, ...], parameters: object, where: object) -> None:
    """Refuse a record whose test facts include one a parameter was calibrated on.

    Why: a value set from a date must not then be scored against that date; the
    record's ``use`` keeps the two apart, and this check keeps a custom record
    honest about the dates the registry used (``calibrated_on``). A calibration
    fact a custom record leaves out is no harm: it weighs nothing either way.
    """
    uses = {fact.id: fact.use for fact in facts}
    for spec in parameters:
        for fact_id in spec.calibrated_on:
            if uses.get(fact_id) == "test":
                raise InputError(
                    f"{where}: test fact '{fact_id}' set parameter '{spec.name}' "
                    f"(its calibrated_on): a fact may not score what set it")


def weighing_facts(facts: tuple[Fact, ...] | None = None) -> tuple[Fact, ...]:
    """The facts that weigh the readings (``use = "test"``), in the record's order."""
    return tuple(fact for fact in (load_record() if facts is None else facts)
                 if fact.use == "test")


def check_not_circular(facts: tuple[Fact, ...], readings: list[Reading], where: object) -> None:
    """Refuse a test fact that cites evidence a reading's prior, or Stalin's shared rule, cites.

    No fact scores what set it: not a reading's goals and beliefs, and not the
    terms of the decision rule every reading shares (the ``stalin_*`` parameters),
    since those turn goals into the acts the test facts record.
    """
    sources = [(_blamed(reading, where), f"reading '{reading.name}'",
                {item: name for name, prior in reading.priors.items() for item in prior.evidence})
               for reading in readings]
    sources.append((where, "Stalin's shared rule",
                    {item: name for name, spec in MODEL_PARAMETERS.items()
                     if name.startswith("stalin_") for item in spec.evidence}))
    for fact in facts:
        for blamed, label, cited in sources:
            shared = [item for item in fact.evidence if item in cited]
            if fact.use == "test" and shared:
                raise InputError(
                    f"{blamed}: test fact '{fact.id}' cites '{shared[0]}', which sets "
                    f"'{cited[shared[0]]}' in {label}: a fact may not score what set it")


def _blamed(reading: Reading, where: object) -> object:
    """The file an error about ``reading``'s citations names: the reading's own, when it is
    not a bundled one (the user's file to mend), else ``where`` (the record)."""
    return where if reading.name in bundled_reading_names() else reading.path


def parse_fact(item: Any, path: Path) -> Fact:
    """One ``[[fact]]`` table as a ``Fact``, or a one-line ``InputError``."""
    if not isinstance(item, dict):
        raise InputError(f"{path}: each fact must be a table")
    fact_id = require_string(item, "id", f"{path}: a fact")
    where = f"{path}: fact '{fact_id}'"
    reject_unknown(item, sorted(FACT_KEYS), where)
    event = _event(item, "event", where)
    date = require_string(item, "date", where)
    if not DATE.match(date):
        raise InputError(f"{where}: key 'date' = {date!r}: expected \"YYYY-MM\" or "
                         "\"YYYY-MM/YYYY-MM\"")
    use = item.get("use")
    if use not in USES:
        raise InputError(f"{where}: key 'use' = {shown(use)}: expected \"test\" (it weighs the "
                         "readings) or \"calibration\" (it set a reading-independent number)")
    occurs = item.get("occurs", True)
    if not isinstance(occurs, bool):
        raise InputError(f"{where}: key 'occurs' = {occurs!r}: expected true or false")
    evidence = string_list(item, "evidence", where)
    if not evidence:
        raise InputError(f"{where}: key 'evidence': cite at least one evidence id")
    check_cited(evidence, where)
    return Fact(id=fact_id, description=require_string(item, "description", where),
                date=date, event=event, use=use, occurs=occurs, window=_window(item, where),
                after=_event(item, "after", where) if "after" in item else None,
                within_after=_within(item, where), evidence=evidence)


def _event(item: dict, key: str, where: str) -> str:
    name = require_string(item, key, where)
    if name not in EVENTS:
        raise InputError(f"{where}: key '{key}' = {name!r} is not a model event "
                         "(see korea1950.simulation.world.EVENTS)")
    return name


def _window(item: dict, where: str) -> tuple[int, int] | None:
    window = item.get("window")
    if window is None:
        return None
    try:
        first, last = (month_index(label) for label in window)
    except (ValueError, TypeError):
        first, last = 1, 0
    if first > last:
        raise InputError(f"{where}: key 'window' = {window!r}: expected two months "
                         "[\"YYYY-MM\", \"YYYY-MM\"], the first not after the second")
    return first, last


def _within(item: dict, where: str) -> tuple[str, int] | None:
    within = item.get("within_months_after")
    if within is None:
        return None
    months = within.get("months") if isinstance(within, dict) else None
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise InputError(f"{where}: key 'within_months_after' = {within!r}: expected "
                         "{ event = \"...\", months = N } with N a whole number >= 0")
    return _event(within, "event", where), months


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
    """Tallies for weighing readings: the fact-match patterns and parameter histograms.

    Why histograms of all worlds and of matching worlds: the matching worlds are
    a rejection sample from the posterior of Stalin's motives given the record,
    and the histograms merge by addition like every other tally. Why a count for
    every fact, calibration facts too (``record:fact``, in the record's order): the
    report shows how close the baseline comes to each fact of the record, whatever
    the fact is used for.
    """
    record = load_record()
    every = fact_matches(model.world.events, record)
    matches = every[[record.index(fact) for fact in weighing_facts(record)]]
    codes = pattern_codes(matches)
    tallies = {"record:pattern": np.bincount(codes, minlength=2 ** len(matches)).astype(np.int64),
               "record:fact": np.count_nonzero(every, axis=1).astype(np.int64)}
    whole = matches.all(axis=0)
    for name, values in model.motives.items():
        edges = parameter_bins(name)
        tallies[f"posterior:all:{name}"] = np.histogram(values, edges)[0].astype(np.int64)
        tallies[f"posterior:match:{name}"] = np.histogram(values[whole], edges)[0].astype(
            np.int64)
    return tallies
