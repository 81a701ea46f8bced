"""Redaction: an output asked for at a classification ceiling holds nothing above it.

Each entity, role and attribute above the ceiling carries a unique marker string; the
outputs are serialized to bytes and searched for every marker.
"""

import io
import json
from pathlib import Path

import networkx as nx
import pytest

import danvan

MARKERS = ["SECRETORG", "SECRETNAME", "SECRETALIAS", "INTERNALTASK", "INTERNALTASKNAME", "SECRETPROG",
           "SECRETPROGNAME", "SECRETCHILD"]


def _network() -> danvan.Network:
    return danvan.Network.loads(json.dumps({
        "danvan": "1",
        "organizations": [
            {"id": "org:a", "name": "Ban A"},
            {"id": "org:b", "name": "Ban B"},
            {"id": "org:SECRETORG", "name": "SECRETNAME", "aliases": ["SECRETALIAS"], "classification": "restricted"},
            # public itself, but its parent is restricted: the parent's id must not show
            {"id": "org:c", "name": "Ban C", "parent": "org:SECRETORG"},
            {"id": "org:SECRETCHILD", "name": "Con", "parent": "org:a", "classification": "internal"},
        ],
        "programs": [
            {"id": "prog:p", "name": "Chương trình công khai"},
            {"id": "prog:SECRETPROG", "name": "SECRETPROGNAME", "classification": "restricted"},
        ],
        "tasks": [
            {"id": "task:t", "name": "Hội nghị", "roles": [
                {"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
                {"org": "org:SECRETORG", "role": "advise"}, {"org": "org:c", "role": "coordinate"}]},
            {"id": "task:INTERNALTASK", "name": "INTERNALTASKNAME", "classification": "internal", "roles": [
                {"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
            {"id": "task:u", "name": "Kiểm tra", "program": "prog:SECRETPROG", "roles": [
                {"org": "org:a", "role": "lead"},
                {"org": "org:SECRETCHILD", "role": "coordinate"},
                {"org": "org:b", "role": "coordinate", "classification": "internal"}]},
        ],
    }))


def _graphml(g) -> str:
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return buf.getvalue().decode("utf-8")


@pytest.mark.parametrize("kind", ["bipartite", "organizations"])
@pytest.mark.parametrize("scope", [{"ceiling": "public"}, danvan.Scope(ceiling="public")], ids=["dict", "Scope"])
def test_to_networkx_at_public_holds_no_marker(kind, scope):
    g = _network().to_networkx(kind, scope=scope)
    text = _graphml(g) + repr(g.graph)
    leaked = [m for m in MARKERS if m in text]
    assert not leaked, f"{kind} graph at public holds {leaked}"


def test_to_networkx_at_public_keeps_exactly_the_public_part():
    net = _network()
    g = net.to_networkx("bipartite", scope={"ceiling": "public"})
    public = {e.id for coll in (net.organizations, net.programs, net.tasks) for e in coll
              if e.classification == "public"}
    assert set(g.nodes) == public
    # the role held at `internal` on a public task is gone; the public ones stay
    assert not g.has_edge("org:b", "task:u")
    assert g.has_edge("org:a", "task:u") and g.has_edge("org:c", "task:t")
    assert "parent" not in g.nodes["org:c"] and "program" not in g.nodes["task:u"]
    orgs = net.to_networkx("organizations", scope={"ceiling": "public"})
    assert set(orgs.nodes) == {i for i in public if i.startswith("org:")}


def test_to_networkx_without_a_ceiling_keeps_everything():
    net = _network()
    g = net.to_networkx("bipartite")
    assert "org:SECRETORG" in g and g.nodes["org:c"]["parent"] == "org:SECRETORG"
    assert g.has_edge("org:b", "task:u")
    internal = net.to_networkx("bipartite", scope={"ceiling": "internal"})
    assert "task:INTERNALTASK" in internal and "org:SECRETORG" not in internal


def test_an_unknown_ceiling_word_is_refused():
    with pytest.raises(ValueError, match="ceiling"):
        _network().to_networkx("bipartite", scope={"ceiling": "secret"})


def test_saved_and_dumped_at_public_hold_no_marker(tmp_path):
    net = _network()
    text = net.dumps(max_classification="public")
    assert not [m for m in MARKERS if m in text]
    net.save(tmp_path / "public.json", max_classification="public")
    assert (tmp_path / "public.json").read_text(encoding="utf-8") == text
    public = danvan.Network.loads(text)
    # nothing tells how much was removed: the counts are those of the public part
    assert len(public.organizations) == 3 and len(public.tasks) == 2 and len(public.programs) == 1
    assert [r.org.id for r in public.tasks["task:u"].roles] == ["org:a"]


def test_redact_keeps_what_is_at_or_below_the_ceiling():
    net = _network()
    assert net.redact("restricted").dumps() == net.dumps()
    internal = net.redact("internal")
    assert "task:INTERNALTASK" in internal.tasks and "org:SECRETCHILD" in internal.organizations
    assert "org:SECRETORG" not in internal.organizations
    assert internal.organizations["org:c"].parent is None
    assert internal.tasks["task:u"].program is None
    with pytest.raises(ValueError, match="max_classification"):
        net.redact("secret")


EXPORTS = [("graphml", "bipartite"), ("graphml", "organizations"), ("gexf", "bipartite"), ("dot", "organizations"),
           ("hxl", "bipartite"), ("popolo", "bipartite")]


@pytest.mark.parametrize("format,graph", EXPORTS)
def test_exports_at_public_hold_no_marker(tmp_path, format, graph):
    net = _network()
    text = net.export_text(format, graph=graph, max_classification="public")
    assert not [m for m in MARKERS if m in text]
    assert text == net.redact("public").export_text(format, graph=graph)
    path = tmp_path / f"out.{format}"
    net.export(path, format, graph=graph, max_classification="public")
    assert path.read_text(encoding="utf-8") == text
    # the full network's export does hold them: the test would see a leak
    assert any(m in net.export_text(format, graph=graph) for m in MARKERS)


def test_frames_at_public_hold_no_marker():
    net = _network()
    frames = [net.collection(kind)(max_classification="public") for kind in
              ("organization", "task", "program", "area", "topic", "document", "event", "source")]
    frames += [net.roles(max_classification="public"), net.evidence(max_classification="public")]
    text = "".join(f.to_csv() for f in frames)
    assert not [m for m in MARKERS if m in text]
    assert len(frames[0]) == 3 and len(frames[-2]) == len(net.redact("public").roles())
    whole = "".join(net.collection(k)().to_csv() for k in ("organization", "task", "program")) + net.roles().to_csv()
    assert all(m in whole for m in MARKERS)  # without a ceiling the frames hold them all


def _cli():
    import os
    from conftest import ROOT
    binary = Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"
    if not binary.is_file():
        pytest.skip(f"no danvan program at {binary}")
    return str(binary)


@pytest.mark.parametrize("command", [["summary", "--format", "json"], ["check", "--format", "json"],
                                     ["overlap", "--format", "json"], ["check", "--format", "csv"],
                                     ["export", "--format", "graphml", "-o", "-"],
                                     ["export", "--format", "hxl", "-o", "-"],
                                     ["export", "--format", "popolo", "-o", "-"],
                                     ["export", "--format", "gexf", "--graph", "organizations", "-o", "-"]])
def test_commands_at_public_print_no_marker(tmp_path, command):
    import subprocess
    cli = _cli()
    path = tmp_path / "net.json"
    _network().save(path)
    full = subprocess.run([cli, *command[:1], str(path), *command[1:]], capture_output=True, text=True)
    public = subprocess.run([cli, *command[:1], str(path), *command[1:], "--max-classification", "public"],
                            capture_output=True, text=True)
    assert public.returncode in (0, 1), public.stderr
    assert not [m for m in MARKERS if m in public.stdout + public.stderr]
    if command[0] == "summary":  # the counts are those of the public part, and the full file shows more
        assert json.loads(public.stdout)["counts"]["organizations"] == 3
        assert any(m in full.stdout for m in MARKERS) or json.loads(full.stdout)["counts"]["organizations"] == 5


def test_an_unknown_max_classification_word_is_a_usage_error(tmp_path):
    import subprocess
    path = tmp_path / "net.json"
    _network().save(path)
    r = subprocess.run([_cli(), "summary", str(path), "--max-classification", "secret"], capture_output=True, text=True)
    assert r.returncode == 2 and "accepted: public, internal, restricted" in r.stderr


def test_diff_at_public_names_nothing_above_it(tmp_path):
    import subprocess
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    net = _network()
    net.save(before)
    doc = json.loads(net.dumps())
    doc["organizations"][2]["name"] = "SECRETNAME, renamed"  # a restricted organization changes
    doc["tasks"] = [t for t in doc["tasks"] if t["id"] != "task:INTERNALTASK"]  # an internal task goes
    after.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    full = subprocess.run([_cli(), "diff", str(before), str(after), "--format", "json"], capture_output=True, text=True)
    public = subprocess.run([_cli(), "diff", str(before), str(after), "--format", "json", "--max-classification",
                             "public"], capture_output=True, text=True)
    assert full.returncode == 1 and any(m in full.stdout for m in MARKERS)
    assert public.returncode == 0, public.stdout  # nothing public changed
    assert not [m for m in MARKERS if m in public.stdout + public.stderr]


def test_csv_tables_at_public_hold_no_marker(tmp_path):
    import subprocess
    net = _network()
    folder = tmp_path / "tables"
    net.to_csv(folder, max_classification="public")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))
    assert not [m for m in MARKERS if m in text]
    assert danvan.from_csv(folder).dumps() == net.redact("public").dumps()  # the public part, whole
    net.to_csv(tmp_path / "all")
    assert all(m in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "all").iterdir()) for m in MARKERS)
    path = tmp_path / "net.json"
    net.save(path)
    out = tmp_path / "cli"
    r = subprocess.run([_cli(), "export", str(path), "--format", "csv", "-o", str(out), "--max-classification", "public"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert not [m for m in MARKERS if m in "".join(p.read_text(encoding="utf-8") for p in out.iterdir())]
