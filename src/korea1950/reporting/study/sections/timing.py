"""When things happen: the timing shifts each scenario makes against the baseline.

Why a section: a what-if may leave an event as likely as before and only move
it in time, which the outcome tables cannot show. The shifts and their
intervals come from ``tables/timing_vs_baseline.csv`` (already written).
"""

from korea1950.analysis.timing_shift import NOT_COMPARABLE, NOT_COMPARABLE_MARK, NOT_COMPARABLE_WHEN
from korea1950.inputs.calendar import month_text
from korea1950.inputs.labels import outcome_label
from korea1950.reporting.study.context import StudyContext
from korea1950.reporting.study.numbers import months_text, shift_interval_text
from korea1950.reporting.timing_plots import plot_timing_shifts

ORDER = 25
TITLE = "When things happen"
KEY_EVENTS = ("invasion", "us_intervention", "china_intervention", "armistice", "war_end")
"""Events whose shifts the report lists (the CSV holds every timed event): when the war
starts, who joins it and when, and when it ends."""


def clear_shifts(rows: list[dict]) -> list[dict]:
    """The rows of key events whose shift is not zero and whose 95% interval excludes zero."""
    return [r for r in rows if r["event"] in KEY_EVENTS and r["shift_months"] not in ("", 0)
            and (r["shift_ci_low"] > 0 or r["shift_ci_high"] < 0)]


def single_month(context: StudyContext, scenario: str, reading: str, event: str) -> bool:
    """Whether every world where the event happens has it in the same month, in both runs.

    Why: a bootstrap interval of width zero means either that every world agrees
    (nothing to estimate) or that the median is merely very stable; the report
    says which.
    """
    return all(int((context.summaries[(name, reading)].tallies[f"month:{event}"] > 0).sum()) == 1
               for name in ("baseline", scenario))


def shift_sentence(context: StudyContext, row: dict) -> str:
    """One shift in words: "12 months later (June 1950 → June 1951; 95% interval ...)".

    A shift over different sets of worlds (``comparable`` false) carries the
    mark and the two shares, so a reader sees why it is not a move in time.
    """
    exact = single_month(context, row["scenario"], row["reading"], row["event"])
    shares = ("" if row["comparable"] else
              f"; happens in {row['baseline_share']:.2f} → {row['scenario_share']:.2f} of worlds")
    mark = "" if row["comparable"] else f" {NOT_COMPARABLE_MARK}"
    return (f"{months_text(row['shift_months'])}{mark} "
            f"({month_text(row['baseline_median_month'])} → "
            f"{month_text(row['scenario_median_month'])}; "
            f"{shift_interval_text(row['shift_ci_low'], row['shift_ci_high'], exact)}{shares})")


def build(context: StudyContext) -> str:
    """Draw the timing figure and list every shift beyond chance; return the Markdown."""
    rows = context.tables["timing_vs_baseline"]
    plot_timing_shifts(rows, {s: context.scenario_title(s) for s in context.scenario_names[1:]},
                       {r: context.reading_label(r) for r in context.reading_names},
                       context.figures_dir / "timing_vs_baseline")
    lines = [f"## {TITLE}", "",
             "A what-if can leave an event as likely as before and still move it in time. For "
             "each scenario and reading, the median month of an event among the worlds where it "
             "happens is compared with the baseline's; the 95% interval of the shift comes from "
             "resampling the worlds of both runs (a bootstrap; full table in "
             "`tables/timing_vs_baseline.csv`).", "",
             "![Timing against the baseline](figures/timing_vs_baseline.png)", "",
             "*Figure 5. How many months later (right) or earlier (left) each scenario makes the "
             "invasion and the armistice, against the baseline; one colour and marker per "
             "reading; bars are 95% intervals; a hollow marker: not comparable, since "
             f"{NOT_COMPARABLE_WHEN}, so the medians are over different sets of worlds.*", ""]
    shifted = clear_shifts(rows)
    if not shifted:
        return "\n".join([*lines, "No scenario moves a key event in time beyond chance."]) + "\n"
    readings = context.reading_names
    lines += ["Every shift of a key event whose 95% interval excludes zero under at least one "
              "reading (a dash: no clear shift under that reading):", "",
              "| scenario | event | " + " | ".join(map(context.reading_label, readings)) + " |",
              "|---|---|" + "---|" * len(readings)]
    clear = {(r["scenario"], r["event"], r["reading"]): r for r in shifted}
    for scenario, event in dict.fromkeys((r["scenario"], r["event"]) for r in shifted):
        cells = [shift_sentence(context, clear[(scenario, event, reading)])
                 if (scenario, event, reading) in clear else "–" for reading in readings]
        lines.append(f"| {context.scenario_title(scenario)} | {outcome_label(event)} | "
                     + " | ".join(cells) + " |")
    if not all(row["comparable"] for row in shifted):
        lines += ["", NOT_COMPARABLE]
    return "\n".join(lines) + "\n"
