"""NetworkX interchange and Network.from_frames (python/danvan/_interchange.py):
graphs compared with the same graphs built by NetworkX from the JSON; tables
round-tripped; bad tables rejected with table, row and column."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import danvan

nx = pytest.importorskip("networkx")
from conftest import ROOT
FILES = [ROOT / "data" / "haiduong-2023.json", ROOT / "data" / "example.json"]


def _json_bipartite(path):
    """The bipartite graph built by NetworkX directly from the JSON file."""
    d = json.loads(Path(path).read_text(encoding="utf-8"))
    g = nx.Graph()
    g.add_nodes_from((o["id"], {"bipartite": 0}) for o in d.get("organizations", []))
    for table in ("programs", "tasks"):
        for item in d.get(table, []):
            g.add_node(item["id"], bipartite=1)
            for r in item.get("roles", []):
                g.add_edge(r["org"], item["id"])
    return g, d


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bipartite_graph_equals_networkx_from_json(path):
    net = danvan.load(path)
    ours = net.to_networkx()
    theirs, d = _json_bipartite(path)
    assert set(ours.nodes) == set(theirs.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in theirs.edges}
    assert nx.is_bipartite(ours)
    for n, data in ours.nodes(data=True):
        assert data["bipartite"] == theirs.nodes[n]["bipartite"]
        assert data["name"] == net[n].name
    # every role is on its edge
    for item in d.get("tasks", []):
        for r in item.get("roles", []):
            assert r["role"] in ours.edges[r["org"], item["id"]]["roles"].split(",")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_organization_graph_equals_networkx_projection(path):
    net = danvan.load(path)
    theirs_b, d = _json_bipartite(path)
    task_ids = {t["id"] for t in d.get("tasks", [])}
    theirs_b.remove_nodes_from([n for n in list(theirs_b) if n.startswith("prog:")])
    orgs = [n for n, b in theirs_b.nodes(data="bipartite") if b == 0]
    theirs = nx.bipartite.weighted_projected_graph(theirs_b, orgs)
    ours = net.to_networkx("organizations")
    assert set(ours.nodes) == set(theirs.nodes)
    assert {frozenset(e) for e in ours.edges} == {frozenset(e) for e in theirs.edges}
    for a, b, w in theirs.edges(data="weight"):
        assert ours.edges[a, b]["count"] == w and ours.edges[a, b]["weight"] == w
    assert task_ids  # the data has tasks: the comparison is not vacuous


def test_organization_graph_jaccard_and_threshold():
    net = danvan.load(FILES[0])
    g = net.to_networkx("organizations", weight="jaccard", min_weight=0.5)
    assert g.number_of_edges() > 0
    assert all(w >= 0.5 for _, _, w in g.edges(data="weight"))
    assert g.number_of_nodes() == len(net.organizations)


def test_attributes_write_to_graphml(tmp_path):
    net = danvan.load(FILES[0])
    for kind in ("bipartite", "organizations"):
        g = net.to_networkx(kind)
        nx.write_graphml(g, tmp_path / f"{kind}.graphml")
        back = nx.read_graphml(tmp_path / f"{kind}.graphml")
        assert back.number_of_edges() == g.number_of_edges()
    t = net.to_networkx().nodes["task:trong-tam-quy-che-tiep-xuc-doi-thoai"]
    assert (t["start"], t["end"], t["status"]) == ("2023-10", "2023-12", "planned")


def test_unknown_kind_is_a_value_error():
    with pytest.raises(ValueError, match="bipartite"):
        danvan.Network().to_networkx("tasks")


# ---- from_frames -------------------------------------------------------------------------


def _frames(net):
    return dict(organizations=net.organizations(), tasks=net.tasks(), roles=net.roles(), documents=net.documents(),
                programs=net.programs(), areas=net.areas(), topics=net.topics(), events=net.events(),
                sources=net.sources())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_from_frames_round_trips_danvans_own_frames(path):
    net = danvan.load(path)
    f = _frames(net)
    back = danvan.Network.from_frames(f.pop("organizations"), f.pop("tasks"), f.pop("roles"), **f,
                                      role_definitions=[{"name": d.name, "raci": d.raci, "labels": list(d.labels)}
                                                        for d in net.vocabulary if not d.core])
    assert back.counts() == net.counts()
    cols = ["org", "role", "raci", "target", "source", "span_begin"]
    pd.testing.assert_frame_equal(back.roles()[cols], net.roles()[cols])
    for kind in ("organization", "task", "program", "document", "event"):
        a, b = net.collection(kind)(), back.collection(kind)()
        same = [c for c in a.columns if c not in ("evidence", "extra")]
        pd.testing.assert_frame_equal(a[same], b[same], check_categorical=False)
    assert [t.due for t in back.tasks] == [t.due for t in net.tasks]


def test_from_frames_spreadsheet_conventions():
    orgs = pd.DataFrame({"id": ["org:a", "org:b"], "name": ["Ban A", "Ban B"], "kind": ["police", None],
                         "ghi_chu": ["x", np.nan]})
    tasks = pd.DataFrame({"id": ["task:t"], "name": ["T"], "topics": ["topic:x; topic:y"], "start": [2023],
                          "end": ["2025"], "due": [pd.Timestamp("2023-09-16")]})
    topics = pd.DataFrame({"id": ["topic:x", "topic:y"], "name": ["X", "Y"]})
    roles = pd.DataFrame({"org": ["org:a", "org:b"], "target": ["task:t", "task:t"], "role": ["lead", "coordinate"]})
    net = danvan.from_frames(orgs, tasks, roles, topics=topics)
    t = net.tasks["task:t"]
    assert [x.id for x in t.topics] == ["topic:x", "topic:y"]
    assert str(t.period) == "2023/2025" and str(t.due) == "2023-09-16"
    assert net.organizations["org:a"].extra == {"ghi_chu": "x"} and net.organizations["org:b"].extra == {}
    assert net.organizations["org:b"].kind == "other"


def _problem(excinfo):
    e = excinfo.value
    assert isinstance(e, danvan.ValidationError) and isinstance(e, ValueError)
    return e.problems[0]


ORGS = pd.DataFrame({"id": ["org:a", "org:b"], "name": ["Ban A", "Ban B"]})
TASKS = pd.DataFrame({"id": ["task:t", "task:u"], "name": ["T", "U"]})


def test_missing_column_names_table_and_column():
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(ORGS, TASKS, pd.DataFrame({"org": ["org:a"], "target": ["task:t"]}))
    p = _problem(ei)
    assert (p.table, p.column, p.rule) == ("roles", "role", "missing-column")
    assert "roles" in str(ei.value) and "`role`" in str(ei.value)


def test_nan_id_names_row_and_column():
    orgs = pd.DataFrame({"id": ["org:a", np.nan], "name": ["A", "B"]}, index=[10, 11])
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(orgs)
    p = _problem(ei)
    assert (p.table, p.row, p.column) == ("organizations", 11, "id")
    assert "NaN" in p.message and (ei.value.table, ei.value.row, ei.value.column) == ("organizations", 11, "id")


def test_duplicated_id_names_both_rows():
    orgs = pd.DataFrame({"id": ["org:a", "org:b", "org:a"], "name": ["A", "B", "C"]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(orgs)
    p = _problem(ei)
    assert (p.table, p.row, p.column, p.rule) == ("organizations", 2, "id", "duplicate-id")
    assert "row 0" in p.message


def test_wrong_type_names_the_value():
    orgs = pd.DataFrame({"id": ["org:a", 7], "name": ["A", "B"]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(orgs)
    p = _problem(ei)
    assert (p.row, p.column, p.rule) == (1, "id", "wrong-type") and "int" in p.message


@pytest.mark.parametrize("bad", ["16/09/2023", "2023-9-16", "Sept 2023", 3.5])
def test_non_iso_date_names_row_and_column(bad):
    tasks = pd.DataFrame({"id": ["task:t", "task:u"], "name": ["T", "U"], "due": ["2023-09", bad]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(ORGS, tasks)
    p = _problem(ei)
    assert (p.table, p.row, p.column, p.rule) == ("tasks", 1, "due", "bad-date")
    assert "ISO 8601" in p.message


def test_impossible_date_is_reported_by_the_loader_at_its_cell():
    tasks = pd.DataFrame({"id": ["task:t"], "name": ["T"], "due": ["2023-02-30"]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(ORGS, tasks)
    p = _problem(ei)
    assert (p.table, p.row, p.column) == ("tasks", 0, "due")


def test_unknown_role_and_org_are_mapped_back_to_the_roles_table():
    roles = pd.DataFrame({"org": ["org:a", "org:zz", "org:b"], "target": ["task:u", "task:t", "task:t"],
                          "role": ["lead", "lead", "leed"]}, index=["r1", "r2", "r3"])
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(ORGS, TASKS, roles)
    where = {(p.table, p.row, p.column) for p in ei.value.problems}
    assert ("roles", "r2", "org") in where
    assert ("roles", "r3", "role") in where


def test_unknown_target_suggests_the_nearest():
    roles = pd.DataFrame({"org": ["org:a"], "target": ["task:tt"], "role": ["lead"]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(ORGS, TASKS, roles)
    p = _problem(ei)
    assert (p.table, p.row, p.column) == ("roles", 0, "target") and p.suggestion == "task:t"


def test_every_problem_is_reported_at_once():
    orgs = pd.DataFrame({"id": ["org:a", "org:a", None], "name": ["A", "B", "C"]})
    tasks = pd.DataFrame({"id": ["task:t"], "name": ["T"], "due": ["tomorrow"]})
    with pytest.raises(danvan.ValidationError) as ei:
        danvan.from_frames(orgs, tasks)
    assert {(p.table, p.row, p.column) for p in ei.value.problems} == {
        ("organizations", 1, "id"), ("organizations", 2, "id"), ("tasks", 0, "due")}
    assert ei.value.total == 3


def test_not_a_dataframe():
    with pytest.raises(danvan.ValidationError, match="DataFrame"):
        danvan.from_frames([{"id": "org:a"}])
