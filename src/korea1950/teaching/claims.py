"""Conclusions that name a direction only when their 95% interval does: the notebooks' rule.

Why in the package and not in each notebook: every notebook states its
conclusions through the same rule, and the tests hold every notebook to it
(no stated direction whose interval covers zero; none that turns round with
fewer worlds). One copy means one rule to test and to trust.
"""

import os

from korea1950.inputs.labels import first_upper
from korea1950.running.summary import Z95

__all__ = ["Z95", "Claims", "first_upper", "notebook_worlds"]

WORLDS_VARIABLE = "KOREA1950_NOTEBOOK_WORLDS"
"""The environment variable that sets a notebook's worlds per run (the tests use fewer)."""
SHIPPED_WORLDS = 20_000
"""Worlds per run in the notebooks as shipped."""
SHOWN_ZERO = 0.0005
"""An interval within this of zero on both ends prints as +0.000 [-0.000, +0.000]: it is
said as no change, never as "cannot tell"."""


def notebook_worlds() -> int:
    """Worlds per run: ``KOREA1950_NOTEBOOK_WORLDS`` if set, else the shipped 20,000."""
    return int(os.environ.get(WORLDS_VARIABLE, str(SHIPPED_WORLDS)))


class Claims:
    """The conclusions one notebook states, each with its estimate and interval."""

    def __init__(self) -> None:
        self.made: list[dict] = []

    def say(self, what: str, estimate: float, low: float, high: float, more: str = "higher",
            less: str = "lower", key: str | None = None) -> str:
        """A sentence that names a direction only when the interval [low, high] excludes zero."""
        direction = "+" if low > 0 else "-" if high < 0 else "0"
        self.made.append({"claim": key or what, "estimate": round(estimate, 4),
                          "low": round(low, 4), "high": round(high, 4), "direction": direction})
        numbers = f"{estimate:+.3f} [{low:+.3f}, {high:+.3f}]"
        if max(abs(low), abs(high)) < SHOWN_ZERO:
            return f"{what}: no change in any of these worlds"
        if direction == "0":
            return f"{what}: the worlds cannot tell ({numbers}; the interval covers zero)"
        return f"{what}: {more if direction == '+' else less} ({numbers})"
