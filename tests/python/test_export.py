"""Exports open in the tools they are for: GraphML in NetworkX and igraph, GEXF in
NetworkX, DOT in Graphviz, HXL as HXL's hashtag grammar reads it, Popolo with the
fields of the Popolo organization schema. The graphs are compared with
Network.to_networkx, the same network built through NetworkX."""

import csv
import html
import io
import json
import re
import shutil
import subprocess

import networkx as nx
import pytest

import danvan
from conftest import ROOT

SHIPPED = ROOT / "data" / "haiduong-2023.json"


@pytest.fixture(scope="module")
def net():
    return danvan.Network.load(SHIPPED)


def _same_graph(read, peer, extra=("valid_from", "valid_to")):
    """Nodes, edges and every attribute, with its Python type, as to_networkx has them
    (the export has the attributes `extra` besides, and GEXF the label)."""
    assert set(read.nodes) == set(peer.nodes)
    assert {frozenset(e) for e in read.edges} == {frozenset(e) for e in peer.edges}
    for n, attrs in peer.nodes(data=True):
        got = {k: v for k, v in read.nodes[n].items() if k not in ("label", *extra)}
        want = dict(attrs)
        assert got == want, n
        assert all(type(got[k]) is type(want[k]) for k in want), n
    for a, b, attrs in peer.edges(data=True):
        got = {k: v for k, v in read.edges[a, b].items() if k != "id"}
        assert got.keys() == attrs.keys() and all(got[k] == pytest.approx(attrs[k]) for k in attrs), (a, b)


@pytest.mark.parametrize("graph", ["bipartite", "organizations"])
def test_graphml_reads_back_in_networkx_as_to_networkx_builds_it(net, tmp_path, graph):
    path = tmp_path / "net.graphml"
    net.export(path, graph=graph)
    read = nx.read_graphml(path)
    assert read.graph["kind"] == graph and read.graph["name"] == net.meta.title
    _same_graph(read, net.to_networkx(graph))


def test_graphml_reads_in_igraph_with_typed_attributes(net, tmp_path):
    ig = pytest.importorskip("igraph")
    path = tmp_path / "net.graphml"
    net.export(path)
    g = ig.Graph.Read_GraphML(str(path))
    assert g.vcount() == len(net.organizations) + len(net.tasks) + len(net.programs)
    assert g.ecount() == net.to_networkx().number_of_edges()
    assert {"id", "name", "entity", "kind", "bipartite"} <= set(g.vs.attributes())
    assert {"role", "roles", "raci"} <= set(g.es.attributes())
    first = g.vs[0]
    assert first["name"] == net.organizations[0].name and first["bipartite"] == 0.0
    lead = net.tasks[0].roles[0]
    edge = g.es[g.get_eid(g.vs.find(id=lead.org.id).index, g.vs.find(id=net.tasks[0].id).index)]
    assert edge["role"] == lead.role


def test_gexf_reads_in_networkx_with_the_validity_as_each_node_interval(net, tmp_path):
    path = tmp_path / "net.gexf"
    net.export(path)
    read = nx.read_gexf(path)
    peer = net.to_networkx()
    assert set(read.nodes) == set(peer.nodes) and read.number_of_edges() == peer.number_of_edges()
    dated = [o for o in net.organizations if o.valid_to is not None]
    assert dated, "the shipped network has organizations that end (the 2025 reorganization)"
    for o in dated:
        end = read.nodes[o.id]["end"]
        assert end.startswith(str(o.valid_to)) and len(end) == 10  # a whole day, from the date's precision
    for t in net.tasks:
        if t.period is not None and t.period.start is not None:
            assert read.nodes[t.id]["start"].startswith(str(t.period.start))
    orgs = nx.read_gexf(io.BytesIO(net.export_text("gexf", graph="organizations", weight="jaccard").encode()))
    _same_graph(orgs, net.to_networkx("organizations", weight="jaccard"), extra=("valid_from", "valid_to", "start", "end"))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
@pytest.mark.parametrize("graph,weight", [("bipartite", "count"), ("organizations", "jaccard")])
def test_dot_is_drawn_by_graphviz_with_every_node(net, graph, weight):
    text = net.export_text("dot", graph=graph, weight=weight)
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True)
    assert svg.returncode == 0 and "Warning" not in svg.stderr and "Error" not in svg.stderr, svg.stderr
    titles = {html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg.stdout)}
    assert {o.id for o in net.organizations} <= titles
    assert net.organizations[0].name in svg.stdout  # labelled with names


def test_dot_escapes_quotes_and_backslashes():
    odd = danvan.Network.loads(json.dumps({"danvan": "1", "organizations": [
        {"id": "org:q", "name": 'Ban "Q" \\ nhánh\ndòng hai'}]}))
    text = odd.export_text("dot")
    assert r'"label"="Ban \"Q\" \\ nhánh\ndòng hai"' in text
    if shutil.which("dot"):
        assert subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True).returncode == 0


HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$")


def test_hxl_is_the_3w_table_with_a_valid_hashtag_row(net):
    rows = list(csv.reader(io.StringIO(net.export_text("hxl"))))
    header, tags, body = rows[0], rows[1], rows[2:]
    assert all(HXL_TAG.match(t) for t in tags), tags
    for tag in ["#org+impl", "#org+code", "#activity+name", "#activity+code", "#sector", "#adm1+name",
                "#adm2+code", "#date+start", "#date+end", "#status"]:
        assert tag in tags
    col = {t: i for i, t in enumerate(tags)}
    # one row per role and area of its task or program (one row when it names no area)
    expected = sum(max(1, len(item.areas)) * len(item.roles) for item in [*net.programs, *net.tasks])
    assert len(body) == expected and len(header) == len(tags)
    for r in body:
        org = net.organizations[r[col["#org+code"]]]
        assert r[col["#org+impl"]] == org.name
        item = (net.tasks if r[col["#activity+code"]].startswith("task:") else net.programs)[r[col["#activity+code"]]]
        assert r[col["#activity+name"]] == item.name and org.id in {x.org.id for x in item.roles}
        if r[col["#adm2+code"]]:
            district = net.areas[r[col["#adm2+code"]]]
            assert district.level == "district" and r[col["#adm1+code"]] == district.parent.id


# The fields of the Popolo Organization and Area schemas (popoloproject.com/schemas/organization.json, area.json).
POPOLO_ORGANIZATION = {"id", "name", "other_names", "identifiers", "classification", "parent_id", "parent", "area_id",
                       "area", "abstract", "description", "founding_date", "dissolution_date", "image",
                       "contact_details", "links", "memberships", "posts", "motions", "vote_events", "count",
                       "children", "created_at", "updated_at", "sources"}
POPOLO_AREA = {"id", "name", "identifier", "identifiers", "classification", "parent_id", "parent", "geometry",
               "other_names", "children", "created_at", "updated_at", "sources", "links"}
POPOLO_DATE = re.compile(r"^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}(T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))?)$")


def test_popolo_has_only_the_schema_fields_and_the_network_facts(net):
    doc = json.loads(net.export_text("popolo"))
    assert len(doc["organizations"]) == len(net.organizations) and len(doc["areas"]) == len(net.areas)
    for o in doc["organizations"]:
        assert set(o) <= POPOLO_ORGANIZATION, set(o) - POPOLO_ORGANIZATION
        org = net.organizations[o["id"]]
        assert o["name"] == org.name and o["classification"] == org.kind
        assert {n["name"] for n in o.get("other_names", []) if n["note"] == "alias"} == set(org.aliases)
        assert o.get("parent_id") == (org.parent.id if org.parent else None)
        for key in ("founding_date", "dissolution_date"):
            if key in o:
                assert POPOLO_DATE.match(o[key])
        assert o.get("dissolution_date") == (str(org.valid_to) if org.valid_to else None)
    for a in doc["areas"]:
        assert set(a) <= POPOLO_AREA
        assert a["classification"] == net.areas[a["id"]].level


def test_popolo_lists_former_names_with_their_dates():
    renamed = danvan.Network.loads(json.dumps({"danvan": "1", "organizations": [
        {"id": "org:a", "name": "Ban Tuyên giáo và Dân vận", "names": [
            {"name": "Ban Dân vận", "valid_to": "2025-02"},
            {"name": "Ban Tuyên giáo và Dân vận", "valid_from": "2025-03"}]}]}))
    names = json.loads(renamed.export_text("popolo"))["organizations"][0]["other_names"]
    assert {"name": "Ban Dân vận", "note": "former name", "end_date": "2025-02"} in names


def test_export_refuses_an_unknown_format_and_extension(net, tmp_path):
    with pytest.raises(ValueError, match="graphml, gexf, dot, hxl, popolo"):
        net.export_text("pdf")
    with pytest.raises(ValueError, match="does not end in"):
        net.export(tmp_path / "net.txt")
    with pytest.raises(ValueError, match="bipartite, organizations"):
        net.export_text("graphml", graph="people")
    with pytest.raises(danvan.FileError):
        net.export(tmp_path / "no" / "such" / "folder.graphml")
    assert not list(tmp_path.iterdir())  # nothing partly written


def _cells(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def test_xlsx_has_a_sheet_per_table_with_names_beside_ids(net, tmp_path):
    path = tmp_path / "net.xlsx"
    net.export(path)
    sheets = _cells(path)
    assert list(sheets) == ["organizations", "areas", "topics", "documents", "programs", "tasks", "events", "sources",
                            "roles"]
    frame = net.organizations()
    header, *body = sheets["organizations"]
    assert len(body) == len(net.organizations)
    assert [r[header.index("id")] for r in body] == list(frame["id"])
    parent, parent_name = header.index("parent"), header.index("parent_name")
    for r in body:
        if r[parent]:
            assert r[parent_name] == net.organizations[r[parent]].name
    roles_header, *roles = sheets["roles"]
    assert len(roles) == len(net.roles)
    peer = net.roles()
    assert [(r[0], r[2], r[5]) for r in roles] == list(zip(peer["org"], peer["role"], peer["target"]))
    assert all(r[1] == net.organizations[r[0]].name for r in roles)
    with pytest.raises(ValueError, match="binary"):
        net.export_text("xlsx")


def test_xlsx_at_public_holds_no_marker(tmp_path):
    from test_redaction import MARKERS, _network
    net = _network()
    public, full = tmp_path / "public.xlsx", tmp_path / "full.xlsx"
    net.export(public, max_classification="public")
    net.export(full)
    text = lambda p: " ".join(str(v) for rows in _cells(p).values() for row in rows for v in row if v is not None)
    assert not [m for m in MARKERS if m in text(public)]
    assert all(m in text(full) for m in MARKERS)
