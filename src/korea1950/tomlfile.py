"""Reading TOML files as data, with one-line errors.

Why here: scenarios, readings and the record are all user-editable TOML, and
all must fail the same way - one line naming the file and what is wrong - and
never execute anything (``tomllib`` only parses).
"""

import tomllib
from pathlib import Path
from typing import Any

from korea1950.errors import InputError


def load_toml(path: Path) -> dict[str, Any]:
    """Parse ``path`` as TOML or raise ``InputError`` naming the file and the problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, expected a TOML file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text, expected a TOML file") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None


def require_table(data: dict[str, Any], key: str, where: Path) -> dict[str, Any]:
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
        raise InputError(f"{where}: key '{key}' = {value!r}: expected a non-empty string")
    return value


def string_list(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """Return ``table[key]`` as a tuple of strings (empty if absent), or raise."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{where}: key '{key}' = {value!r}: expected a list of strings")
    return tuple(value)
