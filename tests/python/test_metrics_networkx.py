"""The same networks through danvan and through NetworkX give the same answers:
projections (count, Jaccard, overlap coefficient, Newman), degree, betweenness,
closeness, components and articulation points, on the generated S network and on
the small cases NetworkX documents for its bipartite projection functions
(networkx/algorithms/bipartite/projection.py). Floats agree within 1e-9."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

nx = pytest.importorskip("networkx")
bipartite = pytest.importorskip("networkx.algorithms.bipartite")
np = pytest.importorskip("numpy")

import danvan
from danvan import _core
from danvan._overlap import OverlapMixin

HERE = Path(__file__).resolve().parent
from conftest import ROOT as SOURCE_DIR
GENERATOR = SOURCE_DIR / "bench" / "generate.py"
TOL = 1e-9


if issubclass(danvan.Network, OverlapMixin):
    Net = danvan.Network
else:  # pragma: no cover - before the mixin was one of danvan.Network's bases

    class Net(OverlapMixin, danvan.Network):  # type: ignore[no-redef]
        __slots__ = ()


def _net(text: str) -> "Net":
    return Net.loads(text)


# ---- the generated S network ----------------------------------------------------------


@pytest.fixture(scope="module")
def s_file(tmp_path_factory) -> Path:
    if not GENERATOR.is_file():
        pytest.skip("bench/generate.py is not there")
    out = tmp_path_factory.mktemp("s") / "S-1.json"
    subprocess.run([sys.executable, str(GENERATOR), "--scale", "S", "--seed", "1", "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def raw(s_file) -> dict:
    return json.loads(s_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def net(s_file) -> Net:
    return Net.load(s_file)


def _bipartite(raw: dict, task_filter=lambda t: True, role_filter=lambda r: True):
    """The organization × task graph NetworkX sees: every organization is a node."""
    B = nx.Graph()
    orgs = [o["id"] for o in raw["organizations"]]
    B.add_nodes_from(orgs, bipartite=0)
    for t in raw["tasks"]:
        if not task_filter(t):
            continue
        B.add_node(t["id"], bipartite=1)
        for r in t.get("roles", []):
            if role_filter(r):
                B.add_edge(r["org"], t["id"])
    return B, orgs


@pytest.fixture(scope="module")
def nx_bip(raw):
    return _bipartite(raw)


def _pairs(G, key="weight"):
    """{(a, b): weight} for both directions of each edge."""
    out = {}
    for a, b, d in G.edges(data=True):
        out[(a, b)] = d.get(key, 1)
        out[(b, a)] = d.get(key, 1)
    return out


def _danvan_pairs(p, use="data"):
    ids = p.organizations
    rows = np.repeat(np.arange(p.shape[0]), np.diff(p.indptr))
    values = getattr(p, use)
    return {(ids[r], ids[c]): v for r, c, v in zip(rows.tolist(), p.indices.tolist(), values.tolist())}


def _same_weights(mine: dict, theirs: dict):
    assert mine.keys() == theirs.keys()
    worst = max((abs(mine[k] - theirs[k]) for k in mine), default=0.0)
    assert worst <= TOL, worst


def test_the_s_network_is_big_enough_to_mean_something(net, nx_bip):
    B, orgs = nx_bip
    assert len(orgs) == 200
    assert B.number_of_edges() > 8000


def test_count_projection_matches_weighted_projected_graph(net, nx_bip):
    B, orgs = nx_bip
    G = bipartite.weighted_projected_graph(B, orgs)
    p = net.projection(weight="count")
    assert p.symmetric and p.shape == (200, 200)
    mine = _danvan_pairs(p)
    assert mine == _pairs(G)
    assert p.nnz == 2 * G.number_of_edges()


@pytest.mark.parametrize("jaccard", [True, False], ids=["jaccard", "overlap"])
def test_jaccard_and_overlap_match_overlap_weighted_projected_graph(net, nx_bip, jaccard):
    B, orgs = nx_bip
    G = bipartite.overlap_weighted_projected_graph(B, orgs, jaccard=jaccard)
    p = net.projection(weight="jaccard" if jaccard else "overlap")
    _same_weights(_danvan_pairs(p), _pairs(G))


def test_newman_matches_collaboration_weighted_projected_graph(net, nx_bip):
    B, orgs = nx_bip
    G = bipartite.collaboration_weighted_projected_graph(B, orgs)
    p = net.projection(weight="newman")
    _same_weights(_danvan_pairs(p), _pairs(G))


def test_threshold_is_the_same_as_dropping_light_edges(net, nx_bip):
    B, orgs = nx_bip
    G = bipartite.overlap_weighted_projected_graph(B, orgs, jaccard=True)
    theirs = {k: v for k, v in _pairs(G).items() if v >= 0.05}
    p = net.projection(weight="jaccard", min_weight=0.05)
    _same_weights(_danvan_pairs(p), theirs)
    assert 0 < p.nnz < net.projection(weight="jaccard").nnz


def test_scoped_projection_matches_the_graph_of_the_scoped_tasks(net, raw):
    descendants = {"topic:moi-truong", "topic:rac-thai"}
    B, orgs = _bipartite(raw, task_filter=lambda t: bool(descendants & set(t.get("topics", []))))
    G = bipartite.weighted_projected_graph(B, orgs)
    p = net.projection(scope=danvan._core.Scope(topics=["topic:moi-truong"]))
    assert _danvan_pairs(p) == _pairs(G)
    assert 0 < p.nnz < net.projection().nnz


def test_lead_any_projection_counts_items_where_the_row_leads(net, raw):
    expected: dict = {}
    for t in raw["tasks"]:
        roles = t.get("roles", [])
        leads = {r["org"] for r in roles if r["role"] == "lead"}
        anyone = {r["org"] for r in roles}
        for a in leads:
            for b in anyone - {a}:
                expected[(a, b)] = expected.get((a, b), 0) + 1
    p = net.projection(roles=("lead", None))
    assert not p.symmetric
    assert _danvan_pairs(p) == expected


def test_top_pairs_are_the_largest_entries_of_the_projection(net, nx_bip):
    B, orgs = nx_bip
    G = bipartite.weighted_projected_graph(B, orgs)
    index = {o: i for i, o in enumerate(orgs)}
    ranked = sorted(((-d["weight"], *sorted((index[a], index[b]))) for a, b, d in G.edges(data=True)))[:10]
    top = net.top_pairs(10)
    assert len(top) == 10
    assert [(-p.count, index[p.a], index[p.b]) for p in top.itertuples()] == ranked


# ---- metrics on the projected graph ---------------------------------------------------


@pytest.fixture(scope="module")
def nx_org_graph(nx_bip):
    B, orgs = nx_bip
    return bipartite.weighted_projected_graph(B, orgs)


def _same_values(mine: dict, theirs: dict):
    assert mine.keys() == theirs.keys()
    worst = max(abs(mine[k] - theirs[k]) for k in mine)
    assert worst <= TOL, worst


def test_degree_and_weighted_degree(net, nx_org_graph):
    assert net.degree() == dict(nx_org_graph.degree())
    _same_values(net.degree(weight="count"), dict(nx_org_graph.degree(weight="weight")))


@pytest.mark.parametrize("normalized", [True, False])
def test_exact_betweenness_matches_networkx(net, nx_org_graph, normalized):
    theirs = nx.betweenness_centrality(nx_org_graph, normalized=normalized)
    mine = net.betweenness(normalized=normalized)
    _same_values(mine, theirs)
    assert max(mine.values()) > 0


def test_weighted_betweenness_uses_inverse_weights_as_lengths(net, nx_org_graph):
    G = nx_org_graph.copy()
    for _, _, d in G.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    theirs = nx.betweenness_centrality(G, weight="length")
    _same_values(net.betweenness(weight="count"), theirs)


def test_sampled_betweenness_with_every_pivot_is_exact_and_k_above_n_is_an_error(net, nx_org_graph):
    theirs = nx.betweenness_centrality(nx_org_graph)
    _same_values(net.betweenness(exact=False, k=200), theirs)
    with pytest.raises(danvan._overlap.ArgumentError, match="k: 201 pivots"):
        net.betweenness(exact=False, k=201)


def test_sampled_betweenness_is_scaled_like_networkx(net, nx_org_graph):
    # The same pivots through NetworkX's own accumulation and rescaling.
    from networkx.algorithms.centrality.betweenness import (
        _accumulate_basic, _rescale, _single_source_shortest_path_basic)

    pivots = _core.sample_pivots(200, 40, 7).tolist()
    orgs = list(nx_org_graph)
    G = nx_org_graph
    bc = dict.fromkeys(G, 0.0)
    for s in (orgs[i] for i in pivots):
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        bc, _ = _accumulate_basic(bc, S, P, sigma, s)
    theirs = _rescale(bc, len(G), normalized=True, directed=False, k=40)
    _same_values(net.betweenness(exact=False, k=40, seed=7), theirs)


def test_closeness_matches_networkx(net, nx_org_graph):
    _same_values(net.closeness(), nx.closeness_centrality(nx_org_graph))
    G = nx_org_graph.copy()
    for _, _, d in G.edges(data=True):
        d["length"] = 1.0 / d["weight"]
    _same_values(net.closeness(weight="count"), nx.closeness_centrality(G, distance="length"))


@pytest.fixture(scope="module")
def sparse_pair(net, nx_org_graph):
    """The graph of pairs that share at least 12 tasks: split, with brokers."""
    G = nx.Graph()
    G.add_nodes_from(nx_org_graph)
    G.add_edges_from((a, b) for a, b, d in nx_org_graph.edges(data=True) if d["weight"] >= 12)
    return G


def test_thresholded_graph_has_structure_worth_testing(sparse_pair):
    assert nx.number_connected_components(sparse_pair) > 1
    assert len(list(nx.articulation_points(sparse_pair))) > 0


def test_components_match_networkx(net, sparse_pair):
    theirs = sorted((sorted(c) for c in nx.connected_components(sparse_pair)), key=lambda c: (-len(c), c))
    mine = sorted((sorted(c) for c in net.components(min_weight=12)), key=lambda c: (-len(c), c))
    assert mine == theirs
    assert [len(c) for c in net.components(min_weight=12)] == sorted((len(c) for c in theirs), reverse=True)


def test_articulation_points_match_networkx(net, sparse_pair):
    assert set(net.articulation_points(min_weight=12)) == set(nx.articulation_points(sparse_pair))


def test_metrics_on_a_split_graph_match_networkx(net, sparse_pair):
    _same_values(net.betweenness(min_weight=12), nx.betweenness_centrality(sparse_pair))
    _same_values(net.closeness(min_weight=12), nx.closeness_centrality(sparse_pair))
    assert net.degree(min_weight=12) == dict(sparse_pair.degree())


def test_coordination_path_is_a_shortest_path_of_the_bipartite_graph(net, nx_bip):
    B, orgs = nx_bip
    for a, b in [(orgs[0], orgs[199]), (orgs[17], orgs[42]), (orgs[5], orgs[150])]:
        path = net.coordination_path(a, b)
        assert len(path) == nx.shortest_path_length(B, a, b) + 1
        assert path[0] == a and path[-1] == b
        assert all(B.has_edge(x, y) for x, y in zip(path, path[1:]))


# ---- the cases NetworkX documents ---------------------------------------------------------


def _from_bipartite_edges(edges, orgs, items) -> Net:
    """A danvan network whose organizations `orgs` hold a role on items `items` per `edges`."""
    roles = {i: [] for i in items}
    for o, i in edges:
        roles[i].append({"org": f"org:n{o}", "role": "coordinate"})
    doc = {"danvan": "1",
           "organizations": [{"id": f"org:n{o}", "name": f"N{o}"} for o in orgs],
           "tasks": [{"id": f"task:n{i}", "name": f"N{i}", "roles": roles[i]} for i in items]}
    return _net(json.dumps(doc))


def _path_graph_case(n, extra=(), orgs=None):
    B = nx.path_graph(n)
    B.add_edges_from(extra)
    orgs = orgs if orgs is not None else [v for v in B if v % 2 == 0]
    items = [v for v in B if v not in orgs]
    edges = [(u, v) if u in orgs else (v, u) for u, v in B.edges()]
    return _from_bipartite_edges(edges, orgs, items), B, orgs


def test_documented_weighted_projected_graph():
    # B = path_graph(4); weighted_projected_graph(B, [1, 3]) -> [(1, 3, {'weight': 1})];
    # with ratio=True the weight is 0.5 (shared / number of items).
    net, B, orgs = _path_graph_case(4, orgs=[1, 3])
    p = net.projection()
    assert p.to_frame().to_dict("records") == [{"a": "org:n1", "b": "org:n3", "count": 1, "weight": 1.0}]
    assert p.counts[0] / len(net.tasks) == 0.5  # items 0 and 2
    assert list(bipartite.weighted_projected_graph(B, [1, 3]).edges(data=True)) == [(1, 3, {"weight": 1})]


def test_documented_multigraph_projection_is_the_shared_items():
    # B has edges (a,1), (b,1), (a,2), (b,2): projected_graph(multigraph=True) gives two a-b edges.
    net = _from_bipartite_edges([("a", 1), ("b", 1), ("a", 2), ("b", 2)], ["a", "b"], [1, 2])
    shared = net.shared("org:na", "org:nb")
    assert shared["item"].tolist() == ["task:n1", "task:n2"]
    assert net.top_pairs(1)["count"].tolist() == [2]


def test_documented_collaboration_weighted_projected_graph():
    # B = path_graph(5) + edge (1, 5); nodes [0, 2, 4, 5]:
    # (0, 2, 0.5), (0, 5, 0.5), (2, 4, 1.0), (2, 5, 0.5)
    net, B, orgs = _path_graph_case(5, extra=[(1, 5)], orgs=[0, 2, 4, 5])
    got = {(r["a"], r["b"]): r["weight"] for r in net.projection(weight="newman").to_frame().to_dict("records")}
    assert got == {("org:n0", "org:n2"): 0.5, ("org:n0", "org:n5"): 0.5, ("org:n2", "org:n4"): 1.0,
                   ("org:n2", "org:n5"): 0.5}
    G = bipartite.collaboration_weighted_projected_graph(B, [0, 2, 4, 5])
    assert {(f"org:n{a}", f"org:n{b}"): d["weight"] for a, b, d in G.edges(data=True)} == got


@pytest.mark.parametrize("weight,expected", [("jaccard", 0.5), ("overlap", 1.0)])
def test_documented_overlap_weighted_projected_graph(weight, expected):
    # B = path_graph(5); nodes [0, 2, 4]: Jaccard (0,2,0.5), (2,4,0.5); jaccard=False: 1.0, 1.0
    net, B, orgs = _path_graph_case(5, orgs=[0, 2, 4])
    rows = net.projection(weight=weight).to_frame().to_dict("records")
    assert [(r["a"], r["b"], r["weight"]) for r in rows] == [("org:n0", "org:n2", expected),
                                                             ("org:n2", "org:n4", expected)]


def test_documented_generic_weighted_projected_graph():
    # complete_bipartite_graph(2, 2) onto [0, 1]: shared neighbours 2; the documented
    # custom Jaccard weight function gives 1.0.
    B = nx.complete_bipartite_graph(2, 2)
    net = _from_bipartite_edges([(u, v) for u, v in B.edges()], [0, 1], [2, 3])
    assert net.top_pairs(1)[["a", "b", "count", "weight"]].values.tolist() == [["org:n0", "org:n1", 2, 2.0]]
    assert net.top_pairs(1, weight="jaccard")["weight"].tolist() == [1.0]
    assert list(bipartite.generic_weighted_projected_graph(B, [0, 1]).edges(data=True)) == [(0, 1, {"weight": 2})]
