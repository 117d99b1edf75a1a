"""The classroom page (`korea1950 app`): choose a setting in the sidebar, read what it changes.

Why its own layout and not Mesa's SolaraViz: the page has nothing to step or
play - each setting is a whole ensemble of worlds - and a class needs only what
it sets (scenario, reading, switches, worlds, seed) and what came of it. Every
change recomputes at once, in a worker thread, so the page stays responsive and
says it is computing; the baseline of a (reading, worlds, seed) is computed
once per server (``korea1950.teaching.app.results``).

Why through ``admit``: every value a widget sends goes through that one gate
(``korea1950.teaching.app.classroom``) before anything uses it; refusals show
as one short line each. Each browser session has its own state (component
state is per session); only immutable results are shared.
"""

import random
from collections.abc import Callable

import reacton.ipyvuetify as rv
import solara
import solara.lab

from korea1950.inputs.labels import GLOSSARY, OUTCOME_LABELS, event_description
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import bundled_scenario_names
from korea1950.teaching.app import charts, tables
from korea1950.teaching.app.classroom import (
    SEEDS,
    SWITCH_PREFIX,
    SWITCHES,
    WORLDS,
    Session,
    Setting,
    describe,
    reading_title,
    receive,
    scenario_title,
)
from korea1950.teaching.app.results import Outcomes, outcomes, story
from korea1950.teaching.app.roleplay import RolePlay
from korea1950.teaching.app.verdict import page_verdict, start_in_background

TITLE = "How the Korean War began: a classroom simulator"

CACHED = 0.01
"""A result that took less than this (seconds) came from the cache."""

CSS = """
.v-navigation-drawer { min-width: 320px !important; max-width: 340px !important; }
.korea-tables table { border-collapse: collapse; font-size: 14px; margin-left: 0 !important; }
.korea-tables th, .korea-tables td { padding: 3px 10px !important; }
.korea-tables td:not(:first-child), .korea-tables th:not(:first-child) { white-space: nowrap; }
.korea-tables td:first-child { white-space: nowrap; }
.korea-tables tr:nth-child(even) { background: #f4f4f4; }
"""
"""A narrower sidebar and compact tables, so every row of the outcomes fits one screen."""

@solara.component
def Controls(state: solara.Reactive[Session]) -> None:
    """The sidebar: what a class can set, each change sent through the gate."""
    setting = state.value.setting

    def sender(what: str) -> Callable[[object], None]:
        def send(value: object) -> None:
            state.value = receive(state.value, what, value)
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
    seed = rv.TextField(label=f"Seed ({SEEDS[0]} to {SEEDS[1]:,})", v_model=str(setting.seed),
                        hide_details=True, dense=True)
    rv.use_event(seed, "change", lambda *event: sender("seed")(event[-1]))


@solara.component
def Notices(notices: tuple[str, ...], clear: Callable[[], None]) -> None:
    """What the gate refused, one line each."""
    if not notices:
        return
    with solara.Column(classes=["korea-notices"]):
        for notice in notices:
            solara.Warning(notice, dense=True)
        solara.Button("Dismiss", on_click=clear, text=True, small=True)


@solara.component
def OutcomesView(shown: Outcomes, computing: bool) -> None:
    """The numbers first (every row in view), the two pictures side by side, then the timings."""
    pictures = solara.use_thread(lambda: None if shown.error else (
        charts.front_line(shown.result, shown.baseline),
        charts.timeline(shown.result, shown.baseline)),
        dependencies=[id(shown)], intrusive_cancel=False)
    if shown.error:
        solara.Error(shown.error)
        return
    style = {"opacity": "0.55"} if computing else {}
    with solara.Column(classes=["korea-tables"], style=style):
        solara.Markdown(f"#### Share of worlds in which it happened\n\n"
                        f"{tables.outcome_table(shown.result, shown.baseline)}")
        solara.Markdown("*95% intervals in brackets. Change: this setting minus the "
                        "baseline, in percentage points; **bold** where its interval "
                        "excludes zero.*")
        with solara.Details("Every other outcome"):
            solara.Markdown(tables.outcome_table(shown.result, shown.baseline,
                                                 tables.OTHERS))
    if pictures.state == solara.ResultState.FINISHED:
        with solara.Columns([1, 1], style=style):
            solara.Image(pictures.value[0], width="100%")
            solara.Image(pictures.value[1], width="100%")
    elif pictures.state == solara.ResultState.ERROR:
        solara.Error("The pictures could not be drawn; the numbers stand.")
    else:
        solara.Text("Drawing the front line and the timeline...")
    with solara.Column(classes=["korea-tables"], style=style):
        solara.Markdown("#### When things happened (in the worlds where they did)\n\n"
                        + tables.timing_table(shown.result, shown.baseline))


@solara.component
def StoryView(setting: Setting, story_seed: int, new_world: Callable[[], None]) -> None:
    """One world of this setting, told month by month with its sources."""
    text = solara.use_thread(lambda: story(setting, story_seed),
                             dependencies=[setting, story_seed], intrusive_cancel=False)
    with solara.Row(style={"align-items": "center"}):
        solara.Button("New world", on_click=new_world, color="primary")
        solara.Text(f"World number {story_seed} of this setting.")
    if text.state == solara.ResultState.FINISHED:
        solara.Markdown(text.value.split("\n", 1)[-1] if text.value.startswith("# ")
                        else text.value, style={"max-width": "60em"})
    else:
        solara.ProgressLinear(True)


@solara.component
def VerdictView() -> None:
    """Donggil Kim or William Stueck: what the record decides, and how far to trust it.

    The same sentences as `korea1950 weigh`, from a smaller run computed once per
    server in the background; it does not depend on the switches.
    """
    result = solara.use_thread(page_verdict, [], intrusive_cancel=False)
    solara.Markdown("### Donggil Kim or William Stueck? What the record can and cannot decide")
    solara.Markdown("\n".join(f"- {reading_title(name)}" for name in bundled_reading_names()))
    if result.state == solara.ResultState.FINISHED:
        verdict = result.value
        rows = "\n".join(
            f"| {row['pair']} | {row['log_bf']:+.2f} ({row['ci'][0]:+.2f} to "
            f"{row['ci'][1]:+.2f}) | {row['family'][0]:+.2f} to {row['family'][1]:+.2f} | "
            f"{'yes' if row['sign_holds'] else 'no'} | {row['accuracy']:.0%} |"
            for row in verdict["rows"])
        solara.Markdown("\n\n".join(f"- {sentence}" for sentence in verdict["sentences"])
                        + "\n\n| readings | log Bayes factor (95%) | over the prior family "
                        "| sign holds? | names the true reading |\n|---|--:|--:|--:|--:|\n"
                        + rows + f"\n\n*{verdict['caveat']} "
                        f"({verdict['replicates']:,} worlds per reading; "
                        "`korea1950 weigh` runs more.)*", style={"max-width": "60em"})
    elif result.state == solara.ResultState.ERROR:
        reason = " ".join(str(result.error).split())[:200]
        solara.Error(f"The verdict could not be computed: {reason}")
    else:
        solara.Text("Weighing the readings against the record (once per server; about half "
                    "a minute)...")
        solara.ProgressLinear(True)


@solara.component
def GlossaryView() -> None:
    """Every term and outcome the page uses, explained once."""
    terms = "\n".join(f"- **{term}**: {meaning}" for term, meaning in GLOSSARY.items())
    events = "\n".join(
        f"| {label} | {_description(name)} |" for name, label in OUTCOME_LABELS.items())
    solara.Markdown(f"### Terms\n\n{terms}\n\n### Outcomes and events\n\n"
                    f"| on the page | what it means |\n|:--|:--|\n{events}",
                    style={"max-width": "60em"})


def _description(name: str) -> str:
    """An event's description; outcomes built from events have their label only."""
    try:
        return event_description(name)
    except KeyError:  # built from events, not an event itself ("still at war")
        return "counted at the end of each world (December 1956), not an event in it"


@solara.component
def Page() -> None:
    """Solara's entry point: each browser session has its own state."""
    start_in_background()
    state = solara.use_reactive(Session())
    session = state.value
    setting = session.setting
    computed = solara.use_thread(lambda: outcomes(setting), dependencies=[setting],
                                 intrusive_cancel=False)
    last = solara.use_ref(None)
    # Just after a change the thread of the previous setting may still read as finished:
    # only a result for this very setting ends the computing.
    computing = not (computed.state == solara.ResultState.FINISHED
                     and computed.value is not None and computed.value.setting == setting)
    if not computing:
        last.current = computed.value
    story_seed = setting.seed if session.story_seed is None else session.story_seed

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
        Controls(state)
    Notices(session.notices, clear)
    with solara.Row(style={"align-items": "center"}):
        solara.Text(describe(setting), classes=["korea-setting"])
        if computing:
            solara.Text(f"Computing {setting.worlds:,} worlds...", classes=["korea-computing"])
        elif last.current is not None:
            took = last.current.seconds
            solara.Text(f"(computed in {took:.2f} s)" if took >= CACHED else "(from the cache)",
                        classes=["korea-took"])
    solara.ProgressLinear(computing)
    with solara.lab.Tabs(lazy=True):
        with solara.lab.Tab("What happens"):
            if last.current is not None:
                OutcomesView(last.current, computing)
            else:
                solara.Text("Computing the first worlds...")
        with solara.lab.Tab("One world's story"):
            StoryView(setting, story_seed, new_world)
        with solara.lab.Tab("The two readings"):
            VerdictView()
        with solara.lab.Tab("Play Stalin"):
            RolePlay()
        with solara.lab.Tab("Glossary"):
            GlossaryView()
