"""Months as integers: the model steps one month at a time from September 1949.

Why integers: event months are stored in numpy arrays over replicate worlds,
so a month is an index (0 = 1949-09) and only the edges of the program turn
it into "YYYY-MM".
"""

import re

MONTHS_PER_YEAR = 12
"""Twelve months to a year (named so the month arithmetic reads as such)."""

START_YEAR = 1949
START_MONTH = 9
HORIZON = "1956-12"
"""Several years past the 1953 armistice, so late armistices are still seen."""

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def month_index(label: str) -> int:
    """Return the step index of a "YYYY-MM" label (0 for 1949-09); ValueError if malformed."""
    match = _PATTERN.match(label.strip()) if isinstance(label, str) else None
    if match is None:
        raise ValueError(f"expected a month as YYYY-MM, got {label!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= MONTHS_PER_YEAR:
        raise ValueError(f"expected a month 01-12, got {label!r}")
    return (year - START_YEAR) * MONTHS_PER_YEAR + (month - START_MONTH)


def month_label(index: int) -> str:
    """Return "YYYY-MM" for a step index."""
    total = START_YEAR * MONTHS_PER_YEAR + (START_MONTH - 1) + int(index)
    return f"{total // MONTHS_PER_YEAR:04d}-{total % MONTHS_PER_YEAR + 1:02d}"


def month_name(index: int) -> str:
    """Return a reader's form such as "June 1950"."""
    names = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
    total = START_YEAR * MONTHS_PER_YEAR + (START_MONTH - 1) + int(index)
    return f"{names[total % MONTHS_PER_YEAR]} {total // MONTHS_PER_YEAR}"


HORIZON_MONTHS = month_index(HORIZON) + 1
"""Number of monthly steps in a full run (1949-09 .. 1956-12 inclusive)."""


def month_text(label: str) -> str:
    """A "YYYY-MM" month as a reader writes it ("June 1950")."""
    return month_name(month_index(label))
