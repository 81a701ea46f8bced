"""The hand-annotated gold of extraction: well-formed, exact, and scored.

tests/data/gold/ holds the texts the tests hold to targets (tests/python/test_extract.py);
bench/gold/ the held-out texts, annotated before the extractor was changed for them and
scored without targets (their figures are in bench/README.md). bench/gold_spans.py builds
a gold file from a spec that quotes the annotated text, and checks gold files.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, require_seed

sys.path.insert(0, str(ROOT / "bench"))
import extract_score  # noqa: E402
import gold_spans  # noqa: E402

GOLD_FILES = sorted((ROOT / "tests" / "data" / "gold").glob("*.gold.json")) + sorted(
    (ROOT / "bench" / "gold").glob("*.gold.json"))
SPECS = sorted((ROOT / "bench" / "gold").glob("*.spec"))
TASK_GOLD = [f for f in GOLD_FILES if json.loads(f.read_text(encoding="utf-8")).get("tasks")]


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_file_is_well_formed(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if gold["text"].startswith("seeds:"):
        require_seed()
    gold, text = extract_score.load_gold(gold_file)  # exits on a SHA-256 that does not match
    assert gold_spans.check(gold, text) == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name)
def test_the_held_out_gold_is_its_spec_with_exact_spans(spec):
    gold_file = spec.with_suffix(".gold.json")
    assert json.loads(gold_file.read_text(encoding="utf-8")) == gold_spans.build(spec)
    assert gold_file.read_text(encoding="utf-8") == gold_spans.dumps(gold_spans.build(spec))


def test_the_held_out_texts_are_six_kinds_from_provinces_other_than_hai_duong():
    assert len(TASK_GOLD) >= 6
    kinds = {json.loads(f.read_text(encoding="utf-8"))["text_kind"] for f in TASK_GOLD}
    assert kinds == set(gold_spans.TEXT_KINDS)
    for f in TASK_GOLD:
        gold, text = extract_score.load_gold(f)
        assert "Hải Dương" not in text
        assert 1500 <= len(text.encode("utf-8")) <= 4096, f.name
        assert sum(i["kind"] == "task" for i in gold["items"]) >= 5, f.name


def test_a_quote_must_be_unique_or_placed():
    text = "Ban Dân vận chủ trì; Sở Nội vụ chủ trì."
    assert gold_spans.locate(text, "Sở Nội vụ") == (21, 30)
    assert gold_spans.locate(text, "Nội vụ [[chủ trì]]") == (31, 38)
    assert gold_spans.locate(text, "chủ trì #2") == (31, 38)
    with pytest.raises(gold_spans.SpecError, match="occurs 2 times"):
        gold_spans.locate(text, "chủ trì")
    with pytest.raises(gold_spans.SpecError, match="occurs 0 times"):
        gold_spans.locate(text, "Công an tỉnh")


def test_check_names_what_is_wrong():
    text = "Công an tỉnh chủ trì kiểm tra."
    gold = {"gold": "1", "length": len(text), "items": [
        {"kind": "organization", "span": [0, 12], "label": "cat"},
        {"kind": "role", "span": [13, 20], "label": "lead", "org": "cat"},
        {"kind": "task", "span": [21, 29], "label": "inspection", "roles": [{"org": "cat", "role": "lead"}],
         "period": "2024-07/2024-09"},
    ]}
    assert gold_spans.check(gold, text) == []
    gold["items"] += [
        {"kind": "role", "span": [13, 20], "label": "boss", "org": "cat"},
        {"kind": "task", "span": [21, 40], "label": "inspection", "roles": [{"org": "snv", "role": "lead"}]},
        {"kind": "period", "span": [0, 3], "label": "quý III"},
    ]
    problems = gold_spans.check(gold, text)
    assert len(problems) == 4, problems
    assert any("unknown label" in p for p in problems)
    assert any("outside the text" in p for p in problems)
    assert any("unknown organization" in p for p in problems)
    assert any("not an ISO period" in p for p in problems)


def test_the_scorer_matches_tasks_by_name_and_counts_their_fields():
    text = "Sở Nội vụ chủ trì kiểm tra việc thực hiện dân chủ ở cơ sở; tổ chức đối thoại với nông dân."
    gold = {"tasks": True, "items": [
        {"kind": "organization", "span": [0, 9], "label": "snv"},
        {"kind": "task", "span": [18, 57], "label": "inspection", "roles": [{"org": "snv", "role": "lead"}],
         "period": "2024-07/2024-09", "areas": ["gia-binh"]},
        {"kind": "task", "span": [59, 89], "label": "dialogue", "roles": []},
    ]}
    items = [
        {"kind": "organization", "span": [0, 9], "name": "Sở Nội vụ", "id": "org:snv"},
        {"kind": "role", "span": [10, 17], "name": "lead", "id": "task:1", "org_span": [0, 9]},
    ]
    draft = {"tasks": [
        # named from its cue, as the extractor names tasks: overlaps the gold name
        {"id": "task:1", "name": "chủ trì kiểm tra việc", "kind": "inspection", "sources": [{"span": [0, 58]}]},
        # a name found nowhere in the text, like the gold's second task: matched by similarity
        {"id": "task:2", "name": "đối thoại với nông dân tỉnh", "kind": "other", "sources": [{"span": [0, 0]}]},
        {"id": "task:3", "name": "báo cáo", "kind": "other", "sources": [{"span": [0, 0]}]},
    ]}
    r = extract_score.score(gold, items, draft, text)["tasks"]
    assert (r["gold"], r["predicted"], r["matched"]) == (2, 3, 2)
    f = r["fields"]
    assert f["kind"]["accuracy"] == 0.5
    assert (f["period"]["accuracy"], f["period"]["gold"], f["period"]["matched"]) == (0.5, 1, 0)
    assert (f["roles"]["gold"], f["roles"]["predicted"], f["roles"]["matched"]) == (1, 1, 1)
    assert (f["areas"]["gold"], f["areas"]["matched"]) == (1, 0)
    assert r["by_kind"]["inspection"]["recall"] == 1.0 and r["by_kind"]["dialogue"]["recall"] == 0.0
    pooled = extract_score.pool([{"tasks": r, **{k: v for k, v in
                                                 extract_score.score(gold, items).items()}}] * 2)
    assert pooled["tasks"]["gold"] == 4 and pooled["tasks"]["fields"]["kind"]["accuracy"] == 0.5


def test_a_second_activity_counts_the_roles_the_draft_gives_it():
    # `Sở Nội vụ chủ trì kiểm tra ..., đồng thời tổ chức đối thoại ...`: one role item, on the
    # first task; the draft gives the second task the same role, citing the same cue.
    text = "Sở Nội vụ chủ trì kiểm tra việc thực hiện, đồng thời tổ chức đối thoại với nhân dân."
    gold = {"tasks": True, "items": [
        {"kind": "organization", "span": [0, 9], "label": "snv"},
        {"kind": "task", "span": [18, 41], "label": "inspection", "roles": [{"org": "snv", "role": "lead"}]},
        {"kind": "task", "span": [53, 83], "label": "dialogue", "roles": [{"org": "snv", "role": "lead"}]},
    ]}
    items = [
        {"kind": "organization", "span": [0, 9], "name": "Sở Nội vụ", "id": "org:snv"},
        {"kind": "role", "span": [10, 17], "name": "lead", "id": "task:1", "org": "org:snv", "org_span": [0, 9]},
    ]
    role = {"org": "org:snv", "role": "lead", "sources": [{"span": [10, 17], "note": "role cue"}]}
    draft = {"tasks": [
        {"id": "task:1", "name": "kiểm tra việc thực hiện", "kind": "inspection", "roles": [role],
         "sources": [{"span": [0, 85]}]},
        {"id": "task:2", "name": "tổ chức đối thoại với nhân dân", "kind": "dialogue", "roles": [role],
         "sources": [{"span": [0, 85]}]},
    ]}
    f = extract_score.score(gold, items, draft, text)["tasks"]["fields"]["roles"]
    assert (f["gold"], f["predicted"], f["matched"]) == (2, 2, 2)
    # a role the draft does not give the task is not counted on it
    draft["tasks"][1]["roles"] = []
    f = extract_score.score(gold, items, draft, text)["tasks"]["fields"]["roles"]
    assert (f["gold"], f["predicted"], f["matched"]) == (2, 1, 1)


def test_the_held_out_texts_are_scored_without_targets():
    pytest.importorskip("danvan._core")
    danvan = pytest.importorskip("danvan")
    if not hasattr(danvan, "extract"):
        pytest.skip("danvan._core was built without extraction")
    results = []
    for f in TASK_GOLD:
        gold, text = extract_score.load_gold(f)
        items, draft = extract_score.extract_python(text)
        r = extract_score.score(gold, items, draft, text)
        assert r["tasks"]["gold"] == sum(i["kind"] == "task" for i in gold["items"])
        assert r["organizations"]["gold"] == sum(i["kind"] == "organization" for i in gold["items"])
        results.append(r)
    pooled = extract_score.pool(results)
    assert pooled["tasks"]["gold"] == sum(r["tasks"]["gold"] for r in results)
    assert 0 <= pooled["tasks"]["recall"] <= 1
