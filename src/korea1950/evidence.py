"""The source documents and the evidence drawn from them, for display.

Why a module: the story of one world, the role-play and the report all show an
evidence id with its quote and document; they read ``seeds/`` through here.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from korea1950.errors import InputError
from korea1950.paths import seeds_dir


@dataclass(frozen=True)
class Evidence:
    """A short verbatim quote from a source document, and what we take it to say."""

    id: str
    document: str
    quote: str
    claim: str


@lru_cache(maxsize=1)
def evidence_items() -> dict[str, Evidence]:
    """Every evidence item by id."""
    path = seeds_dir() / "evidence.toml"
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read the evidence ({error})") from None
    return {item["id"]: Evidence(item["id"], item["document"], item["quote"], item["claim"])
            for item in data.get("evidence", [])}


@lru_cache(maxsize=1)
def document_titles() -> dict[str, str]:
    """Each document's title by id."""
    data = tomllib.loads((seeds_dir() / "documents.toml").read_text())
    return {doc["id"]: doc["title"] for doc in data["document"]}


def cite(evidence_id: str) -> str:
    """A one-line citation: “quote” (document title) [id]."""
    item = evidence_items().get(evidence_id)
    if item is None:
        return f"[{evidence_id}: not in seeds/evidence.toml]"
    return f"“{item.quote}” ({document_titles()[item.document]}) [{evidence_id}]"
