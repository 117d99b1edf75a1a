"""Settings one step from what a page shows, computed ahead in a low-priority process: the same
numbers a click would compute, kept where the page reads them, the newest view first."""

import os
import threading
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from korea1950.inputs.levers import Levers
from korea1950.memo import Memo
from korea1950.running.ensemble import simulate
from korea1950.teaching.app import anticipation, page, quiet, results
from korea1950.teaching.app.classroom import (
    SWITCH_PREFIX,
    SWITCHES,
    Setting,
    admit,
    effective_scenario,
)

WORLDS = 1_000


@pytest.fixture
def fresh(monkeypatch):
    """A new server's caches and anticipator; the anticipator stopped afterwards."""
    for name in ("BASELINES", "SETTINGS", "PICTURES", "COMPUTED_AHEAD"):
        monkeypatch.setattr(results, name, Memo(getattr(results, name).size))
    monkeypatch.setattr(anticipation, "_STATE", anticipation._State())
    yield anticipation
    anticipation.stop()


def switched(setting: Setting, key: str) -> Setting:
    return admit(setting, SWITCH_PREFIX + key, key not in setting.switches).setting


def test_one_step_is_each_switch_flipped_then_each_scenario():
    here = Setting(worlds=WORLDS)
    steps = anticipation.one_step_from(here)
    assert steps[:len(SWITCHES)] == [switched(here, key) for key in SWITCHES]
    assert all(step.switches == {key} for step, key in zip(steps, SWITCHES, strict=False))
    assert here not in steps, "the baseline itself is shown already"
    assert {step.scenario for step in steps[len(SWITCHES):]} >= {"soviet_veto", "mao_refuses"}
    # From a scenario, flipping its own switch leads back to history's levers.
    vetoed = admit(here, "scenario", "soviet_veto").setting
    back = [step for step in anticipation.one_step_from(vetoed)
            if step.scenario == "soviet_veto" and not step.switches]
    assert len(back) == 1 and effective_scenario(back[0]).levers == Levers()


def test_the_settings_one_step_away_get_the_numbers_a_click_would_compute(fresh):
    here = Setting(worlds=WORLDS, seed=4)
    base, _ = results.baseline(here.reading, here.worlds, here.seed)
    fresh.anticipate(here)
    assert fresh.idle(300), "the anticipator finished"
    flipped = switched(here, "mao_refuses")
    distinct = {results._key(effective_scenario(step), step)
                for step in fresh.one_step_from(here)}
    assert results.known(flipped) and len(results.COMPUTED_AHEAD) == len(distinct)
    assert len(results.SETTINGS) == 0 and len(results.PICTURES) == 0, \
        "guesses wait apart: they push out nothing a class has looked at"
    shown = results.outcomes(flipped)
    assert shown.ahead and shown.seconds < page.CACHED
    assert page.took_text(shown) == "(computed ahead, while the page was read)"
    assert len(results.SETTINGS) == 1 and len(results.COMPUTED_AHEAD) == len(distinct) - 1
    again = results.outcomes(flipped)
    assert again.result is shown.result and not again.ahead, "once shown, it is the cache's"
    direct = simulate(effective_scenario(flipped), here.reading, WORLDS, 4, progress=False)
    assert direct.tallies.keys() == shown.result.tallies.keys()
    assert all(np.array_equal(direct.tallies[key], shown.result.tallies[key])
               for key in direct.tallies)
    assert shown.baseline is base
    front, timeline = results.pictures(shown)
    assert front.startswith(b"\x89PNG") and timeline.startswith(b"\x89PNG")
    assert len(results.PICTURES) == 1, "the pictures came with the numbers: none drawn again"
    # The process gives way to everything else: the lowest priority there is.
    assert fresh._STATE.pool.submit(os.nice, 0).result() == min(19, os.nice(0) + 19)


def test_nothing_is_anticipated_without_a_baseline_or_when_turned_off(fresh):
    here = Setting(worlds=WORLDS, seed=6)
    fresh.anticipate(here)
    assert fresh._STATE.thread is None and not fresh._STATE.waiting
    results.baseline(here.reading, here.worlds, here.seed)
    fresh.configure(False)
    fresh.anticipate(here)
    assert fresh._STATE.thread is None and not fresh._STATE.waiting


def test_the_newest_view_goes_first_and_its_steps_are_worked_out_off_the_click(fresh,
                                                                                monkeypatch):
    taken: list[Setting] = []
    first_taken, release = threading.Event(), threading.Event()

    def compute(setting: Setting) -> bool:
        taken.append(setting)
        first_taken.set()
        release.wait(10)
        return True

    monkeypatch.setattr(fresh, "_compute", compute)
    monkeypatch.setattr(results, "cached_baseline", lambda setting: object())
    expanded_in: list[str] = []
    steps_of = fresh.one_step_from

    def recorded(setting: Setting) -> list[Setting]:
        expanded_in.append(threading.current_thread().name)
        return steps_of(setting)

    monkeypatch.setattr(fresh, "one_step_from", recorded)
    older = Setting(worlds=WORLDS, seed=1)
    newer = Setting(worlds=WORLDS, seed=2)
    fresh.anticipate(older)
    first_taken.wait(10)
    fresh.anticipate(newer)
    release.set()
    assert fresh.idle(30)
    assert expanded_in == ["korea1950-anticipation"] * 2, "not on the thread showing a click"
    older_steps, newer_steps = steps_of(older), steps_of(newer)
    assert taken == older_steps[:1] + newer_steps + older_steps[1:]


def test_a_click_computing_the_same_setting_keeps_its_own_numbers(fresh):
    here = Setting(worlds=WORLDS, seed=9)
    flipped = switched(here, "us_stays_out")
    key = results._key(effective_scenario(flipped), flipped)
    results.SETTINGS.put(key, "the click's")
    assert not results.keep_ahead(flipped, "ahead", (b"", b""))
    assert results.SETTINGS.peek(key) == "the click's"
    assert results.COMPUTED_AHEAD.peek(key) is None and results.PICTURES.peek(key) is None
    # Known meanwhile: the anticipator neither computes it nor starts its process for it.
    assert fresh._compute(flipped) is False and fresh._STATE.pool is None


def test_a_setting_that_fails_is_skipped_and_the_next_goes_through(fresh, monkeypatch, caplog):
    here = Setting(worlds=WORLDS, seed=12)
    base, _ = results.baseline(here.reading, here.worlds, here.seed)
    broken, sound = switched(here, "us_stays_out"), switched(here, "no_incheon")
    monkeypatch.setattr(results, "cached_baseline",
                        lambda setting: "no summary" if setting == broken else base)
    with caplog.at_level("INFO", logger=fresh.__name__):
        assert fresh._compute(broken) is False  # drawing beside "no summary" fails in the process
    assert [r.levelname for r in caplog.records] == ["ERROR"] and caplog.records[0].exc_info
    assert fresh._compute(sound) is True and results.known(sound) and not results.known(broken)


def test_the_page_says_how_its_numbers_came():
    computed = results.Outcomes(Setting(), None, None, None, seconds=0.25)
    cached = results.Outcomes(Setting(), None, None, None, seconds=0.0)
    ahead = results.Outcomes(Setting(), None, None, None, seconds=0.02, ahead=True)
    assert page.took_text(computed) == "(computed in 0.25 s)"
    assert page.took_text(cached) == "(from the cache)"
    assert page.took_text(ahead) == "(computed ahead, while the page was read)"


class FakePool:
    """Stands for the anticipator's process: records that it was shut down."""

    shut = False

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        self.shut = True


@pytest.mark.parametrize(("failure", "level", "traceback"),
                         [(BrokenProcessPool("killed"), "WARNING", False),
                          (ValueError("a bug in the anticipator"), "ERROR", True)])
def test_a_dead_process_or_a_bug_ends_anticipation_in_one_log_entry_and_shuts_the_process(
        fresh, monkeypatch, caplog, failure, level, traceback):
    def fails(setting: Setting) -> bool:
        raise failure

    monkeypatch.setattr(fresh, "_compute", fails)
    monkeypatch.setattr(results, "cached_baseline", lambda setting: object())
    pool = fresh._STATE.pool = FakePool()
    with caplog.at_level("INFO", logger=fresh.__name__):
        fresh.anticipate(Setting(worlds=WORLDS))
        assert fresh.idle(30)
        fresh._STATE.thread.join(10)
    assert [record.levelname for record in caplog.records] == [level]
    assert (caplog.records[0].exc_info is not None) == traceback
    assert not fresh._STATE.enabled and not fresh._STATE.thread.is_alive()
    assert pool.shut and fresh._STATE.pool is None, "its 170 MB are not left idling"
    fresh.anticipate(Setting(worlds=WORLDS, seed=3))
    assert not fresh._STATE.waiting and not fresh._STATE.views, "nothing is queued any more"


@pytest.mark.parametrize("stopped_by", ["serve", "python"])
def test_a_server_stopping_midway_is_no_failure(fresh, monkeypatch, caplog, stopped_by):
    """Stopped by ``serve`` (``stop``), or by Python's own exit, which shuts every pool before
    the atexit hooks run: a job sent then is refused with a RuntimeError, silently ended."""
    def stopped_meanwhile(setting: Setting) -> bool:
        if stopped_by == "serve":
            fresh.stop()
            raise RuntimeError("cannot schedule new futures after shutdown")
        raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    monkeypatch.setattr(fresh, "_compute", stopped_meanwhile)
    monkeypatch.setattr(results, "cached_baseline", lambda setting: object())
    with caplog.at_level("INFO", logger=fresh.__name__):
        fresh.anticipate(Setting(worlds=WORLDS))
        fresh._STATE.thread.join(10)
    assert caplog.records == [] and not fresh._STATE.thread.is_alive()
    assert fresh._STATE.stopped


def test_the_process_is_stopped_while_a_click_is_computed(fresh):
    here = Setting(worlds=WORLDS, seed=21)
    results.baseline(here.reading, here.worlds, here.seed)
    assert fresh._compute(switched(here, "no_incheon")) is True
    pid = fresh._STATE.pid
    assert pid in quiet._YIELDING, "registered as it started"
    fresh.stop()
    assert pid not in quiet._YIELDING and fresh._STATE.pool is None
