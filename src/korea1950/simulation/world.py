"""The shared state of R replicate worlds: the front, forces, and when each event happened.

Why event months rather than flags: every outcome ("did the US intervene?")
and every timing ("when?") is read from one int16 array per event holding the
month it first happened, or -1. Rules test ``happened(...)`` and record with
``record(...)``; the record never moves an event once set, which is what makes
"no event before its cause" checkable.
"""

import numpy as np

EVENTS: dict[str, str] = {
    "ccp_victory": "the Communists' victory in China is complete",
    "acheson_speech": "Acheson leaves Korea outside the US defensive perimeter",
    "soviet_boycott": "the Soviet delegate leaves the Security Council",
    "stalin_advises_waiting": "Stalin refuses Kim's request and advises him to wait",
    "stalin_approves": "Stalin approves Kim's plan (on condition of Mao's consent)",
    "mao_consents": "Mao consents to Kim's plan",
    "rhee_attacks": "Rhee's forces attack across the parallel first",
    "ongjin_operation": "the North launches a limited operation on the Ongjin peninsula",
    "invasion": "the North launches a general invasion of the South",
    "soviet_veto": "a Soviet delegate vetoes UN action on Korea",
    "un_authorization": "the Security Council authorises UN action for the South",
    "us_intervention": "US forces fight for the South",
    "kim_requests_aid": "Kim, losing, asks Stalin for aid",
    "stalin_presses_china": "Stalin presses Mao to send troops",
    "soviet_return": "the Soviet delegate returns to the Security Council",
    "gottwald_letter": "Stalin tells an ally that staying away from the Council achieved all "
                       "its goals (the Gottwald letter)",
    "us_europe_buildup": "the US begins a general military build-up (Europe included)",
    "incheon_landing": "a US amphibious landing behind the North's lines",
    "un_crosses_38th": "UN forces cross the 38th parallel northward",
    "china_intervention": "Chinese troops enter the war",
    "soviet_air_cover": "Soviet aircraft cover the communist forces",
    "soviet_ground_troops": "Soviet ground troops enter the war",
    "armistice_talks": "armistice talks open",
    "stalin_death": "Stalin dies",
    "armistice": "an armistice ends the fighting",
    "north_unifies": "the North conquers the whole peninsula",
    "south_unifies": "the South (with the UN) conquers the whole peninsula",
    "limited_war_ends": "a limited operation ends without a general war",
    "war_start": "fighting begins",
    "war_end": "fighting ends",
}
"""Every event the model records, with a reader's description."""

PEACE, WAR, ENDED = 0, 1, 2
"""War phases."""

PARALLEL = 0.5
"""The front at the 38th parallel (the North holds half the peninsula)."""

FRONT_BINS = 50
"""Histogram bins for the front (share of the peninsula held by the North)."""


class WorldState:
    """Arrays of shape (R,) describing the replicate worlds at the current month."""

    def __init__(self, replicates: int, north_strength: float) -> None:
        self.replicates = replicates
        self.month = 0
        self.phase = np.zeros(replicates, dtype=np.int8)
        self.front = np.full(replicates, 0.5, dtype=np.float64)
        self.front_before = self.front.copy()
        self.north_furthest = self.front.copy()
        self.north_strength = np.full(replicates, north_strength, dtype=np.float64)
        self.south_strength = np.ones(replicates, dtype=np.float64)
        self.limited = np.zeros(replicates, dtype=bool)
        self.events = {name: np.full(replicates, -1, dtype=np.int16) for name in EVENTS}

    def happened(self, event: str) -> np.ndarray:
        """Return a bool array: has ``event`` happened (this month included)?"""
        return self.events[event] >= 0

    def happened_before(self, event: str) -> np.ndarray:
        """Return a bool array: did ``event`` happen in an earlier month?"""
        months = self.events[event]
        return (months >= 0) & (months < self.month)

    def months_since(self, event: str) -> np.ndarray:
        """Return months elapsed since ``event`` (negative where it has not happened)."""
        months = self.events[event]
        return np.where(months >= 0, self.month - months, -1)

    def record(self, event: str, mask: np.ndarray) -> np.ndarray:
        """Set ``event`` to this month where ``mask`` holds and it is not set; return new hits."""
        months = self.events[event]
        new = mask & (months < 0)
        if new.any():
            months[new] = self.month
        return new

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

    def front_histogram(self) -> np.ndarray:
        """Return counts of worlds by front position in ``FRONT_BINS`` equal bins."""
        bins = np.minimum((self.front * FRONT_BINS).astype(np.int64), FRONT_BINS - 1)
        return np.bincount(bins, minlength=FRONT_BINS)


def empty_event_months(replicates: int) -> dict[str, np.ndarray]:
    """Return event-month arrays with nothing happened (used by tests and summaries)."""
    return {name: np.full(replicates, -1, dtype=np.int16) for name in EVENTS}


