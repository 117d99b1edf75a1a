"""Role-play: piped answers drive one actor; the game ends with a debrief."""

import io
import subprocess
import sys

from korea1950.teaching.play import play


def scripted(answers: list[str]):
    lines = iter(answers)
    return lambda: next(lines, None)


def test_piped_yes_finishes_with_a_debrief():
    result = subprocess.run([sys.executable, "-m", "korea1950.cli.main", "play", "--as",
                             "stalin", "--seed", "1"], input="1\n" * 200, text=True,
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "\nDebrief\n" in result.stdout
    assert "the record:" in result.stdout and "each reading's Stalin" in result.stdout


def test_scripted_choices_appear_in_the_debrief():
    out = io.StringIO()
    player = play("stalin", seed=2, read=scripted(["2", "2", "2"]),
                  write=lambda text: out.write(text + "\n"), worlds=300)
    text = out.getvalue()
    assert [c.chose_yes for c in player.choices[:3]] == [False, False, False]
    assert all(c.from_input for c in player.choices[:3])
    assert "you chose: Refuse: tell him to wait" in text
    assert "stalin_approval = never" in text
    assert player.exhausted


def test_end_of_input_hands_the_decisions_back_to_the_rule():
    out = io.StringIO()
    player = play("kim", seed=4, read=scripted([]), write=lambda t: out.write(t + "\n"),
                  worlds=300)
    assert player.choices and not any(c.from_input for c in player.choices)
    assert all(c.chose_yes == c.rule_said_yes for c in player.choices)
    assert "no more input" in out.getvalue() and "Debrief" in out.getvalue()


def test_invalid_answers_are_asked_again():
    out = io.StringIO()
    player = play("mao", seed=1, read=scripted(["maybe", "3", "1"] + ["1"] * 50),
                  write=lambda t: out.write(t + "\n"), worlds=300)
    assert "Please answer 1 or 2." in out.getvalue()
    assert player.choices[0].chose_yes and player.choices[0].from_input
