"""The one input gate for TOML files (scenarios, readings, the record, evidence).

Why one gate: every one of these is user-editable, and all must fail the same
way - one short line naming the file and what is wrong - and never execute
anything (``tomllib`` only parses). Limits are checked on the raw text *before*
parsing, because the parser itself is what breaks on hostile input: a list
nested a thousand deep exhausts Python's recursion, a dotted key a hundred
thousand parts long takes quadratic time. After parsing, every number in the
file must be finite and fit a 64-bit integer or a float (TOML's own ranges;
``tomllib`` accepts more).
"""

import math
import re
import tomllib
from pathlib import Path
from typing import Any

from korea1950.inputs.errors import InputError, did_you_mean, shown

MAX_BYTES = 1_000_000
"""Largest TOML file accepted (the bundled ones are under 40 kB)."""

MAX_NESTING = 20
"""Deepest nesting of arrays, inline tables and table headers (the bundled files use 2)."""

MAX_KEY_PARTS = 16
"""Most parts in one dotted key, e.g. ``a.b.c`` has 3 (the bundled files use 2)."""

INT64 = 2**63
"""TOML integers are signed 64-bit."""

_INTERESTING = re.compile(r"[\"'#]")
"""Where a string or a comment may start."""

_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
"""A one-line basic string, escapes included."""

_DOTTED = re.compile(r'(?<![\w-])(?:[\w-]++|"")(?:[ \t]*+\.[ \t]*+(?:[\w-]++|""))++')
"""A dotted key, once every string has become ``""``."""


def load_toml(path: Path) -> dict[str, Any]:
    """Parse ``path`` as TOML through the gate, or raise ``InputError`` naming file and problem."""
    text = read_text(path)
    check_shape(text, path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to read") from None
    except (ValueError, OverflowError, MemoryError) as error:
        raise InputError(f"{path}: not valid TOML ({type(error).__name__}: "
                         f"{shown(str(error), 70)[1:-1]})") from None
    check_numbers(data, str(path))
    return data


def read_text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most ``MAX_BYTES``, or a one-line error."""
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: file not found")
        if path.is_dir():
            raise InputError(f"{path}: is a folder, expected a TOML file")
        if not path.is_file():
            raise InputError(f"{path}: not a regular file, expected a TOML file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(f"{path}: cannot read ({reason})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES:,} bytes, the limit for a TOML file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text, expected a TOML file") from None


def check_shape(text: str, path: Path | str) -> None:
    """Reject nesting deeper than ``MAX_NESTING`` or dotted keys longer than ``MAX_KEY_PARTS``.

    Why a scan and not the parser: the parser is what fails on such input. The
    scan skips strings and comments; anything it miscounts is far beyond what
    a real file needs.
    """
    skeleton = _skeleton(text)
    depth = deepest = 0
    for character in re.findall(r"[\[\]{}]", skeleton):
        if character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise InputError(f"{path}: nested more than {MAX_NESTING} levels deep "
                         "(arrays, inline tables or table headers)")
    for match in _DOTTED.finditer(skeleton):
        if match.group().count(".") + 1 > MAX_KEY_PARTS:
            raise InputError(f"{path}: a dotted key has more than {MAX_KEY_PARTS} parts")


def _skeleton(text: str) -> str:
    """``text`` with every string replaced by ``""`` and every comment removed, in linear time.

    An unterminated string ends the skeleton: the parser rejects such a file anyway.
    """
    pieces, position = [], 0
    while (found := _INTERESTING.search(text, position)) is not None:
        start = found.start()
        pieces.append(text[position:start])
        if text[start] == "#":
            end = text.find("\n", start)
        elif text.startswith(('"""', "'''"), start):
            end = text.find(text[start:start + 3], start + 3)
            end = -1 if end < 0 else end + 3
        elif text[start] == '"':
            basic = _BASIC.match(text, start)
            end = basic.end() if basic else text.find("\n", start)
        else:
            end = text.find("'", start + 1)
            end = -1 if end < 0 else end + 1
        if end < 0:
            return "".join(pieces)
        if text[start] != "#":
            pieces.append('""')
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def check_numbers(data: dict[str, Any], where: str) -> None:
    """Every float finite and every integer within TOML's 64-bit range, anywhere in ``data``."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    while stack:
        item, keys = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, (*keys, str(key))) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, keys) for child in item)
        elif isinstance(item, bool) or not isinstance(item, int | float):
            continue
        elif isinstance(item, float) and not math.isfinite(item):
            raise InputError(f"{where}: key {shown('.'.join(keys))} = {item}: expected a "
                             "finite number")
        elif isinstance(item, int) and not -INT64 <= item < INT64:
            raise InputError(f"{where}: key {shown('.'.join(keys))}: an integer outside "
                             "TOML's 64-bit range")


def reject_unknown(table: dict[str, Any], allowed: list[str] | tuple[str, ...], where: str,
                   what: str = "key", expected: str = "") -> None:
    """Raise a one-line ``InputError`` for the first key of ``table`` not in ``allowed``.

    Why strict: a misspelt key silently ignored runs the model with a value
    the user did not mean; the message suggests the closest allowed name.
    """
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        tail = f" ({expected})" if expected else ""
        raise InputError(f"{where}: unknown {what} {shown(unknown[0], 40)}"
                         f"{did_you_mean(unknown[0], list(allowed))}{tail}")


def require_table(data: dict[str, Any], key: str, where: Path | str) -> dict[str, Any]:
    """Return ``data[key]`` if it is a table, else raise a one-line ``InputError``."""
    value = data.get(key)
    if value is None:
        raise InputError(f"{where}: missing table [{key}]")
    if not isinstance(value, dict):
        raise InputError(f"{where}: key '{key}' must be a table, got {type(value).__name__}")
    return value


def require_string(table: dict[str, Any], key: str, where: str) -> str:
    """Return a non-empty string at ``table[key]`` or raise a one-line ``InputError``."""
    value = table.get(key)
    if value is None:
        raise InputError(f"{where}: missing key '{key}' (expected a string)")
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: key '{key}' = {shown(value)}: expected a non-empty string")
    return value


def optional_string(table: dict[str, Any], key: str, where: str, default: str = "") -> str:
    """Return ``table[key]`` if it is a string, ``default`` if absent, else raise."""
    value = table.get(key, default)
    if not isinstance(value, str):
        raise InputError(f"{where}: key '{key}' = {shown(value)}: expected a string")
    return value


def string_list(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """Return ``table[key]`` as a tuple of strings (empty if absent), or raise."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: key '{key}' = {shown(value)}: expected a list of strings")
    return tuple(value)


def require_number(value: Any, label: str, low: float, high: float) -> float:
    """``value`` as a float if it is a finite number in ``[low, high]``, else a one-line error.

    ``label`` names the file, table and key, e.g. ``"x.toml: [parameters.a]: 'mean'"``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{label} = {shown(value)}: expected a number from {low:g} to {high:g}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise InputError(f"{label} = {shown(value)}: expected a number from {low:g} to {high:g}")
    return number
