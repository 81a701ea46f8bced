"""danvan.extract: drafting network entries from report text, from Python and the CLI.

The seed article is read from $DANVAN_SEEDS_DIR (default <repo>/../shared/seeds);
the hand-annotated gold files are tests/data/gold/*.gold.json, scored by
bench/extract_score.py.
"""

from __future__ import annotations

import doctest
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import unicodedata

import pytest

import danvan
from danvan import _core

try:
    from danvan import Draft, Item, extract, load_gazetteer
except ImportError:  # pragma: no cover - the extension lacks extraction
    pytest.skip("danvan._core was built without extraction", allow_module_level=True)

from conftest import ROOT, SEED, require_seed
GOLD = ROOT / "tests" / "data" / "gold"
sys.path.insert(0, str(ROOT / "bench"))
import extract_score  # noqa: E402


@pytest.fixture(scope="module")
def seed_draft(seed_text) -> Draft:
    return extract(seed_text, source_id="src:baohaiduong-2023-09-16", title="Báo Hải Dương", date="2023-09-16")


# ---- quality against the hand-made gold ---------------------------------------------------

GOLD_FILES = sorted(GOLD.glob("*.gold.json"))


def test_there_is_gold_for_the_seed_and_for_other_provinces():
    names = {p.name for p in GOLD_FILES}
    assert "seed-000_ab8e73818bcbd1b6.gold.json" in names
    assert len(names) >= 3


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_precision_and_recall_meet_the_targets(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if gold["text"].startswith("seeds:"):
        require_seed()
    gold, text = extract_score.load_gold(gold_file)
    result = extract_score.score(gold, extract_score.predict_python(text))
    for kind, (p, r) in extract_score.TARGETS.items():
        assert result[kind]["precision"] >= p, (kind, result[kind])
        assert result[kind]["recall"] >= r, (kind, result[kind])


def test_the_gold_copies_no_sentences_of_its_text():
    for f in GOLD_FILES:
        gold = json.loads(f.read_text(encoding="utf-8"))
        for item in gold["items"]:
            assert set(item) <= {"kind", "span", "label", "org", "note"}
            assert len(item["label"]) <= 40
            assert 0 <= item["span"][0] < item["span"][1] <= gold["length"]


def test_the_scorer_matches_one_to_one_and_checks_organizations_of_roles():
    gold = {"items": [
        {"kind": "organization", "span": [0, 10], "label": "a"},
        {"kind": "organization", "span": [20, 30], "label": "b"},
        {"kind": "role", "span": [12, 15], "label": "lead", "org": "a"},
        {"kind": "period", "span": [40, 48], "label": "2023"},
    ]}
    pred = [
        {"kind": "organization", "span": [0, 12], "name": "A"},
        {"kind": "organization", "span": [2, 8], "name": "A"},  # a second match for the same gold item
        {"kind": "role", "span": [12, 15], "name": "lead", "org_span": [20, 30]},  # wrong organization
        {"kind": "period", "span": [40, 48], "name": "2024"},  # wrong value
    ]
    r = extract_score.score(gold, pred)
    assert (r["organizations"]["matched"], r["organizations"]["precision"], r["organizations"]["recall"]) == (1, 0.5, 0.5)
    assert r["roles"]["matched"] == 0
    assert r["periods"]["matched"] == 0


# ---- the items ------------------------------------------------------------------------------


def test_items_span_the_text_they_quote(seed_text, seed_draft):
    assert len(seed_draft) > 150
    for item in seed_draft.items:
        assert isinstance(item, Item)
        b, e = item.span
        assert seed_text[b:e] == item.text, item
        assert 0 < item.confidence <= 1
        if item.kind == "role":
            assert item.org.startswith("org:") and item.org_span is not None
            assert item.id.startswith(("task:", "prog:"))
    counts = seed_draft.counts()
    assert counts["document"] == 14 and counts["period"] == 24 and counts["district"] == 6


def test_the_draft_is_a_valid_network_citing_the_text(seed_text, seed_draft):
    net = seed_draft.to_network()
    again = danvan.Network.loads(seed_draft.dumps())
    assert again.dumps() == seed_draft.dumps()
    src = net.sources["src:baohaiduong-2023-09-16"]
    assert src.sha256 == hashlib.sha256(seed_text.encode("utf-8")).hexdigest() == seed_draft.sha256
    assert seed_draft.length == len(seed_text)
    doc = net.documents["doc:kl-44-tw-2022"]
    assert doc.type == "KL" and str(doc.date) == "2022-11-14"
    assert "org:ban-dan-van-tinh-uy-hai-duong" in net.organizations


def test_to_dataframe(seed_draft):
    pd = pytest.importorskip("pandas")
    df = seed_draft.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert len(df) == len(seed_draft)
    assert {"kind", "text", "span", "confidence", "id", "name"} <= set(df.columns)
    assert (df["kind"] == "document").sum() == 14


def test_of_kind_rejects_unknown_kinds(seed_draft):
    assert all(i.kind == "program" for i in seed_draft.of_kind("program"))
    with pytest.raises(ValueError, match="unknown item kind"):
        seed_draft.of_kind("person")


def test_network_ids_are_reused(seed_text):
    net = danvan.load(ROOT / "data" / "haiduong-2023.json")
    d = extract(seed_text, net)
    ids = {i.id for i in d.items}
    assert {"org:ban-dan-van-tinh-uy", "org:cong-an-tinh", "area:kim-thanh", "area:tp-hai-duong"} <= ids


def test_former_names_of_a_network_are_recognized():
    net = danvan.Network.loads("""{"danvan": "1", "organizations": [
      {"id": "org:ban-xyz", "name": "Ban Phối hợp Liên ngành Tỉnh", "names": [{"name": "Ban Điều phối Cũ", "valid_to": "2019"}]}]}""")
    draft = extract("Ban Điều phối Cũ chủ trì hội nghị.", net)
    assert "org:ban-xyz" in {i.id for i in draft.of_kind("organization")}


# ---- the gazetteer ----------------------------------------------------------------------------


def test_gazetteer_from_a_path_or_an_object(tmp_path):
    text = "Ban Kiểm thử Tỉnh ủy chủ trì."
    assert extract(text).counts()["organization"] == 1  # `Tỉnh ủy` alone, from the built-in gazetteer
    g = tmp_path / "g.json"
    g.write_text(json.dumps({"gazetteer": "1", "organizations": [
        {"id": "ban-kiem-thu", "names": ["Ban Kiểm thử"], "kind": "party_commission", "scope": ["organization"]},
        {"id": "tinh-uy", "names": ["Tỉnh ủy"], "kind": "party_committee", "level": "province", "committee": True}]}),
        encoding="utf-8")
    d = extract(text, gazetteer=g)
    assert [i.name for i in d.of_kind("organization")] == ["Ban Kiểm thử Tỉnh ủy"]
    assert extract(text, gazetteer=load_gazetteer(g)).counts() == d.counts()
    builtin = _core.Gazetteer.builtin()
    assert len(builtin) > 200 and len(builtin.files) >= 4
    assert ("ban-dan-van", ["Ban Dân vận"], ["BDV"], "party_commission") in builtin.organizations()


def test_a_broken_gazetteer_is_an_error_naming_the_file(tmp_path):
    g = tmp_path / "bad.json"
    g.write_text('{"gazetteer": "1", "organizations": [{"id": "x", "names": ["X"], "kind": "nonsense"}]}', encoding="utf-8")
    with pytest.raises(danvan.ValidationError) as e:
        extract("x", gazetteer=g)
    assert "bad.json" in str(e.value) and "nonsense" in str(e.value)
    with pytest.raises(danvan.Error):
        extract("x", gazetteer=tmp_path / "missing")
    with pytest.raises(TypeError):
        extract("x", gazetteer=42)


# ---- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n ", "The committee met. 2023/ABC.", "<html><body></body></html>"])
def test_texts_without_anything_give_valid_drafts(text):
    d = extract(text)
    assert d.counts()["organization"] == 0 and d.counts()["role"] == 0
    net = danvan.Network.loads(d.dumps())
    assert len(net.sources) == 1


def test_bytes_with_invalid_utf8_are_replaced_or_rejected():
    raw = "Ban Dân vận Tỉnh ủy chủ trì ".encode() + b"\xff\xfe" + " phối hợp với Công an tỉnh.".encode()
    d = extract(raw)
    assert {(i.name, i.org) for i in d.of_kind("role")} == {("lead", "org:ban-dan-van-tinh-uy"),
                                                            ("coordinate", "org:cong-an-tinh")}
    text = raw.decode("utf-8", "replace")
    for item in d.items:
        assert text[item.span[0]:item.span[1]] == item.text
    offset = len("Ban Dân vận Tỉnh ủy chủ trì ".encode())
    with pytest.raises(danvan.Error, match=f"invalid UTF-8 at byte offset {offset}"):
        extract(raw, errors="reject")
    with pytest.raises(ValueError):
        extract(raw, errors="ignore")


def test_html_entities_and_tags():
    d = extract("<p>Ban D&acirc;n v&#7853;n T&#7881;nh &#7911;y <i>ch&#7911; tr&igrave;</i></p>")
    assert [(i.kind, i.text) for i in d.items if i.kind in ("organization", "role")] == [
        ("organization", "Ban Dân vận Tỉnh ủy"), ("role", "chủ trì")]


REPORT = ("Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ủy ban MTTQ tỉnh tổ chức hội nghị tập huấn tại huyện Gia Bình "
          "trong quý III/2024. Đảng ủy xã tham mưu Ban Thường vụ Huyện ủy thực hiện Nghị quyết số 12-NQ/TW.")


def _found(text):
    return sorted((i.kind, i.name, i.org or "") for i in extract(text).items)


@pytest.mark.parametrize("variant", [
    lambda t: unicodedata.normalize("NFD", t),          # decomposed tone marks
    lambda t: t.replace("Đ", "\u00d0"),                 # Ð (eth) typed for Đ
    lambda t: t.replace(". ", ".\r\n"),                 # Windows line ends
    lambda t: "<p>" + t.replace("Đảng", "&#272;ảng").replace("ủy", "&#7911;y") + "</p>",  # HTML entities
], ids=["nfd", "eth", "crlf", "html"])
def test_variants_of_one_text_give_the_same_items(variant):
    assert _found(variant(REPORT)) == _found(REPORT)


@pytest.mark.parametrize("damage", [
    lambda t: t.replace("tham mưu", "t ham mưu"),           # a stray space inside a word
    lambda t: t[:60] + "\x00\x01\x7f\ufffe" + t[60:],       # control and non-characters
    lambda t: "\x00" * 1000 + t,
], ids=["stray-space", "binary", "nul-run"])
def test_damaged_text_gives_a_valid_draft(damage):
    d = extract(damage(REPORT))
    net = danvan.Network.loads(d.dumps())
    assert len(net.sources) == 1
    assert any(i.kind == "document" and i.name == "12-NQ/TW" for i in d.items)  # what the damage left alone


def test_arguments_are_checked():
    with pytest.raises(ValueError):
        extract("x", source_id="text-1")
    with pytest.raises(ValueError):
        extract("x", date="16/09/2023")
    with pytest.raises(ValueError):
        extract("x", min_confidence=2)
    with pytest.raises(TypeError):
        extract(12345)
    d = extract("Công an tỉnh.", source_id="src:x", title="T", date="2023-09", url="http://example.org/a")
    s = d.to_network().sources["src:x"]
    assert (s.title, str(s.date), s.url) == ("T", "2023-09", "http://example.org/a")


def test_docstring_examples():
    import importlib

    mod = importlib.import_module("danvan._extract")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 5


def test_core_sha256_hex():
    assert _core.sha256_hex("abc") == hashlib.sha256(b"abc").hexdigest()
    assert _core.sha256_hex(b"\xff") == hashlib.sha256(b"\xff").hexdigest()


# ---- the command line -----------------------------------------------------------------------------


def _cli():
    binary = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"
    if not binary.is_file():
        pytest.skip(f"no danvan program at {binary}")
    return str(binary)


def test_cli_extract_items_table_and_draft(tmp_path, seed_text):
    cli = _cli()
    items = subprocess.run([cli, "extract", str(SEED), "--format", "items"], capture_output=True, check=True)
    got = json.loads(items.stdout)
    assert len(got) == len(extract(seed_text).items)
    assert "14 documents" in items.stderr.decode()
    table = subprocess.run([cli, "extract", str(SEED), "--format", "table"], capture_output=True, check=True, text=True)
    assert table.stdout.splitlines()[0].split()[:4] == ["KIND", "SPAN", "CONF", "TEXT"]
    out = tmp_path / "draft.json"
    run = subprocess.run([cli, "extract", str(SEED), "--out", str(out), "--date", "2023-09-16"], capture_output=True,
                         text=True)
    assert run.returncode == 0 and run.stdout == ""
    net = danvan.load(out)
    assert str(net.sources[0].date) == "2023-09-16"
    # The draft passes `danvan validate`.
    assert subprocess.run([cli, "validate", str(out), "-q"], capture_output=True).returncode == 0


def test_cli_extract_errors(tmp_path):
    cli = _cli()
    assert subprocess.run([cli, "extract", str(tmp_path / "missing.txt")], capture_output=True).returncode == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc \xff")
    r = subprocess.run([cli, "extract", str(bad), "--reject-invalid-utf8"], capture_output=True, text=True)
    assert r.returncode == 1 and "invalid UTF-8" in r.stderr
    r = subprocess.run([cli, "extract", str(bad), "--gazetteer", str(tmp_path / "none")], capture_output=True)
    assert r.returncode == 2
    stdin = subprocess.run([cli, "extract", "-", "--format", "items"], input="Công an tỉnh chủ trì.".encode(),
                           capture_output=True, check=True)
    assert [i["name"] for i in json.loads(stdin.stdout)] == ["Công an tỉnh", "lead"]
