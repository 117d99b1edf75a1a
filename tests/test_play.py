"""Role-play: piped answers drive one actor; the debrief scores each choice against the rules."""

import io
import re
import subprocess
import sys

import numpy as np
import pytest
from situations import set_event, situation

from korea1950.cli.main import main
from korea1950.simulation.world import WAR
from korea1950.teaching.play import play
from korea1950.teaching.play.debrief import score
from korea1950.teaching.play.session import Game, advance


def scripted(answers: list[str]):
    lines = iter(answers)
    return lambda: next(lines, None)


def played(actor: str, seed: int, answers: list[str], reading: str = "stueck"):
    out = io.StringIO()
    player = play(actor, reading, seed=seed, read=scripted(answers),
                  write=lambda text: out.write(text + "\n"), worlds=300)
    return player, out.getvalue()


@pytest.fixture(scope="module")
def stalin_refuses():
    """Stalin, seed 3: refuse in September 1949 and in January 1950, stay away from the
    Council, then leave China out once (the rule decides after that)."""
    return played("stalin", 3, ["2", "2", "2", "2"])


def test_piped_yes_finishes_with_a_debrief():
    result = subprocess.run([sys.executable, "-m", "korea1950.cli.main", "play", "--as",
                             "stalin", "--seed", "1"], input="1\n" * 200, text=True,
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "\nDebrief\n" in result.stdout
    assert "the record:" in result.stdout
    assert "how likely each reading's Stalin was to choose as you did here:" in result.stdout
    assert "Donggil Kim's reading: " in result.stdout
    assert "William Stueck's reading: " in result.stdout


def test_debrief_speaks_in_labels_not_code_names(stalin_refuses):
    player, text = stalin_refuses
    assert [c.chose_yes for c in player.choices[:3]] == [False, False, False]
    assert all(c.from_input for c in player.choices[:3])
    assert "you chose: Refuse: tell him to wait" in text
    debrief = text[text.index("\nDebrief\n"):]
    assert re.search(r"“Refuse: tell him to wait” (all \d+ times|the one time you were asked)",
                     debrief)
    assert "North Korean invasion" in debrief and "Chinese intervention" in debrief
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", debrief), "no snake_case names"
    assert not re.search(r"\bkim\b", debrief)


def test_debrief_chances_for_stalin_refusing_in_1949_and_1950(stalin_refuses):
    player, _ = stalin_refuses
    model = player.model
    first, second = score(player, model, seed=3)[:2]
    # September 1949: China not yet a settled ally, so every Stalin of both readings refuses
    assert {name: e.yes for name, e in first.by_reading.items()} == {"kim": 0.0, "stueck": 0.0}
    # January 1950: asked from afar once China is settled; refusing is rare under both readings
    for estimate in second.by_reading.values():
        assert estimate.worlds == 4000 and estimate.of(False) < 0.2


def pressing_share(reading: str, month: int, front: float, worlds: int) -> tuple[float, int]:
    """The described situation, set by hand and run through the model's own rule: the US
    fights in Korea, China is out, the North holds ``front`` of the peninsula, Stalin has not
    pressed Mao yet. The share of Stalins drawn from ``reading`` who press Mao."""
    model = situation(reading=reading, worlds=worlds, seed=17, month=month)
    for event in ("ccp_victory", "invasion", "war_start", "us_intervention"):
        set_event(model, event, month - 1)
    model.world.phase[:] = WAR
    model.world.front[:] = front
    presses = model.stalin.press_china()
    return float(presses.mean()), worlds


@pytest.mark.parametrize("reading", ["kim", "stueck"])
def test_debrief_chance_matches_the_rule_run_across_many_worlds(stalin_refuses, reading):
    player, _ = stalin_refuses
    scored = score(player, player.model, seed=3)
    pressing = next(item for item in scored if item.choice.point == "stalin.press_china")
    estimate = pressing.by_reading[reading]
    share, size = pressing_share(reading, pressing.choice.month,
                                 pressing.choice.situation["front"], 8000)
    error = np.hypot(estimate.error, np.sqrt(share * (1 - share) / size))
    print(f"{reading}: debrief {estimate.yes:.3f} ± {estimate.error:.3f}; "
          f"the rule in {size} worlds {share:.3f}")
    assert 0.05 < share < 0.95, "a situation where the readings' Stalins are divided"
    assert abs(estimate.yes - share) <= 4 * error


def test_the_readings_disagree_on_pressing_mao(stalin_refuses):
    player, _ = stalin_refuses
    pressing = next(item for item in score(player, player.model, seed=3)
                    if item.choice.point == "stalin.press_china")
    kim, stueck = pressing.by_reading["kim"].yes, pressing.by_reading["stueck"].yes
    print(f"press Mao in {pressing.choice.month}: Donggil Kim {kim:.2f}, Stueck {stueck:.2f}")
    assert kim - stueck > 0.3


def test_the_models_mao_is_scored_by_his_rule():
    player, text = played("mao", 3, ["2"])
    choice = player.choices[0]
    assert choice.point == "mao.intervene" and not choice.chose_yes
    estimate = score(player, player.model, seed=3)[0].by_reading["stueck"]
    expected = player.model.params["mao_intervention_chance"]  # provoked, unpressed, uncovered
    assert abs(estimate.yes - expected) <= 4 * np.sqrt(expected * (1 - expected) / 4000)
    assert "how likely the model's Mao Zedong was to choose as you did here: " \
           f"{1 - estimate.yes:.2f}" in text


def test_same_seed_same_debrief(stalin_refuses):
    _, text = stalin_refuses
    _, again = played("stalin", 3, ["2", "2", "2", "2"])
    assert again == text


def test_end_of_input_hands_the_decisions_back_to_the_rule():
    player, text = played("kim", 4, [])
    assert "You left every decision to Kim Il Sung's own rule" in text
    assert "The chances below" not in text, "no chances are promised when none is scored"
    assert player.choices and not any(c.from_input for c in player.choices)
    assert all(c.chose_yes == c.rule_said_yes for c in player.choices)
    assert "no more input" in text and "Debrief" in text
    # only the question at which the input ran out is shown; the rule's later decisions
    # are one line per question and option in the debrief, not scored as the student's
    assert text.count(": you are Kim Il Sung ==") == 1
    assert "how likely the model's Kim Il Sung was to choose as you did here:" not in text
    debrief = text[text.index("\nDebrief\n"):]
    folded = debrief[debrief.index("decided by his own rule:"):].split("\n\n")[0]
    lines = folded.splitlines()[1:]
    assert len(lines) == len({(c.point, c.chose_yes) for c in player.choices}) >= 1
    assert sum(int(re.search(r"\((\d+) times", line).group(1)) if "times" in line else 1
               for line in lines) == len(player.choices)


def test_a_question_asked_again_shows_its_documents_once():
    answers = ["1", "2"] * 12
    player, text = played("stalin", 4, answers)
    game = text[:text.index("\nDebrief\n")]
    asked: dict[str, int] = {}
    for choice in player.choices:
        if choice.from_input:
            asked[choice.point] = asked.get(choice.point, 0) + 1
    again = [point for point, times in asked.items() if times > 1]
    assert again, "a question asked more than once"
    assert game.count("What the documents say:\n") == len(asked)
    assert game.count("What the documents say: as in ") == sum(asked.values()) - len(asked)


def test_invalid_answers_are_asked_again():
    player, text = played("mao", 1, ["maybe", "4", "1"] + ["1"] * 50)
    assert text.count("Please answer 1, 2 or 3.") == 2
    assert player.choices[0].chose_yes and player.choices[0].from_input


def test_session_replays_the_same_game_one_answer_at_a_time():
    first = advance(Game(seed=3), with_debrief=False)
    assert first.prompt.point == "stalin.approve" and first.prompt.month == 0
    second = advance(Game(seed=3, answers=(False,)), with_debrief=False)
    assert (second.prompt.point, second.prompt.month) == ("stalin.approve", 4)
    assert "You chose: Refuse: tell him to wait" in second.log
    assert not any("net gain" in line or "leans" in line for line in second.prompt.situation)
    done = advance(Game(seed=3, answers=(False, False, False, False, False, False, False)))
    assert done.finished and "Debrief" in done.debrief


@pytest.mark.parametrize("command", ["play", "run", "explain", "sensitivity"])
def test_the_help_tells_the_actor_kim_from_the_historian_kim(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "kim (Donggil Kim)" in text and "stueck (William Stueck)" in text
    assert ("kim (Kim Il Sung)" in text) == (command == "play")


def test_answer_3_leaves_the_rest_to_the_rule_and_a_question_asked_again_and_again_says_so():
    # Mao refusing Kim's plan is asked again every month while the plan stands.
    player, text = played("mao", 1, ["2", "2", "2", "2", "3"], reading="kim")
    game = text[:text.index("\nDebrief\n")]
    asked = [c for c in player.choices if c.from_input]
    assert len(asked) == 4 and {c.point for c in asked} == {"mao.consent"}
    assert game.count("== ") == 5, "the fifth question is answered 3, and none follows"
    assert game.count("This question comes back every month") == 2  # the 4th and 5th time
    assert "3) From now on, let this world's Mao Zedong decide" in game
    assert "(from now on the actor's own rule decides)" in game
    later = player.choices[len(asked):]
    assert later and all(not c.from_input and c.chose_yes == c.rule_said_yes for c in later)
