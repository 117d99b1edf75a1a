"""The one exception type that reaches the user as a one-line message, and its wording helpers.

Why a single type: the command line turns exactly this into exit code 2 and a
line on stderr, so every loader and validator raises it with a message that
already names the file, the key, the value and what was expected.

Why the helpers live here: every loader words its errors the same way - a
value abbreviated so a 5 MB string cannot flood the terminal, a "did you mean"
for a misspelt name - and one copy of each keeps them consistent.
"""

from datetime import date, time
from difflib import get_close_matches
from typing import Any

MAX_LINE = 200
"""Longest line an error may print, command prefix included."""

PREFIX = "korea1950: error: "
"""What the command line puts before every message."""

MAX_MESSAGE = MAX_LINE - len(PREFIX)
"""Longest message an ``InputError`` holds, so the printed line stays within ``MAX_LINE``."""


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """``text`` on one line of at most ``limit`` characters.

    A long message first loses as many leading folders of the path it starts
    with as it must (the file name stays), then is cut in the middle. Why the
    middle: the start names the file and key, the end says what was expected;
    the value in between is what can be arbitrarily long.
    """
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    location, colon, rest = flat.partition(": ")
    if colon and "/" in location:
        name = location.rsplit("/", 1)[1]
        keep = max(len(name) + 1, len(location) - (len(flat) - limit) - 3)
        if keep < len(location) - 3:
            tail = location[-keep:]
            flat = "..." + tail[max(0, tail.find("/")):] + colon + rest
        if len(flat) <= limit:
            return flat
    keep = limit - 3
    head = keep - keep // 3
    start, end = head, len(flat) - (keep - head)
    # In a list of names, cut between two of them rather than through one ("ongjin_...s").
    before, after = flat.rfind(", ", 0, start - 2), flat.find(", ", end)
    if before > start - 40 and 0 <= after < end + 40:
        return flat[:before + 2] + "..., " + flat[after + 2:]
    return flat[:start] + "..." + flat[end:]


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, so an error stays one readable line.

    Long strings are sliced before ``repr`` so a huge value costs nothing to show.
    """
    if isinstance(value, str | bytes | list | tuple) and len(value) > limit:
        value = value[:limit]
    elif isinstance(value, dict) and len(value) > limit:
        value = dict(list(value.items())[:limit])
    text = _safe_repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _safe_repr(value: Any) -> str:
    if isinstance(value, date | time):  # TOML reads 1950-06-01 unquoted as a date
        return f"{value.isoformat()} (a TOML date; quote it to give a string)"
    try:
        return repr(value)
    except (RecursionError, ValueError):  # deeply nested or a huge integer
        return f"<{type(value).__name__}>"


def did_you_mean(word: Any, valid: list[str] | tuple[str, ...]) -> str:
    """Return "; did you mean 'X'?" for the closest valid name, or "" if none is close.

    Case and dashes are ignored, so 'Soviet-Veto' still finds 'soviet_veto'.
    Only the first 100 characters of ``word`` are compared (a long key is never close).
    """
    if not isinstance(word, str) or not valid:
        return ""
    normal = {name.lower(): name for name in valid}
    key = word[:100].lower().replace("-", "_")
    close = get_close_matches(key, list(normal), n=1, cutoff=0.5)
    return f"; did you mean '{normal[close[0]]}'?" if close else ""


class InputError(ValueError):
    """Bad user input (scenario, reading, command-line value): shown as one line, exit 2."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message, MAX_MESSAGE))
