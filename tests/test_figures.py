"""Figures that work on a slide: colour-blind-safe reading colours, labelled axes, large type,
and no raw identifier anywhere a reader looks.

Each figure function is called on small hand-written tables (the same shapes the
commands write) while ``save_figure`` is wrapped, so the test sees the matplotlib
Figure just before it is saved and checks what a reader would see.
"""

import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D

from korea1950.analysis.weigh.responsibility import ACTORS
from korea1950.reporting import plots, sensitivity_plots, verdict_plots, weigh_plots

OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"}

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
DICHROMACY = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])
WHITE = SRGB_TO_XYZ @ np.ones(3)
DISTINCT = 15.0
"""Smallest CIE76 colour difference between any two of the first four readings' colours,
for every kind of vision: about 2.3 is a just noticeable difference."""
FAR_APART = 40.0
"""Smallest difference between the two bundled readings' colours (the first two)."""


def _linear(colour: str) -> np.ndarray:
    rgb = np.array(to_rgb(colour))
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _difference(a: str, b: str, vision: np.ndarray | None) -> float:
    la, lb = _linear(a), _linear(b)
    if vision is not None:
        la, lb = vision @ la, vision @ lb
    return float(np.linalg.norm(_lab(la) - _lab(lb)))


def test_reading_colours_are_okabe_ito_and_stay_apart_under_colour_blindness():
    colours = list(plots.reading_colours(["kim", "stueck", "third", "fourth"]).values())
    assert {c.upper() for c in colours} <= OKABE_ITO
    visions = [("normal", None), *DICHROMACY.items()]
    for name, vision in visions:
        assert _difference(colours[0], colours[1], vision) > FAR_APART, name
        for a, b in combinations(colours, 2):
            assert _difference(a, b, vision) > DISTINCT, (a, b, name)
    # Not vacuous: matplotlib's default red and green, which blend for a deuteranope, fail.
    assert _difference("#d62728", "#2ca02c", DICHROMACY["deuteranopia"]) < DISTINCT
    styles = plots.reading_styles(["kim", "stueck", "third"])
    assert len({s["linestyle"] for s in styles.values()}) == 3
    assert len({s["marker"] for s in styles.values()}) == 3


# ---------------------------------------------------------------- hand-written tables

SCENARIOS = ("baseline", "soviet_veto")
READINGS = ("kim", "stueck")
OUTCOMES = ("invasion", "us_intervention", "soviet_veto")


def _outcome_rows() -> list[dict]:
    return [{"scenario": s, "reading": r, "outcome": o, "probability": p,
             "standard_error": 0.01, "difference_from_baseline": p - 0.5}
            for s, base in zip(SCENARIOS, (0.5, 0.8), strict=True) for r in READINGS
            for o, p in zip(OUTCOMES, (0.99, base, 1 - base), strict=True)]


def _front_rows() -> list[dict]:
    months = [f"{1949 + (9 + i - 1) // 12}-{(9 + i - 1) % 12 + 1:02d}" for i in range(30)]
    return [{"scenario": s, "reading": r, "month": m, "p10": 0.2, "p25": 0.4,
             "median": 0.5 + 0.01 * i * (1 if r == "kim" else -1), "p75": 0.7, "p90": 0.9}
            for s in SCENARIOS for r in READINGS for i, m in enumerate(months)]


def _distribution_rows() -> list[dict]:
    return [{"scenario": s, "reading": r, "distribution": d, "value": v, "worlds": w}
            for s in SCENARIOS for r in READINGS
            for d, values in (("invasion_month", (9, 10, 14)), ("war_months", (6, 30, 40)))
            for v, w in zip(values, (5, 10, 5), strict=True)]


def _sensitivity_rows() -> tuple[list[dict], list[dict]]:
    parameters = ("values_boycott_solidarity", "letter_candour", "war_burden")
    rows = [{"outcome": o, "parameter": p, "S1": value, "S1_conf": half,
             "S1_converged": half <= 0.02, "ST": value + 0.01, "ST_conf": half,
             "ST_converged": half <= 0.02}
            for o in ("soviet_veto", "armistice")
            for p, value, half in zip(parameters, (0.05, -0.004, 0.002), (0.01, 0.005, 0.04),
                                      strict=True)]
    convergence = [{"outcome": "soviet_veto", "flat": False, "chance": 0.95},
                   {"outcome": "armistice", "flat": False, "chance": 0.98}]
    return rows, convergence


def _prior_cell(mean: float, shift: float) -> dict:
    edges = np.linspace(0, 1, 21)
    counts = np.histogram(np.clip(np.random.default_rng(1).normal(mean + shift, 0.1, 200),
                                  0, 1), edges)[0]
    return {"bins": edges.tolist(), "posterior_counts": counts.tolist(),
            "matching_worlds": 200, "shift": shift, "prior_5_50_95": [mean - 0.15, mean,
                                                                     mean + 0.15],
            "cited_prior": {"distribution": "beta",
                            "arguments": {"mean": mean, "concentration": 20.0}}}


def _weighing() -> dict:
    """The parts of a weighing's JSON result that the figures read."""
    facts = {"gottwald-letter": "Stalin writes to Gottwald", "no-soviet-veto": "No Soviet veto"}
    variants = [{"id": "as-cited", "change": None, "parameter": None},
                {"id": "kim:letter_candour:mean-low", "change": "mean-low",
                 "parameter": "letter_candour"},
                {"id": "shared:war_burden:concentration-half", "change": "concentration-half",
                 "parameter": "war_burden"},
                {"id": "all:joint:mean-high", "change": "mean-high", "parameter": None}]
    table = [{"variant": v["id"], "log_bf": 0.3 * i - 0.2, "se": 0.1, "shift": 0.3 * i}
             for i, v in enumerate(variants)]
    return {
        "bayes_factors": [{"a": "kim", "b": "stueck", "log_bf": -0.2, "ci": [-0.4, 0.05]}],
        "contributions": {fact: {"kim/stueck": {"log_ratio": 0.1 * i, "ci": [0.1 * i - 0.05,
                                                                               0.1 * i + 0.05]},
                                 "description": text}
                          for i, (fact, text) in enumerate(facts.items())},
        "discrimination": [{"scenario": s, "readings": ["kim", "stueck"], "divergence": d,
                            "ci": [d - 0.01, d + 0.01]}
                           for s, d in zip(SCENARIOS, (0.3, 0.1), strict=True)],
        "robustness": {"variants": variants,
                       "pairs": [{"a": "kim", "b": "stueck", "log_bf_as_cited": -0.2,
                                  "log_bf_min": -0.2, "log_bf_max": 0.7, "table": table}]},
        "calibration": {"confusion": {"labels": ["kim", "stueck"],
                                      "matrix": [[0.7, 0.3], [0.4, 0.6]]},
                        "undecided": {"kim": 0.5, "stueck": 0.6}, "accuracy": 0.65,
                        "chance": 0.5},
        "decision_band": {"parameter": "expects_us_to_fight", "decision": "stalin_approves",
                          "values": [0.0, 0.5, 1.0],
                          "shares": {"kim": [0.99, 0.99, 0.98], "stueck": [0.99, 0.95, 0.88]},
                          "pairs": [{"a": "kim", "b": "stueck", "band": [0.7, 1.0]}]},
        "responsibility": {r: {a: {"share": 0.25, "ci": [0.24, 0.26]} for a in ACTORS}
                           for r in READINGS},
        "posterior": {r: {p: _prior_cell(m if r == "kim" else 1 - m, s)
                          for p, m, s in (("letter_candour", 0.8, 0.0),
                                          ("war_burden", 0.3, 0.1),
                                          ("values_boycott_solidarity", 0.3, 0.0))}
                      for r in READINGS},
    }


# ---------------------------------------------------------------- what a reader sees


def _seen(figure) -> dict:
    """Every visible text in a figure (titles, labels, tick labels, legends, notes) with its
    font size, and each data-bearing Axes' labels where its tick labels are shown."""
    figure.canvas.draw()
    texts = [(t.get_text(), t.get_fontsize()) for t in figure.findobj(
        lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
        if t.get_visible() and t.get_text().strip()]
    unlabelled = []
    for ax in figure.axes:
        has_data = ax.axison and (ax.lines or ax.collections or ax.patches or ax.images)
        if not has_data or ax.get_label() == "<colorbar>":
            continue
        for axis, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())):
            ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
            if any(t.get_visible() and t.get_text() for t in ticks) and not label.strip():
                unlabelled.append((ax.get_title(), axis))
    return {"texts": texts, "unlabelled": unlabelled}


@pytest.fixture
def seen(monkeypatch) -> list[tuple[Path, dict]]:
    """What each figure drawn during the test showed, by the stem it was saved to."""
    drawn: list[tuple[Path, dict]] = []
    real = plots.save_figure

    def record(figure, stem: Path) -> list[Path]:
        drawn.append((stem, _seen(figure)))
        return real(figure, stem)

    for module in (plots, sensitivity_plots, weigh_plots, verdict_plots):
        monkeypatch.setattr(module, "save_figure", record)
    return drawn


RAW = re.compile(r"_|\bkim\b|\bstueck\b")
"""A raw identifier: snake_case, or a reading by its bare name."""


def _check(drawn: list[tuple[Path, dict]], expected: set[str]) -> None:
    assert {stem.name for stem, _ in drawn} == expected
    for stem, view in drawn:
        assert stem.with_suffix(".png").stat().st_size > 5_000, stem
        assert stem.with_suffix(".svg").read_text().lstrip().startswith("<?xml"), stem
        assert not view["unlabelled"], (stem.name, view["unlabelled"])
        small = [(text, size) for text, size in view["texts"] if size < plots.MIN_FONT]
        assert not small, (stem.name, small[:5])
        raw = [text for text, _ in view["texts"] if RAW.search(text)]
        assert not raw, (stem.name, raw[:5])


def test_comparison_figures_are_labelled_large_and_in_words(seen, tmp_path):
    tables = {"outcomes": _outcome_rows(), "front": _front_rows(),
              "distributions": _distribution_rows()}
    plots.plot_outcomes(tables["outcomes"], OUTCOMES, tmp_path / "outcomes")
    plots.plot_heatmap(tables["outcomes"], OUTCOMES, tmp_path / "change")
    plots.plot_fan(tables["front"], tmp_path / "front")
    plots.plot_timing(tables["distributions"], tmp_path / "timing")
    rows, convergence = _sensitivity_rows()
    sensitivity_plots.plot_sensitivity(rows, "Which of Stalin's motives move each outcome",
                           tmp_path / "sensitivity", convergence=convergence)
    _check(seen, {"outcomes", "change", "front", "timing", "sensitivity"})
    texts = {text for _, view in seen for text, _ in view["texts"]}
    assert "Donggil Kim's reading" in texts and "William Stueck's reading" in texts
    assert "The Soviet delegate returns and vetoes" in texts  # the scenario's own title
    assert "Soviet veto at the Security Council" in texts


def test_weighing_figures_are_labelled_large_and_in_words(seen, tmp_path):
    paths = weigh_plots.write_figures(_weighing(), tmp_path)
    assert sorted({p.suffix for p in paths}) == [".png", ".svg"]
    _check(seen, {"bayes_factor", "discrimination", "robustness", "confusion",
                  "decision_band", "responsibility", "posterior"})
    bayes = dict(seen)[tmp_path / "bayes_factor"]
    # One panel: the whole record is a row of the facts' panel, not a panel of one dot.
    assert "The whole record" in {text for text, _ in bayes["texts"]}


def test_sensitivity_figure_greys_what_has_not_converged(monkeypatch, tmp_path):
    rows, convergence = _sensitivity_rows()
    colours: list[list[str]] = []
    real = plots.save_figure

    def record(figure, stem: Path) -> list[Path]:
        for ax in figure.axes:
            colours.append([bar.get_hatch() or "" for bar in ax.patches])
        return real(figure, stem)

    monkeypatch.setattr(sensitivity_plots, "save_figure", record)
    sensitivity_plots.plot_sensitivity(rows, "t", tmp_path / "s", convergence=convergence)
    hatched = sum(h == "//" for panel in colours for h in panel)
    # war_burden's two indices (half-width 0.04 > 0.02) in each of the two panels.
    assert hatched == 4


def test_posterior_draws_the_contested_parameters_first_then_those_the_record_moved():
    posterior = {r: {"values_boycott_solidarity": _prior_cell(0.3, 0.0),
                     "war_burden": _prior_cell(0.3, 0.2),
                     "letter_candour": _prior_cell(0.8 if r == "kim" else 0.2, 0.0)}
                 for r in READINGS}
    assert verdict_plots.shown_parameters(posterior) == [
        "letter_candour", "war_burden", "values_boycott_solidarity"]


def _captured(monkeypatch, module) -> list:
    """The figures ``module`` saves during a test, kept open for inspection."""
    figures: list = []
    real = plots.save_figure

    def record(figure, stem: Path) -> list[Path]:
        figures.append(figure)
        return real(figure, stem)

    monkeypatch.setattr(module, "save_figure", record)
    return figures


def test_the_front_band_drawn_is_the_band_the_caption_names(monkeypatch, tmp_path):
    """The report's Figure 3 caption names ``FRONT_BAND_WORDS``; the figure must draw exactly
    that band (the rows' p25 and p75: 0.4 and 0.7), and no 10-90% band."""
    figures = _captured(monkeypatch, plots)
    plots.plot_fan(_front_rows(), tmp_path / "front")
    bands = [collection.get_paths()[0].vertices[:, 1] for ax in figures[0].axes
             for collection in ax.collections if collection.get_paths()]
    assert bands and all((min(y), max(y)) == (0.4, 0.7) for y in bands)
    legend = figures[0].legends[0]
    assert plots.FRONT_BAND_WORDS in legend.get_title().get_text()


def test_each_readings_band_in_the_front_legend_has_that_readings_colour(monkeypatch,
                                                                          tmp_path):
    """The legend's swatch of a reading is its band (in its colour) under its median line,
    so a reader can tell which band is whose; no grey swatch stands for every band."""
    figures = _captured(monkeypatch, plots)
    plots.plot_fan(_front_rows(), tmp_path / "front")
    legend = figures[0].legends[0]
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels[:2] == ["Donggil Kim's reading", "William Stueck's reading"]
    colours = plots.reading_colours(list(READINGS))
    for reading, band in zip(READINGS, legend.legend_handles[:2], strict=True):
        assert to_rgb(band.get_facecolor()[:3]) == to_rgb(colours[reading])
    # each reading's median line is drawn over its band in the swatch
    drawn = [to_rgb(line.get_color()) for line in legend.findobj(Line2D)]
    assert {to_rgb(c) for c in colours.values()} < set(drawn)
    bands = [(to_rgb(c.get_facecolor()[0][:3]), c.get_alpha()) for ax in figures[0].axes
             for c in ax.collections if c.get_paths()]
    assert {colour for colour, _ in bands} == {to_rgb(c) for c in colours.values()}


def _long_front_rows(until: str, last: str, moves: bool) -> list[dict]:
    """Front rows from 1949-09 to ``last``, flat after ``until`` unless ``moves``."""
    months = []
    year, month = 1949, 9
    while f"{year}-{month:02d}" <= last:
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [{"scenario": s, "reading": r, "month": m, "p10": 0.2, "p25": 0.4,
             "median": 0.6 if moves and m > until and s == "soviet_veto" else 0.5,
             "p75": 0.7, "p90": 0.9} for s in SCENARIOS for r in READINGS for m in months]


def test_the_front_figure_says_where_it_stops_when_the_table_runs_on(monkeypatch, tmp_path):
    figures = _captured(monkeypatch, plots)
    plots.plot_fan(_long_front_rows("1954-12", "1956-12", moves=False), tmp_path / "front")
    title = " ".join(figures[0].get_suptitle().split())  # wrapped to the panels' width
    assert ("Drawn until December 1954; the table (front.csv) runs to December 1956, and no "
            "median or band moves after it.") in title
    dated = [line.get_xdata() for ax in figures[0].axes for line in ax.lines
             if len(line.get_xdata()) > 2]  # not the 38th parallel's axhline
    assert dated and str(max(max(x) for x in dated)).startswith("1954-12")
    moving = plots.front_span_note(_long_front_rows("1954-12", "1956-12", moves=True))
    assert moving.endswith("the front still moves after it in some panels.")
    # a table that ends before the figure would stop needs no note
    assert plots.front_span_note(_front_rows()) == ""
    plots.plot_fan(_front_rows(), tmp_path / "short")
    assert "\n" not in figures[1].get_suptitle()


def test_the_heatmap_capitalises_outcomes_as_run_does(seen, tmp_path):
    from korea1950.inputs.labels import first_upper, outcome_label

    outcomes = ("armistice", "north_unifies")
    rows = [{"scenario": s, "reading": r, "outcome": o, "probability": 0.5,
             "standard_error": 0.01, "difference_from_baseline": 0.1 * (s != "baseline")}
            for s in SCENARIOS for r in READINGS for o in outcomes]
    plots.plot_heatmap(rows, outcomes, tmp_path / "change")
    texts = {text for text, _ in seen[0][1]["texts"]}
    assert {"Armistice", "The North unifies Korea"} <= texts
    assert {first_upper(outcome_label(o)) for o in outcomes} <= texts
    assert not {outcome_label(o) for o in outcomes} & texts, "no lower-case label"


def test_a_scenario_and_reading_from_files_appear_by_their_own_titles(seen, tmp_path):
    """A scenario loaded from a file is no bundled one: its name alone would show as
    "my veto variant"; the title the file gives must show in every figure instead."""
    def renamed(rows: list[dict]) -> list[dict]:
        return [{**r, "scenario": "my_veto_variant" if r["scenario"] == "soviet_veto"
                 else r["scenario"], "reading": "mine" if r["reading"] == "stueck"
                 else r["reading"]} for r in rows]

    tables = {"outcomes": renamed(_outcome_rows()), "front": renamed(_front_rows()),
              "distributions": renamed(_distribution_rows())}
    titles, labels = {"my_veto_variant": "My veto variant"}, {"mine": "My variant of Kim"}
    for name, rows in tables.items():
        getattr(plots, {"outcomes": "plot_outcomes", "front": "plot_fan",
                        "distributions": "plot_timing"}[name])(
            *((rows, OUTCOMES) if name == "outcomes" else (rows,)), tmp_path / name,
            titles=titles, labels=labels)
    plots.plot_heatmap(tables["outcomes"], OUTCOMES, tmp_path / "change", titles=titles,
                       labels=labels)
    assert len(seen) == 4
    for stem, view in seen:
        texts = {text for text, _ in view["texts"]}
        assert "My veto variant" in texts, stem.name
        assert not any("my veto variant" in t for t in texts), stem.name
        assert any("My variant of Kim" in t for t in texts), stem.name
        assert not any("'mine'" in t for t in texts), stem.name


def test_a_family_member_names_whose_range_its_moved_mean_sits_in():
    row = {"id": "shared:war_burden:mean-high", "change": "mean-high",
           "parameter": "war_burden"}
    assert verdict_plots.variant_label({**row, "sourced": False}).endswith(
        "mean at the high end of its assumed range (no source)")
    assert verdict_plots.variant_label({**row, "sourced": True}).endswith("its cited range")
    joint = {"id": "all:joint:mean-low", "change": "mean-low", "parameter": None}
    assert verdict_plots.variant_label(joint).endswith("low end of its range")


def test_a_shift_over_other_worlds_is_drawn_hollow(monkeypatch, tmp_path):
    from korea1950.reporting import timing_plots

    figures = _captured(monkeypatch, timing_plots)
    rows = [{"scenario": "soviet_veto", "reading": r, "event": e, "shift_months": 3,
             "shift_ci_low": 2, "shift_ci_high": 4, "shift_note": "",
             "comparable": r == "kim"} for r in READINGS for e in ("invasion", "armistice")]
    timing_plots.plot_timing_shifts(rows, {"soviet_veto": "The Soviet delegate returns"},
                                    {r: r.title() for r in READINGS}, tmp_path / "t")
    faces = {bars.get_label(): bars.lines[0].get_markerfacecolor() for ax in figures[0].axes
             for bars in ax.containers if bars.get_label() in ("Kim", "Stueck")}
    assert faces["Stueck"] == "white" and faces["Kim"] != "white"
    legend = " ".join(text.get_text() for text in figures[0].legends[0].get_texts())
    assert "not comparable" in legend
