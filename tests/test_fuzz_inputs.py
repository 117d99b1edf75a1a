"""Fuzzing the input gate: mangled scenario and reading files through the real command line.

Each case starts from a bundled file and applies a few seeded mutations - cut,
duplicate, truncate, insert hostile text, set a key to a hostile value, add or
misspell keys and tables, nest a thousand deep, a dotted key a hundred
thousand long, a huge value. Each file goes through ``korea1950 run``
in-process and must be either accepted (exit 0, finite shares, finite draws)
or rejected (exit 2, one line of at most 200 characters, no traceback), within
a per-case time limit. A failing case is reproduced by its seed.
"""

import io
import json
import math
import random
import re
import signal
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np

from korea1950.cli.main import main
from korea1950.inputs.errors import MAX_LINE
from korea1950.inputs.readings import bundled_reading_names, load_reading, resolve_reading_path
from korea1950.inputs.scenarios import bundled_scenario_names, resolve_scenario_path

SCENARIO_CASES = 1100
READING_CASES = 330
TIME_LIMIT = 10.0
"""Seconds one case may take (they take milliseconds; the limit catches a hang)."""

SCENARIO_TEXTS = [resolve_scenario_path(n).read_text() for n in bundled_scenario_names()]
READING_TEXTS = [resolve_reading_path(n).read_text().replace(f'name = "{n}"', f'name = "my_{n}"')
                 for n in bundled_reading_names()]
"""The bundled readings renamed, as a user's edited copy must be (a changed file may not keep
a bundled reading's name)."""

PIECES = ['"', "=", "[", "]", "]]", "\n", "true", "1e999", "-", "#", "'''", '"""', "\\", "{",
          "}", ".", '"never"', '"rule"', '"1950-13"', "[levers]", "[scenario]", "[reading]",
          "[parameters]", "[parameters.un_flag_effect]", "[parameters.fears_direct_clash]",
          "\x00", "é", "\ud800", "nan", "inf"]

VALUES = ["nan", "+nan", "-nan", "inf", "-inf", "1e308", "1e-300", "-1e-300", "0", "-1", "0.0",
          "1", "0.5", "0.49", "1e-7", "10000.1", "1e4", "9" * 25, "-" + "9" * 19, "true", '"x"',
          "[]", "{}", "[0.2, 0.8]", "[0.9, 0.1]", "[nan, 0.5]", "[0.5]", "[0.1, 0.5, 0.9]",
          '"1953-03"', '"never"', '"always"', "1950-06-25", "[1, [2]]", '["no-such-id"]',
          '["kim-disciplined"]', '"beta"', '"gamma"', '"fixed"', '"uniform"',
          '"' + "a" * 5000 + '"', "[" + ", ".join(["0.5"] * 3000) + "]",
          "[" * 999 + "]" * 999, "{a = " * 300 + "1" + "}" * 300]

SCENARIO_KEYS = ["name", "title", "date", "evidence", "cotenability", "antecedent",
                 "feasibility", "soviet_veto", "stalin_death", "acheson_speech",
                 "us_garrison_remains", "kim_attack", "mao_consent_chance", "stalemate_band",
                 "sovet_veto", "parameters", "levers"]
READING_KEYS = ["distribution", "mean", "concentration", "low", "high", "mode", "value",
                "evidence", "assumption", "why", "mean_range", "stddev", "name", "title",
                "historian", "meen", "un_flag_efect", "letter_candour"]


def hostile_blob(rng: random.Random) -> str:
    """Text that breaks naive parsers: deep nesting, long dotted keys, huge values."""
    match rng.randrange(6):
        case 0:
            return "x = " + "[" * 999 + "]" * 999
        case 1:
            return "a" + ".a" * rng.choice([20, 100_000]) + " = 1"
        case 2:
            return "[" + "t." * 50_000 + "t]"
        case 3:
            return 'why = "' + "w" * rng.choice([300_000, 1_100_000]) + '"'
        case 4:
            return "n = " + "7" * rng.choice([30, 5000])
        case _:
            return "[[x]]\n" * 200 + "y = {" * 25 + "}" * 25


def set_key(text: str, rng: random.Random, keys: list[str]) -> str:
    """Give an existing or a new key a hostile value, under a random table."""
    key, value = rng.choice(keys), rng.choice(VALUES)
    lines = text.split("\n")
    matching = [i for i, line in enumerate(lines) if line.startswith(f"{key} =")]
    if matching and rng.random() < 0.7:
        lines[rng.choice(matching)] = f"{key} = {value}"
    else:
        headers = [i for i, line in enumerate(lines) if line.startswith("[")] or [0]
        lines.insert(rng.choice(headers) + 1, f"{key} = {value}")
    return "\n".join(lines)


def misspell(text: str, rng: random.Random) -> str:
    """Drop or swap one letter of a table header or key."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if line[:1].isalpha() or line[:1] == "["]
    if not candidates:
        return text
    i = rng.choice(candidates)
    line = lines[i]
    j = rng.randrange(1, max(2, min(len(line), line.find("=") if "=" in line else len(line))))
    lines[i] = line[:j - 1] + line[j:] if rng.random() < 0.5 else line[:j] + line[j - 1:]
    return "\n".join(lines)


NUMBER = re.compile(r"(?<== )-?[0-9]+(?:\\.[0-9]+)?(?=\n)")


def nudge(text: str, rng: random.Random) -> str:
    """Scale one number by a factor near 1: often still valid, sometimes just out of range."""
    numbers = list(NUMBER.finditer(text))
    if not numbers:
        return text
    found = rng.choice(numbers)
    value = float(found.group()) * rng.uniform(0.5, 1.5)
    return text[:found.start()] + f"{value:.6g}" + text[found.end():]


def mutate(text: str, rng: random.Random, keys: list[str]) -> str:
    """One seeded mutation of a TOML text."""
    i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
    match rng.randrange(10):
        case 8 | 9:
            return nudge(text, rng)
        case 0:
            return text[:i] + text[j:]
        case 1:
            return text[:j] + text[i:j] + text[j:]
        case 2:
            return text[:i]
        case 3:
            return text[:i] + rng.choice(PIECES) + text[i:]
        case 4 | 5:
            return set_key(text, rng, keys)
        case 6:
            return misspell(text, rng)
        case _:
            return text[:i] + "\n" + hostile_blob(rng) + "\n" + text[i:]


def mangled(seed: int, texts: list[str], keys: list[str]) -> bytes:
    """The file of case ``seed``: a bundled text with one to three mutations."""
    rng = random.Random(seed)
    text = rng.choice(texts)
    for _ in range(rng.choice([1, 1, 2, 3])):
        text = mutate(text, rng, keys)
    payload = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.02:
        payload = payload[: rng.randrange(len(payload) + 1)] + bytes([rng.randrange(256)])
    return payload


class CaseTimeout(Exception):
    """A case ran past ``TIME_LIMIT``."""


@contextmanager
def time_limit(seconds: float):
    """Raise ``CaseTimeout`` in this thread if the block runs longer than ``seconds``."""
    def expire(signum, frame):
        raise CaseTimeout(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``korea1950 ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), time_limit(TIME_LIMIT):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def reject_nan(constant: str):
    raise AssertionError(f"{constant} in the output")


def problem_with(code: int, out: str, err: str) -> str | None:
    """What is wrong with one outcome of the command line, or None if it kept its promise."""
    if code == 2:
        if out or err.count("\n") != 1 or not err.endswith("\n"):
            return f"not exactly one line: {err[:300]!r}"
        if len(err) - 1 > MAX_LINE or "Traceback" in err:
            return f"line of {len(err) - 1} characters: {err[:300]!r}"
        return None
    if code != 0:
        return f"exit code {code}: {err[:300]!r}"
    record = json.loads(out, parse_constant=reject_nan)
    shares = list(record["outcomes"].values())
    if not all(0.0 <= share <= 1.0 for share in shares):
        return f"shares outside [0, 1]: {shares}"
    return None


def fuzz(tmp_path: Path, cases: int, texts: list[str], keys: list[str], argv, extra_check
         ) -> tuple[list[str], int]:
    """Run every case; return the problems found and how many files were accepted."""
    problems, accepted = [], 0
    for seed in range(cases):
        path = tmp_path / f"case{seed}.toml"
        path.write_bytes(mangled(seed, texts, keys))
        try:
            code, out, err = run_cli(argv(path))
            problem = problem_with(code, out, err)
            if code == 0 and problem is None:
                accepted += 1
                problem = extra_check(path)
        except Exception as error:  # every escape, a timeout included, is a finding
            problem = f"{type(error).__name__}: {str(error)[:200]}"
        if problem:
            problems.append(f"seed {seed}: {problem}")
        path.unlink()
    return problems, accepted


def nothing_more(path: Path) -> None:
    return None


def draws_are_finite(path: Path) -> str | None:
    """An accepted reading draws finite values inside each prior's support."""
    reading = load_reading(str(path))
    for name, values in reading.draw(np.random.default_rng(0), 256).items():
        low, high = reading.priors[name].support()
        if not (np.isfinite(values).all() and values.min() >= low and values.max() <= high):
            return f"draws of {name} not finite or outside [{low}, {high}]"
        if not all(math.isfinite(v) for _, v in reading.priors[name].arguments):
            return f"non-finite argument in {name}"
    return None


RUN = ["--replicates", "16", "--seed", "1", "--workers", "1", "--json"]


def test_mangled_scenario_files_are_accepted_or_rejected_in_one_short_line(tmp_path):
    problems, accepted = fuzz(tmp_path, SCENARIO_CASES, SCENARIO_TEXTS, SCENARIO_KEYS,
                              lambda path: ["run", str(path), *RUN], nothing_more)
    assert not problems, f"{len(problems)} of {SCENARIO_CASES} cases:\n" + "\n".join(problems[:10])
    assert 0.05 * SCENARIO_CASES < accepted < 0.95 * SCENARIO_CASES, "the fuzzer hits both sides"


def test_mangled_reading_files_are_accepted_or_rejected_in_one_short_line(tmp_path):
    problems, accepted = fuzz(tmp_path, READING_CASES, READING_TEXTS, READING_KEYS,
                              lambda path: ["run", "baseline", "--reading", str(path), *RUN],
                              draws_are_finite)
    assert not problems, f"{len(problems)} of {READING_CASES} cases:\n" + "\n".join(problems[:10])
    assert 0.05 * READING_CASES < accepted < 0.95 * READING_CASES, "the fuzzer hits both sides"
