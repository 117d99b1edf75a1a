"""The page's role-play: one gate for the browser's values, the same game and debrief as `play`."""

import io
import re

import ipyvuetify as v
import pytest
import solara

from korea1950.simulation.agents.rules import rule_table
from korea1950.teaching.app.roleplay import (
    HAND_OVER,
    RolePlay,
    Seat,
    admit,
    log_markdown,
    reading_choices,
    whose_decisions,
)
from korea1950.teaching.play import play
from korea1950.teaching.play.session import advance


def test_the_gate_accepts_only_the_offered_choices():
    seat = Seat()
    assert admit(seat, "answer", "no") == (Seat(answers=(False,)), "")
    assert admit(seat, "answer", "yes") == (Seat(answers=(True,)), "")
    for what, value in [("answer", True), ("answer", 1), ("answer", "1"), ("answer", None),
                        ("answer", "<script>"), ("reading", "kim"), ("reading", "../x.toml"),
                        ("reading", ["Donggil Kim's reading"]), ("new_world", "yes"),
                        ("seed", 5), ("worlds", 10**9), ("restart", 1)]:
        kept, notice = admit(seat, what, value)
        assert kept == seat, (what, value)
        assert notice.startswith("Refused") and "\n" not in notice and len(notice) < 160
    labels = reading_choices()
    assert set(labels) == {"Donggil Kim's reading", "William Stueck's reading"}
    assert admit(seat, "reading", "Donggil Kim's reading")[0] == Seat(reading="kim")
    assert admit(Seat(seed=4, answers=(True,)), "new_world", True)[0] == Seat(seed=5)
    assert admit(Seat(seed=2**32 - 1), "new_world", True)[0].seed == 1
    assert admit(Seat(seed=4, answers=(True,)), "restart", True)[0] == Seat(seed=4)


def test_handing_over_lets_stalins_rule_decide_the_rest_of_the_world():
    seat, notice = admit(Seat(seed=3, answers=(False,)), "hand_over", True)
    assert not notice and seat == Seat(seed=3, answers=(False,), handed_over=True)
    step = advance(seat.game(), worlds=300)
    assert step.finished, "no more questions once the student has handed over"
    debrief = step.debrief
    assert debrief.count("   you chose: ") == 1, "only the student's own answer is scored"
    assert "decided by his own rule:" in debrief
    for what, value in [("hand_over", "yes"), ("hand_over", 1)]:
        assert admit(Seat(seed=3), what, value)[0] == Seat(seed=3)
    kept, notice = admit(seat, "answer", "yes")
    assert kept == seat and "over" in notice, "no answer after handing over"


def test_no_answer_is_taken_once_the_world_has_ended():
    over = Seat(seed=3, answers=(False,) * 7)
    assert advance(over.game(), with_debrief=False).finished
    kept, notice = admit(over, "answer", "yes")
    assert kept == over and "over" in notice


def test_the_page_game_ends_with_the_same_debrief_as_the_terminal():
    seat = Seat(seed=3)
    asked = []
    while not (step := advance(seat.game())).finished:
        asked.append((step.prompt.point, step.prompt.month))
        seat, notice = admit(seat, "answer", "no")
        assert not notice
    assert asked[:3] == [("stalin.approve", 0), ("stalin.approve", 4), ("stalin.veto", 7)]
    out = io.StringIO()
    play("stalin", "stueck", seed=3, read=lambda: "2", write=lambda t: out.write(t + "\n"),
         worlds=2000)
    terminal = out.getvalue()
    assert step.debrief.strip() == terminal[terminal.index("\nDebrief\n"):].strip()


def test_the_page_shows_the_debrief_as_markdown_with_the_same_scores():
    # a class reads it in the page, where indented text became a code block cut at the edge
    seat = Seat(seed=3, answers=(False, True), handed_over=True)
    text = advance(seat.game(), worlds=300).debrief
    page = advance(seat.game(), worlds=300, markdown=True).debrief
    assert page.startswith("### Debrief")
    assert not [line for line in page.splitlines() if line.startswith("   ") and
                not line.startswith("    - ")], "no indented line (a code block) but sub-items"
    for line in text.splitlines():  # every choice of the text is on the page
        if line.startswith("   you chose: "):
            assert line.strip() in page
    # every scored chance too, in percent as the page's table reads its shares
    scored = re.findall(r"^      (.+?): (\d\.\d\d) \(± (?:under 0\.01|\d\.\d\d)\)$", text,
                        flags=re.MULTILINE)
    shown = re.findall(r"^    - (.+?): (\d+)% \(± (?:under 1 point|1 percentage point|"
                       r"(?!1 )\d+ percentage points)\)$", page, flags=re.MULTILINE)
    assert scored and [who for who, _ in scored] == [who for who, _ in shown]
    assert all(abs(float(a) - int(b) / 100) <= 0.005 + 1e-9  # both round the same chance
               for (_, a), (_, b) in zip(scored, shown, strict=True))
    shares = [line for line in page.splitlines() if line.startswith("| North Korean invasion")]
    assert len(shares) == 1 and shares[0].endswith("% |"), "the closing table in percentages"


def test_the_log_is_a_list_and_the_page_says_which_decisions_are_the_students():
    log = advance(Seat(seed=3, answers=(False,)).game(), with_debrief=False).log
    shown = log_markdown(log)
    assert shown.startswith("**You chose: Refuse: tell him to wait**")
    assert "\n- September 1949: Stalin tells Kim Il Sung to wait" in shown
    assert "* " not in shown, "no literal bullets"
    said = whose_decisions()
    stalin = [r for r in rule_table() if r.actor == "Stalin"]
    assert all(f"- {r.title}" in said for r in stalin)
    asked, kept = said.split("His own rule")
    assert {r.title for r in stalin if r.point} == {
        line[2:] for line in asked.splitlines() if line.startswith("- ")}
    assert "weighs explaining his Council policy to an ally (the Gottwald letter)" in kept


THREAD_SECONDS = 60
"""How long the component's replay may take on a busy machine (a bound, not a measure)."""


@pytest.mark.filterwarnings("ignore")
def test_the_component_plays_through_its_buttons():
    _, rc = solara.render(RolePlay(), handle_error=False)
    assert rc.find(v.Btn, children=["New world"]).widget
    refuse = rc.find(v.Btn, children=["2) Refuse: tell him to wait"]).wait_for(
        timeout=THREAD_SECONDS)  # the replay runs in a thread
    refuse.widget.click()
    rc.find(v.Html, children=["World 1: 1 choice made so far."]).assert_single()
    rc.find(v.Btn, children=[HAND_OVER]).wait_for(timeout=THREAD_SECONDS)
    rc.find(v.Btn, children=["New world"]).widget.click()
    rc.find(v.Html, children=["World 2: 0 choices made so far."]).assert_single()
