"""The page's tabs: the outcomes with their pictures, one world's story, the readings, a glossary.

Why apart from the page: each tab is a view of results computed elsewhere
(``results``, ``verdict``); the page itself holds the session's state, the
sidebar and the gate. A view receives what it shows and changes nothing.
"""

import logging
from collections.abc import Callable

import markdown
import solara

from korea1950.inputs.labels import (
    GLOSSARY,
    INVASION_COUNTS_COUNTERATTACKS,
    OUTCOME_LABELS,
    event_description,
)
from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.record import load_record
from korea1950.teaching.app import tables
from korea1950.teaching.app.classroom import Setting, reading_title
from korea1950.teaching.app.results import Outcomes, every_baseline, pictures, story
from korea1950.teaching.app.verdict import page_verdict, plain_verdict

log = logging.getLogger(__name__)

INTRO = ("Each world is one possible history from September 1949 to December 1956: the "
         "actors decide by the model's rules, with chance in their decisions, so worlds differ. "
         "The table says in what share of worlds each thing happened, in the setting chosen in "
         "the sidebar and with every lever as in history (the baseline: the model's rendering "
         "of history, not the record itself). Try a switch and watch the change column.")
"""Three sentences for a class that opens the page cold (a teacher's review found none)."""


@solara.component
def OutcomesView(shown: Outcomes, computing: bool) -> None:
    """The numbers first (every row in view), the two pictures side by side, then the timings."""
    drawn = solara.use_thread(lambda: None if shown.error else pictures(shown),
                              dependencies=[id(shown)], intrusive_cancel=False)
    if shown.error:
        solara.Error(shown.error)
        return
    style = {"opacity": "0.55"} if computing else {}
    with solara.Column(classes=["korea-tables"], style=style):
        Rendered(f"{INTRO}\n\n#### Share of worlds in which it happened\n\n"
                 f"{tables.outcome_table(shown.result, shown.baseline)}")
        solara.Markdown("*95% intervals in brackets. Change: this setting minus the "
                        "baseline, in percentage points; **bold** where its interval "
                        f"excludes zero. {INVASION_COUNTS_COUNTERATTACKS}*")
        with solara.Details("Every other outcome"):
            Rendered(tables.outcome_table(shown.result, shown.baseline, tables.OTHERS))
    if drawn.state == solara.ResultState.FINISHED:
        with solara.Columns([1, 1], style=style):
            solara.Image(drawn.value[0], width="100%")
            solara.Image(drawn.value[1], width="100%")
    elif drawn.state == solara.ResultState.ERROR:
        solara.Error("The pictures could not be drawn; the numbers stand.")
    else:
        solara.Text("Drawing the front line and the timeline...")
    with solara.Column(classes=["korea-tables"], style=style):
        Rendered("#### When things happened (in the worlds where they did)\n\n"
                 + tables.timing_table(shown.result, shown.baseline))


@solara.component
def Rendered(text: str) -> None:
    """Markdown that changes with every setting, as HTML updated in place.

    Why not ``solara.Markdown``: it makes a new browser widget for every new
    text, whose template the browser compiles and scans for diagrams and
    formulas before showing it. From the server's numbers to the student's
    screen took about 0.085 s that way and 0.055 s with HTML updated in place
    (three clicks each, the page in headless Chromium on the 2-core machine).
    """
    solara.HTML(unsafe_innerHTML=markdown.markdown(text, extensions=["tables"]),
                classes=["solara-markdown", "rendered_html", "jp-RenderedHTMLCommon"])


@solara.component
def StoryView(setting: Setting, story_seed: int, new_world: Callable[[], None],
              active: bool) -> None:
    """One world of this setting, told month by month with its sources.

    Told only while its tab is open: a story told in a thread beside a new setting's
    worlds would slow them (one interpreter), and the class is looking at the numbers.
    """
    text = solara.use_thread(lambda: story(setting, story_seed) if active else None,
                             dependencies=[setting, story_seed, active], intrusive_cancel=False)
    with solara.Row(style={"align-items": "center"}):
        solara.Button("New world", on_click=new_world, color="primary")
        solara.Text(f"World number {story_seed} of this setting.")
    if text.state == solara.ResultState.FINISHED and text.value is not None:
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
    with solara.Column(classes=["korea-verdict"]):
        solara.Markdown("### Donggil Kim or William Stueck? What the record can and cannot "
                        "decide\n\n" + "\n".join(f"- {reading_title(name)}"
                                                    for name in bundled_reading_names())
                        + "\n\n*The verdict weighs both readings against the record of what "
                        "happened, with every lever as in history: the sidebar's setting does "
                        "not change it.*")
        if result.state == solara.ResultState.FINISHED:
            verdict = result.value
            solara.Markdown("\n\n".join(plain_verdict(row) for row in verdict["rows"]))
            with solara.Details("In detail: the weighing's own figures"):
                solara.Markdown(verdict_markdown(verdict))
        elif result.state == solara.ResultState.ERROR:
            reason = " ".join(str(result.error).split())[:200]
            solara.Error(f"The verdict could not be computed: {reason}")
        else:
            solara.Text("Weighing the readings against the record (once per server; about "
                        "half a minute)...")
            solara.ProgressLinear(True)
        RecordFitView()


RECORD_FIT = ("#### How often each reading's worlds reproduce the record\n\n"
              "Each row is a fact of the record; each reading's column is the share of its "
              "baseline worlds that match it, by the test in the third column. A fact that "
              "*set a number* fixed one of the model's timings or chances, so matching it says "
              "how well that number was fitted, not which reading is right; only the facts that "
              "*weigh the readings* enter the verdict above. These are the page's opening "
              "worlds, whatever the sidebar says.")
"""What the table is, in words a class can follow."""


@solara.component
def RecordFitView() -> None:
    """Each fact of the record against each reading's baseline (the page's first setting).

    The baselines are the page's own, cached, at its opening size and seed; a reading not
    yet looked at is computed once, in a worker.
    """
    opening = Setting()
    fit = solara.use_thread(
        lambda: tables.record_table(load_record(),
                                    every_baseline(opening.worlds, opening.seed)),
        [], intrusive_cancel=False)
    if fit.state == solara.ResultState.FINISHED:
        solara.Markdown(RECORD_FIT)
        with solara.Column(classes=["korea-tables", "korea-record"]):
            solara.Markdown(fit.value)
    elif fit.state == solara.ResultState.ERROR:
        log.error("the record's table could not be computed", exc_info=fit.error)
        solara.Error("The record's table could not be computed; the verdict stands.")
    else:
        solara.Text("Setting each reading's worlds against the record...")


def verdict_markdown(verdict: dict) -> str:
    """The weighing's sentences and its table of figures per pair of readings."""
    rows = "\n".join(
        f"| {row['pair']} | {row['log_bf']:+.2f} ({row['ci'][0]:+.2f} to "
        f"{row['ci'][1]:+.2f}) | {row['family'][0]:+.2f} to {row['family'][1]:+.2f} | "
        f"{'yes' if row['sign_holds'] else 'no'} | {row['accuracy']:.0%} |"
        for row in verdict["rows"])
    return ("\n\n".join(f"- {sentence}" for sentence in verdict["sentences"])
            + "\n\n| readings | log Bayes factor (95%) | over the prior family "
            "| sign holds? | names the true reading |\n|---|--:|--:|--:|--:|\n"
            + rows + f"\n\n*{verdict['caveat']} "
            f"({verdict['replicates']:,} worlds per reading; the study's report weighs "
            "more.)*")


@solara.component
def GlossaryView() -> None:
    """Every term and outcome the page uses, explained once."""
    terms = "\n".join(f"- **{term}**: {meaning}" for term, meaning in GLOSSARY.items())
    events = "\n".join(
        f"| {label} | {event_description(name)} |" for name, label in OUTCOME_LABELS.items())
    solara.Markdown(f"### Terms\n\n{terms}\n\n### Outcomes and events\n\n"
                    f"| on the page | what it means |\n|:--|:--|\n{events}",
                    style={"max-width": "60em"})
