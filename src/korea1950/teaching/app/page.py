"""The classroom page: switches and sliders in the sidebar, results in the main area.

Run with `korea1950 app`. Pressing Reset after changing a switch recomputes the
worlds (each session has its own model). The widgets' ranges come from
``korea1950.teaching.app.classroom``, which also enforces them on the server; anything
the server refused or could not compute is shown as one short line.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import solara
from mesa.visualization import SolaraViz

from korea1950.inputs.readings import bundled_reading_names
from korea1950.inputs.scenarios import bundled_scenario_names
from korea1950.reporting.plots import PALETTE
from korea1950.teaching.app.classroom import (
    DEFAULT_WORLDS,
    MAX_STORY,
    SWITCHES,
    WORLDS,
    ClassroomModel,
)
from korea1950.teaching.app.verdict import page_verdict, start_in_background

SHOWN = ("invasion", "soviet_veto", "us_intervention", "incheon_landing", "china_intervention",
         "armistice", "north_unifies", "south_unifies", "still_at_war")

model_params = {
    "what_if": {"type": "Select", "value": "baseline", "values": bundled_scenario_names(),
                "label": "Scenario"},
    "reading": {"type": "Select", "value": "stueck", "values": bundled_reading_names(),
                "label": "Reading of Stalin's intent"},
    "worlds": {"type": "SliderInt", "value": DEFAULT_WORLDS, "min": WORLDS[0], "max": WORLDS[1],
               "step": WORLDS[2], "label": "Worlds"},
    "seed": 1,
    **{name: {"type": "Checkbox", "value": False, "label": label}
       for name, (label, _) in SWITCHES.items()},
}


SCROLL = {"height": "100%", "overflow-y": "auto"}
"""Each component scrolls inside its grid cell instead of spilling over its neighbours."""


@solara.component
def Outcomes(model: ClassroomModel) -> None:
    """Outcome shares against the baseline: a chart and the numbers (or why there are none)."""
    with solara.Column(style=SCROLL):
        for notice in model.notices:
            solara.Warning(notice)
        if model.error:
            solara.Error(model.error)
        else:
            _outcomes(model)


def _outcomes(model: ClassroomModel) -> None:
    figure, ax = plt.subplots(figsize=(8, 3.6))
    x = np.arange(len(SHOWN))
    for offset, (label, summary, colour) in zip(
            (-0.2, 0.2), (("baseline", model.baseline, "#999999"),
                          ("this setting", model.result, PALETTE[0])), strict=True):
        shares = [summary.probability(o) for o in SHOWN]
        errors = [1.96 * summary.standard_error(o) for o in SHOWN]
        ax.bar(x + offset, shares, 0.4, yerr=errors, color=colour, label=label, capsize=2)
    ax.set_xticks(x, [o.replace("_", " ") for o in SHOWN], rotation=35, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of worlds")
    ax.set_title(f"{model.worlds:,} worlds, reading {model.reading.name}")
    ax.legend()
    figure.tight_layout()
    solara.FigureMatplotlib(figure)
    plt.close(figure)
    rows = "\n".join(f"| {o.replace('_', ' ')} | {model.result.probability(o):.3f} | "
                     f"{model.baseline.probability(o):.3f} |" for o in SHOWN)
    switched = ", ".join(SWITCHES[name][0] for name in model.flipped) or "none"
    solara.Markdown(f"**Scenario:** {model.scenario_spec.title}. **Switches:** {switched}.\n\n"
                    f"| outcome | this setting | baseline |\n|---|---|---|\n{rows}")


@solara.component
def FrontLine(model: ClassroomModel) -> None:
    """The front line's median and 80% band, this setting against the baseline."""
    if model.error:
        return
    figure, ax = plt.subplots(figsize=(8, 3))
    months = np.arange(model.result.tallies["front"].shape[0])
    for label, summary, colour in (("baseline", model.baseline, "#999999"),
                                   ("this setting", model.result, PALETTE[0])):
        bands = summary.front_quantiles((0.1, 0.5, 0.9))
        ax.fill_between(months, bands[0], bands[2], color=colour, alpha=0.2)
        ax.plot(months, bands[1], color=colour, label=label)
    ax.axhline(0.5, color="grey", linestyle=":")
    ax.set_xticks(range(4, len(months), 12), [str(1950 + i) for i in range(len(months[4::12]))])
    ax.set_ylim(0, 1)
    ax.set_ylabel("share held by the North")
    ax.set_title("The front line (median and 80% of worlds; dotted: 38th parallel)")
    ax.legend()
    figure.tight_layout()
    solara.FigureMatplotlib(figure)
    plt.close(figure)


@solara.component
def Story(model: ClassroomModel) -> None:
    """The story of one sampled world, with its quotes."""
    with solara.Column(style=SCROLL):
        if model.story:
            solara.Markdown("### The story of one world\n\n"
                            + model.story.split("\n", 1)[-1][:MAX_STORY])


@solara.component
def Verdict(model: ClassroomModel) -> None:
    """Kim or Stueck: what the record decides, with how far the verdict can be trusted.

    The same sentences as `korea1950 weigh`, from a smaller run shared by every
    session; it does not depend on the switches.
    """
    result = solara.use_thread(page_verdict, [])
    with solara.Column(style=SCROLL):
        solara.Markdown("### Kim or Stueck? What the record can and cannot decide")
        if result.state == solara.ResultState.FINISHED:
            verdict = result.value
            rows = "\n".join(
                f"| {row['pair']} | {row['log_bf']:+.2f} ({row['ci'][0]:+.2f} to "
                f"{row['ci'][1]:+.2f}) | {row['family'][0]:+.2f} to {row['family'][1]:+.2f} | "
                f"{'yes' if row['sign_holds'] else 'no'} | {row['accuracy']:.0%} |"
                for row in verdict["rows"])
            solara.Markdown("\n\n".join(f"- {sentence}" for sentence in verdict["sentences"])
                            + "\n\n| readings | log Bayes factor (95%) | over the prior family "
                            "| sign holds? | names the true reading |\n|---|---|---|---|---|\n"
                            + rows + f"\n\n*{verdict['caveat']} "
                            f"({verdict['replicates']:,} worlds per reading; "
                            "`korea1950 weigh` runs more.)*")
        elif result.state == solara.ResultState.ERROR:
            reason = " ".join(str(result.error).split())[:200]
            solara.Error(f"The verdict could not be computed: {reason}")
        else:
            solara.Info("Weighing the readings against the record (once per server; about "
                        "half a minute)...")


def make_page(model: ClassroomModel | None = None):
    """The page element; a fresh model per call (per browser session)."""
    start_in_background()
    return SolaraViz(model or ClassroomModel(), components=[
        (Outcomes, 0), (FrontLine, 0), (Story, 0), (Verdict, 0)], model_params=model_params,
        name="korea1950 — how the Korean War began")


@solara.component
def Page() -> None:
    """Solara's entry point: each session builds its own model."""
    model = solara.use_memo(ClassroomModel, [])
    make_page(model)
