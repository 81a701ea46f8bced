"""Round trips of the whole network through an analyst's tables: ``net.frames()`` and
``danvan.from_frames(**frames)``, ``net.to_excel`` and ``danvan.read_excel`` (openpyxl),
and ``danvan.from_networkx`` of the graph ``to_networkx`` writes. The first two are
lossless (equal ``dumps``); the graph holds what a graph can."""

import networkx as nx
import pytest

import danvan
from conftest import ROOT

SHIPPED = ROOT / "data" / "haiduong-2023.json"

EVERY_FIELD = """{"danvan": "1", "meta": {"title": "T", "extra": {"k": [1, 2]}},
  "roles": [{"name": "teach", "labels": ["giảng dạy"], "raci": "C"}],
  "areas": [{"id": "area:01", "name": "Tỉnh", "level": "province", "code": "01"}],
  "organizations": [{"id": "org:a", "name": "Ban A", "aliases": ["A; B", "=SUM(A1)"], "area": "area:01",
                     "names": [{"name": "Ban cũ", "valid_to": "2019"}], "extra": {"x": true}},
                    {"id": "org:b", "name": "Sở B"}],
  "tasks": [{"id": "task:t", "name": "T", "due": "2023-09", "status": "done",
             "roles": [{"org": "org:a", "role": "lead"},
                       {"org": "org:b", "role": "teach", "sources": [{"source": "src:s", "span": [1, 4], "note": "0030"}]}]}],
  "sources": [{"id": "src:s", "name": "Báo"}]}"""


@pytest.fixture(scope="module", params=["shipped", "as-of-2025", "every-field"])
def net(request):
    if request.param == "every-field":
        return danvan.Network.loads(EVERY_FIELD)
    shipped = danvan.Network.load(SHIPPED)
    return shipped if request.param == "shipped" else shipped.as_of("2025-09-01")


def test_frames_round_trip(net):
    frames = net.frames()
    assert list(frames) == ["network", "role_definitions", "areas", "topics", "organizations", "documents",
                            "programs", "tasks", "events", "sources", "roles", "evidence"]
    assert all(str(dtype) == "object" for f in frames.values() for dtype in f.dtypes)  # every cell text
    assert danvan.from_frames(**frames).dumps() == net.dumps()


def test_excel_round_trip(net, tmp_path):
    path = tmp_path / "net.xlsx"
    net.to_excel(path)
    assert danvan.read_excel(path).dumps() == net.dumps()


def test_excel_keeps_text_that_looks_like_a_formula_or_a_number(tmp_path):
    from openpyxl import load_workbook
    net = danvan.Network.loads(EVERY_FIELD)
    path = tmp_path / "net.xlsx"
    net.to_excel(path)
    wb = load_workbook(path)
    cells = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert cells["01"] == "s" and cells["A\\; B;=SUM(A1)"] == "s" and cells["0030"] == "s"


def test_a_persons_spreadsheet_numbers_are_read_as_text(tmp_path):
    from openpyxl import load_workbook
    net = danvan.Network.load(SHIPPED)
    path = tmp_path / "net.xlsx"
    net.to_excel(path)
    wb = load_workbook(path)
    areas = wb["areas"]
    code = [c.value for c in areas[1]].index("code") + 1
    areas.cell(row=2, column=code, value=30)  # a spreadsheet turned the code `30` into a number
    wb.save(path)
    assert danvan.read_excel(path).areas[areas.cell(row=2, column=1).value].code == "30"


def test_a_mistake_in_a_frame_names_the_table_row_and_column():
    net = danvan.Network.load(SHIPPED)
    frames = net.frames()
    frames["tasks"].loc[3, "status"] = "finished"
    with pytest.raises(danvan.ValidationError) as e:
        danvan.from_frames(**frames)
    p = e.value.problems[0]
    assert (p.table, p.row, p.column) == ("tasks", 3, "status")
    assert "`finished`" in p.message and "tasks, row 3, column `status`" in p.message


def test_from_networkx_gives_back_the_graph():
    net = danvan.Network.load(SHIPPED)
    g = net.to_networkx()
    back = danvan.from_networkx(g, meta={"title": net.meta.title})
    assert len(back.organizations) == len(net.organizations) and len(back.roles()) == len(net.roles())
    for node in g.nodes:
        g.nodes[node].pop("area", None)  # areas are not nodes: an organization's area is left out
    again = back.to_networkx()
    assert nx.utils.graphs_equal(g, again)
    assert {n: d for n, d in g.nodes(data=True)} == {n: d for n, d in again.nodes(data=True)}
    assert {(a, b): d for a, b, d in g.edges(data=True)} == {(a, b): d for a, b, d in again.edges(data=True)}


def test_from_networkx_refuses_a_graph_it_cannot_read():
    g = nx.Graph()
    g.add_node("x", name="X")
    with pytest.raises(ValueError, match="entity"):
        danvan.from_networkx(g)
