"""Evidence quotes are verbatim from the source documents (spacing and quote marks aside)."""

import re
import tomllib

import pytest

from korea1950.inputs.paths import seeds_dir, shared_seeds_dir

QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'", "´": "'"})


def normalise(text: str) -> str:
    """Collapse whitespace and straighten quote marks, the only liberties a quote may take."""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip()


def load(name: str) -> dict:
    return tomllib.loads((seeds_dir() / name).read_text())


EVIDENCE = load("evidence.toml")["evidence"]
DOCUMENTS = {doc["id"]: doc for doc in load("documents.toml")["document"]}


def test_documents_are_described():
    assert set(DOCUMENTS) == {"popular-article", "telegram-blog", "nkidp-dossier"}
    for doc in DOCUMENTS.values():
        assert {"id", "title", "authors", "date", "kind", "seed_file"} <= set(doc)


def test_evidence_items_are_complete_and_uniquely_named():
    assert len(EVIDENCE) >= 30
    ids = [item["id"] for item in EVIDENCE]
    assert len(ids) == len(set(ids))
    for item in EVIDENCE:
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", item["id"])
        assert item["document"] in DOCUMENTS
        assert item["quote"].strip() and item["claim"].strip() and item["bears_on"]
        assert len(item["quote"]) <= 300, "quotes stay short"


@pytest.mark.parametrize("item", EVIDENCE, ids=[item["id"] for item in EVIDENCE])
def test_quote_is_verbatim(item):
    folder = shared_seeds_dir()
    if folder is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    source = (folder / DOCUMENTS[item["document"]]["seed_file"]).read_text()
    assert normalise(item["quote"]) in normalise(source)


def test_a_changed_word_is_caught():
    folder = shared_seeds_dir()
    if folder is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    source = normalise((folder / DOCUMENTS["telegram-blog"]["seed_file"]).read_text())
    assert normalise("Lately I do not sleep at night") in source
    assert normalise("Lately I do not rest at night") not in source
