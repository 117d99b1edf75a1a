"""The page's numbers: each setting's worlds beside its baseline, cached per server process.

Why a cache: a class flips switches back and forth, and every student starts
from the same baseline. The baseline of a (reading, worlds, seed) is computed
once per server and shared by every session; a setting already seen (by any
session, for the same levers) is not recomputed either. Results are integer
tallies (``Summary``), small and never changed after they are made, so sharing
them between sessions cannot leak one student's choices into another's page:
the key is everything that determines the numbers.

Why the same seed for both: the setting and the baseline share the seed's
random streams (common random numbers), so their difference is not swamped by
sampling noise.
"""

import functools
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from korea1950.inputs.errors import InputError, one_line
from korea1950.inputs.levers import Levers
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import Scenario
from korea1950.memo import Memo
from korea1950.running.summary import Summary
from korea1950.teaching.app import workers
from korea1950.teaching.app.classroom import Setting, effective_scenario, what_if
from korea1950.teaching.story import render, trace_world

log = logging.getLogger(__name__)

STORIES_KEPT = 64
"""Stories kept per server, so a tab opened again shows its story at once."""
MAX_STORY = 40_000
"""Characters of one world's story shown on the page: a bound against a runaway story, above
the longest measured (23,000 characters; its quotes are most of it), since a class has no
terminal to read the rest in."""


BASELINES = Memo(64)
"""Baselines by (reading, worlds, seed), shared by every session of this server."""

SETTINGS = Memo(256)
"""Settings by (levers, parameter overrides, reading, worlds, seed)."""

PICTURES = Memo(64)
"""A setting's two pictures beside its baseline, by the same key: a tab shown again, or
another session on the same setting, does not draw them again (0.3 s of matplotlib)."""

COMPUTED_AHEAD = Memo(64)
"""Settings computed ahead of any click (``anticipation``): their summary and pictures by the
same key. Kept apart from ``SETTINGS`` and ``PICTURES`` so that guesses never push out what a
class has looked at; the first click on one takes it over into those (``outcomes``)."""


@dataclass(frozen=True)
class Outcomes:
    """What the page shows for one setting: its worlds, the baseline's, or why there are none."""

    setting: Setting
    scenario: Scenario
    result: Summary | None
    baseline: Summary | None
    error: str | None = None
    seconds: float = 0.0
    """Time to produce these numbers (0 when everything came from the cache)."""
    baseline_cached: bool = False
    ahead: bool = False
    """Whether the numbers were computed ahead of the click (``anticipation``)."""


def baseline(reading: str, worlds: int, seed: int) -> tuple[Summary, bool]:
    """The baseline's summary for a (reading, worlds, seed), computed once per server."""
    return BASELINES.get((reading, worlds, seed), lambda: _run("baseline", reading, worlds, seed))


def every_baseline(worlds: int, seed: int) -> dict[str, Summary]:
    """Each bundled reading's baseline at ``worlds`` and ``seed``, cached as any baseline is."""
    return {name: baseline(name, worlds, seed)[0] for name in bundled_reading_names()}


def outcomes(setting: Setting) -> Outcomes:
    """The setting's summary beside its baseline; an error is one line, never a traceback."""
    started = time.perf_counter()
    scenario = effective_scenario(setting)
    try:
        base, base_cached = baseline(setting.reading, setting.worlds, setting.seed)
        ahead = False
        if scenario.levers == Levers() and not scenario.parameters:
            result = base
        else:
            key = _key(scenario, setting)
            ahead = _take_ahead(key)
            result, cached = SETTINGS.get(key, lambda: _run(scenario, setting.reading,
                                                             setting.worlds, setting.seed))
            ahead = ahead and cached
    except InputError as error:
        return Outcomes(setting, scenario, None, None, error=str(error))
    except Exception as error:  # the page must show a line, never a traceback
        log.exception("the classroom page could not compute a setting")
        return Outcomes(setting, scenario, None, None, error=one_line(
            f"The server could not compute this setting ({type(error).__name__}); the details "
            "are in its log."))
    return Outcomes(setting, scenario, result, base, seconds=time.perf_counter() - started,
                    baseline_cached=base_cached, ahead=ahead)


AHEAD = ThreadPoolExecutor(max_workers=4, thread_name_prefix="korea1950-ahead")
"""Threads that start a setting's numbers at the click (they wait on the workers, mostly)."""

Started = tuple[Setting, Future]
"""A setting and its outcomes being computed, begun at a click (``start``)."""


def start(setting: Setting) -> Started:
    """Begin computing ``setting``'s outcomes now, for ``collect``.

    Why at the click: the page draws its "computing" state before its thread
    for the new numbers starts, and that took about 0.03 s of every click
    (Solara starts a component's thread once the render is sent). Started
    here, the worlds are computed meanwhile. The session keeps what it started
    (one at a time), so nothing is left over when a student clicks on.
    """
    return setting, AHEAD.submit(outcomes, setting)


def collect(started: Started | None, setting: Setting) -> Outcomes:
    """The outcomes ``started`` at the click if they are ``setting``'s; else computed now."""
    if started is not None and started[0] == setting:
        return started[1].result()
    return outcomes(setting)


def pictures(shown: Outcomes) -> tuple[bytes, bytes]:
    """The front line and the timeline of what is shown, as PNG bytes, drawn once per server."""
    return PICTURES.get(_key(shown.scenario, shown.setting),
                        lambda: workers.draw_pictures(shown.result, shown.baseline))[0]


def cached_baseline(setting: Setting) -> Summary | None:
    """The baseline of ``setting``'s reading, worlds and seed if it is computed, else None."""
    kept = BASELINES.peek((setting.reading, setting.worlds, setting.seed))
    return kept if isinstance(kept, Summary) else None


def known(setting: Setting) -> bool:
    """Whether ``setting``'s numbers need no computing: kept already (or computed ahead), or
    the baseline's own."""
    scenario = effective_scenario(setting)
    if scenario.levers == Levers() and not scenario.parameters:
        return True
    key = _key(scenario, setting)
    return SETTINGS.peek(key) is not None or COMPUTED_AHEAD.peek(key) is not None


def keep_ahead(setting: Setting, result: Summary, drawn: tuple[bytes, bytes]) -> bool:
    """Keep numbers and pictures computed ahead of any click for ``setting``; whether they were
    kept (not when a click has computed them meanwhile)."""
    key = _key(effective_scenario(setting), setting)
    return SETTINGS.peek(key) is None and COMPUTED_AHEAD.put(key, (result, drawn))


def _take_ahead(key: tuple) -> bool:
    """Move a setting computed ahead into the caches a click reads; whether there was one (and
    no click had computed, or was computing, the same setting meanwhile)."""
    taken = COMPUTED_AHEAD.take(key)
    if taken is None:
        return False
    result, drawn = taken
    if not SETTINGS.put(key, result):
        return False
    PICTURES.put(key, drawn)
    return True


def _key(scenario: Scenario, setting: Setting) -> tuple:
    """Everything that determines a setting's numbers (its name does not)."""
    return (scenario.levers, scenario.parameters, setting.reading, setting.worlds, setting.seed)


def _run(scenario: "str | Scenario", reading: str, worlds: int, seed: int) -> Summary:
    """One ensemble, in one of the page's worker processes (``workers``)."""
    return workers.run_setting(scenario, reading, worlds, seed)


@functools.lru_cache(maxsize=STORIES_KEPT)
def story(setting: Setting, seed: int) -> str:
    """The story of one world of this setting (the world numbered ``seed``), as Markdown."""
    try:
        text = render(trace_world(effective_scenario(setting), setting.reading, seed),
                      "markdown", what_if=what_if(setting))
    except InputError as error:
        return f"*The story could not be told: {error}*"
    except Exception as error:  # one line on the page, the details in the log
        log.exception("the classroom page could not tell a story")
        return f"*The story could not be told ({type(error).__name__}).*"
    return shortened(text)


SUMMARY_HEADING = "## In short"
"""The heading of the story's closing summary, which the page always keeps."""


def shortened(text: str) -> str:
    """A story cut to ``MAX_STORY`` characters in the middle, never losing its closing summary."""
    body, heading, summary = text.partition(SUMMARY_HEADING)
    room = MAX_STORY - len(heading) - len(summary)
    if len(body) <= room:
        return text
    kept = body[:max(room, 0)].rsplit("\n", 1)[0]
    return (f"{kept}\n\n*(the months that follow are cut here; `korea1950 explain` tells all "
            f"of them)*\n\n{heading}{summary}")
