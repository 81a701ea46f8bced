"""The query commands (who, portfolio, raci, chain, duplicates, metrics, path) answer
what the library answers, with names beside ids, names and Vietnamese role words where
ids and role names are expected, and every --format; metrics as NetworkX computes them."""

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

import danvan
from conftest import ROOT

SHIPPED = ROOT / "data" / "haiduong-2023.json"


@pytest.fixture(scope="module")
def net():
    return danvan.Network.load(SHIPPED)


def cli(*args, ok=(0,)):
    binary = Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"
    if not binary.is_file():
        pytest.skip(f"no danvan program at {binary}")
    done = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True)
    assert done.returncode in ok, done.stderr
    return done


def rows(command, *args):
    return json.loads(cli(command, SHIPPED, *args, "--format", "json").stdout)


def test_who_lists_the_roles_of_roles_of_with_names(net):
    program = net.programs[0]
    out = rows("who", program.id)
    want = net.roles_of(program.id)
    assert [(r["org"], r["role"], r["target"], r["path"]) for r in out["roles"]] == list(
        zip(want["org"], want["role"], want["target"], want["path"]))
    assert all(r["org_name"] == net.organizations[r["org"]].name for r in out["roles"])
    assert out["name"] == program.name
    # by name, and without the roll-up
    assert rows("who", program.name, "--no-rollup")["roles"] == [r for r in out["roles"] if r["path"] == "own"]


def test_a_vietnamese_role_word_is_the_role(net):
    program = net.programs["prog:dan-van-kheo-2023-2025"]
    lead = [r for r in rows("who", program.id)["roles"] if r["role"] == "lead"]
    assert lead and rows("who", program.id, "--role", "chủ trì")["roles"] == lead
    assert rows("who", program.id, "--role", "chu tri")["roles"] == lead  # without tone marks
    bad = cli("who", SHIPPED, program.id, "--role", "boss", ok=(2,))
    assert "`boss` is not a role; the roles are lead (chủ trì), advise" in bad.stderr


def test_portfolio_by_name_or_alias_is_the_organizations_portfolio(net):
    org = net.organizations["org:ban-dan-van-tinh-uy"]
    want = net.portfolio(org.id, include_subunits=True)
    for name in (org.id, org.name, "ban dan van tinh uy hai duong", *org.aliases):
        out = rows("portfolio", name, "--subunits")
        assert out["org"] == org.id
        assert [(r["org"], r["role"], r["target"]) for r in out["roles"]] == list(zip(want["org"], want["role"],
                                                                                      want["target"]))


def test_an_ambiguous_or_unknown_name_lists_the_candidates(net):
    done = cli("portfolio", SHIPPED, "Ban", ok=(2,))
    assert "`Ban` is not the id or name of one organization; give one of these ids:" in done.stderr
    assert "org:ban-dan-van-tinh-uy  Ban Dân vận Tỉnh ủy Hải Dương" in done.stderr
    assert "no organization has the id or name `xyzzy`" in cli("portfolio", SHIPPED, "xyzzy", ok=(2,)).stderr


def test_raci_is_the_matrix_of_the_library(net):
    want = net.raci()
    letters = {(t, o) for t, o in zip(want["task"], want["org"])}
    out = rows("raci")["cells"]
    assert {(c["task"], c["org"]) for c in out} == letters
    table = cli("raci", SHIPPED, "--format", "csv").stdout
    assert list(csv.reader(io.StringIO(table)))[0] == ["task", "task_name", "org", "org_name", "letters"]


def test_chain_is_the_accountability_chain(net):
    for task in net.tasks:
        out = rows("chain", task.id)["chain"]
        want = net.accountability_chain(task.id)
        assert [(s["org"], s["link"], s["role"]) for s in out] == [(c.org, c.link, c.role) for c in want]


def test_metrics_match_networkx_on_the_organization_graph(net):
    out = rows("metrics", "--top", "0")
    g = net.to_networkx("organizations")
    peer_between = nx.betweenness_centrality(g)
    peer_close = nx.closeness_centrality(g)
    peer_cut = set(nx.articulation_points(g))
    assert len(out["organizations"]) == g.number_of_nodes() == out["organizations_in_graph"]
    for r in out["organizations"]:
        assert r["degree"] == g.degree(r["org"])
        assert r["betweenness"] == pytest.approx(peer_between[r["org"]], abs=1e-12)
        assert r["closeness"] == pytest.approx(peer_close[r["org"]], abs=1e-12)
        assert r["broker"] == (r["org"] in peer_cut)
    betweenness = [r["betweenness"] for r in out["organizations"]]
    assert betweenness == sorted(betweenness, reverse=True)
    assert out["components"] == nx.number_connected_components(g)


def test_path_is_a_shortest_chain_of_shared_tasks(net):
    a, b = "org:ban-dan-van-tinh-uy", "Công an tỉnh Hải Dương"
    out = rows("path", a, b)
    steps = out["steps"]
    assert out["found"] and steps[0]["org"] == a and steps[-1]["org"] == "org:cong-an-tinh"
    bipartite = net.to_networkx()
    assert 2 * (len(steps) - 1) == nx.shortest_path_length(bipartite, a, "org:cong-an-tinh")
    for here, there in zip(steps, steps[1:]):  # each step's task is shared by both ends
        assert bipartite.has_edge(here["org"], here["via"]) and bipartite.has_edge(there["org"], here["via"])


def test_duplicates_are_the_librarys_candidates(net):
    assert rows("duplicates")["candidates"] == [] and net.duplicate_candidates().empty  # no task repeats another
    # Looser than the defaults, so that there is something to compare.
    want = net.duplicate_candidates(min_jaccard=0.8, any_kind=True, min_shared=1, min_score=0.3)
    out = rows("duplicates", "--min-jaccard", "0.8", "--any-kind", "--min-shared", "1", "--min-score", "0.3",
               "--top", "0")
    assert len(want) > 0
    assert (out["min_shared"], out["any_kind"], out["min_score"]) == (1, True, 0.3)
    assert [(c["a"], c["b"], c["score"], c["jaccard"], c["name_similarity"], c["same_kind"], c["reason"])
            for c in out["candidates"]] == [
        (w.a, w.b, w.score, w.jaccard, w.name_similarity, w.same_kind, w.reason) for w in want.itertuples()]


@pytest.mark.parametrize("command", [["who", "prog:dan-van-kheo-2023-2025"], ["raci"], ["metrics", "--top", "0"]])
def test_every_query_command_answers_as_of_a_day(net, command):
    later = net.as_of("2025-09-01")
    out = json.loads(cli(command[0], SHIPPED, *command[1:], "--as-of", "2025-09-01", "--format", "json").stdout)
    listed = [r["org"] for key in ("roles", "cells", "organizations") for r in out.get(key, []) if isinstance(r, dict)]
    assert listed and set(listed) <= {o.id for o in later.organizations}
    assert "org:ban-dan-van-tinh-uy" not in listed  # merged away in 2025
    gone = cli("portfolio", SHIPPED, "org:ban-dan-van-tinh-uy", "--as-of", "2025-09-01", ok=(2,))
    assert "org:ban-dan-van-tinh-uy" in gone.stderr


def test_every_example_of_the_help_runs():
    listed = cli("--help").stdout.split("Examples:\n")[1].split("\n\n")[0].splitlines()
    import shlex
    commands = [shlex.split(line.strip()) for line in listed]
    assert {c[1] for c in commands} >= {"who", "portfolio", "raci", "chain", "duplicates", "metrics", "path", "export"}
    for args in commands:
        writes = any(a in ("-o", "--out", "--output") and args[i + 1:i + 2] != ["-"] for i, a in enumerate(args))
        if writes or any(a.endswith(".txt") for a in args):
            continue  # the examples that write a file, or read a report
        binary = (Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan").resolve()
        done = subprocess.run([str(binary), *args[1:]], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode in (0, 1) and (done.stdout or done.stderr), (args, done.stderr)
        assert "error:" not in done.stderr.lower(), (args, done.stderr)


def test_a_document_is_found_by_its_number(net):
    for text, doc in [("21-CT/TW", "doc:ct-21-tw"), ("Chỉ thị số 29-CT/TU", "doc:ct-29-tu")]:
        out = rows("who", text)
        assert out["kind"] == "document" and out["id"] == doc
        want = net.roles_of(doc)
        assert [(r["org"], r["target"]) for r in out["roles"]] == list(zip(want["org"], want["target"]))
