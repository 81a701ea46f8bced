"""Overlap and metrics through Python: the Projection object and its conversions,
role filters, thresholds, top pairs, shared items, topic overlap, duplicates,
metrics by organization id, coordination paths, bad input, scopes, and the GIL."""

from __future__ import annotations

import doctest
import json
import math
import random
import re
import threading
import time

import numpy as np
import pandas as pd
import pytest

import danvan
from danvan import _core
from danvan import _overlap
from danvan._overlap import ArgumentError, OverlapMixin


if issubclass(danvan.Network, OverlapMixin):
    Net = danvan.Network
else:  # pragma: no cover - before the mixin was one of danvan.Network's bases

    class Net(OverlapMixin, danvan.Network):  # type: ignore[no-redef]
        __slots__ = ()


def _net(text: str) -> "Net":
    return Net.loads(text)


SMALL = {
    "danvan": "1",
    "topics": [{"id": "topic:root", "name": "Gốc"}, {"id": "topic:child", "name": "Con", "parent": "topic:root"},
               {"id": "topic:empty", "name": "Không dùng"}],
    "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}, {"id": "org:c", "name": "C"},
                      {"id": "org:d", "name": "D"}, {"id": "org:e", "name": "E", "valid_from": "2025"}],
    "programs": [{"id": "prog:p1", "name": "P1", "roles": [{"org": "org:a", "role": "lead"},
                                                           {"org": "org:c", "role": "sign"}]}],
    "tasks": [
        {"id": "task:t1", "name": "T1", "topics": ["topic:child"],
         "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
                   {"org": "org:c", "role": "coordinate"}]},
        {"id": "task:t2", "name": "T2", "topics": ["topic:child"],
         "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
        {"id": "task:t3", "name": "T3", "topics": ["topic:root"],
         "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "advise"},
                   {"org": "org:a", "role": "coordinate"}, {"org": "org:a", "role": "advise"}]},
        {"id": "task:t4", "name": "T4", "roles": [{"org": "org:d", "role": "lead"}]},
        {"id": "task:t5", "name": "T5", "roles": [{"org": "org:d", "role": "lead"},
                                                  {"org": "org:e", "role": "coordinate"}]}],
}


@pytest.fixture(scope="module")
def net() -> Net:
    return _net(json.dumps(SMALL))


# ---- the projection ----------------------------------------------------------------------


def test_projection_arrays_and_scipy(net):
    p = net.projection()
    assert p.shape == (5, 5) and p.symmetric and p.weight == "count" and p.on == "tasks"
    assert p.indptr.dtype == np.int32 and p.indices.dtype == np.int32 and p.counts.dtype == np.int32
    assert p.weights is None and p.data is p.counts
    assert p.organizations == ["org:a", "org:b", "org:c", "org:d", "org:e"]
    dense = p.to_scipy().toarray()
    assert dense.tolist() == [[0, 3, 2, 0, 0], [3, 0, 2, 0, 0], [2, 2, 0, 0, 0], [0, 0, 0, 0, 1], [0, 0, 0, 1, 0]]
    assert p.row_items.tolist() == [3, 3, 2, 2, 1]
    assert p.nnz == 8
    assert "5x5" in repr(p)


def test_scipy_matrix_shares_the_arrays(net):
    p = net.projection(weight="jaccard")
    m = p.to_scipy()
    assert np.shares_memory(m.indices, p.indices) and np.shares_memory(m.data, p.weights)


def test_weights(net):
    frame = net.projection(weight="jaccard").to_frame()
    got = {(r.a, r.b): r.weight for r in frame.itertuples()}
    assert got == {("org:a", "org:b"): 1.0, ("org:a", "org:c"): 2 / 3, ("org:b", "org:c"): 2 / 3,
                   ("org:d", "org:e"): 0.5}
    newman = {(r.a, r.b): r.weight for r in net.projection(weight="newman").to_frame().itertuples()}
    assert newman == {("org:a", "org:b"): 2.0, ("org:a", "org:c"): 1.0, ("org:b", "org:c"): 1.0,
                      ("org:d", "org:e"): 1.0}
    overlap = net.projection(weight="overlap")
    assert overlap.weights.dtype == np.float64 and overlap.counts.tolist() == net.projection().counts.tolist()


def test_to_frame_of_a_symmetric_projection_lists_each_pair_once(net):
    p = net.projection()
    assert len(p.to_frame()) == 4
    assert len(p.to_frame(upper=False)) == 8
    assert p.to_frame().columns.tolist() == ["a", "b", "count", "weight"]


@pytest.mark.parametrize("roles,expected", [
    (("lead", None), {("org:a", "org:b"): 2, ("org:a", "org:c"): 1, ("org:b", "org:a"): 1, ("org:b", "org:c"): 1,
                      ("org:d", "org:e"): 1}),
    (("lead", "lead"), {}),
    ("lead", {}),
    (["lead", "coordinate"], {("org:a", "org:b"): 3, ("org:a", "org:c"): 1, ("org:b", "org:c"): 1,
                              ("org:d", "org:e"): 1}),
    ((["lead"], ("coordinate", "advise")), {("org:a", "org:b"): 2, ("org:a", "org:c"): 1, ("org:b", "org:a"): 1,
                                           ("org:b", "org:c"): 1, ("org:d", "org:e"): 1}),
])
def test_role_filters(net, roles, expected):
    p = net.projection(roles=roles)
    frame = p.to_frame()
    assert {(r.a, r.b): r.count for r in frame.itertuples()} == expected


def test_role_argument_shapes_that_make_no_sense(net):
    with pytest.raises(TypeError, match="roles"):
        net.projection(roles=("lead", None, "advise"))
    with pytest.raises(TypeError, match="roles"):
        net.projection(roles=[["lead"], None])


def test_threshold_while_projecting(net):
    assert net.projection(min_weight=2.5).to_frame().to_dict("records") == [
        {"a": "org:a", "b": "org:b", "count": 3, "weight": 3.0}]
    assert net.projection(weight="jaccard", min_weight=1.01).nnz == 0


@pytest.mark.parametrize("bad", [-1, -0.001, math.nan])
def test_negative_or_nan_threshold_is_an_argument_error(net, bad):
    with pytest.raises(ArgumentError, match="min_weight") as info:
        net.projection(min_weight=bad)
    assert isinstance(info.value, ValueError) and isinstance(info.value, danvan.Error)
    with pytest.raises(ArgumentError):
        net.top_pairs(3, min_weight=bad)


def test_unknown_words_are_argument_errors(net):
    with pytest.raises(ArgumentError, match="weight: `cosine` is not one of count, jaccard, overlap, newman"):
        net.projection(weight="cosine")
    with pytest.raises(ArgumentError, match="on: `people`"):
        net.projection(on="people")
    with pytest.raises(ArgumentError, match="unknown role `leed`; did you mean `lead`"):
        net.projection(roles=("leed", None))


def test_projection_size(net):
    size = net.projection_size()
    assert (size.items, size.pair_increments, size.upper_bound, size.entries) == (4, 8, 16, None)
    exact = net.projection_size(min_weight=2, exact=True)
    assert exact.entries == 6 == net.projection(min_weight=2).nnz
    assert exact.bytes > 0


def test_programs(net):
    assert net.projection(on="programs").to_frame().to_dict("records") == [
        {"a": "org:a", "b": "org:c", "count": 1, "weight": 1.0}]


# ---- scopes ----------------------------------------------------------------------------


def test_scope_as_object_or_dict(net):
    before = net.projection(scope=_core.Scope(as_of="2023-09-16"))
    assert ("org:d", "org:e") not in {(r.a, r.b) for r in before.to_frame().itertuples()}
    same = net.projection(scope={"as_of": "2023-09-16"})
    assert same.indices.tolist() == before.indices.tolist()
    with pytest.raises(TypeError, match="scope"):
        net.projection(scope="2023")


def test_a_scope_that_selects_nothing_gives_empty_results(net):
    nothing = {"topics": ["topic:empty"]}
    p = net.projection(scope=nothing)
    assert p.nnz == 0 and p.indptr.tolist() == [0] * 6
    assert p.to_scipy().nnz == 0 and len(p.to_frame()) == 0
    none = net.top_pairs(5, scope=nothing)
    assert isinstance(none, pd.DataFrame) and len(none) == 0
    assert list(none.columns) == ["a", "a_name", "b", "b_name", "count", "weight"]
    assert net.projection_size(scope=nothing, exact=True).entries == 0
    assert set(net.betweenness(scope=nothing).values()) == {0.0}
    assert net.coordination_path("org:a", "org:b", scope=nothing) == []
    late = _net(json.dumps({"danvan": "1", "organizations": [
        {"id": "org:x", "name": "X", "valid_from": "2020"}, {"id": "org:y", "name": "Y", "valid_from": "2020"}]}))
    assert late.betweenness(scope={"as_of": "1900"}) == {}
    assert late.components(scope={"as_of": "1900"}) == []
    assert late.degree(scope={"as_of": "2021"}) == {"org:x": 0, "org:y": 0}


def test_unknown_ids_in_a_scope_are_not_found_errors(net):
    with pytest.raises(danvan.NotFoundError):
        net.projection(scope={"program": "prog:none"})


# ---- top pairs, shared items, topics --------------------------------------------------------


def _rows(frame, columns):
    """The rows of a query's DataFrame as tuples, id categoricals as their strings."""
    return list(frame[columns].astype(object).itertuples(index=False, name=None))


def _assert_named_ids(net, frame, *columns):
    """Each id column is a categorical of the ids that occur, with the entity's name beside it."""
    for col in columns:
        assert isinstance(frame[col].dtype, pd.CategoricalDtype), col
        assert set(frame[col].cat.categories) == set(frame[col]), col
        assert list(frame.columns).index(col + "_name") == list(frame.columns).index(col) + 1
        assert frame[col + "_name"].tolist() == [net[x].name for x in frame[col]], col


PAIR = ["a", "b", "count", "weight"]


def test_top_pairs(net):
    top = net.top_pairs(3)
    assert isinstance(top, pd.DataFrame)
    assert list(top.columns) == ["a", "a_name", "b", "b_name", "count", "weight"]
    assert _rows(top, PAIR) == [("org:a", "org:b", 3, 3.0), ("org:a", "org:c", 2, 2.0), ("org:b", "org:c", 2, 2.0)]
    assert top["a_name"].tolist() == ["A", "A", "B"] and top["b_name"].tolist() == ["B", "C", "C"]
    _assert_named_ids(net, top, "a", "b")
    assert len(net.top_pairs(1000)) == 4  # fewer pairs than asked: all of them
    assert len(net.top_pairs(0)) == 0
    assert _rows(net.top_pairs(1, weight="jaccard"), PAIR) == [("org:a", "org:b", 3, 1.0)]
    assert _rows(net.top_pairs(1, roles=("lead", None)), PAIR) == [("org:a", "org:b", 2, 2.0)]
    with pytest.raises(ArgumentError, match="k: -1"):
        net.top_pairs(-1)


SHARED = ["item", "roles_a", "roles_b"]


def test_shared_items(net):
    both = net.shared("org:a", "org:c")
    assert isinstance(both, pd.DataFrame) and list(both.columns) == ["item", "item_name", "roles_a", "roles_b"]
    assert _rows(both, SHARED) == [("task:t1", ("lead",), ("coordinate",)),
                                   ("task:t3", ("advise", "coordinate"), ("advise",))]
    assert both["item_name"].tolist() == ["T1", "T3"]
    _assert_named_ids(net, both, "item")
    assert _rows(net.shared(net.organizations["org:a"], "org:c", roles=("lead", None)), SHARED) == [
        ("task:t1", ("lead",), ("coordinate",))]
    programs = net.shared("org:a", "org:c", on="programs")
    assert _rows(programs, SHARED) == [("prog:p1", ("lead",), ("sign",))]
    assert programs["item_name"].tolist() == ["P1"]
    assert len(net.shared("org:a", "org:a")) == 0
    with pytest.raises(danvan.NotFoundError) as info:
        net.shared("org:a", "org:x")
    assert isinstance(info.value, KeyError)


def test_topic_overlap(net):
    t = net.topic_overlap()
    assert t.shape == (5, 3) and t.topics == ["topic:root", "topic:child", "topic:empty"]
    rows = {(r.organization, r.topic): r.count for r in t.to_frame().itertuples()}
    assert rows[("org:a", "topic:child")] == 2 and rows[("org:a", "topic:root")] == 1
    assert ("org:d", "topic:root") not in rows
    up = {(r.organization, r.topic): r.count for r in net.topic_overlap(rollup=True).to_frame().itertuples()}
    assert up[("org:a", "topic:root")] == 3
    assert net.topic_overlap(roles="lead").to_scipy().toarray()[0].tolist() == [0, 2, 0]


def _duplicates_net():
    # 1 and 2: one conference recorded twice (2 in capitals, `uỷ` for `ủy`, one organization
    # fewer); 3: monitoring by 1's organizations; 4: 1's conference a year later in name;
    # 5 and 6: alike, with org:d alone in common.
    def task(n, name, kind, orgs, due="2023-05"):
        return {"id": f"task:{n}", "name": name, "kind": kind, "topics": ["topic:x"], "due": due,
                "roles": [{"org": f"org:{o}", "role": "lead" if i == 0 else "coordinate"} for i, o in enumerate(orgs)]}
    doc = {"danvan": "1",
           "topics": [{"id": "topic:x", "name": "X"}],
           "organizations": [{"id": f"org:{c}", "name": c} for c in "abcde"],
           "tasks": [task(1, "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2023", "briefing", "abc", "2023"),
                     task(2, "HỘI NGHỊ TRIỂN KHAI CÔNG TÁC DÂN VẬN CỦA TỈNH UỶ NĂM 2023", "briefing", "ab"),
                     task(3, "Nắm tình hình Nhân dân năm 2023", "monitoring", "abc"),
                     task(4, "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2024", "briefing", "abc"),
                     task(5, "Đối thoại với chức sắc tôn giáo", "dialogue", "d"),
                     task(6, "Đối thoại với các chức sắc tôn giáo", "dialogue", "de")]}
    return _net(json.dumps(doc))


def test_duplicate_candidates():
    net = _duplicates_net()
    found = net.duplicate_candidates()
    assert isinstance(found, pd.DataFrame)
    assert list(found.columns) == ["a", "a_name", "b", "b_name", "score", "jaccard", "name_similarity", "same_kind",
                                   "shared_organizations", "organizations", "topics", "areas", "start", "end",
                                   "reason"]
    assert _rows(found, ["a", "b"]) == [("task:1", "task:2")]
    _assert_named_ids(net, found, "a", "b")
    c = next(found.itertuples(index=False))
    assert c.topics == ("topic:x",) and c.areas == () and (c.start, c.end) == ("2023-05", "2023-05")
    assert (c.shared_organizations, c.organizations) == (2, 3)
    assert c.jaccard == pytest.approx(2 / 3) and c.name_similarity == 1.0 and c.same_kind
    assert c.score == pytest.approx(0.5 * 2 / 3 + 0.5)
    assert c.reason.startswith("same kind (briefing); ") and c.reason.endswith("names alike 1.00; score 0.83")
    assert found["same_kind"].dtype == bool and found["score"].dtype == np.float64
    assert len(net.duplicate_candidates(min_jaccard=0.9)) == 0
    assert len(net.duplicate_candidates(min_score=0.9)) == 0


def test_duplicate_candidates_options():
    net = _duplicates_net()
    # Monitoring pairs with the conference only when the two kinds may repeat each other.
    for kinds in ([("briefing", "monitoring")], ["monitoring,briefing"], "briefing,monitoring"):
        found = net.duplicate_candidates(kinds=kinds)
        assert _rows(found, ["a", "b", "same_kind"]) == [("task:1", "task:2", True), ("task:1", "task:3", False)]
    assert _rows(net.duplicate_candidates(any_kind=True), ["a", "b"]) == [("task:1", "task:2"), ("task:1", "task:3")]
    assert _rows(net.duplicate_candidates(kinds=[("briefing", "dialogue")]), ["a", "b"]) == [("task:1", "task:2")]
    # One organization in common is enough only when min_shared says so.
    assert _rows(net.duplicate_candidates(min_shared=1), ["a", "b", "shared_organizations"]) == [
        ("task:1", "task:2", 2), ("task:5", "task:6", 1)]
    assert net.duplicate_candidates(min_shared=3).empty
    # 2023 and 2024 in the names: not alike, unless the names do not count.
    by_participants = net.duplicate_candidates(name_weight=0)
    assert _rows(by_participants, ["a", "b"])[0] == ("task:1", "task:4")
    assert by_participants["name_similarity"].iloc[0] == 0 and by_participants["score"].iloc[0] == 1


@pytest.mark.parametrize("options, message", [
    ({"min_jaccard": 0}, "min_jaccard: 0.000000 is not allowed"),
    ({"min_jaccard": 1.5}, "min_jaccard"),
    ({"min_shared": 0}, "min_shared_organizations: 0 is not allowed; two items must share at least 1 organization"),
    ({"min_shared": -1}, "min_shared_organizations: -1 is not allowed"),
    ({"name_weight": 1.5}, "name_weight: 1.500000 is not allowed; the weight of the names in the score must be in"),
    ({"min_score": float("nan")}, "min_score: nan is not allowed"),
    ({"kinds": [("brefing", "dialogue")]}, "kinds: unknown task kind `brefing`; did you mean `briefing`?"),
    ({"kinds": ["briefing", "dialogue"]}, "kinds: the group `briefing` names fewer than two kinds"),
    ({"on": "programs", "kinds": [("briefing", "movement")]}, "kinds: unknown program kind `briefing`"),
])
def test_duplicate_candidates_bad_options(options, message):
    with pytest.raises(ArgumentError, match=re.escape(message)):
        _duplicates_net().duplicate_candidates(**options)


# ---- metrics -----------------------------------------------------------------------------


CHAIN = {
    "danvan": "1",
    "organizations": [{"id": f"org:{c}", "name": c.upper()} for c in "abcdefg"],
    "tasks": [{"id": f"task:{x}{y}", "name": x + y,
               "roles": [{"org": f"org:{x}", "role": "lead"}, {"org": f"org:{y}", "role": "coordinate"}]}
              for x, y in ["ab", "bc", "cd", "ef"]],
}


@pytest.fixture(scope="module")
def chain() -> Net:
    return _net(json.dumps(CHAIN))


def test_degree_betweenness_closeness_by_id(chain):
    assert chain.degree() == {"org:a": 1, "org:b": 2, "org:c": 2, "org:d": 1, "org:e": 1, "org:f": 1, "org:g": 0}
    assert chain.degree(weight="jaccard")["org:b"] == pytest.approx(1 / 2 + 1 / 3)
    bc = chain.betweenness()
    assert bc["org:b"] == pytest.approx(4 / 30) and bc["org:a"] == 0.0
    assert chain.betweenness(normalized=False)["org:c"] == pytest.approx(2.0)
    assert chain.closeness()["org:a"] == pytest.approx(0.25)
    assert chain.closeness(wf_improved=False)["org:e"] == pytest.approx(1.0)


def test_sampled_betweenness_arguments(chain):
    exact = chain.betweenness()
    every = chain.betweenness(exact=False, k=7, seed=3)
    assert every == pytest.approx(exact)
    assert chain.betweenness(exact=False, k=3, seed=1) == chain.betweenness(exact=False, k=3, seed=1)
    with pytest.raises(ArgumentError, match="k: 8 pivots asked of a graph of 7 organizations"):
        chain.betweenness(exact=False, k=8)
    with pytest.raises(ArgumentError, match="needs the number of pivots"):
        chain.betweenness(exact=False)
    with pytest.raises(ArgumentError, match="pass exact=False"):
        chain.betweenness(k=3)
    with pytest.raises(ArgumentError, match="at least one"):
        chain.betweenness(exact=False, k=0)
    assert _core.sample_pivots(7, 3, 1).tolist() == sorted(set(_core.sample_pivots(7, 3, 1).tolist()))


def test_components_and_articulation_points(chain):
    assert chain.components() == [{"org:a", "org:b", "org:c", "org:d"}, {"org:e", "org:f"}, {"org:g"}]
    assert chain.articulation_points() == ["org:b", "org:c"]
    assert chain.components(roles="lead") == [{f"org:{c}"} for c in "abcdefg"]


def test_coordination_path(chain):
    assert chain.coordination_path("org:a", "org:d") == ["org:a", "task:ab", "org:b", "task:bc", "org:c", "task:cd",
                                                        "org:d"]
    assert chain.coordination_path("org:a", "org:e") == []  # different components: empty, not an error
    assert chain.coordination_path("org:c", "org:c") == ["org:c"]
    with pytest.raises(danvan.NotFoundError):
        chain.coordination_path("org:a", "org:zz")


def test_organization_graph_object(chain):
    g = chain.organization_graph()
    assert (g.size, g.edge_count, g.weight) == (7, 4, "count")
    assert g.organizations.tolist() == list(range(7))
    assert g.degree().tolist() == [1, 2, 2, 1, 1, 1, 0]
    assert g.indptr.tolist()[-1] == 8 and g.weights.tolist() == [1.0] * 8
    assert g.vertex_of(6) == 6
    assert g.components().tolist() == [0, 0, 0, 0, 1, 1, 2]
    assert g.articulation_points().tolist() == [1, 2]


# ---- the GIL ------------------------------------------------------------------------------


def _random_network(orgs: int, tasks: int, seed: int) -> Net:
    rng = random.Random(seed)
    doc = {"danvan": "1",
           "organizations": [{"id": f"org:o{i}", "name": "O"} for i in range(orgs)],
           "tasks": [{"id": f"task:t{t}", "name": "T",
                      "roles": [{"org": f"org:o{o}", "role": "coordinate"}
                                for o in rng.sample(range(orgs), rng.randint(2, 4))]} for t in range(tasks)]}
    return _net(json.dumps(doc))


def test_heavy_queries_release_the_gil():
    big = _random_network(1500, 6000, 1)
    g = big.organization_graph()
    done = threading.Event()
    started = threading.Event()
    ticks = 0

    def work():
        started.set()
        g.betweenness(True, 0, 0, False, 1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    started.wait()
    t0 = time.perf_counter()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    elapsed = time.perf_counter() - t0
    t.join()
    # Holding the GIL for the whole computation would leave this loop one or two turns.
    assert elapsed < 0.05 or ticks >= 10, (elapsed, ticks)
    assert elapsed > 0.05, "the computation was too quick to tell; make the network larger"


# ---- documentation ---------------------------------------------------------------------------


def test_docstring_examples_run(monkeypatch):
    # Until danvan.Network has the mixin as a base, the examples run on a subclass that has it.
    if not issubclass(danvan.Network, OverlapMixin):
        monkeypatch.setattr(danvan, "Network", Net)
    result = doctest.testmod(_overlap, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 6
    assert result.failed == 0


# ---- the command line -----------------------------------------------------------------------


def _cli():
    import os
    from pathlib import Path

    binary = Path(os.environ.get("DANVAN_BINARY_DIR", "")) / "danvan"
    if not os.environ.get("DANVAN_BINARY_DIR") or not binary.is_file():
        pytest.skip("the danvan program is not built (DANVAN_BINARY_DIR)")
    return str(binary)


def test_cli_overlap_formats(tmp_path):
    import subprocess

    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    run = lambda *args: subprocess.run([_cli(), "overlap", str(path), *args], capture_output=True, text=True)
    csv = run("--top", "2", "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.splitlines() == ["a,b,a_name,b_name,shared,weight", "org:a,org:b,A,B,3,3", "org:a,org:c,A,C,2,2"]
    out = json.loads(run("--roles", "lead,any", "--top", "0", "--format", "json").stdout)
    assert out["symmetric"] is False and out["left_roles"] == ["lead"] and out["right_roles"] == []
    assert [(p["a"], p["b"], p["shared"]) for p in out["pairs"]][:2] == [("org:a", "org:b", 2), ("org:a", "org:c", 1)]
    table = run("--weight", "jaccard", "--top", "1")
    assert table.returncode == 0 and "org:a" in table.stdout and "JACCARD" in table.stdout.splitlines()[0]
    bad = run("--roles", "leed,any")
    assert bad.returncode == 2 and "did you mean `lead`" in bad.stderr
    assert run("--min-weight", "-1").returncode == 2
    nothing = run("--roles", "lead", "--format", "csv")
    assert nothing.returncode == 0 and nothing.stdout.splitlines() == ["a,b,a_name,b_name,shared,weight"]
    missing = subprocess.run([_cli(), "overlap", str(tmp_path / "missing.json")], capture_output=True, text=True)
    assert missing.returncode == 2
