"""Coverage rules from Python: load_rules from a path, text, dict or the default;
bad rules files rejected with the JSON path of the mistake; check() and the
DataFrame of violations it returns; the schema and the docs agree with the rule catalog; the
danvan.testing assertions; the default rules on the Hải Dương network before and
after the 2025 reorganization."""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import subprocess

import jsonschema
import pandas as pd
import pytest

import danvan
from danvan import _core
from danvan._coverage import CoverageMixin, Rules, load_rules, rule_catalog
from danvan.testing import assert_covered, assert_lead, assert_violates, format_violations

from conftest import ROOT
RULES_DIR = ROOT / "tests" / "data" / "rules"
DEFAULT = ROOT / "data" / "rules" / "default.rules.json"
SCHEMA = ROOT / "schema" / "rules.schema.json"
HAIDUONG = ROOT / "data" / "haiduong-2023.json"

Net = danvan.Network if issubclass(danvan.Network, CoverageMixin) else type("Net", (CoverageMixin, danvan.Network), {})

FIXTURE = """{
  "danvan": "1",
  "areas": [
    {"id": "area:tinh", "name": "Tỉnh", "level": "province"},
    {"id": "area:h1", "name": "Huyện 1", "level": "district", "parent": "area:tinh"},
    {"id": "area:h2", "name": "Huyện 2", "level": "district", "parent": "area:tinh", "valid_to": "2025-06-30"}],
  "organizations": [
    {"id": "org:ban", "name": "Ban Dân vận", "level": "province"},
    {"id": "org:mttq", "name": "MTTQ", "level": "province"},
    {"id": "org:h2-uy", "name": "Huyện ủy 2", "level": "district", "area": "area:h2", "valid_to": "2025-06-30"}],
  "documents": [
    {"id": "doc:ct-1", "name": "Chỉ thị 1", "type": "CT", "date": "2017", "reviews": [{"kind": "preliminary", "years": 5}]},
    {"id": "doc:ct-2", "name": "Chỉ thị 2", "type": "CT", "date": "2018-01-20", "reviews": [{"kind": "preliminary", "years": 5}]}],
  "programs": [
    {"id": "prog:movement", "name": "Phong trào", "kind": "movement", "period": {"start": "2023", "end": "2025"},
     "roles": [{"org": "org:ban", "role": "lead"}, {"org": "org:h2-uy", "role": "participate"}]}],
  "tasks": [
    {"id": "task:ok", "name": "Một chủ trì", "roles": [{"org": "org:ban", "role": "lead"}]},
    {"id": "task:none", "name": "Không ai chủ trì", "roles": [{"org": "org:mttq", "role": "coordinate"}]},
    {"id": "task:review", "name": "Sơ kết CT 2", "kind": "review", "implements": ["doc:ct-2"], "due": "2023-06",
     "roles": [{"org": "org:ban", "role": "advise"}]}],
  "events": [
    {"id": "event:huyen", "name": "Kết thúc cấp huyện", "kind": "dissolve", "date": "2025-07-01", "from": ["org:h2-uy"]}]
}"""


@pytest.fixture(scope="module")
def net():
    return Net.loads(FIXTURE, label="<fixture>")


# ---- reading rules ------------------------------------------------------------------------


def test_load_rules_from_every_source():
    default = load_rules()
    assert isinstance(default, Rules)
    assert default.names == load_rules(DEFAULT).names == load_rules(str(DEFAULT)).names
    assert default.names[0] == "task-responsible" and "movement-reaches-districts" in default.names
    as_dict = load_rules({"as_of": "2023-09-16", "rules": [{"rule": "program-lead", "name": "led"}]})
    assert as_dict.names == ["led"] and str(as_dict.as_of) == "2023-09-16" and as_dict.file == "<dict>"
    as_text = load_rules('{"rules": [{"rule": "task-accountable"}]}')
    assert len(as_text) == 1 and as_text.as_of is None
    assert load_rules(as_text) is as_text
    first = next(iter(default))
    assert first["rule"] == "task-responsible" and first["severity"] == "error" and first["params"]["letter"] == "R"
    assert default._core.checks == [r["rule"] for r in default] and as_dict._core.checks == ["program-lead"]
    with pytest.raises(TypeError, match="rules: expected a path"):
        load_rules(42)


def test_default_rules_are_the_shipped_file_and_follow_the_schema():
    assert _core.default_rules_text() == DEFAULT.read_text(encoding="utf-8")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(DEFAULT.read_text(encoding="utf-8")), schema)


def test_schema_and_docs_name_every_rule_and_parameter_of_the_catalog():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    catalog = rule_catalog()
    assert [r["name"] for r in catalog] == schema["$defs"]["rule"]["properties"]["rule"]["enum"]
    kinds = {"boolean": "boolean", "integer": "integer", "string": "string", "array of strings": "array"}
    for rule in catalog:
        assert f"### `{rule['name']}`" in docs
        params = schema["$defs"][f"params-{rule['name']}"]["properties"]
        assert sorted(params) == sorted(p["name"] for p in rule["params"]), rule["name"]
        for p in rule["params"]:
            assert f"`{p['name']}`" in docs
            if p["type"] in kinds and "type" in params[p["name"]]:
                assert params[p["name"]]["type"] == kinds[p["type"]], (rule["name"], p["name"])
            if p["choices"] and p["type"] == "string":
                assert params[p["name"]]["enum"] == p["choices"]


@pytest.mark.parametrize(
    "file, path, rule, words",
    [
        ("unknown-rule.json", "/rules/1/rule", "unknown-rule", "unknown rule `task-responsable` (did you mean `task-responsible`?)"),
        ("unknown-parameter.json", "/rules/0/params/grace_day", "unknown-parameter", "did you mean `grace_days`?"),
        ("wrong-type.json", "/rules/0/params/within_days", "wrong-type", "`within_days` must be a whole number, found a string"),
        ("bad-date.json", "/as_of", "bad-date", "`2023-02-30` is not a date"),
        ("bad-window.json", "/rules/0/params/window/start", "bad-date", "`2023-13` is not a date"),
        ("bad-severity.json", "/rules/0/severity", "bad-value", "`fatal` is not one of info, warning, error"),
        ("duplicate-name.json", "/rules/1/rule", "duplicate-name", "two rules are named `task-responsible`"),
    ],
)
def test_bad_rules_files_name_the_path_of_the_mistake(file, path, rule, words):
    with pytest.raises(danvan.ValidationError) as info:
        load_rules(RULES_DIR / file)
    assert isinstance(info.value, ValueError)
    problem = info.value.problems[0]
    assert (problem.path, problem.rule) == (path, rule)
    assert words in problem.message
    assert problem.file.endswith(file)
    assert path in str(info.value)


def test_every_mistake_at_once_and_syntax_errors():
    with pytest.raises(danvan.ValidationError) as info:
        load_rules(RULES_DIR / "many-mistakes.json")
    assert info.value.total == 7
    assert [p.path for p in info.value.problems][:3] == ["/rulez", "/danvan_rules", "/as_of"]
    with pytest.raises(danvan.ParseError) as syntax:
        load_rules(RULES_DIR / "syntax-error.json")
    assert syntax.value.line == 4 and syntax.value.problem.rule == "syntax"
    with pytest.raises(danvan.ParseError):
        load_rules("{not json")
    with pytest.raises(OSError):
        load_rules(RULES_DIR / "no-such-file.json")


# ---- check -----------------------------------------------------------------------------------


CHECK_COLUMNS = ["rule", "check", "severity", "entity_kind", "entity", "entity_name", "message", "evidence"]


def test_check_returns_a_dataframe_of_violations(net):
    found = net.check({"rules": [{"rule": "task-responsible"}, {"rule": "review-overdue"}]}, as_of="2023-09-16")
    assert isinstance(found, pd.DataFrame)
    assert list(found.columns) == CHECK_COLUMNS
    assert [(v.rule, v.entity) for v in found.itertuples()] == [("task-responsible", "task:none"), ("review-overdue", "doc:ct-1")]
    v = next(found.itertuples(index=False))
    assert (v.severity, v.check, v.entity_kind) == ("error", "task-responsible", "task")
    assert v.message == "no organization is responsible (R: lead, advise) on task `task:none` (Không ai chủ trì); exactly 1 expected"
    assert v.evidence == ("task:none",)
    assert v.entity_name == "Không ai chủ trì"
    assert found["entity_name"].tolist() == [net[e].name for e in found["entity"]] == ["Không ai chủ trì", "Chỉ thị 1"]
    assert isinstance(found["entity"].dtype, pd.CategoricalDtype)
    assert list(found["entity"].cat.categories) == ["doc:ct-1", "task:none"]  # only those that occur, in position order
    severity = found["severity"].dtype
    assert isinstance(severity, pd.CategoricalDtype) and severity.ordered
    assert list(severity.categories) == ["info", "warning", "error"]
    assert format_violations(found.iloc[:1]).startswith("  > error task-responsible task:none: no organization")
    # A date of year precision: the 2022 review is not overdue before 2022 has passed.
    early = net.check({"rules": [{"rule": "review-overdue"}]}, as_of="2022-06-30")
    assert isinstance(early, pd.DataFrame) and len(early) == 0 and list(early.columns) == CHECK_COLUMNS
    assert net.check({"rules": [{"rule": "review-overdue"}]}, as_of="2023")["entity"].tolist() == ["doc:ct-1"]


def test_check_without_and_with_messages(net):
    rules = {"rules": [{"rule": "task-responsible"}, {"rule": "review-overdue", "name": "reviews"}]}
    fast = net.check(rules, as_of="2023-09-16", messages=False)
    assert len(fast) == 2 and "message" not in fast and "evidence" not in fast
    assert list(fast.columns) == CHECK_COLUMNS[:-2]
    assert fast["rule"].tolist() == ["task-responsible", "reviews"]
    assert list(fast["rule"].cat.categories) == ["task-responsible", "reviews"]  # the rules in file order
    assert fast["check"].tolist() == ["task-responsible", "review-overdue"]
    assert fast["entity"].tolist() == ["task:none", "doc:ct-1"]
    assert fast["entity_kind"].tolist() == ["task", "document"]
    assert fast["entity_name"].tolist() == ["Không ai chủ trì", "Chỉ thị 1"]
    full = net.check(rules, as_of="2023-09-16")
    assert list(full.columns) == CHECK_COLUMNS
    # The same rows: messages=False is check() without message and evidence.
    pd.testing.assert_frame_equal(full.drop(columns=["message", "evidence"]), fast)
    assert full["message"].tolist()[0].startswith("no organization is responsible")
    assert "review (sơ kết) of `doc:ct-1`" in full["message"].tolist()[1]
    assert full["evidence"].tolist() == [("task:none",), ("doc:ct-1",)]
    counts = full.groupby("severity", observed=True).size().to_dict()
    assert counts == {"error": 2}


def test_check_dates_and_errors(net):
    import datetime

    rules = {"rules": [{"rule": "orphaned-role"}]}
    assert len(net.check(rules)) == 0  # needs a date
    assert net.check(rules, as_of=datetime.date(2025, 9, 1))["entity"].tolist() == ["org:h2-uy"]
    assert net.check(rules, as_of=danvan.Date("2025-09-01"))["entity"].tolist() == ["org:h2-uy"]
    with pytest.raises(ValueError, match="as_of: '2025-13' is not a date"):
        net.check(rules, as_of="2025-13")
    with pytest.raises(danvan.ValidationError) as info:
        net.check({"rules": [{"rule": "area-reached", "params": {"program": "prog:movment"}}]})
    problem = info.value.problems[0]
    assert (problem.path, problem.rule, problem.suggestion) == ("/rules/0/params/program", "unknown-reference", "prog:movement")


def test_check_as_of_a_day_names_the_entities_it_found():
    # The entity column is the id the violation is about, also when an organization
    # before it in the file has ended by the day the rules look at.
    ended = Net.loads('''{"danvan": "1",
      "organizations": [{"id": "org:old", "name": "Old", "valid_to": "2024-12-31"},
                        {"id": "org:idle", "name": "Idle"}, {"id": "org:busy", "name": "Busy"}],
      "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:busy", "role": "lead"}]}]}''')
    rules = {"rules": [{"rule": "organization-idle"}]}
    assert ended.check(rules)[["entity", "entity_name"]].values.tolist() == [["org:old", "Old"], ["org:idle", "Idle"]]
    later = ended.check(rules, as_of="2025-09-01")
    assert later[["entity", "entity_name"]].values.tolist() == [["org:idle", "Idle"]]
    assert later["evidence"].tolist() == [("org:idle",)]


def test_check_names_every_row_from_the_networks_names():
    # entity_name is a categorical of the names that occur, like the id column (each
    # entity's distinct name is found once per network): two organizations of one name
    # share a category, each row still reads its own entity's name, and a name no row
    # bears is no category.
    same = Net.loads('''{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "Ban Dân vận"}, {"id": "org:b", "name": "Ban Dân vận"},
                        {"id": "org:c", "name": "Ban Tuyên giáo"}, {"id": "org:d", "name": "Sở Nội vụ"}],
      "tasks": [{"id": "task:t", "name": "Ban Tuyên giáo", "roles": [{"org": "org:d", "role": "coordinate"}]}]}''')
    rules = {"rules": [{"rule": "organization-idle"}, {"rule": "task-responsible"}]}
    found = same.check(rules, messages=False)
    assert found["entity"].tolist() == ["org:a", "org:b", "org:c", "task:t"]
    assert found["entity_name"].tolist() == [same[e].name for e in found["entity"]]
    assert found["entity_name"].tolist() == ["Ban Dân vận", "Ban Dân vận", "Ban Tuyên giáo", "Ban Tuyên giáo"]
    names = found["entity_name"].dtype
    assert isinstance(names, pd.CategoricalDtype) and names.categories.is_unique
    assert sorted(names.categories) == ["Ban Dân vận", "Ban Tuyên giáo"]
    assert found["entity_name"].value_counts().to_dict() == {"Ban Dân vận": 2, "Ban Tuyên giáo": 2}
    # With messages the same column.
    pd.testing.assert_series_equal(same.check(rules)["entity_name"], found["entity_name"])
    # A row with no entity (code -1) has no name.
    from danvan._frames import name_column

    column = name_column(same, ("organization",), [0, 2], [1, -1, 0])
    assert column.tolist()[0::2] == ["Ban Tuyên giáo", "Ban Dân vận"] and pd.isna(column.tolist()[1])


def test_check_names_of_a_network_without_two_names_alike():
    # Names all distinct: each entity present is its own category, in the ids' order,
    # and a name no row bears is no category, as when two are alike.
    distinct = Net.loads('''{"danvan": "1",
      "organizations": [{"id": "org:a", "name": "Ban Dân vận"}, {"id": "org:b", "name": "Sở Nội vụ"},
                        {"id": "org:c", "name": "Ban Tuyên giáo"}],
      "tasks": [{"id": "task:t", "name": "Hội nghị", "roles": [{"org": "org:b", "role": "coordinate"}]}]}''')
    found = distinct.check({"rules": [{"rule": "organization-idle"}, {"rule": "task-responsible"}]}, messages=False)
    assert found["entity"].tolist() == ["org:a", "org:c", "task:t"]
    assert found["entity_name"].tolist() == [distinct[e].name for e in found["entity"]]
    assert list(found["entity_name"].cat.categories) == ["Ban Dân vận", "Ban Tuyên giáo", "Hội nghị"]
    from danvan._frames import name_column

    column = name_column(distinct, ("organization",), [0, 2], [1, -1, 0])
    assert column.tolist()[0::2] == ["Ban Tuyên giáo", "Ban Dân vận"] and pd.isna(column.tolist()[1])
    assert list(column.categories) == ["Ban Dân vận", "Ban Tuyên giáo"]
    assert sorted(column.categories) == ["Ban Dân vận", "Ban Tuyên giáo"]


def test_the_core_table_numbers_the_entities_as_the_list_of_violations_names_them(net):
    # check_table hands over codes, no strings: each row's entity as its place among
    # every entity (kinds in the order of entity_kinds), the entities found and each
    # row's place among them; the check and the kinds found as codes of their words.
    rules = load_rules({"rules": [{"rule": "task-responsible"}, {"rule": "review-overdue", "name": "reviews"},
                                  {"rule": "document-implemented"}, {"rule": "orphaned-role"}]})
    for as_of in (None, "2025-09-01"):
        listed = _core.check(net._core, rules._core, as_of)
        assert len({v[3] for v in listed}) >= 2  # several kinds found
        table = _core.check_table(net._core, rules._core, as_of)
        all_ids = [i for kind in table["entity_kinds"] for i in _core.id_array(net._core, kind, False)]
        assert [all_ids[i] for i in table["entity_index"]] == [v[4] for v in listed]
        entities = table["entities"].tolist()
        assert entities == sorted(set(table["entity_index"].tolist()))
        assert [entities[c] for c in table["entity_code"]] == table["entity_index"].tolist()
        assert [table["checks"][c] for c in table["check"]] == [v[1] for v in listed]
        assert [table["found_kinds"][c] for c in table["entity_kind"]] == [v[3] for v in listed]
        assert table["found_kinds"] == [k for k in table["entity_kinds"] if k in {v[3] for v in listed}]


def test_area_reached_before_and_after_the_districts_end(net):
    rules = {"rules": [{"rule": "area-reached", "params": {"kinds": ["movement"]}}]}
    assert net.check(rules, as_of="2023-09-16")["entity"].tolist() == ["area:h1"]  # h2 through its party committee
    assert net.check(rules, as_of="2025-09-01")["entity"].tolist() == ["area:h1"]  # h2 no longer exists


# ---- danvan.testing ------------------------------------------------------------------------------


def test_assert_covered_passes_and_fails_with_every_violation(net):
    found = assert_covered(net, {"rules": [{"rule": "program-lead"}]})
    assert isinstance(found, pd.DataFrame) and len(found) == 0
    # What it returns is check()'s DataFrame, violations it does not fail on included.
    warned = assert_covered(net, {"rules": [{"rule": "task-responsible", "severity": "warning"}]})
    assert list(warned.columns) == CHECK_COLUMNS
    assert warned[["severity", "entity"]].astype(str).values.tolist() == [["warning", "task:none"]]
    with pytest.raises(AssertionError) as info:
        assert_covered(net, {"rules": [{"rule": "task-responsible"}, {"rule": "task-accountable"}]})
    text = str(info.value)
    assert text.startswith("1 violation of severity error or higher (1 in all):")
    assert "  > error task-responsible task:none: no organization" in text
    # Warnings fail only when asked; named rules can be left out.
    assert_covered(net, {"rules": [{"rule": "task-responsible", "severity": "warning"}]})
    with pytest.raises(AssertionError, match="severity warning or higher"):
        assert_covered(net, {"rules": [{"rule": "task-responsible", "severity": "warning"}]}, min_severity="warning")
    assert_covered(net, {"rules": [{"rule": "task-responsible"}]}, ignore=["task-responsible"])
    with pytest.raises(AssertionError, match="as of 2025-09-01"):
        assert_covered(net, {"rules": [{"rule": "orphaned-role"}]}, as_of="2025-09-01")
    with pytest.raises(ValueError, match="severity: 'fatal'"):
        assert_covered(net, None, min_severity="fatal")


def test_assert_violates_and_assert_lead(net):
    rules = {"rules": [{"rule": "task-responsible"}]}
    matching = assert_violates(net, rules, rule="task-responsible", entity="task:none")
    assert isinstance(matching, pd.DataFrame) and matching["entity"].tolist() == ["task:none"]
    assert assert_violates(net, rules, rule="task-responsible")["entity"].tolist() == ["task:none"]
    assert_lead(net, "task:ok", "org:ban")
    assert_lead(net, "task:none", None)
    with pytest.raises(AssertionError, match="the lead of task:none is None, not 'org:ban'"):
        assert_lead(net, "task:none", "org:ban")
    assert format_violations(net.check({"rules": [{"rule": "program-lead"}]})) == ""


def test_assert_violates_fails_naming_what_it_found(net):
    rules = {"rules": [{"rule": "task-responsible"}]}
    with pytest.raises(AssertionError, match="expected a violation of rule task-responsible about task:ok, found these 1"):
        assert_violates(net, rules, rule="task-responsible", entity="task:ok")
    with pytest.raises(AssertionError, match="expected a violation of rule task-responsible, found none"):
        assert_violates(net, {"rules": [{"rule": "program-lead"}]}, rule="task-responsible")


# ---- Hải Dương: the default rules before and after the 2025 reorganization ----------------------


@pytest.fixture(scope="module")
def haiduong():
    if not HAIDUONG.exists():
        pytest.skip("data/haiduong-2023.json is not there yet")
    return Net.load(HAIDUONG)


def test_haiduong_default_rules_show_the_reorganization(haiduong):
    before = haiduong.check(as_of="2023-09-16")
    after = haiduong.check(as_of="2025-09-01")
    rules_before = set(before["rule"])
    rules_after = set(after["rule"])
    assert "inherited-role" not in rules_before and "inherited-role" in rules_after
    assert "movement-reaches-districts" in rules_before and "movement-reaches-districts" not in rules_after
    inherited = [v for v in after.itertuples() if v.rule == "inherited-role"]
    successors = {v.evidence[2] for v in inherited}
    assert {"org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong", "org:so-nong-nghiep-va-moi-truong-hai-phong"} <= successors
    # The environment programme's two departments both pass to the merged department.
    env = {v.entity for v in inherited if v.evidence[1] == "prog:chung-tay-bao-ve-moi-truong-2023-2025"}
    assert {"org:so-tai-nguyen-va-moi-truong", "org:so-nong-nghiep-va-phat-trien-nong-thon"} <= env
    # Reviews the article reports are not overdue.
    both = pd.concat([before.astype({"rule": str, "entity": str}), after.astype({"rule": str, "entity": str})])
    assert len(both) == len(before) + len(after)
    assert not [v for v in both.itertuples() if v.rule == "review-overdue" and v.entity in {"doc:ct-21-tw", "doc:qd-218-tw"}]


# ---- the command line: danvan check -----------------------------------------------------------

CLI = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"


def run_cli(*args, stdin=None):
    if not CLI.exists():
        pytest.skip(f"{CLI} is not built")
    return subprocess.run([str(CLI), "check", *map(str, args)], capture_output=True, text=True, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("check") / "net.json"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def test_cli_check_exit_status_follows_error_severity(fixture_file, tmp_path):
    errors = tmp_path / "errors.rules.json"
    errors.write_text(json.dumps({"rules": [{"rule": "task-responsible"}]}), encoding="utf-8")
    done = run_cli(fixture_file, "--rules", errors)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["SEVERITY", "RULE", "ENTITY", "MESSAGE"]
    assert lines[1].startswith("error    task-responsible task:none") and "exactly 1 expected" in lines[1]
    assert "1 violation (1 error, 0 warnings, 0 info)" in done.stderr
    warnings = tmp_path / "warnings.rules.json"
    warnings.write_text(json.dumps({"rules": [{"rule": "task-responsible", "severity": "warning"}]}), encoding="utf-8")
    assert run_cli(fixture_file, "--rules", warnings).returncode == 0
    clean = run_cli(fixture_file, "--rules", warnings, "--as-of", "2023-09-16", "-q", "--format", "csv")
    assert clean.returncode == 0 and clean.stderr == ""


def test_cli_check_json_and_csv(fixture_file):
    done = run_cli(fixture_file, "--rules", DEFAULT, "--as-of", "2025-09-01", "--format", "json")
    assert done.returncode == 1, done.stderr
    out = json.loads(done.stdout)
    assert out["as_of"] == "2025-09-01" and out["valid"] is True
    found = {(v["rule"], v["entity"]) for v in out["violations"]}
    assert ("orphaned-role", "org:h2-uy") in found and ("task-responsible", "task:none") in found
    assert out["counts"]["error"] == sum(v["severity"] == "error" for v in out["violations"])
    first = out["violations"][0]
    assert set(first) == {"rule", "check", "severity", "entity_kind", "entity", "message", "evidence"}
    done = run_cli(fixture_file, "--rules", DEFAULT, "--as-of", "2025-09-01", "--format", "csv", "-q")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {(r["rule"], r["entity"]) for r in rows} == found
    orphan = next(r for r in rows if r["rule"] == "orphaned-role")
    assert orphan["evidence"] == "org:h2-uy;prog:movement;event:huyen" and orphan["entity_kind"] == "organization"
    # The default rules without --rules, from standard input.
    assert run_cli("-", "--as-of", "2025-09-01", "-q", stdin=FIXTURE).stdout == run_cli(
        fixture_file, "--rules", DEFAULT, "--as-of", "2025-09-01", "-q").stdout


def test_cli_check_usage_and_input_errors(fixture_file, tmp_path):
    bad_rules = run_cli(fixture_file, "--rules", RULES_DIR / "unknown-rule.json")
    assert bad_rules.returncode == 2
    assert "unknown-rule.json:/rules/1/rule: unknown rule `task-responsable`" in bad_rules.stderr
    assert run_cli(fixture_file, "--rules", RULES_DIR / "syntax-error.json").returncode == 2
    missing = run_cli(fixture_file, "--rules", tmp_path / "none.json")
    assert missing.returncode == 2 and "cannot open the rules file" in missing.stderr
    bad_date = run_cli(fixture_file, "--as-of", "2023-02-30")
    assert bad_date.returncode == 2 and "--as-of `2023-02-30` is not a date" in bad_date.stderr
    assert run_cli(tmp_path / "no-network.json").returncode == 2
    unknown_id = tmp_path / "unknown-id.rules.json"
    unknown_id.write_text(json.dumps({"rules": [{"rule": "area-reached", "params": {"program": "prog:x"}}]}), encoding="utf-8")
    done = run_cli(fixture_file, "--rules", unknown_id)
    assert done.returncode == 2 and "/rules/0/params/program: unknown program `prog:x`" in done.stderr
    # A network that does not load: its problems are violations of error severity.
    broken = tmp_path / "broken.json"
    broken.write_text(FIXTURE.replace('"org:mttq", "role": "coordinate"', '"org:mtq", "role": "coordinate"'), encoding="utf-8")
    done = run_cli(broken, "--format", "json")
    assert done.returncode == 1
    out = json.loads(done.stdout)
    assert out["valid"] is False and out["violations"][0]["rule"] == "unknown-reference"
    assert "did you mean `org:mttq`" in out["violations"][0]["message"]


def test_cli_check_haiduong_before_and_after(haiduong):
    before = run_cli(HAIDUONG, "--as-of", "2023-09-16", "--format", "json")
    after = run_cli(HAIDUONG, "--as-of", "2025-09-01", "--format", "json")
    rules_before = {v["rule"] for v in json.loads(before.stdout)["violations"]}
    rules_after = {v["rule"] for v in json.loads(after.stdout)["violations"]}
    assert "inherited-role" in rules_after - rules_before
    assert "movement-reaches-districts" in rules_before - rules_after
