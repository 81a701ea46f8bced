"""The shipped data files against schema/danvan.schema.json (JSON Schema draft 2020-12).

Uses only the standard library and Debian's python3-jsonschema; the danvan module
only in the last test, which checks what danvan writes for time and change (carried
and orphaned roles, names over time, shares, role dates).

Every file in data/*.json and tests/data/valid/*.json must be valid. The schema
describes the canonical form that danvan writes (closed objects except `extra`);
files that rely on the loader's leniency (unknown entity keys moved into `extra`)
belong elsewhere, not in tests/data/valid/.

Besides the schema, the shipped files are checked for what the schema cannot
express: unique ids, references that resolve, role names in the vocabulary,
hierarchies without cycles, periods and spans in order.
"""

import calendar
import copy
import datetime
import json
import re

import jsonschema
import pytest

from conftest import ROOT
SCHEMA_PATH = ROOT / "schema" / "danvan.schema.json"
VALID_DIR = ROOT / "tests" / "data" / "valid"

CORE_ROLES = {"lead", "advise", "direct", "coordinate", "guide", "sign", "participate", "host", "inform", "subject"}
COLLECTIONS = ("areas", "topics", "organizations", "documents", "programs", "tasks", "events", "sources")
PREFIX = {"areas": "area:", "topics": "topic:", "organizations": "org:", "documents": "doc:",
          "programs": "prog:", "tasks": "task:", "events": "event:", "sources": "src:"}


def shipped_files():
    files = sorted((ROOT / "data").glob("*.json"))
    if VALID_DIR.is_dir():
        files += sorted(VALID_DIR.glob("*.json"))
    return files


@pytest.fixture(scope="module")
def schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["danvan"]


def test_there_are_shipped_files():
    names = {p.name for p in shipped_files()}
    assert {"example.json", "haiduong-2023.json"} <= names


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_file_is_valid(validator, path):
    problems = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors(validator, load(path))]
    assert problems == []


def test_complete_example_of_the_format_documentation_is_valid(validator):
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S) if b.startswith("{\n")]
    complete = [b for b in blocks if b.get("danvan") == "1" and b.get("tasks")]
    assert len(complete) == 1
    assert errors(validator, complete[0]) == []
    check_integrity(complete[0])
    kinds = {k for k in complete[0] if isinstance(complete[0][k], list) and complete[0][k]}
    assert kinds == {"roles", "areas", "topics", "organizations", "documents", "programs", "tasks", "events", "sources"}


# ---- what the schema cannot say: integrity of the shipped files ----

def ids_of(doc):
    out = {}
    for coll in COLLECTIONS:
        for i, ent in enumerate(doc.get(coll, [])):
            assert ent["id"].startswith(PREFIX[coll])
            assert ent["id"] not in out, f"duplicate id {ent['id']}"
            out[ent["id"]] = (coll, i)
    return out


def references(doc):
    """Yields (json path, referenced id, expected prefix) for every reference in the file."""
    single = {"areas": ["parent"], "topics": ["parent"], "organizations": ["area", "parent"],
              "documents": ["issued_by"], "tasks": ["program"], "sources": ["document"]}
    lists = {"documents": ["continues", "implements", "amends", "replaces", "topics", "areas"],
             "programs": ["implements", "topics", "areas"], "tasks": ["implements", "topics", "areas"],
             "events": ["from", "to"]}
    prefix_of = {"parent": None, "area": "area:", "issued_by": "org:", "program": "prog:", "document": "doc:",
                 "continues": "doc:", "implements": "doc:", "amends": "doc:", "replaces": "doc:",
                 "topics": "topic:", "areas": "area:", "from": "org:", "to": "org:"}
    for coll in COLLECTIONS:
        for i, ent in enumerate(doc.get(coll, [])):
            base = f"/{coll}/{i}"
            for key in single.get(coll, []):
                if key in ent:
                    yield f"{base}/{key}", ent[key], prefix_of[key] or PREFIX[coll]
            for key in lists.get(coll, []):
                for j, ref in enumerate(ent.get(key, [])):
                    yield f"{base}/{key}/{j}", ref, prefix_of[key]
            evidence = list(enumerate(ent.get("sources", [])))
            for j, ev in evidence:
                yield f"{base}/sources/{j}/source", ev["source"], "src:"
            for j, role in enumerate(ent.get("roles", [])):
                yield f"{base}/roles/{j}/org", role["org"], "org:"
                for k, ev in enumerate(role.get("sources", [])):
                    yield f"{base}/roles/{j}/sources/{k}/source", ev["source"], "src:"


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_file_integrity(path):
    check_integrity(load(path))


def check_integrity(doc):
    ids = ids_of(doc)
    bad = [(where, ref) for where, ref, prefix in references(doc) if ref not in ids or not ref.startswith(prefix)]
    assert bad == []

    vocabulary = CORE_ROLES | {r["name"] for r in doc.get("roles", [])}
    unknown_roles = [(e["id"], r["role"]) for c in ("programs", "tasks") for e in doc.get(c, [])
                     for r in e.get("roles", []) if r["role"] not in vocabulary]
    assert unknown_roles == []

    for coll in ("areas", "topics", "organizations"):
        parent = {e["id"]: e.get("parent") for e in doc.get(coll, [])}
        for start in parent:
            seen, node = set(), start
            while node:
                assert node not in seen, f"cycle through {start}"
                seen.add(node)
                node = parent.get(node)

    for coll in COLLECTIONS:
        for ent in doc.get(coll, []):
            if "valid_from" in ent and "valid_to" in ent:
                assert last_day(ent["valid_to"]) >= first_day(ent["valid_from"]), ent["id"]
            period = ent.get("period", {})
            if "start" in period and "end" in period:
                assert last_day(period["end"]) >= first_day(period["start"]), ent["id"]
            for ev in ent.get("sources", []) + [e for r in ent.get("roles", []) for e in r.get("sources", [])]:
                if "span" in ev:
                    assert ev["span"][0] <= ev["span"][1], ent["id"]


def first_day(text):
    parts = [int(x) for x in text.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def last_day(text):
    parts = [int(x) for x in text.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return datetime.date(year, month, day)


def test_date_bounds_follow_precision():
    assert first_day("2023") == datetime.date(2023, 1, 1) and last_day("2023") == datetime.date(2023, 12, 31)
    assert last_day("2024-02") == datetime.date(2024, 2, 29)
    assert last_day("2023-09-16") == first_day("2023-09-16")


# ---- the shipped data are in the canonical form of docs/format.md ----

HEAD, TAIL = ["id", "name", "name_en", "aliases"], ["valid_from", "valid_to", "classification", "sources", "extra"]
KEY_ORDER = {
    "top": ["danvan", "meta", "roles", *COLLECTIONS, "extra"],
    "areas": HEAD + ["level", "code", "parent"] + TAIL,
    "topics": HEAD + ["parent"] + TAIL,
    "organizations": HEAD + ["kind", "level", "area", "parent", "names"] + TAIL,
    "documents": HEAD + ["type", "number", "issuer", "issued_by", "date", "term", "title", "continues", "implements",
                         "amends", "replaces", "topics", "areas", "reviews"] + TAIL,
    "programs": HEAD + ["kind", "period", "implements", "topics", "areas", "roles", "orphaned_roles"] + TAIL,
    "tasks": HEAD + ["kind", "program", "implements", "topics", "areas", "period", "due", "status", "roles",
                     "orphaned_roles"] + TAIL,
    "events": HEAD + ["kind", "date", "approximate", "from", "to", "shares"] + TAIL,
    "sources": HEAD + ["kind", "title", "date", "url", "sha256", "document"] + TAIL,
    "role": ["org", "role", "valid_from", "valid_to", "carried_from", "classification", "sources", "extra"],
    "origin": ["org", "event", "date"],
    "orphan": ["role", "org", "event", "date"],
    "name": ["name", "valid_from", "valid_to"],
    "share": ["to", "topics", "areas", "items"],
    "evidence": ["source", "span", "note"],
    "period": ["start", "end"],
    "review": ["kind", "years", "recurring"],
    "roledef": ["name", "labels", "raci", "description"],
    "meta": ["title", "description", "language", "classification", "as_of", "extra"],
}
ALWAYS = {"areas": ["level"], "organizations": ["kind"], "programs": ["kind"], "tasks": ["kind", "status"],
          "events": ["kind"], "review": ["kind", "years"], "roledef": ["raci"], "meta": ["language", "classification"]}


def keys_sorted(node):
    """danvan writes the keys of `extra` objects, at every depth, in sorted order."""
    if isinstance(node, dict):
        return list(node) == sorted(node) and all(keys_sorted(v) for v in node.values())
    if isinstance(node, list):
        return all(keys_sorted(v) for v in node)
    return True


def canonical_problems(doc):
    problems = []

    def check(obj, shape, path):
        keys = list(obj)
        order = KEY_ORDER[shape]
        if [k for k in order if k in obj] != keys:
            problems.append(f"{path}: keys {keys} not in the order {order}")
        for k in ALWAYS.get(shape, []):
            if k not in obj:
                problems.append(f"{path}: {k} must always be written")
        for k, v in obj.items():
            if k == "extra":
                if not keys_sorted(v):
                    problems.append(f"{path}/extra: keys are not in sorted order")
                continue
            if v in ("", [], {}, None, False):
                problems.append(f"{path}/{k}: empty or default value should be left out")
        if shape == "top":
            return
        for i, ev in enumerate(obj.get("sources", [])):
            check(ev, "evidence", f"{path}/sources/{i}")
        for i, role in enumerate(obj.get("roles", [])):
            check(role, "role", f"{path}/roles/{i}")
            if "carried_from" in role:
                check(role["carried_from"], "origin", f"{path}/roles/{i}/carried_from")
        for field, shape in (("orphaned_roles", "orphan"), ("names", "name"), ("shares", "share")):
            for i, item in enumerate(obj.get(field, [])):
                check(item, shape, f"{path}/{field}/{i}")
        for i, review in enumerate(obj.get("reviews", [])):
            check(review, "review", f"{path}/reviews/{i}")
        if isinstance(obj.get("period"), dict):
            check(obj["period"], "period", f"{path}/period")

    check(doc, "top", "")
    if "meta" in doc:
        check(doc["meta"], "meta", "/meta")
    for i, r in enumerate(doc.get("roles", [])):
        check(r, "roledef", f"/roles/{i}")
    for coll in COLLECTIONS:
        for i, ent in enumerate(doc.get(coll, [])):
            check(ent, coll, f"/{coll}/{i}")
    return problems


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.json")), ids=lambda p: p.name)
def test_shipped_data_are_canonical(path):
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert canonical_problems(doc) == []
    assert text == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def test_canonical_check_sees_a_misordered_key():
    doc = {"danvan": "1", "organizations": [{"name": "x", "id": "org:x", "kind": "other"}]}
    assert canonical_problems(doc) != []
    doc["organizations"][0] = {"id": "org:x", "name": "x", "kind": "other", "aliases": []}
    assert canonical_problems(doc) != []
    doc["organizations"][0] = {"id": "org:x", "name": "x", "kind": "other", "extra": {"b": 1, "a": 2}}
    assert canonical_problems(doc) != []
    doc["organizations"][0]["extra"] = {"a": 2, "b": {"d": 1, "c": 0}}
    assert canonical_problems(doc) != []
    doc["organizations"][0]["extra"] = {"a": 2, "b": {"c": 0, "d": 1}}
    assert canonical_problems(doc) == []


# ---- the schema rejects broken variants ----

BASE = {
    "danvan": "1",
    "organizations": [{"id": "org:a", "name": "Tỉnh ủy A", "kind": "party_committee", "level": "province"}],
    "tasks": [{"id": "task:t", "name": "Kiểm tra", "kind": "inspection", "due": "2023-10",
               "roles": [{"org": "org:a", "role": "lead"}]}],
    "events": [{"id": "event:e", "name": "Giải thể", "kind": "dissolve", "date": "2025-07-01", "from": ["org:a"]}],
}


def variant(edit):
    doc = copy.deepcopy(BASE)
    edit(doc)
    return doc


def test_base_of_the_broken_variants_is_valid(validator):
    assert errors(validator, BASE) == []


def set_path(path, value):
    def edit(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


# name: (edit, a fragment the schema's error message must contain, so that the variant
# is rejected for the intended reason and not for another one)
BROKEN = {
    "missing version": (lambda d: d.pop("danvan"), "'danvan' is a required property"),
    "other version": (set_path(["danvan"], "2"), "'1' was expected"),
    "wrong id prefix": (set_path(["organizations", 0, "id"], "organization:a"), "'organization:a' does not match"),
    "task id with org prefix": (set_path(["tasks", 0, "id"], "org:t"), "'org:t' does not match"),
    "empty id after prefix": (set_path(["organizations", 0, "id"], "org:  "), "'org:  ' does not match"),
    "reference with wrong prefix": (set_path(["tasks", 0, "roles", 0, "org"], "area:a"), "'area:a' does not match"),
    "bad date pattern": (set_path(["tasks", 0, "due"], "16/09/2023"), "'16/09/2023' does not match"),
    "impossible date": (set_path(["tasks", 0, "due"], "2023-02-30"), "'2023-02-30' does not match"),
    "29 February of a common year": (set_path(["tasks", 0, "due"], "2023-02-29"), "'2023-02-29' does not match"),
    "month 13": (set_path(["tasks", 0, "due"], "2023-13"), "'2023-13' does not match"),
    "year zero": (set_path(["events", 0, "date"], "0000"), "'0000' does not match"),
    "unknown field outside extra": (set_path(["organizations", 0, "parnet"], "org:b"), "'parnet' was unexpected"),
    "unknown top-level key": (set_path(["organisations"], []), "'organisations' was unexpected"),
    "unknown key in a role": (set_path(["tasks", 0, "roles", 0, "weight"], 2), "'weight' was unexpected"),
    "unknown key in meta": (set_path(["meta"], {"title": "x", "licence": "cc"}), "'licence' was unexpected"),
    "unknown org kind": (set_path(["organizations", 0, "kind"], "ministry"), "'ministry' is not one of"),
    "unknown status": (set_path(["tasks", 0, "status"], "finished"), "'finished' is not one of"),
    "role name with capitals": (set_path(["tasks", 0, "roles", 0, "role"], "Lead"), "'Lead' does not match"),
    "empty name": (set_path(["organizations", 0, "name"], ""), "'' is too short"),
    "missing name": (lambda d: d["organizations"][0].pop("name"), "'name' is a required property"),
    "span of three numbers": (set_path(["organizations", 0, "sources"], [{"source": "src:s", "span": [1, 2, 3]}]), "is too long"),
    "negative span": (set_path(["organizations", 0, "sources"], [{"source": "src:s", "span": [-1, 2]}]), "-1 is less than the minimum"),
    "evidence without source": (set_path(["organizations", 0, "sources"], [{"span": [1, 2]}]), "'source' is a required property"),
    "sha256 not hex": (set_path(["sources"], [{"id": "src:s", "name": "x", "sha256": "xyz"}]), "'xyz' does not match"),
    "dissolve with a successor": (set_path(["events", 0, "to"], ["org:a"]), "['org:a'] is too long"),
    "merge without successor": (set_path(["events", 0, "kind"], "merge"), "'to' is a required property"),
    "event without predecessor": (set_path(["events", 0, "from"], []), "[] is too short"),
    "merge of a single body": (lambda d: d["events"][0].update(kind="merge", to=["org:b"]), "['org:a'] is too short"),
    "split into one body": (lambda d: d["events"][0].update(kind="split", to=["org:b"]), "['org:b'] is too short"),
    "rename into two bodies": (lambda d: d["events"][0].update(kind="rename", to=["org:b", "org:c"]), "is too long"),
    "event without kind": (lambda d: d["events"][0].pop("kind"), "'kind' is a required property"),
    "area without level": (set_path(["areas"], [{"id": "area:x", "name": "x"}]), "'level' is a required property"),
    "declared role without RACI": (set_path(["roles"], [{"name": "teach"}]), "'raci' is a required property"),
    "event without date": (lambda d: d["events"][0].pop("date"), "'date' is a required property"),
    "review of zero years": (set_path(["documents"], [{"id": "doc:d", "name": "x", "reviews": [{"kind": "final", "years": 0}]}]),
                             "0 is less than the minimum of 1"),
    "declared role repeats a core role": (set_path(["roles"], [{"name": "lead", "raci": "R"}]), "'lead' should not be valid"),
    "declared role with bad RACI": (set_path(["roles"], [{"name": "teach", "raci": "X"}]), "'X' is not one of"),
    "review of too many years": (set_path(["documents"], [{"id": "doc:d", "name": "x", "reviews": [{"kind": "final", "years": 1001}]}]),
                                 "1001 is greater than the maximum of 1000"),
    "term not in Roman numerals": (set_path(["documents"], [{"id": "doc:d", "name": "x", "term": "khóa 12"}]), "'khóa 12' does not match"),
    "extra that is not an object": (set_path(["organizations", 0, "extra"], "note"), "'note' is not of type 'object'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_schema_rejects_broken_variant(validator, name):
    edit, expected = BROKEN[name]
    messages = [e.message for e in errors(validator, variant(edit))]
    assert any(expected in m for m in messages), messages


def test_anything_goes_inside_extra(validator):
    doc = variant(set_path(["organizations", 0, "extra"], {"parnet": 1, "nested": {"any": [1, "x", None]}}))
    doc["extra"] = {"tool": {"version": 3}}
    doc["tasks"][0]["roles"][0]["extra"] = {"inferred": True}
    assert errors(validator, doc) == []


@pytest.mark.parametrize("date", ["2023", "2023-09", "2023-09-16", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
def test_schema_accepts_dates_of_each_precision(validator, date):
    assert errors(validator, variant(set_path(["tasks", 0, "due"], date))) == []


@pytest.mark.parametrize("date", ["1900-02-29", "2100-02-29", "2023-04-31", "2023-9", "23", "2023-09-16T00:00", " 2023"])
def test_schema_rejects_malformed_or_impossible_dates(validator, date):
    assert errors(validator, variant(set_path(["tasks", 0, "due"], date))) != []


# ---- the loader and the schema agree ----

# Files of tests/data/invalid/ whose one problem the schema can express: it rejects them too.
LOADER_RULES_THE_SCHEMA_HAS = ["blank-name.json", "document-type.json", "event-repeats-organization.json",
                               "id-control-character.json", "language-tag.json", "repeated-alias.json"]


@pytest.mark.parametrize("name", LOADER_RULES_THE_SCHEMA_HAS)
def test_schema_rejects_what_the_loader_rejects(validator, name):
    assert errors(validator, load(ROOT / "tests" / "data" / "invalid" / name)) != []


# Close to every line the loader draws, on the side it accepts.
EDGES = {
    "danvan": "1",
    "meta": {"language": "vi-VN", "classification": "public"},
    "roles": [{"name": "teach", "labels": ["giảng dạy", "dạy"], "raci": "C"}],
    "organizations": [
        {"id": "org:tỉnh-ủy", "name": "Tỉnh\u00a0ủy", "aliases": ["TU", " TU"], "kind": "party_committee",
         "website": "kept in extra"},
        {"id": "org:b\u200b", "name": "\u200b", "kind": "other"},  # a zero-width space is not white space
    ],
    "documents": [{"id": "doc:202/2025/NQ-QH15", "name": "Nghị quyết", "type": "QĐi", "number": "202/2025",
                   "issuer": "BDVTU-BCHQST-CAT", "term": "XV", "replaces": ["doc:a"], "continues": ["doc:a"]},
                  {"id": "doc:a", "name": "A", "extra": {"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}}],
}


def test_what_danvan_saves_passes_the_schema(validator):
    danvan = pytest.importorskip("danvan")
    net = danvan.Network.loads(json.dumps(EDGES, ensure_ascii=False))
    saved = json.loads(net.dumps())
    assert errors(validator, saved) == []
    for path in shipped_files():
        assert errors(validator, json.loads(danvan.Network.load(path).dumps())) == [], path


# ---- what danvan writes for time and change passes the schema, in canonical form ----

TIME_FEATURES = """{"danvan": "1",
  "topics": [{"id": "topic:moi-truong", "name": "Môi trường"}],
  "organizations": [
    {"id": "org:a", "name": "Ban A", "valid_to": "2025-02-28", "names": [{"name": "Ban A cũ", "valid_to": "2019-12-31"}]},
    {"id": "org:b", "name": "Ban B", "valid_from": "2025-03-01"},
    {"id": "org:c", "name": "Ban C", "valid_from": "2025-03-01"},
    {"id": "org:huyen", "name": "Huyện ủy", "valid_to": "2025-06-30"}],
  "tasks": [{"id": "task:t", "name": "T", "topics": ["topic:moi-truong"], "period": {"start": "2023", "end": "2026"},
             "roles": [{"org": "org:a", "role": "lead", "valid_from": "2023-06"}, {"org": "org:huyen", "role": "host"}]}],
  "events": [
    {"id": "event:s", "name": "Chia", "kind": "split", "date": "2025-03-01", "from": ["org:a"], "to": ["org:b", "org:c"],
     "shares": [{"to": "org:b", "topics": ["topic:moi-truong"]}]},
    {"id": "event:h", "name": "Giải thể", "kind": "dissolve", "date": "2025-07-01", "from": ["org:huyen"]}]}"""


@pytest.mark.parametrize("day", [None, "2024-01-01", "2025-09-01"])
def test_time_features_as_saved_pass_the_schema(validator, day):
    import danvan

    net = danvan.Network.loads(TIME_FEATURES)
    if day is not None:
        net = net.as_of(day)
    doc = json.loads(net.dumps())
    assert errors(validator, doc) == []
    assert canonical_problems(doc) == []
    if day == "2025-09-01":
        assert doc["meta"]["as_of"] == day
        assert doc["tasks"][0]["roles"][0]["carried_from"] == {"org": "org:a", "event": "event:s", "date": "2025-03-01"}
        assert doc["tasks"][0]["orphaned_roles"] == [{"role": "host", "org": "org:huyen", "event": "event:h", "date": "2025-07-01"}]
