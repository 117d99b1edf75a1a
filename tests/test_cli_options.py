"""Command-line options that take lists of names or big integers: refused in one line, exit 2,
with what is allowed; and the error examples the docs show are what the program prints."""

import re
from pathlib import Path

import pytest

from korea1950.analysis.sensitivity import run_sensitivity
from korea1950.cli.common import MAX_INTEGER_TEXT
from korea1950.cli.main import main
from korea1950.inputs.errors import InputError
from korea1950.running.summary import OUTCOMES

ROOT = Path(__file__).resolve().parents[1]


def refused(argv: list[str], capsys) -> str:
    """The one line ``korea1950 <argv>`` prints on stderr, having exited with 2 while parsing
    (before any worlds run)."""
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    return error.strip()


def test_a_misspelt_outcome_gets_a_suggestion_and_the_place_every_name_is_listed(capsys):
    error = refused(["sensitivity", "--outcomes", "invasoin", "--workers", "1"], capsys)
    assert error == ("korea1950 sensitivity: error: argument --outcomes: unknown outcome "
                     "'invasoin' (see 'korea1950 sensitivity --help' for the "
                     f"{len(OUTCOMES)} outcomes); did you mean 'invasion'?")
    assert "..." not in error, "no list cut in the middle"
    error = refused(["sensitivity", "--outcomes", "invasion,Soviet-Veto,armistce"], capsys)
    assert "unknown outcome 'Soviet-Veto'" in error and "did you mean 'soviet_veto'?" in error


def test_the_help_lists_every_outcome_and_the_default(capsys):
    with pytest.raises(SystemExit) as done:
        main(["sensitivity", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    listed = text.split("--outcomes OUTCOMES comma-separated outcomes, any of:", 1)[1]
    assert all(f"{name}," in listed or f"{name} " in listed for name in OUTCOMES)
    assert ("(default: invasion, us_intervention, china_intervention, armistice, "
            "soviet_veto)") in listed


def test_the_library_refuses_an_unknown_outcome_or_none_in_the_same_words():
    with pytest.raises(InputError, match=r"unknown outcome 'invasoin' .*did you mean "
                                         r"'invasion'\?$"):
        run_sensitivity(samples=2, replicates_per_point=1, outcomes=("invasoin",))
    with pytest.raises(InputError, match="expected one or more outcomes"):
        run_sensitivity(samples=2, replicates_per_point=1, outcomes=())
    with pytest.raises(InputError, match=r"^outcome 'invasion' is named twice$"):
        run_sensitivity(samples=2, replicates_per_point=1,
                        outcomes=("invasion", "armistice", "invasion"))


@pytest.mark.parametrize(("argv", "text"), [
    (["compare", "baseline", "--readings", "kim,,stueck"], "'kim,,stueck': item 2 is empty"),
    (["weigh", "--readings", "kim,"], "'kim,': item 2 is empty"),
    (["weigh", "--readings", ",kim"], "',kim': item 1 is empty"),
    (["sensitivity", "--outcomes", "invasion, ,armistice"], "item 2 is empty"),
    (["compare", "baseline", "--readings", " , "], "leave --readings out for the default"),
    (["sensitivity", "--outcomes", ""], "leave --outcomes out for the default"),
])
def test_an_empty_item_in_a_list_is_refused_in_one_line(capsys, argv, text):
    error = refused([*argv, "--workers", "1"], capsys)
    assert text in error
    assert re.match(r"korea1950 (compare|weigh|sensitivity): error: argument "
                    r"--(readings|outcomes): expected (one or more )?comma-separated", error)


def test_a_list_of_names_is_taken_as_given_with_spaces_around_items(capsys):
    assert main(["sensitivity", "--samples", "2", "--replicates-per-point", "1",
                 "--outcomes", " invasion , soviet_veto", "--workers", "1", "--json"]) == 0
    assert '"outcome": "soviet_veto"' in capsys.readouterr().out


def test_a_seed_too_long_is_refused_naming_the_limit(capsys):
    digits = "1" * (MAX_INTEGER_TEXT + 1)
    error = refused(["run", "baseline", "--seed", digits], capsys)
    assert (f"argument --seed: expected a non-negative integer of at most {MAX_INTEGER_TEXT} "
            "digits, got '1111") in error
    # with an upper bound, that bound is the limit to state, not the digits
    error = refused(["run", "baseline", "--replicates", digits], capsys)
    assert "expected a positive integer up to 1,000,000,000, got" in error
    assert "digits" not in error
    # not a number at all: the digits are beside the point
    assert "expected a non-negative integer, got 'x'" in refused(
        ["run", "baseline", "--seed", "x"], capsys)


def test_a_seed_of_the_longest_length_is_accepted(capsys):
    seed = "9" * MAX_INTEGER_TEXT
    assert main(["run", "baseline", "--seed", seed, "--replicates", "10", "--workers", "1",
                 "--json"]) == 0
    assert f'"seed": {seed}' in capsys.readouterr().out


def _broken_readings(folder: Path) -> dict[str, Path]:
    """Bundled Stueck's reading broken three ways, as ``docs/files.md`` shows: keyed by the
    start of the message each gives."""
    text = (ROOT / "seeds" / "readings" / "stueck.toml").read_text()
    nan = text.replace("[parameters.reassurance_rate]\ndistribution = \"beta\"\nmean = 0.85",
                       "[parameters.reassurance_rate]\ndistribution = \"beta\"\nmean = nan")
    assert nan != text
    broken = {"key": nan, "nested": "x = " + "[" * 25 + "]" * 25 + "\n",
              "unknown": text.replace("[reading]", "[readng]", 1)}
    paths = {}
    for start, content in broken.items():
        (folder / start).mkdir()
        paths[start] = folder / start / "my.toml"
        paths[start].write_text(content)
    return paths


def test_the_error_examples_in_the_docs_are_what_the_program_prints(tmp_path, capsys):
    doc = (ROOT / "docs" / "files.md").read_text()
    block = doc.split("for a reading given as `--reading /tmp/my.toml`:", 1)[1]
    shown = block.split("```", 2)[1].strip().splitlines()
    assert len(shown) == 3
    for start, path in _broken_readings(tmp_path).items():
        assert main(["run", "baseline", "--reading", str(path), "--replicates", "10",
                     "--workers", "1"]) == 2
        printed = capsys.readouterr().err.strip()
        line = next(line for line in shown if line.startswith(
            f"korea1950: error: /tmp/my.toml: {start}"))
        assert printed.split("my.toml: ", 1)[1] == line.split("my.toml: ", 1)[1]
