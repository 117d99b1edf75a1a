"""The classroom page on the server, without a browser: the gate every browser value passes,
switches that follow the chosen scenario, the cached baseline, and the tables' intervals."""

import pytest

from korea1950.inputs.labels import reading_label
from korea1950.inputs.levers import Levers
from korea1950.inputs.scenarios import bundled_scenario_names, load_scenario
from korea1950.teaching.app import classroom, results, tables
from korea1950.teaching.app.classroom import (
    SWITCHES,
    WORLDS,
    Setting,
    admit,
    describe,
    effective_scenario,
    implied_switches,
    what_if,
)


def refused(what: str, value: object, setting: Setting | None = None) -> str:
    """The one notice a refused value gives; the setting must be unchanged."""
    setting = setting or Setting()
    admitted = admit(setting, what, value)
    assert admitted.setting == setting
    assert len(admitted.notices) == 1
    notice = admitted.notices[0]
    assert "\n" not in notice and len(notice) < 200
    return notice


def test_only_bundled_names_pass_and_the_notice_names_what_is_kept():
    assert admit(Setting(), "reading", "kim").setting.reading == "kim"
    notice = refused("scenario", "/etc/passwd")
    assert "'/etc/passwd'" in notice and "keeping The baseline: every lever as in history" in notice
    assert "keeping William Stueck" in refused("reading", "seeds/readings/kim.toml")
    refused("reading", ["kim"])
    refused("scenario", None)
    refused("scenario", "baseline.toml")


@pytest.mark.parametrize(("value", "kept"), [(10**12, WORLDS[1]), (5, WORLDS[0]),
                                             (-3, WORLDS[0]), (2_500.7, 3_000)])
def test_worlds_are_clamped_to_the_slider(value, kept):
    admitted = admit(Setting(), "worlds", value)
    assert admitted.setting.worlds == kept
    assert admitted.notices and f"became {kept:,}" in admitted.notices[0]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, "5000", None, {"a": 1}])
def test_worlds_that_are_not_numbers_are_refused(value):
    assert "must be a whole number" in refused("worlds", value)


def test_a_typed_seed_is_read_as_a_whole_number_and_clamped():
    assert admit(Setting(), "seed", "42").setting.seed == 42
    assert admit(Setting(), "seed", 7).notices == ()
    assert admit(Setting(), "seed", "-5").setting.seed == 0
    assert admit(Setting(), "seed", 2**40).setting.seed == classroom.SEEDS[1]
    refused("seed", "forty-two")
    refused("seed", "9" * 100)
    refused("seed", "\u00b2")  # a superscript two: str.isdigit says yes, int() says no
    refused("seed", "--5")


def test_worlds_are_held_to_the_sliders_step():
    admitted = admit(Setting(), "worlds", 12_345)
    assert admitted.setting.worlds == 12_000 and admitted.notices == (
        "The worlds can be 1,000 to 50,000 in steps of 1,000, so 12345 became 12,000.",)
    assert admit(Setting(), "worlds", 20_000).notices == ()


def test_a_switch_is_on_only_when_true_and_unknown_controls_are_refused():
    on = admit(Setting(), "switch:us_stays_out", True).setting
    assert on.switches == {"us_stays_out"}
    assert admit(on, "switch:us_stays_out", "yes").setting.switches == frozenset()
    assert admit(on, "switch:us_stays_out", 1).setting.switches == frozenset()
    assert "no such control" in refused("switch:rm -rf", True)
    assert "no such control" in refused("replicates", 5)


def test_choosing_a_scenario_ticks_the_switches_it_implies():
    vetoed = admit(Setting(), "scenario", "soviet_veto").setting
    assert vetoed.switches == {"soviet_veto"}
    assert admit(vetoed, "scenario", "baseline").setting.switches == frozenset()
    assert admit(vetoed, "reading", "kim").setting.switches == {"soviet_veto"}
    # Every scenario that offers a switch ticks its own, and only scenarios that set its
    # levers tick it.
    offered = {load_scenario(name).switch_name: name for name in bundled_scenario_names()
               if load_scenario(name).switch}
    assert set(offered) == set(SWITCHES)
    for key, name in offered.items():
        assert key in implied_switches(name)
    assert implied_switches("baseline") == frozenset()
    assert implied_switches("no_ccp_victory") == frozenset()


def test_the_switches_set_the_levers_the_scenario_files_define():
    kept_out = admit(Setting(), "switch:us_stays_out", True).setting
    assert effective_scenario(kept_out).levers == load_scenario("us_stays_out").levers
    vetoed = admit(Setting(), "scenario", "soviet_veto").setting
    assert effective_scenario(vetoed).levers == load_scenario("soviet_veto").levers
    # Unticking the scenario's own switch puts its levers back to history.
    unticked = admit(vetoed, "switch:soviet_veto", False).setting
    assert effective_scenario(unticked).levers == Levers()
    assert "Switched off, so as in history: Soviet delegate returns and vetoes" in describe(
        unticked)
    both = admit(vetoed, "switch:us_stays_out", True).setting
    levers = effective_scenario(both).levers
    assert (levers.soviet_veto, levers.us_intervention) == ("always", "never")


def test_the_setting_is_described_in_words():
    setting = admit(admit(Setting(), "reading", "kim").setting, "switch:no_incheon",
                    True).setting
    text = describe(setting)
    assert "Donggil Kim: Stalin wanted the US entangled in Asia" in text
    assert "Switched on: No landing at Incheon" in text
    assert "_" not in text and " kim" not in text


def test_the_story_opens_with_what_the_setting_changes_in_history():
    # a decision a setting takes out of an actor's hands is not weighed, so without this
    # line a "Mao refuses" world's story never said that Mao refused
    refusing = Setting(scenario="mao_refuses", switches=implied_switches("mao_refuses"))
    antecedent = load_scenario("mao_refuses").antecedent
    assert what_if(refusing) == antecedent.rstrip(".") + "."
    assert what_if(Setting()) == ""
    assert what_if(Setting(scenario="mao_refuses", switches=frozenset())) == "", \
        "its switch unticked, the setting is history"
    on_top = Setting(scenario="mao_refuses",
                     switches=implied_switches("mao_refuses") | {"us_stays_out"})
    assert what_if(on_top).endswith(". " + SWITCHES["us_stays_out"][0] + ".")
    told = results.story(refusing, 1)
    assert told.startswith(f"\n*What if: {antecedent.rstrip('.')}.*")
    assert "are cut here" not in results.story(Setting(reading="kim"), 1), \
        "a whole story fits the page"


@pytest.fixture(scope="module")
def kept_out() -> results.Outcomes:
    results.BASELINES.clear()
    results.SETTINGS.clear()
    setting = admit(Setting(worlds=1_000, seed=5), "switch:us_stays_out", True).setting
    return results.outcomes(setting)


def test_a_switch_changes_the_numbers_and_the_baseline_is_computed_once(kept_out):
    assert kept_out.error is None and not kept_out.baseline_cached
    assert kept_out.result.replicates == kept_out.baseline.replicates == 1_000
    assert kept_out.result.count("us_intervention") == 0
    assert kept_out.baseline.probability("us_intervention") > 0.3
    again = results.outcomes(admit(kept_out.setting, "switch:no_incheon", True).setting)
    assert again.baseline_cached and again.baseline is kept_out.baseline
    assert again.result.count("incheon_landing") == 0
    history = results.outcomes(Setting(worlds=1_000, seed=5))
    assert history.result is history.baseline is kept_out.baseline
    # The same levers reached another way come from the cache, not a new run.
    same = results.outcomes(admit(Setting(worlds=1_000, seed=5), "scenario",
                                  "us_stays_out").setting)
    assert same.result is kept_out.result


def test_a_settings_pictures_are_drawn_once_and_shown_again_from_the_cache(kept_out,
                                                                         monkeypatch):
    """A tab shown again (or another student on the same setting) does not redraw them."""
    results.PICTURES.clear()
    drawn = []
    real = results.workers.draw_pictures
    monkeypatch.setattr(results.workers, "draw_pictures",
                        lambda *pair: drawn.append(pair) or real(*pair))
    front, timeline = results.pictures(kept_out)
    assert front.startswith(b"\x89PNG") and timeline.startswith(b"\x89PNG")
    assert results.pictures(kept_out) == (front, timeline)
    same = results.outcomes(admit(Setting(worlds=1_000, seed=5), "scenario",
                                  "us_stays_out").setting)
    assert results.pictures(same)[0] is front
    assert drawn == [(kept_out.result, kept_out.baseline)]
    other = results.outcomes(Setting(worlds=1_000, seed=5))
    results.pictures(other)
    assert len(drawn) == 2, "another setting has pictures of its own"


def test_a_setting_started_at_the_click_is_the_one_the_page_collects(kept_out, monkeypatch):
    """The click starts the worlds; the page's thread collects that very result; a result
    started for another setting (the student clicked on) is not shown for this one."""
    computed = []
    real = results.outcomes
    monkeypatch.setattr(results, "outcomes",
                        lambda setting: computed.append(setting) or real(setting))
    setting = admit(Setting(worlds=1_000, seed=6), "switch:no_incheon", True).setting
    started = results.start(setting)
    shown = results.collect(started, setting)
    assert computed == [setting] and shown.error is None and shown.seconds > 0
    assert shown.result.count("incheon_landing") == 0
    assert results.collect(started, setting) is shown  # collected again: nothing recomputed
    other = admit(setting, "switch:no_incheon", False).setting
    elsewhere = results.collect(started, other)
    assert computed == [setting, other] and elsewhere.setting == other
    assert elsewhere.result.count("incheon_landing") > 0
    assert results.collect(None, setting).result is shown.result  # the cache, not a new run


def test_the_tables_show_every_row_in_words_with_intervals(kept_out):
    outcome = tables.outcome_table(kept_out.result, kept_out.baseline)
    lines = outcome.splitlines()
    assert len(lines) == 2 + len(tables.SHOWN)
    us = next(line for line in lines if line.startswith("| US intervention |"))
    assert "| 0.0% (0.0–0.4) |" in us and "**−" in us
    timing = tables.timing_table(kept_out.result, kept_out.baseline)
    assert "| When the US intervenes | never |" in timing
    for text in (outcome, timing):
        assert "_" not in text


class Counted:
    """A summary's two numbers the tables read: how many worlds, and in how many it happened."""

    def __init__(self, happened: int, replicates: int) -> None:
        self.happened, self.replicates = happened, replicates

    def count(self, outcome: str) -> int:
        return self.happened


def test_a_change_is_bold_only_when_its_shown_interval_excludes_zero():
    # 20 of 10,000 against 35 of 10,000: the interval's upper end is -0.003 points, shown 0.0
    cell = tables.difference_cell(Counted(20, 10_000), Counted(35, 10_000), "invasion")
    *_, high = tables.difference(20, 10_000, 35, 10_000)
    assert high < 0 and round(100 * high, 1) == 0
    assert cell == "−0.1 (−0.3 to 0.0)", "not bold: its interval as shown reaches zero"
    clear = tables.difference_cell(Counted(100, 10_000), Counted(300, 10_000), "invasion")
    assert clear.startswith("**−2.0") and clear.endswith("**")


def test_intervals_match_published_examples():
    # Newcombe (1998): Wilson's interval for 81/263, and method 10 for 56/70 - 48/80.
    low, high = tables.wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    d, low, high = tables.difference(56, 70, 48, 80)
    assert (round(d, 4), round(low, 4), round(high, 4)) == (0.2, 0.0524, 0.3339)
    assert tables.share_cell(0, 10_000) == "0.0% (±<0.1)"
    assert tables.share_cell(500, 1_000) == "50.0% (46.9–53.1)"


def test_a_session_keeps_its_newest_refusals():
    from korea1950.teaching.app.classroom import MAX_NOTICES, Session, receive

    session = Session()
    for value in range(MAX_NOTICES + 2):
        session = receive(session, "scenario", f"/tmp/{value}")
    assert len(session.notices) == MAX_NOTICES
    assert f"/tmp/{MAX_NOTICES + 1}" in session.notices[0].text
    assert session.setting == Setting()


def test_a_value_taken_as_sent_clears_the_refusals_of_its_control_only():
    from korea1950.teaching.app.classroom import Session, receive

    session = receive(receive(Session(), "seed", "abc"), "scenario", "/etc/passwd")
    assert [notice.about for notice in session.notices] == ["scenario", "seed"]
    session = receive(session, "seed", 7)
    assert session.setting.seed == 7
    assert [notice.about for notice in session.notices] == ["scenario"]
    assert "/etc/passwd" in session.notices[0].text
    clamped = receive(session, "seed", -5)  # taken, but changed: its notice stays
    assert clamped.setting.seed == 0 and "-5" in clamped.notices[0].text
    assert receive(clamped, "reading", "kim").notices == clamped.notices


def test_a_long_story_is_cut_in_the_middle_and_keeps_its_summary():
    from korea1950.teaching.app.results import MAX_STORY, SUMMARY_HEADING, shortened

    months = "".join(f"### Month {n}\n\n- something happened\n\n" for n in range(2000))
    story = f"# One world\n\n{months}{SUMMARY_HEADING}\n\n- April 1950: Stalin approves\n"
    cut = shortened(story)
    assert len(story) > MAX_STORY >= len(cut) - 200
    assert cut.startswith("# One world") and cut.endswith("- April 1950: Stalin approves\n")
    assert "are cut here" in cut
    short = "# Short\n\n## In short\n\n- nothing\n"
    assert shortened(short) == short


def test_the_verdict_is_led_by_a_sentence_a_class_can_follow():
    from korea1950.teaching.app.verdict import plain_verdict

    def row(log_bf, ci, sign_holds=True, sign_clear=True, sweeps_hold=True):
        return {"a": "kim", "b": "stueck", "log_bf": log_bf, "ci": ci,
                "sign_holds": sign_holds, "sign_clear": sign_clear, "sweeps_hold": sweeps_hold}

    leaning = plain_verdict(row(-0.30, [-0.33, -0.27], sign_holds=False, sign_clear=False))
    assert ("about 1.35 times as likely under William Stueck's reading as under Donggil Kim's "
            "reading; on the usual scale (Kass and Raftery's), not worth more than a bare "
            "mention") in leaning, "the same 1.35 as the report's odds of 1 : 1.35"
    assert "does not settle the question" in leaning
    # an interval over zero says "cannot tell" once, whatever the prior family did
    unclear = plain_verdict(row(0.02, [-0.05, 0.09]))
    assert "cannot tell which way it leans" in unclear
    assert "times as likely" not in unclear and "leans the same way" not in unclear
    firm = plain_verdict(row(2.5, [2.3, 2.7]))
    assert "about 12.2 times as likely under Donggil Kim's reading" in firm
    assert "(Kass and Raftery's), positive." in firm and "leans the same way under every" in firm
    # as the weighing decides: near the noise, or a sweep of the rule's terms turning it round,
    # and it is not said to hold
    for shaky in (row(2.5, [2.3, 2.7], sign_clear=False), row(2.5, [2.3, 2.7], sweeps_hold=False)):
        assert "does not settle the question" in plain_verdict(shaky)


def test_the_pages_timing_table_marks_a_shift_over_other_worlds_and_does_not_bold_it():
    # "had Stalin lived, the war would have ended a year and a half sooner" is what a bold
    # -18 months taught: the armistice then comes in a third of the worlds it came in before
    from korea1950.running.ensemble import simulate

    base = simulate("baseline", "stueck", 2_000, seed=1, progress=False)
    lived = simulate("stalin_lives", "stueck", 2_000, seed=1, progress=False)
    table = tables.timing_table(lived, base)
    armistice = next(line for line in table.splitlines() if "armistice" in line)
    assert "| †−" in armistice and "**" not in armistice
    assert f"in {lived.probability('armistice'):.0%} of worlds" in armistice
    assert table.rstrip().endswith("not a like-for-like comparison.*")
    same = tables.timing_table(base, base)
    assert "†" not in same and "like-for-like" not in same


def test_a_setting_whose_own_switch_is_unticked_but_which_changes_more_opens_with_no_empty_line(
        monkeypatch):
    # a scenario with a lever no switch covers, its one switch unticked: the story must not
    # open with "What if: ." (no bundled scenario is like this today; one may be)
    import dataclasses

    base = load_scenario("us_stays_out")
    two = dataclasses.replace(base, name="two_levers", levers=dataclasses.replace(
        base.levers, stalin_death=base.levers.stalin_death + 12))
    monkeypatch.setattr(classroom, "_scenario", lambda name: two)
    assert implied_switches("two_levers") == {"us_stays_out"}
    unticked = Setting(scenario="two_levers", switches=frozenset())
    assert what_if(unticked) == ""
    assert what_if(Setting(scenario="two_levers", switches=frozenset({"us_stays_out"}))) == \
        base.antecedent.rstrip(".") + "."


def test_the_readings_tab_sets_each_readings_worlds_against_every_fact_of_the_record():
    from korea1950.analysis.record_fit import counted_as, date_text
    from korea1950.inputs.record import load_record

    results.BASELINES.clear()
    baselines = results.every_baseline(2_000, 5)
    assert list(baselines) == ["kim", "stueck"]
    assert all(summary.replicates == 2_000 for summary in baselines.values())
    assert results.baseline("kim", 2_000, 5)[1], "the page's baselines, cached for the other tabs"
    facts = load_record()
    text = tables.record_table(facts, baselines)
    lines = text.splitlines()
    assert [cell.strip() for cell in lines[0].strip("|").split("|")][4:] == [
        "Donggil Kim's reading", "William Stueck's reading"]
    missed = text.split("**Facts the baseline mostly misses**", 1)[1].splitlines()
    for position, (fact, line) in enumerate(zip(facts, lines[2:2 + len(facts)], strict=True)):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[:3] == [fact.description, date_text(fact.date), counted_as(fact)]
        shares = {}
        for column, (name, summary) in enumerate(baselines.items(), start=4):
            matching = int(summary.tallies["record:fact"][position])
            assert cells[column] == tables.share_cell(matching, 2_000), f"{fact.id} under {name}"
            shares[name] = matching / 2_000
        said = [entry for entry in missed if entry.startswith(f"- *{fact.description}*")]
        assert len(said) == (min(shares.values()) < 0.5)
        for name, share in shares.items():  # each low reading is named with its own share
            named = f"{100 * share:.1f}% of worlds under {reading_label(name)}"
            assert (share < 0.5) == bool(said and named in said[0]), f"{fact.id} under {name}"
    # the baseline mostly presses Mao before Incheon (0.10 and 0.26 of 100,000 worlds, 2026-11)
    assert any(entry.startswith("- *Stalin turns to Mao for troops only after Incheon*: "
                                "reproduced in only") for entry in missed)
    assert "| set a number |" in text and "| weighs the readings |" in text
    assert "2,000 per reading" in text
