"""The source documents and the evidence drawn from them: the one reader of ``seeds/evidence.toml``.

Why a module: the story of one world, the role-play and the report show an
evidence id with its quote and document, and every scenario, reading and fact
of the record must cite ids that exist; all of them read ``seeds/`` through here.
"""

from dataclasses import dataclass
from functools import lru_cache

from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.tomlfile import load_toml


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
    items = load_toml(path).get("evidence", [])
    try:
        return {item["id"]: Evidence(item["id"], item["document"], item["quote"], item["claim"])
                for item in items}
    except (KeyError, TypeError):
        raise InputError(f"{path}: each [[evidence]] needs id, document, quote and claim") from None


@lru_cache(maxsize=1)
def evidence_ids() -> frozenset[str]:
    """The ids every scenario, reading and fact of the record may cite."""
    return frozenset(evidence_items())


def check_cited(cited: tuple[str, ...] | list[str], where: str) -> None:
    """Raise a one-line ``InputError`` for the first id not in ``seeds/evidence.toml``.

    Why checked at load time: a citation that names no evidence item is a dead
    link in every report and story that shows it.
    """
    known = evidence_ids()
    for item in cited:
        if item not in known:
            raise InputError(f"{where}: key 'evidence' cites {shown(item, 40)}, not an id in "
                             f"seeds/evidence.toml{did_you_mean(item, sorted(known))}")


@lru_cache(maxsize=1)
def document_titles() -> dict[str, str]:
    """Each document's title by id."""
    data = load_toml(seeds_dir() / "documents.toml")
    return {doc["id"]: doc["title"] for doc in data["document"]}


def cite(evidence_id: str) -> str:
    """A one-line citation: “quote” (document title) [id]."""
    item = evidence_items().get(evidence_id)
    if item is None:
        return f"[{evidence_id}: not in seeds/evidence.toml]"
    return f"“{item.quote}” ({document_titles()[item.document]}) [{evidence_id}]"
