"""The Security Council's members and their votes, as data (``seeds/security_council.toml``).

Why data and not a flag: in 1950 the Council's answer to the invasion followed
from who sat at the table (the Soviet seat empty, China's seat held by the
Guomindang) and how eleven members voted. Written down member by member, with
the source of each vote, a historian can check every vote and a what-if can
change one member (a copy of the file with India voting no, say) without
touching the rule that counts them.

The file passes the one TOML gate; any problem is one ``InputError`` line naming
the file, the member or resolution, and the key.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from korea1950.inputs.calendar import month_index
from korea1950.inputs.catalogue import file_digest
from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.events import EVENTS, MESSAGES
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.tomlfile import load_toml, reject_unknown, require_string, require_table

VOTES = ("yes", "no", "abstain", "not_voting")
"""What a member present at the table may do with a draft: only "yes" counts toward
adoption, and only a permanent member's "no" blocks it."""

FILE_TABLES = ("resolutions", "member")
RESOLUTION_KEYS = ("title", "month", "source")
MEMBER_KEYS = ("name", "permanent", "votes", "source", "seat_message", "veto_event")

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""A resolution's name: the rules refer to it, so an identifier."""


@dataclass(frozen=True)
class Resolution:
    """One kind of draft the Council votes on, as the record has it."""

    name: str
    title: str
    month: int
    """When the record's Council voted on it (a step index), for the reader and the ODD."""
    source: str


@dataclass(frozen=True)
class Member:
    """One seat at the Council and its vote on each resolution."""

    name: str
    permanent: bool
    votes: dict[str, str]
    source: str
    seat_message: str = ""
    """If set, the member sits only in worlds where this message was sent this month."""
    veto_event: str = ""
    """If set, the member votes no in worlds where this event happened this month."""


@dataclass(frozen=True)
class Council:
    """The members and the resolutions of one council file."""

    path: Path
    resolutions: dict[str, Resolution]
    members: tuple[Member, ...]

    def votes_on(self, resolution: str) -> tuple[tuple[Member, str], ...]:
        """Each member with its vote on ``resolution``, in the file's order."""
        return tuple((member, member.votes[resolution]) for member in self.members)


def council_path() -> Path:
    """The bundled council file, ``seeds/security_council.toml``."""
    return seeds_dir() / "security_council.toml"


def load_council(path: "str | Path | None" = None) -> Council:
    """Load and validate a council file (the bundled one by default), cached by content."""
    path = Path(path) if path is not None else council_path()
    return _load_council_cached(path.resolve(), file_digest(path))


@lru_cache(maxsize=8)
def _load_council_cached(path: Path, digest: str) -> Council:
    data = load_toml(path)
    reject_unknown(data, FILE_TABLES, str(path), "table",
                   "expected [resolutions.NAME] tables and [[member]] entries")
    entries = require_table(data, "resolutions", path)
    if not entries:
        raise InputError(f"{path}: expected at least one [resolutions.NAME] table")
    resolutions = {name: _resolution(name, entry, f"{path}: [resolutions.{name}]")
                   for name, entry in entries.items()}
    listed = data.get("member")
    if not isinstance(listed, list) or not listed:
        raise InputError(f"{path}: expected [[member]] entries, one per seat")
    members = tuple(_member(entry, resolutions, f"{path}: [[member]] {number}")
                    for number, entry in enumerate(listed, start=1))
    names = [member.name for member in members]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise InputError(f"{path}: member {shown(repeated[0])} is listed twice")
    return Council(path, resolutions, members)


def _resolution(name: str, entry: Any, where: str) -> Resolution:
    if not NAME_PATTERN.fullmatch(name):
        raise InputError(f"{where}: expected a name of lower-case letters, digits and _")
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a table with {', '.join(RESOLUTION_KEYS)}")
    reject_unknown(entry, RESOLUTION_KEYS, where)
    month = require_string(entry, "month", where)
    try:
        step = month_index(month)
    except ValueError:
        raise InputError(f"{where}: key 'month' = {shown(month)}: expected YYYY-MM") from None
    return Resolution(name, require_string(entry, "title", where), step,
                      require_string(entry, "source", where))


def _member(entry: Any, resolutions: dict[str, Resolution], where: str) -> Member:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a table with name, permanent, votes and source")
    reject_unknown(entry, MEMBER_KEYS, where)
    name = require_string(entry, "name", where)
    where = f"{where} ({shown(name, 40)})"
    permanent = entry.get("permanent")
    if not isinstance(permanent, bool):
        raise InputError(f"{where}: key 'permanent' = {shown(permanent)}: expected true or false")
    votes = entry.get("votes")
    if not isinstance(votes, dict):
        raise InputError(f"{where}: key 'votes' = {shown(votes)}: expected a table "
                         f"{{ resolution = vote }}")
    reject_unknown(votes, tuple(resolutions), f"{where}: votes", "resolution")
    missing = [resolution for resolution in resolutions if resolution not in votes]
    if missing:
        raise InputError(f"{where}: no vote on resolution '{missing[0]}'")
    for resolution, vote in votes.items():
        if vote not in VOTES:
            raise InputError(f"{where}: vote on '{resolution}' = {shown(vote)}: expected one "
                             f"of {', '.join(VOTES)}{did_you_mean(vote, VOTES)}")
    seat = _optional_name(entry, "seat_message", MESSAGES, "a message", where)
    veto = _optional_name(entry, "veto_event", EVENTS, "an event", where)
    if veto and not permanent:
        raise InputError(f"{where}: key 'veto_event': only a permanent member can veto")
    return Member(name, permanent, dict(votes), require_string(entry, "source", where),
                  seat, veto)


def _optional_name(entry: dict[str, Any], key: str, names: dict[str, str], what: str,
                   where: str) -> str:
    """``entry[key]`` if absent ("") or one of ``names``, else a one-line error."""
    value = entry.get(key, "")
    if value != "" and (not isinstance(value, str) or value not in names):
        raise InputError(f"{where}: key '{key}' = {shown(value)}: expected {what} of the model"
                         f"{did_you_mean(value, list(names))}")
    return value
