"""The classroom page (`korea1950 app`): choose a setting in the sidebar, read what it changes.

Why its own layout and not Mesa's SolaraViz: the page has nothing to step or
play - each setting is a whole ensemble of worlds - and a class needs only what
it sets (scenario, reading, switches, worlds, seed) and what came of it. Every
change recomputes at once, in a worker process (``workers``), so the page stays
responsive and says it is computing; the baseline of a (reading, worlds, seed) is computed
once per server (``korea1950.teaching.app.results``), and the settings one step from what is
shown are computed ahead while it is read (``anticipation``).

Why through ``admit``: every value a widget sends goes through that one gate
(``korea1950.teaching.app.classroom``) before anything uses it; refusals show
as one short line each. Each browser session has its own state (component
state is per session); only immutable results are shared.
"""

import logging
import random
from collections.abc import Callable

import reacton.ipyvuetify as rv
import solara
import solara.lab
from reacton.core import Ref

from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import bundled_scenario_names, scenario_title
from korea1950.teaching.app import workers
from korea1950.teaching.app.anticipation import anticipate
from korea1950.teaching.app.classroom import (
    SEEDS,
    SWITCH_PREFIX,
    SWITCHES,
    WORLDS,
    Notice,
    Session,
    describe,
    reading_title,
    receive,
)
from korea1950.teaching.app.results import Outcomes, Started, collect, start
from korea1950.teaching.app.roleplay import RolePlay
from korea1950.teaching.app.verdict import start_in_background
from korea1950.teaching.app.views import GlossaryView, OutcomesView, StoryView, VerdictView

log = logging.getLogger(__name__)

TITLE = "How the Korean War began: a classroom simulator"

STORY_TAB = 1
"""The position of "One world's story" among the tabs."""

SETTING_TABS = (0, STORY_TAB)
"""The tabs that show the sidebar's setting; the header naming it is shown only there.

Why: the readings' verdict and the role-play keep every lever as in history, and a
header saying "Switched on: The US does not intervene" above them read as if they obeyed it."""

IGNORED = ("This tab keeps every lever as in history: the sidebar applies to \"What happens\" "
           "and \"One world's story\".")
"""The sidebar's first line on a tab that does not read it (the readings, the role-play, the
glossary): its switches stayed live there, and nothing said they changed nothing."""

CACHED = 0.01
"""A result that took less than this (seconds) came from the cache."""

CSS = """
.v-navigation-drawer { min-width: 320px !important; max-width: 340px !important; }
.korea-tables { overflow-x: auto; max-width: 100%; }
.korea-tables table { border-collapse: collapse; font-size: 14px; margin-left: 0 !important; }
.korea-tables th, .korea-tables td { padding: 3px 10px !important; }
.korea-tables td:not(:first-child), .korea-tables th:not(:first-child) { white-space: nowrap; }
.korea-tables td:first-child { white-space: nowrap; }
.korea-tables tr:nth-child(even) { background: #f4f4f4; }
.korea-record td:first-child, .korea-record td:nth-child(3) { white-space: normal;
  min-width: 14em; }
.korea-answers .v-btn { height: auto !important; min-height: 36px; max-width: 60em;
  text-transform: none !important; letter-spacing: normal; justify-content: flex-start;
  padding: 6px 12px !important; }
.korea-answers .v-btn__content { white-space: normal; text-align: left; flex: 1 1 auto; }
.korea-play, .korea-verdict { padding-bottom: 96px; max-width: 60em; }
.v-navigation-drawer .v-select__selection--comma { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.35; margin: 6px 4px 6px 0; }
"""
"""A narrower sidebar and compact tables, so every row of the outcomes fits one screen; the
role-play's answers one under another, wrapped, in sentence case, and clear of Solara's footer;
the sidebar's choices wrapped, so a scenario's title and a reading's thesis are read whole."""

@solara.component
def Controls(state: solara.Reactive[Session], started: Ref[Started | None],
             applies: bool = True) -> None:
    """The sidebar: what a class can set, each change sent through the gate.

    A change that alters the setting starts its worlds at once (into ``started``, the
    page's ref to a ``results.Started``), before the page redraws itself as computing; a
    refused or repeated value starts nothing. ``applies``: whether the tab shown reads the
    sidebar; when it does not, a line at the top says so (the controls stay live, so a
    class can set up what the next tab will show).
    """
    setting = state.value.setting
    if not applies:
        solara.Info(IGNORED, dense=True, classes=["korea-ignored"])

    def sender(what: str) -> Callable[[object], None]:
        def send(value: object) -> None:
            before = state.value
            after = receive(before, what, value)
            if after.setting != before.setting:
                started.current = start(after.setting)
            state.value = after
        return send

    solara.Markdown("### What if...")
    rv.Select(label="Scenario", v_model=setting.scenario, on_v_model=sender("scenario"),
              items=[{"text": scenario_title(name), "value": name}
                     for name in bundled_scenario_names()], hide_details=True)
    rv.Select(label="Reading of Stalin's intent", v_model=setting.reading,
              on_v_model=sender("reading"),
              items=[{"text": reading_title(name), "value": name}
                     for name in bundled_reading_names()], hide_details=True)
    solara.Markdown("**Switches** (on top of the scenario; its own are ticked)")
    for key, (label, _) in SWITCHES.items():
        rv.Checkbox(label=label, v_model=key in setting.switches, dense=True,
                    hide_details=True, on_v_model=sender(SWITCH_PREFIX + key),
                    class_="mt-0")
    solara.Markdown(f"**Worlds: {setting.worlds:,}**")
    slider = rv.Slider(label="Worlds", v_model=setting.worlds, min=WORLDS[0], max=WORLDS[1],
                       step=WORLDS[2], thumb_label=True, hide_details=True)
    rv.use_event(slider, "change", lambda *event: sender("worlds")(event[-1]))
    seed = rv.TextField(label=f"Seed ({SEEDS[0]} to {SEEDS[1]:,}; press Enter)",
                        v_model=str(setting.seed),
                        hide_details=True, dense=True)
    rv.use_event(seed, "change", lambda *event: sender("seed")(event[-1]))


def took_text(shown: Outcomes) -> str:
    """How the numbers shown came to be: computed ahead, computed now (in how long), or cached.
    Ahead comes first: taking them over (and a baseline computed now) may pass ``CACHED``."""
    if shown.ahead:
        return "(computed ahead, while the page was read)"
    if shown.seconds >= CACHED:
        return f"(computed in {shown.seconds:.2f} s)"
    return "(from the cache)"


def shown_then_ahead(shown: Outcomes) -> Outcomes:
    """``shown``, after queueing the settings one step from it to be computed ahead (a failure
    to queue them is logged: the numbers are shown whatever becomes of the guesses)."""
    if shown.error is None:
        try:
            anticipate(shown.setting)
        except Exception:
            log.exception("the settings one step from the page could not be queued")
    return shown


@solara.component
def Notices(notices: tuple[Notice, ...], clear: Callable[[], None]) -> None:
    """What the gate refused, one line each."""
    if not notices:
        return
    with solara.Column(classes=["korea-notices"]):
        for notice in notices:
            solara.Warning(notice.text, dense=True)
        solara.Button("Dismiss", on_click=clear, text=True, small=True)


@solara.component
def Page() -> None:
    """Solara's entry point: each browser session has its own state."""
    start_in_background()
    workers.start()
    state = solara.use_reactive(Session())
    started = solara.use_ref(None)  # what the last click began (a ref: no redraw of its own)
    session = state.value
    setting = session.setting
    computed = solara.use_thread(lambda: shown_then_ahead(collect(started.current, setting)),
                                 dependencies=[setting], intrusive_cancel=False)
    last = solara.use_ref(None)
    # Just after a change the thread of the previous setting may still read as finished:
    # only a result for this very setting ends the computing.
    computing = not (computed.state == solara.ResultState.FINISHED
                     and computed.value is not None and computed.value.setting == setting)
    if not computing:
        last.current = computed.value
    story_seed = setting.seed if session.story_seed is None else session.story_seed
    tab = solara.use_reactive(0)

    def new_world() -> None:
        seed = random.randrange(SEEDS[0], SEEDS[1] + 1)
        state.value = Session(state.value.setting, state.value.notices, seed)

    def clear() -> None:
        state.value = Session(state.value.setting, (), state.value.story_seed)

    solara.Title(TITLE)
    solara.Style(CSS)
    with solara.AppBarTitle():
        solara.Text(TITLE)
    with solara.Sidebar():
        Controls(state, started, applies=tab.value in SETTING_TABS)
    Notices(session.notices, clear)
    if tab.value in SETTING_TABS:
        with solara.Row(style={"align-items": "center"}):
            solara.Text(describe(setting), classes=["korea-setting"])
            if computing:
                solara.Text(f"Computing {setting.worlds:,} worlds...",
                            classes=["korea-computing"])
            elif last.current is not None:
                solara.Text(took_text(last.current), classes=["korea-took"])
        solara.ProgressLinear(computing)
    with solara.lab.Tabs(value=tab, lazy=True):
        with solara.lab.Tab("What happens"):
            if last.current is not None:
                OutcomesView(last.current, computing)
            else:
                solara.Text("Computing the first worlds...")
        with solara.lab.Tab("One world's story"):
            StoryView(setting, story_seed, new_world, active=tab.value == STORY_TAB)
        with solara.lab.Tab("The two readings"):
            VerdictView()
        with solara.lab.Tab("Play Stalin"):
            RolePlay()
        with solara.lab.Tab("Glossary"):
            GlossaryView()
