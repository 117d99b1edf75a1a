"""The source documents and the evidence drawn from them: the one reader of ``seeds/evidence.toml``.

Why a module: the story of one world, the role-play and the report show an
evidence id with its quote and document, and every scenario, reading and fact
of the record must cite ids that exist; all of them read ``seeds/`` through here.
"""

from dataclasses import dataclass
from functools import lru_cache

from korea1950.inputs.errors import InputError, did_you_mean, shown
from korea1950.inputs.paths import seeds_dir
from korea1950.inputs.tomlfile import load_toml, reject_unknown, require_string, string_list

EVIDENCE_KEYS = ("id", "document", "quote", "claim", "bears_on")
"""Keys of an ``[[evidence]]`` table; ``bears_on`` names the rules and levers it informs."""


@dataclass(frozen=True)
class Evidence:
    """A short verbatim quote from a source document, and what we take it to say."""

    id: str
    document: str
    quote: str
    claim: str
    bears_on: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def evidence_items() -> dict[str, Evidence]:
    """Every evidence item by id, checked strictly: everything else cites these ids.

    Why strict, and here only: every reader of ``seeds/evidence.toml`` (the
    citation checks, the story, the report) goes through this function, so a
    malformed item is refused once, in one line, instead of being skipped by one
    reader and trusted by another.
    """
    path = seeds_dir() / "evidence.toml"
    data = load_toml(path)
    reject_unknown(data, ("evidence",), str(path), "table", "expected [[evidence]] tables")
    items = data.get("evidence", [])
    if not isinstance(items, list):
        raise InputError(f"{path}: key 'evidence' must be an array of [[evidence]] tables")
    documents = document_titles()
    found: dict[str, Evidence] = {}
    for number, item in enumerate(items, start=1):
        where = f"{path}: evidence item {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: expected an [[evidence]] table")
        reject_unknown(item, EVIDENCE_KEYS, where)
        fields = {key: require_string(item, key, where)
                  for key in ("id", "document", "quote", "claim")}
        if fields["id"] in found:
            raise InputError(f"{where}: id {shown(fields['id'])} is used twice")
        document = fields["document"]
        if document not in documents:
            raise InputError(f"{where}: document {shown(document)} is not in "
                             f"seeds/documents.toml{did_you_mean(document, sorted(documents))}")
        found[fields["id"]] = Evidence(**fields, bears_on=string_list(item, "bears_on", where))
    return found


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
    return {doc_id: title for doc_id, (title, _) in _documents().items()}


@lru_cache(maxsize=1)
def document_sources() -> dict[str, str]:
    """Each document as a reader should weigh it, by id: its kind, then its title
    ("popular article: Who Really Started the Korean War?").

    Why the kind: two of the three documents are unattributed popular accounts and
    one is two historians' commentary on a letter of Stalin's; a quote that gave
    only the title read as testimony whatever its source.
    """
    return {doc_id: f"{kind}: {title}" for doc_id, (title, kind) in _documents().items()}


@lru_cache(maxsize=1)
def _documents() -> dict[str, tuple[str, str]]:
    """Each document's (title, kind) by id, from ``seeds/documents.toml``."""
    path = seeds_dir() / "documents.toml"
    documents = load_toml(path).get("document")
    if not isinstance(documents, list) or not all(isinstance(doc, dict) for doc in documents):
        raise InputError(f"{path}: expected [[document]] tables")
    where = f"{path}: a document"
    return {require_string(doc, "id", where): (require_string(doc, "title", where),
                                              require_string(doc, "kind", where))
            for doc in documents}


def cite(evidence_id: str) -> str:
    """A one-line citation: “quote” (the document's kind: its title) [id]."""
    item = evidence_items().get(evidence_id)
    if item is None:
        return f"[{evidence_id}: not in seeds/evidence.toml]"
    return f"“{item.quote}” ({document_sources()[item.document]}) [{evidence_id}]"
