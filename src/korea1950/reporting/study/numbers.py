"""How the report writes a number with its uncertainty, including when there is none to show.

Why a module: a share printed as "0.26 ± 0.00" or an interval as "-0.26 to -0.26"
tells a reader nothing, or worse, suggests a mistake. Two different things hide
behind such a figure, and the report says which: either every world agrees (the
share is 0 or 1, or every world has the same month), so the figure is exact for
the model, or the interval is real but narrower than the last digit shown.
"""

from korea1950.running.summary import Z95

EXACT = "exact: every world agrees"
"""Wording for a figure with no spread at all (every simulated world gave the same answer)."""

SHORT_EXACT = "exact"
"""The same, in a table cell (the table's note says what it means)."""

DIGITS = 2
"""Decimals shown for shares of worlds."""

SMALLEST = 10 ** -DIGITS
"""An interval half-width below this rounds to zero at the digits shown."""

TABLE_NOTE = (f"*{SHORT_EXACT}*: every world agrees, so there is no interval to show; "
              f"*± < {SMALLEST:.{DIGITS}f}*: the 95% interval is narrower than the last digit "
              "shown.")
"""The legend under every table that uses ``share_cell``."""


def share_cell(probability: float, standard_error: float) -> str:
    """A share of worlds with its 95% half-width, for a table cell ("0.26 ± 0.03")."""
    value = f"{probability:.{DIGITS}f}"
    if standard_error == 0:
        return f"{value} {SHORT_EXACT}"
    half = Z95 * standard_error
    if half < SMALLEST / 2:
        return f"{value} ± < {SMALLEST:.{DIGITS}f}"
    return f"{value} ± {half:.{DIGITS}f}"


def difference_text(difference: float, low: float, high: float) -> str:
    """A change with its 95% interval, in words fit for a sentence ("+0.12, 95% interval ...")."""
    change = f"{difference:+.{DIGITS}f}"
    if low == high == difference:
        return f"{change}, {EXACT}"
    if high - low < SMALLEST:
        return f"{change}, 95% interval narrower than ± {SMALLEST:.{DIGITS}f}"
    return f"{change}, 95% interval {low:+.{DIGITS}f} to {high:+.{DIGITS}f}"


def counted(count: int, noun: str, plural: str = "") -> str:
    """A count with its noun in the right number ("1 reading", "13 scenarios", "1,000 worlds").

    Why: a study run on one reading (a data folder holding one) said "1 readings";
    ``plural`` is for a noun that does not just take an "s".
    """
    return f"{count:,} {noun if abs(count) == 1 else plural or noun + 's'}"


def months_text(count: int) -> str:
    """A signed number of months in words ("12 months later", "1 month earlier", "no change")."""
    if count == 0:
        return "no change"
    return f"{counted(abs(count), 'month')} {'later' if count > 0 else 'earlier'}"


def shift_interval_text(low: int, high: int, exact: bool) -> str:
    """The 95% interval of a timing shift in months, or why it has no width."""
    if low == high:
        return EXACT if exact else "95% interval under a month wide"
    return f"95% interval {low:+d} to {high:+d} months"
