"""The page's sidebar rendered on the server (no browser): what a widget sends goes through the
gate, and the switches follow the chosen scenario."""

import ipyvuetify as v
import pytest
import solara
from reacton.core import Ref

from korea1950.teaching.app import page
from korea1950.teaching.app.classroom import SWITCHES, Session
from korea1950.teaching.app.page import Controls


@pytest.fixture
def sidebar(monkeypatch):
    """The sidebar alone; what it starts at a change is recorded in ``state.started``."""
    state = solara.reactive(Session())
    state.started = []
    monkeypatch.setattr(page, "start", lambda setting: state.started.append(setting) or
                        (setting, None))
    _, rc = solara.render(Controls(state, Ref(None)), handle_error=False)
    return state, rc


def widget(rc, kind, label: str):
    return rc.find(kind, label=label).widget


def test_the_menus_name_scenarios_by_title_and_readings_by_historian(sidebar):
    _, rc = sidebar
    readings = {item["text"] for item in widget(rc, v.Select, "Reading of Stalin's intent").items}
    assert readings == {"Donggil Kim: Stalin wanted the US entangled in Asia",
                        "William Stueck: Stalin wanted a quick victory without US intervention"}
    scenarios = widget(rc, v.Select, "Scenario").items
    assert {"text": "The Soviet delegate returns and vetoes", "value": "soviet_veto"} in scenarios
    assert len(SWITCHES) == 10
    for label, _ in SWITCHES.values():
        rc.find(v.Checkbox, label=label).assert_single()


def test_choosing_a_scenario_ticks_its_switch_and_a_path_is_refused(sidebar):
    state, rc = sidebar
    veto = widget(rc, v.Checkbox, "Soviet delegate returns and vetoes")
    assert veto.v_model is False
    widget(rc, v.Select, "Scenario").v_model = "soviet_veto"
    assert state.value.setting.scenario == "soviet_veto"
    assert widget(rc, v.Checkbox, "Soviet delegate returns and vetoes").v_model is True
    widget(rc, v.Select, "Scenario").v_model = "/etc/passwd"
    assert state.value.setting.scenario == "soviet_veto"
    assert "Refused the scenario '/etc/passwd'" in state.value.notices[0].text
    widget(rc, v.Checkbox, "The US does not intervene").v_model = True
    assert state.value.setting.switches == {"soviet_veto", "us_stays_out"}
    widget(rc, v.Select, "Scenario").v_model = "baseline"
    assert widget(rc, v.Checkbox, "Soviet delegate returns and vetoes").v_model is False
    assert state.value.setting.switches == frozenset()
    # Each change of setting started its worlds at the click; the refused path started none.
    assert [s.scenario for s in state.started] == ["soviet_veto", "soviet_veto", "baseline"]
    assert state.started[-1] == state.value.setting


def test_the_worlds_slider_and_the_seed_are_gated_when_they_change(sidebar):
    state, rc = sidebar
    widget(rc, v.Slider, "Worlds").fire_event("change", 10**12)
    assert state.value.setting.worlds == 50_000
    assert "became 50,000" in state.value.notices[0].text
    assert widget(rc, v.Slider, "Worlds").v_model == 50_000
    seed = rc.find(v.TextField).widget
    seed.fire_event("change", "77")
    assert state.value.setting.seed == 77
    seed.fire_event("change", "../../etc")
    assert state.value.setting.seed == 77
    assert "must be a whole number" in state.value.notices[0].text


@pytest.mark.parametrize("applies", [True, False])
def test_a_tab_that_ignores_the_sidebar_says_so_there(monkeypatch, applies):
    state = solara.reactive(Session())
    monkeypatch.setattr(page, "start", lambda setting: (setting, None))
    _, rc = solara.render(Controls(state, Ref(None), applies=applies), handle_error=False)
    said = [w.widget for w in rc.find(v.Alert) if "korea-ignored" in (w.widget.class_ or "")]
    assert len(said) == (0 if applies else 1)
    # Either way the switches stay live: a class sets up what the next tab shows.
    widget(rc, v.Checkbox, "The US does not intervene").v_model = True
    assert state.value.setting.switches == {"us_stays_out"}
