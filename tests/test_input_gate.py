"""The input gate: every TOML file and command-line value fails in one short line, or is sound.

Limits are checked before parsing (size, nesting, dotted keys), every number
must be finite, unknown keys and tables get a "did you mean", long values are
cut, and readings' priors are held to documented bounds.
"""

import dataclasses
import json
import tracemalloc

import numpy as np
import pytest

from korea1950.cli.main import main
from korea1950.inputs.errors import MAX_LINE, MAX_MESSAGE, InputError, did_you_mean, one_line, shown
from korea1950.inputs.evidence import evidence_ids
from korea1950.inputs.parameters import STALIN_MOTIVE_PARAMETERS
from korea1950.inputs.readings import CONCENTRATION, Prior, load_reading
from korea1950.inputs.record import load_record
from korea1950.inputs.scenarios import load_scenario, resolve_scenario_path
from korea1950.inputs.tomlfile import MAX_BYTES, MAX_KEY_PARTS, MAX_NESTING, load_toml
from korea1950.running.blocks import BLOCK, MAX_WORLDS, BlockPlan, make_tasks
from korea1950.running.evaluators import in_order

BASELINE = resolve_scenario_path("baseline").read_text()


def written(tmp_path, text: str, name: str = "f.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def one_short_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message and len(message) <= MAX_MESSAGE, message
    return message


# --- the gate, for any TOML file ------------------------------------------------------------

@pytest.mark.parametrize("text, fragment", [
    ("x = " + "[" * 999 + "]" * 999, f"nested more than {MAX_NESTING} levels"),
    ("x = " + "{a = " * 200 + "1" + "}" * 200, "nested more than"),
    ("a" + ".a" * 100_000 + " = 1", f"more than {MAX_KEY_PARTS} parts"),
    ("[" + "t." * 100_000 + "t]", f"more than {MAX_KEY_PARTS} parts"),
    ("x = nan", "'x' = nan: expected a finite number"),
    ("[a]\nb = [1.0, -inf]", "'a.b' = -inf"),
    ("x = 99999999999999999999", "64-bit range"),
    ("x = " + "9" * 5000, "not valid TOML"),
    ("x = '" + "a" * (MAX_BYTES + 10) + "'", "larger than 1,000,000 bytes"),
    ("x = [1, 2", "not valid TOML"),
])
def test_hostile_toml_is_refused_in_one_short_line(tmp_path, text, fragment):
    with pytest.raises(InputError) as error:
        load_toml(written(tmp_path, text))
    assert fragment in one_short_line(error)


def test_brackets_in_strings_and_comments_do_not_count_as_nesting(tmp_path):
    text = ('a = "' + "[" * 50 + '"\n# ' + "{" * 50 + "\nb = '''" + "[" * 50 + "'''\n"
            "c = 'x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p'\n")
    assert load_toml(written(tmp_path, text))["a"] == "[" * 50


def test_every_toml_loader_goes_through_the_gate(tmp_path):
    deep = "x = " + "[" * 999 + "]" * 999 + "\n"
    for loader in (load_scenario, load_reading, load_record):
        with pytest.raises(InputError) as error:
            loader(written(tmp_path, deep, f"{loader.__name__}.toml"))
        assert "nested more than" in one_short_line(error)


def test_a_huge_value_is_cut_in_the_message(tmp_path):
    text = BASELINE.replace('soviet_veto = "rule"', f'soviet_veto = "{"v" * 900_000}"')
    with pytest.raises(InputError) as error:
        load_scenario(str(written(tmp_path, text)))
    message = one_short_line(error)
    assert "lever 'soviet_veto'" in message and "..." in message


def test_nan_in_a_scenario_parameter_is_refused(tmp_path):
    text = BASELINE + "\n[parameters]\nmao_consent_chance = nan\n"
    with pytest.raises(InputError, match="finite number"):
        load_scenario(str(written(tmp_path, text)))


# --- readings ---------------------------------------------------------------------------------
# Probe readings are generated from the parameter list, so they follow it when it changes.

BETA = next(name for name, spec in STALIN_MOTIVE_PARAMETERS.items()
            if (spec.low, spec.high) == (0.0, 1.0))
"""The parameter whose prior the tests below vary (a beta prior: mean 0.35, concentration 10)."""

CITED = sorted(evidence_ids())[0]
PRIOR = 'distribution = "beta"\nmean = 0.35\nconcentration = 10\n'


def reading_text(prior: str = PRIOR, header: str = "", tables: str = "") -> str:
    """A complete reading: ``prior`` for ``BETA``, plain priors for every other parameter."""
    lines = [tables, "[reading]", 'name = "probe"', 'title = "A probe reading"',
             'historian = "Nobody"', f'evidence = ["{CITED}"]', header]
    for name, spec in STALIN_MOTIVE_PARAMETERS.items():
        lines.append(f"[parameters.{name}]")
        if name == BETA:
            lines.append(prior + f'evidence = ["{CITED}"]')
        elif (spec.low, spec.high) == (0.0, 1.0):
            lines.append('distribution = "beta"\nmean = 0.5\nconcentration = 4\n'
                         'assumption = "a probe"')
        else:
            lines.append(f'distribution = "uniform"\nlow = {spec.low}\nhigh = {spec.high}\n'
                         'assumption = "a probe"')
    return "\n".join(lines) + "\n"


def probe(tmp_path, **parts) -> str:
    return str(written(tmp_path, reading_text(**parts), "reading.toml"))


def test_the_probe_reading_itself_is_valid(tmp_path):
    reading = load_reading(probe(tmp_path))
    assert reading.priors[BETA].mean() == 0.35 and reading.priors[BETA].mean_range is None


@pytest.mark.parametrize("value", ["nan", "inf", "1e308", "1e-300", "0", "-1", "0.49", "10001"])
def test_a_concentration_outside_its_documented_bounds_is_refused(tmp_path, value):
    with pytest.raises(InputError) as error:
        load_reading(probe(tmp_path, prior=PRIOR.replace("= 10", f"= {value}")))
    message = one_short_line(error)
    assert BETA in message and (
        "finite" in message or f"from {CONCENTRATION[0]:g} to {CONCENTRATION[1]:g}" in message)


@pytest.mark.parametrize("value", ["1e-300", "0", "1", "0.9999999", "-0.5"])
def test_a_beta_mean_too_close_to_0_or_1_is_refused(tmp_path, value):
    with pytest.raises(InputError, match=r"'mean' = .*from 1e-06 to 0.999999"):
        load_reading(probe(tmp_path, prior=PRIOR.replace("= 0.35", f"= {value}")))


MISSPELT = CITED[:-1] + ("x" if CITED[-1] != "x" else "y")


@pytest.mark.parametrize("old, new, fragments", [
    (PRIOR, PRIOR + "stddev = 7\n", ["unknown key 'stddev'", "takes mean, concentration"]),
    (PRIOR, PRIOR + "meen = 0.3\n", ["'meen'", "did you mean 'mean'"]),
    ('"beta"\nmean = 0.35', '"betta"\nmean = 0.35', ["'betta'", "did you mean 'beta'"]),
    ("[reading]", "[readng]", ["'readng'", "did you mean 'reading'"]),
    ("[reading]", "[other]\nx = 1\n[reading]", ["unknown table or key 'other'"]),
    ('historian = "Nobody"', 'historain = "Nobody"',
     ["[reading]: unknown key 'historain'", "did you mean 'historian'"]),
    ('title = "A probe reading"', "title = 7", ["'title' = 7", "expected a string"]),
    ('historian = "Nobody"', 'historian = "Nobody"\nsummary = ["a list"]',
     ["'summary'", "expected a string"]),
    (f'evidence = ["{CITED}"]', 'evidence = ["no-such-item"]', ["[reading]", "'no-such-item'"]),
    (f'{PRIOR}evidence = ["{CITED}"]', f'{PRIOR}evidence = ["{MISSPELT}"]',
     [f"[parameters.{BETA}]", MISSPELT, f"did you mean '{CITED}'"]),
])
def test_reading_mistakes_are_named_with_a_suggestion(tmp_path, old, new, fragments):
    text = reading_text()
    assert old in text
    with pytest.raises(InputError) as error:
        load_reading(str(written(tmp_path, text.replace(old, new, 1), "reading.toml")))
    message = one_short_line(error)
    for fragment in fragments:
        assert fragment in message


def test_mean_range_is_read_onto_the_prior(tmp_path):
    reading = load_reading(probe(tmp_path, prior=PRIOR + "mean_range = [0.2, 0.5]\n"))
    assert reading.priors[BETA].mean_range == (0.2, 0.5)
    assert dataclasses.fields(Prior)[-1].name == "mean_range"
    assert dataclasses.fields(Prior)[-1].default is None
    plain = load_reading(probe(tmp_path))
    assert np.array_equal(reading.draw(np.random.default_rng(0), 100)[BETA],
                          plain.draw(np.random.default_rng(0), 100)[BETA]), "draws unchanged"


@pytest.mark.parametrize("value, fragment", [
    ("[0.5, 0.2]", "low <= mean"),
    ("[0.4, 0.6]", "low <= mean (0.35) <= high"),
    ("[0, 0.5]", "from 1e-06"),
    ("[0.2, 1]", "from 1e-06"),
    ("[0.2]", "expected [low, high]"),
    ('"wide"', "expected [low, high]"),
    ("[0.2, nan]", "finite"),
])
def test_a_bad_mean_range_is_refused(tmp_path, value, fragment):
    with pytest.raises(InputError) as error:
        load_reading(probe(tmp_path, prior=PRIOR + f"mean_range = {value}\n"))
    assert fragment in one_short_line(error)


def test_mean_range_belongs_to_beta_priors_only(tmp_path):
    uniform = 'distribution = "uniform"\nlow = 0.2\nhigh = 0.6\nmean_range = [0.3, 0.5]\n'
    with pytest.raises(InputError, match="unknown key 'mean_range'"):
        load_reading(probe(tmp_path, prior=uniform))


# --- messages --------------------------------------------------------------------------------

def test_message_helpers_keep_one_short_line():
    assert shown("x" * 10_000, 20) == "'xxxxxxxxxxxxxxxx..."
    assert len(shown(list(range(10_000)))) <= 60
    assert did_you_mean("Soviet-Veto", ["soviet_veto", "kim_attack"]) == \
        "; did you mean 'soviet_veto'?"
    assert did_you_mean("zzzz", ["soviet_veto"]) == "" and did_you_mean(7, ["a"]) == ""
    long = "/" + "/".join(["folder"] * 40) + "/file.toml: key 'x' " + "v" * 400 + " expected y"
    cut = one_line(long, 180)
    assert len(cut) <= 180 and "file.toml: key 'x'" in cut and cut.endswith("expected y")
    assert len(str(InputError("a\nb " * 500))) <= MAX_MESSAGE


def test_an_unquoted_date_is_named_as_a_date_not_as_python(tmp_path):
    text = BASELINE.replace('date = "1949-09"', "date = 1950-06-01", 1)
    with pytest.raises(InputError) as error:
        load_scenario(written(tmp_path, text))
    line = one_short_line(error)
    assert "1950-06-01 (a TOML date; quote it to give a string)" in line
    assert "datetime" not in line


# --- command-line values -----------------------------------------------------------------------

@pytest.mark.parametrize("argv, fragment", [
    (["run", "baseline", "--scheduler", "bogus"], "tcp://HOST:PORT"),
    (["run", "baseline", "--scheduler", "tcp://host"], "tcp://HOST:PORT"),
    (["run", "baseline", "--scheduler", "tcp://h:99999"], "tcp://HOST:PORT"),
    (["run", "baseline", "--replicates", "1000000000000"], f"{MAX_WORLDS:,}"),
    (["run", "baseline", "--workers", "100000"], "up to 256"),
    (["run", "baseline", "--seed", "9" * 5000], "non-negative integer"),
    (["run", "baseline", "--seed", "-1"], "non-negative integer"),
    (["weigh", "--band-decision", "x" * 5000], "invalid choice"),
    (["run", "/etc/passwd"], "/etc/passwd: not valid TOML"),
])
def test_bad_command_line_values_are_one_short_line(capsys, argv, fragment):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and len(err) <= MAX_LINE + 1 and "Traceback" not in err, err
    assert fragment in err


def test_an_unreachable_but_well_formed_scheduler_is_one_line(capsys):
    pytest.importorskip("distributed")
    assert main(["run", "baseline", "--replicates", "10", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Dask scheduler" in err


# --- limits: the number of worlds --------------------------------------------------------------

def test_past_the_maximum_of_worlds_is_a_clear_error_not_millions_of_tasks():
    with pytest.raises(InputError, match=r"from 1 to 1,000,000,000"):
        make_tasks("baseline", "kim", 10**12, 1)


def test_a_billion_worlds_are_planned_lazily():
    tracemalloc.start()
    plan = make_tasks("baseline", "kim", MAX_WORLDS, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(plan, BlockPlan) and len(plan) == -(-MAX_WORLDS // BLOCK)
    assert peak < 5_000_000
    last = plan[-1]
    assert last.index == len(plan) - 1 and last.size == MAX_WORLDS - BLOCK * (len(plan) - 1)
    assert [task.index for task in plan[2:5]] == [2, 3, 4]


class Pending:
    """A stand-in future that counts how many are unfinished at once."""

    unfinished = most = 0

    def __init__(self, value: int) -> None:
        self.value = value
        Pending.unfinished += 1
        Pending.most = max(Pending.most, Pending.unfinished)

    def result(self) -> int:
        Pending.unfinished -= 1
        return self.value

    def cancel(self) -> None:
        Pending.unfinished -= 1


def test_chunks_are_sent_a_window_at_a_time_and_come_back_in_order():
    assert list(in_order(Pending, iter(range(1000)), window=8)) == list(range(1000))
    assert Pending.most == 8 and Pending.unfinished == 0


def test_the_run_json_has_no_nan_for_a_tiny_run(capsys):
    assert main(["run", "baseline", "--replicates", "1", "--workers", "1", "--json"]) == 0
    json.loads(capsys.readouterr().out, parse_constant=pytest.fail)


def test_a_long_list_of_names_is_cut_between_names_not_through_one():
    from korea1950.inputs.errors import MAX_LINE, one_line

    names = [f"outcome_number_{i:02d}" for i in range(40)]
    line = one_line(f"unknown outcome 'x' (expected one of {', '.join(names)})")
    assert len(line) <= MAX_LINE and "..., " in line
    listed = line.split("expected one of ", 1)[1].rstrip(")").split(", ")
    assert listed[0] == names[0] and listed[-1] == names[-1]
    assert all(part in names or part == "..." for part in listed), listed
