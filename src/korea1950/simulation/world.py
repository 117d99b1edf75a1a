"""The shared state of R replicate worlds: the front, forces, and when each event happened.

Why event months rather than flags: every outcome ("did the US intervene?")
and every timing ("when?") is read from one int16 array per event holding the
month it first happened, or -1. Rules test ``happened(...)`` and record with
``record(...)``; the record never moves an event once set, which is what makes
"no event before its cause" checkable.
"""

import math

import numpy as np

from korea1950.inputs.events import EVENTS, MESSAGES

PEACE, WAR, ENDED = 0, 1, 2
"""War phases."""

PARALLEL = 0.5
"""The front at the 38th parallel (the North holds half the peninsula)."""

FRONT_BINS = 50
"""Histogram bins for the front (share of the peninsula held by the North)."""

PER_WORLD = ("phase", "front", "front_before", "north_furthest", "north_strength",
             "south_strength", "limited")
"""The state's arrays over worlds besides ``events`` and ``messages`` (see ``subset``)."""


class WorldState:
    """Arrays of shape (R,) describing the replicate worlds at the current month."""

    def __init__(self, replicates: int, north_strength: float) -> None:
        self.replicates = replicates
        self.month = 0
        self.phase = np.zeros(replicates, dtype=np.int8)
        self.front = np.full(replicates, PARALLEL, dtype=np.float64)
        self.front_before = self.front.copy()
        self.north_furthest = self.front.copy()
        self.north_strength = np.full(replicates, north_strength, dtype=np.float64)
        self.south_strength = np.ones(replicates, dtype=np.float64)
        self.limited = np.zeros(replicates, dtype=bool)
        self._set_months(np.full((len(EVENTS), replicates), -1, dtype=np.int16),
                         np.full((len(MESSAGES), replicates), -1, dtype=np.int16))

    def _set_months(self, event_months: np.ndarray, message_months: np.ndarray) -> None:
        """Hold the months as rows of two arrays, read by name through ``events``/``messages``.

        Why one array each: retiring worlds (``subset``, ``store``) then copies
        every event in one operation instead of one per event.
        """
        self.event_months, self.message_months = event_months, message_months
        self.events = dict(zip(EVENTS, event_months, strict=True))
        """Per event, the month it first happened in each world (-1: never); rows, not copies."""
        self.messages = dict(zip(MESSAGES, message_months, strict=True))
        """Per message, the month it was last sent in each world (-1: never)."""

    def __getstate__(self) -> dict:
        """A copy or a pickle holds the months once; ``__setstate__`` makes the rows again."""
        state = dict(vars(self))
        del state["events"], state["messages"]
        return state

    def __setstate__(self, state: dict) -> None:
        """Why: ``copy.deepcopy`` of the rows by name would make them arrays of their own,
        and what a rule then records would not reach ``event_months`` (``subset``)."""
        self.__dict__.update(state)
        self._set_months(self.event_months, self.message_months)

    def happened(self, event: str) -> np.ndarray:
        """Return a bool array: has ``event`` happened (this month included)?"""
        return self.events[event] >= 0

    def happened_before(self, event: str) -> np.ndarray:
        """Return a bool array: did ``event`` happen in an earlier month?

        One comparison of the months read as unsigned (``unsigned``): "never" (-1)
        reads as the largest month, after every month the model has.
        """
        return unsigned(self.events[event]) < self.month

    def months_since(self, event: str) -> np.ndarray:
        """Return months elapsed since ``event`` (negative where it has not happened)."""
        months = self.events[event]
        return np.where(months >= 0, self.month - months, -1)

    def happened_months_ago(self, event: str, months: float) -> np.ndarray:
        """Return a bool array: did ``event`` happen at least ``months`` months ago?

        The same as ``months_since(event) >= months``, in one comparison instead
        of four operations (rules ask it every month): months since are whole, so
        the bound is rounded up first (``month - 1.0000000000000002`` would round
        to ``month - 1`` in floating point), and the months are read as unsigned
        (``unsigned``), which puts "never" after every month.
        """
        whole = math.ceil(months)
        if whole <= -1:  # "at least -1 months ago" holds where it never happened, too
            return self.months_since(event) >= months
        latest = self.month - whole
        if latest < 0:
            return np.zeros(self.replicates, dtype=bool)
        return unsigned(self.events[event]) <= latest

    def record(self, event: str, mask: np.ndarray) -> None:
        """Set ``event`` to this month where ``mask`` holds and it is not set already."""
        if not np.count_nonzero(mask):  # not ``mask.any()``: a Python wrapper, called 3,000
            return  # times a run, mostly with no world acting
        months = self.events[event]
        new = mask & (months < 0)
        if np.count_nonzero(new):
            months[new] = self.month

    def fill(self, event: str, month: int) -> None:
        """Set ``event`` to ``month`` in every world where it is not set (a scheduled event)."""
        months = self.events[event]
        months[months < 0] = month

    def send(self, message: str, mask: np.ndarray) -> None:
        """Send ``message`` this month in the ``mask`` worlds (see ``MESSAGES``)."""
        if np.count_nonzero(mask):
            self.messages[message][mask] = self.month

    def received(self, message: str) -> np.ndarray:
        """Return a bool array: was ``message`` sent this month?"""
        return self.messages[message] == self.month

    def months_since_message(self, message: str) -> np.ndarray:
        """Months since ``message`` was last sent (-1 where never): a reply read a month later.

        Why: an actor who moves before the sender in a month cannot read this
        month's message; it reads the last one, as a letter that has arrived.
        """
        sent = self.messages[message]
        return np.where(sent >= 0, self.month - sent, -1)

    @property
    def at_war(self) -> np.ndarray:
        """Worlds where fighting is going on."""
        return self.phase == WAR

    @property
    def at_peace(self) -> np.ndarray:
        """Worlds where fighting has not begun."""
        return self.phase == PEACE

    def start_war(self, mask: np.ndarray, limited: bool = False) -> None:
        """Begin fighting in ``mask`` worlds (a limited operation if ``limited``)."""
        new = mask & (self.phase == PEACE)
        self.phase[new] = WAR
        self.limited[new] = limited
        self.record("war_start", new)

    def end_war(self, mask: np.ndarray, outcome: str) -> None:
        """End fighting in ``mask`` worlds with ``outcome`` (an event name)."""
        ending = mask & (self.phase == WAR)
        self.phase[ending] = ENDED
        self.record(outcome, ending)
        self.record("war_end", ending)

    def all_wars_over(self) -> bool:
        """True once every world has had a war and it has ended."""
        return bool(np.all(self.phase == ENDED))

    def front_histogram(self, among: np.ndarray | None = None) -> np.ndarray:
        """Counts of worlds (``among`` them, if given) by front position, in ``FRONT_BINS``."""
        front = self.front if among is None else self.front[among]
        bins = np.minimum((front * FRONT_BINS).astype(np.int64), FRONT_BINS - 1)
        return np.bincount(bins, minlength=FRONT_BINS)

    def subset(self, index: np.ndarray) -> "WorldState":
        """A new state holding only the worlds at ``index`` (the month carried over).

        Why: a lean run steps only the worlds in which something can still
        happen (``retirement.py``).
        """
        part = WorldState.__new__(WorldState)
        part.replicates, part.month = index.size, self.month
        for name in PER_WORLD:
            setattr(part, name, getattr(self, name)[index])
        part._set_months(np.take(self.event_months, index, axis=1),  # rows stay contiguous,
                         np.take(self.message_months, index, axis=1))  # where [:, index] has not
        return part

    def store(self, part: "WorldState", positions: np.ndarray) -> None:
        """Write a ``subset``'s worlds back at their ``positions`` in this full-size state."""
        if part is self:
            return
        for name in PER_WORLD:
            getattr(self, name)[positions] = getattr(part, name)
        for whole, kept in ((self.event_months, part.event_months),
                            (self.message_months, part.message_months)):
            for row, months in zip(whole, kept, strict=True):  # row by row: [:, positions] =
                row[positions] = months  # scatters five times slower


def per_world(values: "float | np.ndarray") -> bool:
    """Whether ``values`` is an array over worlds rather than one value for all of them.

    ``np.ndim`` says the same, through a Python wrapper that cost 1% of a run.
    """
    return isinstance(values, np.ndarray) and values.ndim > 0


def unsigned(months: np.ndarray) -> np.ndarray:
    """Event months (int16, -1 for never) read as uint16: never becomes 65,535, later than any.

    Why: "happened, and by month m" is then one comparison (``<= m``) instead of
    three operations, for any m from 0 to 32,767 (the model has 88 months).
    """
    return months.view(np.uint16)


def empty_event_months(replicates: int) -> dict[str, np.ndarray]:
    """Return event-month arrays with nothing happened (used by tests and summaries)."""
    return {name: np.full(replicates, -1, dtype=np.int16) for name in EVENTS}


