"""danvan.text through the Python bindings, on the very tables the C++ tests use:
the JSON raw strings in tests/cpp/text_*_test.cpp are read here at run time."""

from __future__ import annotations

import doctest
import json
import re
import threading
import unicodedata

import pytest

import danvan
from danvan import text

from conftest import ROOT as SOURCE, require_seed


def _tables(file: str) -> dict:
    """The JSON tables of a C++ test file, by raw-string delimiter."""
    source = (SOURCE / "tests" / "cpp" / file).read_text(encoding="utf-8")
    return {m.group(1): json.loads(m.group(2)) for m in re.finditer(r'R"(\w+)\((.*?)\)\1"', source, re.S)}


NORMALIZE = _tables("text_normalize_test.cpp")
REFERENCES = _tables("text_reference_test.cpp")
PERIODS = _tables("text_periods_test.cpp")
SEARCH = _tables("text_search_test.cpp")["search"]


def _input(row: dict):
    return bytes.fromhex(row["in_hex"]) if "in_hex" in row else row["in"]


def _seed() -> str:
    return require_seed().read_text(encoding="utf-8")


def test_the_tables_were_found():
    assert len(NORMALIZE["normalize"]) > 60 and len(NORMALIZE["unchanged"]) > 30
    assert len(REFERENCES["references"]) > 40 and len(REFERENCES["seed"]) == 14
    assert len(PERIODS["periods"]) > 30 and len(PERIODS["seedperiods"]) == 24


# ---- normalization ---------------------------------------------------------


@pytest.mark.parametrize("row", NORMALIZE["normalize"], ids=lambda r: repr(r.get("in", r.get("in_hex")))[:40])
def test_normalize(row):
    options = row.get("options", {})
    out = text.normalize(_input(row), **options)
    assert out == row["out"]
    assert text.normalize(out, **options) == out


@pytest.mark.parametrize("word", NORMALIZE["unchanged"])
def test_words_that_must_not_change(word):
    assert text.normalize(word) == word
    assert text.normalize(word.upper()) == unicodedata.normalize("NFC", word.upper())


@pytest.mark.parametrize("row", NORMALIZE["keys"], ids=lambda r: repr(r["in"])[:40])
def test_search_key(row):
    assert text.search_key(row["in"]) == row["key"]
    assert text.search_key(text.normalize(row["in"])) == row["key"]


@pytest.mark.parametrize("row", NORMALIZE["invalid"], ids=lambda r: r["hex"])
def test_invalid_utf8(row):
    data = bytes.fromhex(row["hex"])
    assert text.normalize(data) == row["replaced"]
    assert text.find_invalid_utf8(data) == row["offset"]
    with pytest.raises(text.InvalidUtf8Error) as caught:
        text.normalize(data, invalid="reject")
    assert caught.value.offset == row["offset"]
    assert row["reason"] in str(caught.value)
    assert f"invalid UTF-8 at byte offset {row['offset']}: " in str(caught.value)
    # One class serves both ways of catching it.
    assert isinstance(caught.value, danvan.Error) and isinstance(caught.value, ValueError)
    with pytest.raises(text.InvalidUtf8Error):
        text.scan_references(data, invalid="reject")


def test_replacement_matches_python():
    # Python's own decoder follows the same rule: one U+FFFD per maximal ill-formed subsequence.
    for row in NORMALIZE["invalid"]:
        data = bytes.fromhex(row["hex"])
        assert text.count_code_points(data) == len(data.decode("utf-8", "replace"))


def test_bad_policy_name():
    with pytest.raises(ValueError, match="invalid must be 'replace' or 'reject', not 'ignore'"):
        text.normalize("x", invalid="ignore")


def test_seed_reads_both_spellings_as_one():
    seed = _seed()
    n = text.normalize(seed)
    assert "Tỉnh uỷ" in seed and "Tỉnh uỷ" not in n
    assert "khoá" not in n and "khóa XII" in n
    assert "T ham mưu" not in n
    assert text.normalize(n) == n


# ---- references ------------------------------------------------------------


def _check_reference(row: dict, r) -> None:
    assert r.type == row["type"]
    assert r.number == row["number"]
    assert r.issuer == row["issuer"]
    assert r.form == row["form"]
    assert (str(r.date) if r.date is not None else "") == row["date"]
    for field, attr in [("type_name", "type_name"), ("body", "issuing_body"), ("term", "term"), ("key", "key"),
                        ("code", "code"), ("date_text", "date_text"), ("number_year", "number_year"),
                        ("issuers", "issuers")]:
        if field in row:
            assert getattr(r, attr) == row[field], field


@pytest.mark.parametrize("row", REFERENCES["references"], ids=lambda r: r["text"][:40])
def test_parse_reference(row):
    s = row["text"]
    r = text.parse_reference(s)
    assert r is not None
    _check_reference(row, r)
    begin, end = r.span
    assert s[begin:end] == row.get("matched", s)
    b0, b1 = r.byte_span
    assert s.encode()[b0:b1].decode() == row.get("matched", s)


@pytest.mark.parametrize("row", REFERENCES["references"], ids=lambda r: r["text"][:40])
def test_scan_and_format_references(row):
    prose = "Theo tinh thần của " + row["text"] + "; tiếp tục thực hiện."
    found = text.scan_references(prose)
    assert len(found) == 1
    _check_reference(row, found[0])
    formatted = text.format_reference(found[0])
    again = text.parse_reference(formatted)
    assert (again.key, again.code, again.date, again.issuing_body, again.term) == (
        found[0].key, found[0].code, found[0].date, found[0].issuing_body, found[0].term)


@pytest.mark.parametrize("s", REFERENCES["notreferences"])
def test_not_references(s):
    assert text.parse_reference(s) is None
    assert text.scan_references(s) == []


def test_seed_has_fourteen_mentions_of_twelve_documents():
    seed = _seed()
    found = text.scan_references(seed)
    expected = REFERENCES["seed"]
    assert len(found) == len(expected) == 14
    for r, row in zip(found, expected):
        assert (r.type, r.number, r.issuer, r.term, r.key) == (row["type"], row["number"], row["issuer"], row["term"], row["key"])
        assert (str(r.date) if r.date else "") == row["date"]
        assert seed[r.span[0]:r.span[1]].startswith(row["starts"])
    assert len({r.key for r in found}) == 12


def test_reference_built_from_fields():
    r = text.DocumentReference(type="KL", number="44", issuer="TW", date="2022-11-14", issuing_body="Ban Bí thư", term=13)
    assert r.key == "kl-44-tw-2022"
    assert text.format_reference(r) == "Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư (khóa XIII)"
    with pytest.raises(ValueError, match="form must be 'party' or 'state'"):
        text.DocumentReference(type="KL", number="1", issuer="TW", form="other")
    assert text.document_type_name("QĐi") == "Quy định"
    assert text.document_type_from_name("CHỈ THỊ") == "CT"


# ---- periods ---------------------------------------------------------------


@pytest.mark.parametrize("row", PERIODS["periods"], ids=lambda r: r["text"][:40])
def test_scan_periods(row):
    s = row["text"]
    found = text.scan_periods(s, default_year=row.get("default_year", 0))
    assert len(found) == 1
    m = found[0]
    assert m.kind == row["kind"]
    assert (str(m.start) if m.start else "") == row["start"]
    assert (str(m.end) if m.end else "") == row["end"]
    assert m.precision == row["precision"]
    assert (m.recurrence or "none") == row.get("recurrence", "none")
    if "months" in row:
        assert m.months == tuple(row["months"])
    assert s[m.span[0]:m.span[1]] == row.get("matched", s)


@pytest.mark.parametrize("s", PERIODS["notperiods"])
def test_not_periods(s):
    assert text.scan_periods(s) == []


def test_seed_periods():
    seed = _seed()
    found = text.scan_periods(seed)
    expected = PERIODS["seedperiods"]
    assert len(found) == len(expected)
    for m, row in zip(found, expected):
        assert m.kind == row["kind"]
        assert seed[m.span[0]:m.span[1]] == row["matched"]
        assert (str(m.start) if m.start else "") == row["start"]
    assert isinstance(found[2].period, danvan.Period)


# ---- search ----------------------------------------------------------------


@pytest.fixture(scope="module")
def index():
    return text.FuzzyIndex([(name, item) for name, item in SEARCH["names"]])


@pytest.mark.parametrize("q", SEARCH["queries"], ids=lambda q: q["query"] or "<empty>")
def test_fuzzy_index(index, q):
    found = index.find(q["query"], limit=5)
    if q["item"] is None:
        assert found == []
        return
    assert (found[0].item, found[0].kind, found[0].name) == (q["item"], q["kind"], q["name"])
    assert all(0 <= m.score <= 1 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len({m.item for m in found}) == len(found)


def test_fuzzy_index_items_and_threads():
    idx = text.FuzzyIndex({"Công an tỉnh": "org:cong-an-tinh", "Tỉnh uỷ": "org:tinh-uy", "CAT": "org:cong-an-tinh"})
    assert len(idx) == 3 and idx.key(1) == "tinh uy" and idx.item(2) == "org:cong-an-tinh"
    with pytest.raises(IndexError):
        idx.name(3)
    with pytest.raises(ValueError, match="entry 1 is not a"):
        text.FuzzyIndex([("a", 1), "b"])
    expected = idx.find("cong an")
    results = []

    def worker():
        for _ in range(200):
            results.append(idx.find("cong an") == expected)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 800 and all(results)
    assert expected[0].item == "org:cong-an-tinh"


def test_docstring_examples_run():
    failures, tried = doctest.testmod(text, optionflags=doctest.ELLIPSIS)
    assert tried > 20
    assert failures == 0
