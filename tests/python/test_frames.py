"""DataFrames of every table (python/danvan/_frames.py) against the entity objects,
the query functions they wrap, and NetworkX where a peer exists."""

from __future__ import annotations


import pandas as pd
import pytest

import danvan

from conftest import ROOT


@pytest.fixture(scope="module")
def hd():
    return danvan.load(ROOT / "data" / "haiduong-2023.json")


@pytest.fixture(scope="module")
def example():
    return danvan.load(ROOT / "data" / "example.json")


@pytest.fixture(params=["hd", "example"])
def net(request):
    return request.getfixturevalue(request.param)


KINDS = ["organization", "document", "program", "task", "area", "topic", "event", "source"]


def test_collections_stay_collections_and_are_callable(hd):
    assert len(hd.organizations) == len(hd.organizations())
    assert hd.organizations[0].id == hd.organizations()["id"].iloc[0]
    assert isinstance(hd.roles(), pd.DataFrame) and len(hd.roles()) == len(hd.roles)


@pytest.mark.parametrize("kind", KINDS)
def test_entity_frame_matches_entities(net, kind):
    frame = net.collection(kind)()
    entities = list(net.collection(kind))
    assert list(frame.index) == list(range(len(entities)))
    assert frame["id"].tolist() == [e.id for e in entities]
    assert frame["name"].tolist() == [e.name for e in entities]
    assert frame["aliases"].tolist() == [e.aliases for e in entities]
    assert frame["classification"].astype(str).tolist() == [e.classification for e in entities]
    assert frame["evidence"].tolist() == [len(e.sources) for e in entities]
    for col in ("valid_from", "valid_to"):
        for e, first, last, prec in zip(entities, frame[col], frame[col + "_last"], frame[col + "_precision"]):
            d = getattr(e, col)
            if d is None:
                assert pd.isna(first) and pd.isna(prec)
            else:
                assert first.date() == d.first_day() and last.date() == d.last_day() and prec == d.precision


def test_organization_references_are_ids(net):
    f = net.organizations()
    for e, parent, kind, level in zip(net.organizations, f["parent"], f["kind"], f["level"]):
        assert (parent == e.parent.id) if e.parent else pd.isna(parent)
        assert kind == e.kind
        assert (None if pd.isna(level) else level) == e.level
    assert f["roles"].tolist() == [len(o.roles) for o in net.organizations]


def test_task_frame_periods_due_and_lead(net):
    f = net.tasks()
    for t, row in zip(net.tasks, f.itertuples()):
        assert row.kind == t.kind and row.status == t.status
        assert (row.program == t.program.id) if t.program else pd.isna(row.program)
        assert row.topics == tuple(x.id for x in t.topics)
        lead = net.lead_of(t.id)
        assert (row.lead == lead) if lead else pd.isna(row.lead)
        if t.period is not None and t.period.start is not None:
            assert row.start.date() == t.period.start.first_day()
            assert row.start_precision == t.period.start.precision
        if t.period is not None and t.period.end is not None:
            assert row.end_last.date() == t.period.end.last_day()
        if t.due is not None:
            assert row.due.date() == t.due.first_day() and row.due_last.date() == t.due.last_day()
    assert f["start"].dtype.kind == "M" and f["due_precision"].dtype.name == "category"


def test_partial_dates_keep_their_precision():
    net = danvan.Network.loads('''{"danvan": "1", "tasks": [
      {"id": "task:y", "name": "Y", "due": "2023"}, {"id": "task:m", "name": "M", "due": "2024-02"},
      {"id": "task:d", "name": "D", "due": "2023-09-16"}, {"id": "task:n", "name": "N"}]}''')
    f = net.tasks().set_index("id")
    assert f.loc["task:y", ["due", "due_last"]].tolist() == [pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31")]
    assert f.loc["task:m", "due_last"] == pd.Timestamp("2024-02-29")
    assert f.loc["task:d", "due"] == f.loc["task:d", "due_last"]
    assert f["due_precision"].tolist()[:3] == ["year", "month", "day"]
    assert pd.isna(f.loc["task:n", "due"]) and pd.isna(f.loc["task:n", "due_precision"])
    assert f["leads"].tolist() == [0, 0, 0, 0] and f["lead"].isna().all()


def test_roles_frame_matches_role_objects(net):
    f = net.roles()
    roles = list(net.roles)
    assert len(f) == len(roles)
    assert f["org"].tolist() == [r.org.id for r in roles]
    assert f["org_name"].tolist() == [r.org.name for r in roles]
    assert f["role"].astype(str).tolist() == [r.role for r in roles]
    assert f["raci"].astype(str).tolist() == [r.raci for r in roles]
    assert f["target"].tolist() == [r.target.id for r in roles]
    assert f["target_name"].tolist() == [r.target.name for r in roles]
    assert f["target_kind"].astype(str).tolist() == [r.target_kind for r in roles]
    assert f["evidence"].tolist() == [len(r.sources) for r in roles]
    order = ["public", "internal", "restricted"]
    for r, cls in zip(roles, f["classification"]):
        assert cls == max(r.classification, r.org.classification, r.target.classification, key=order.index)
    for r, src, b, e in zip(roles, f["source"], f["span_begin"], f["span_end"]):
        if r.sources:
            assert src == r.sources[0].source_id
            assert (None if pd.isna(b) else b) == r.sources[0].begin
            assert (None if pd.isna(e) else e) == r.sources[0].end
        else:
            assert pd.isna(src) and pd.isna(b)


def test_roles_frame_is_built_without_the_entity_objects(hd, monkeypatch):
    # Guard against a per-row Python path: the frame must not touch RoleCollection iteration.
    monkeypatch.setattr(danvan.RoleCollection, "__iter__", lambda self: (_ for _ in ()).throw(AssertionError("looped")))
    assert len(hd.roles()) == hd.counts()["roles"]


def test_evidence_counts_every_entry(net):
    f = net.evidence()
    expected = sum(len(e.sources) for e in net) + sum(len(r.sources) for r in net.roles)
    assert len(f) == expected
    roles = f[f["holder_kind"] == "role"]
    for pos, src in zip(roles["role"], roles["source"]):
        assert src in {s.source_id for s in net.roles[int(pos)].sources}


def test_empty_network_gives_empty_frames_with_columns():
    net = danvan.Network()
    for kind in KINDS:
        f = net.collection(kind)()
        assert len(f) == 0 and {"id", "name", "valid_from_precision"} <= set(f.columns)
    assert list(net.roles().columns)[:3] == ["org", "org_name", "org_kind"] and len(net.roles()) == 0
    assert len(net.raci()) == 0 and len(net.raci(wide=True)) == 0
    assert list(net.raci().columns) == ["task", "task_name", "org", "org_name", "raci"]
    assert len(net.top_pairs()) == 0
    assert list(net.top_pairs().columns) == ["a", "a_name", "b", "b_name", "count", "weight"]


def test_raci_long_and_wide_agree(hd):
    long = hd.raci()
    wide = hd.raci(wide=True, names="id")
    assert len(long) == (wide != "").to_numpy().sum()
    for row in long.itertuples():
        assert wide.loc[row.task, row.org] == row.raci
    names = {o.id: o.name for o in hd.organizations}
    assert long["org_name"].tolist() == [names[o] for o in long["org"]]
    # The default wide form holds the same cells, labelled by short labels.
    short = hd.raci(wide=True)
    assert short.to_numpy().tolist() == wide.to_numpy().tolist()
    assert list(short.columns) == hd.short_labels(list(wide.columns), kind="organization")


def test_portfolio(hd):
    org = "org:ban-dan-van-tinh-uy"
    f = hd.portfolio(org)
    assert len(f) == len(hd.organizations[org].roles) > 0
    assert set(f["target"]) == {r.target.id for r in hd.organizations[org].roles}
    assert f["target_name"].notna().all()
    assert f["target_name"].tolist() == [hd[t].name for t in f["target"]]


def test_check_with_and_without_messages_agree(hd):
    f = hd.check(as_of="2023-09-16")
    lean = hd.check(as_of="2023-09-16", messages=False)
    assert len(f) > 0
    assert "message" not in lean and "evidence" not in lean
    assert f["rule"].tolist() == lean["rule"].tolist()
    assert f["entity"].tolist() == lean["entity"].tolist()
    assert [(v.rule, v.entity) for v in f.itertuples()] == list(zip(f["rule"], f["entity"]))
    assert f["severity"].cat.ordered and list(f["severity"].cat.categories) == ["info", "warning", "error"]
    docs = f[f["entity_kind"] == "document"]
    assert docs["entity_name"].tolist() == [hd.documents[i].name for i in docs["entity"]]
    assert f["entity_name"].tolist() == [hd[i].name for i in f["entity"]]


def test_top_pairs_have_names_and_count_the_shared_items(hd):
    f = hd.top_pairs(5)
    assert len(f) == 5
    assert f[["a", "b", "count"]].values.tolist() == hd.top_pairs(10)[["a", "b", "count"]].head(5).values.tolist()
    assert f["count"].tolist() == [len(hd.shared(p.a, p.b)) for p in f.itertuples()]
    assert f["a_name"].tolist() == [hd.organizations[a].name for a in f["a"]]
    assert f["b_name"].tolist() == [hd.organizations[b].name for b in f["b"]]


def test_centrality_matches_networkx(hd):
    nx = pytest.importorskip("networkx")
    g = hd.to_networkx("organizations")  # every organization, isolated ones included
    c = hd.centrality()
    assert set(c.index) == set(g.nodes)
    expected = nx.betweenness_centrality(g)
    for org, value in expected.items():
        assert c.loc[org, "betweenness"] == pytest.approx(value, abs=1e-9)
    assert set(c.index[c["broker"]]) == set(nx.articulation_points(g))
    assert c["betweenness"].is_monotonic_decreasing


def test_succession_follows_the_2025_merger(hd):
    f = hd.succession("2025-09-01")
    own = f[f["original_org"] == "org:ban-dan-van-tinh-uy"]
    assert len(own) > 0 and own["inherited"].all()
    assert set(own["org"]) == set(hd.successor("org:ban-dan-van-tinh-uy", "2025-09-01"))
    assert own["event"].notna().all()
    before = hd.succession("2023-09-16")
    assert not before["inherited"].any()


@pytest.mark.parametrize("kind", ["organizations", "documents", "programs", "tasks", "events", "sources"])
def test_flat_joins_every_tuple_cell_and_keeps_the_rest(hd, kind):
    frame = getattr(hd, kind)()
    flat = danvan.flat(frame)
    assert list(flat.columns) == list(frame.columns) and flat.index.equals(frame.index)
    def has_tuples(column):
        return column.astype(object).map(lambda v: isinstance(v, tuple)).any()

    listed = [c for c in frame.columns if has_tuples(frame[c])]
    assert listed or kind == "sources"
    for col in frame.columns:
        assert not has_tuples(flat[col]), col
        if col not in listed:
            pd.testing.assert_series_equal(flat[col], frame[col])
    for col in listed:
        for before, after in zip(frame[col], flat[col]):
            parts = [" ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in before]
            assert after == "; ".join(parts)
            if before and not isinstance(before[0], tuple):
                assert tuple(after.split("; ")) == before
