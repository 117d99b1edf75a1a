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


ITEM = '''[[evidence]]
id = "kim-persists"
document = "telegram-blog"
quote = "Kim would persist"
claim = "Kim kept asking."
bears_on = ["kim.press_for_approval"]
'''


DOCUMENTS_TEXT = (seeds_dir() / "documents.toml").read_text()


def strict_read(folder, monkeypatch, text: str) -> dict:
    """Read ``text`` as seeds/evidence.toml through the one reader, bypassing its cache."""
    from korea1950.inputs.evidence import evidence_items

    (folder / "seeds").mkdir(parents=True)
    (folder / "seeds" / "evidence.toml").write_text(text)
    (folder / "seeds" / "documents.toml").write_text(DOCUMENTS_TEXT)
    monkeypatch.setenv("KOREA1950_DATA", str(folder))
    return evidence_items.__wrapped__()


def test_the_evidence_reader_returns_every_bundled_item_with_its_fields():
    from korea1950.inputs.evidence import evidence_items

    items = evidence_items()
    assert list(items) == [item["id"] for item in EVIDENCE]
    persists = items["kim-persists"]
    assert persists.document == "telegram-blog"
    assert persists.bears_on == tuple(next(i for i in EVIDENCE if i["id"] == "kim-persists")
                                      ["bears_on"])


@pytest.mark.parametrize("text, fragment", [
    (ITEM + ITEM, "evidence item 2: id 'kim-persists' is used twice"),
    (ITEM.replace('"telegram-blog"', '"telegram-blg"'),
     "document 'telegram-blg' is not in seeds/documents.toml; did you mean 'telegram-blog'?"),
    (ITEM.replace("claim =", "clam ="), "unknown key 'clam'; did you mean 'claim'?"),
    (ITEM.replace('quote = "Kim would persist"', 'quote = ""'), "key 'quote' = ''"),
    (ITEM.replace("[[evidence]]", "[[evidense]]"), "unknown table 'evidense'"),
])
def test_a_malformed_evidence_file_is_refused_in_one_line(tmp_path, monkeypatch, text, fragment):
    from korea1950.inputs.errors import InputError

    good = strict_read(tmp_path / "good", monkeypatch, ITEM)
    assert good["kim-persists"].claim == "Kim kept asking."
    with pytest.raises(InputError) as caught:
        strict_read(tmp_path / "bad", monkeypatch, text)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_citation_says_what_kind_of_source_it_is():
    # a class weighs an unattributed popular account otherwise than a historian's commentary
    from korea1950.inputs.evidence import cite, document_sources

    assert cite("stalin-advised-waiting").endswith(
        "(popular article: Who Really Started the Korean War?) [stalin-advised-waiting]")
    assert "(blog post on an archival telegram: " in cite("kim-emboldened-by-acheson")
    assert set(document_sources()) == {"popular-article", "telegram-blog", "nkidp-dossier"}
