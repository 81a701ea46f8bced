"""danvan.diff: what changed between two networks or two days, as DataFrames, and the
same from the command line, checked against each other."""

from __future__ import annotations

import doctest
import json
import os
import pathlib
import subprocess

import pytest

import danvan

from conftest import ROOT
HAIDUONG = ROOT / "data" / "haiduong-2023.json"
CLI = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"


@pytest.fixture(scope="module")
def net():
    if not HAIDUONG.exists():
        pytest.skip("data/haiduong-2023.json is not there")
    return danvan.load(HAIDUONG)


def test_docstring_examples():
    import danvan._diff as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_two_days_of_the_shipped_network(net):
    d = danvan.diff(net, net, from_date="2023-12-31", to_date="2025-09-01")
    assert d and not d.empty
    later = net.as_of("2025-09-01").roles()
    carried = later[later.carried_from.notna()]
    moved = d.roles[d.roles.change == "moved"]
    # Every role a reorganization carried is a move naming its event, and nothing else is.
    assert sorted(zip(moved.target, moved.org_after)) == sorted(zip(carried.target, carried.org))
    assert moved.event.str.startswith("event:2025-").all()
    removed = set(d.entities[d.entities.change == "removed"].id)
    assert "org:ban-dan-van-tinh-uy" in removed and "org:ban-tuyen-giao-va-dan-van-tinh-uy" not in removed
    added = set(d.entities[d.entities.change == "added"].id)
    assert "org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong" in added
    r = d.responsibility.set_index("org")
    assert r.loc["org:ban-dan-van-tinh-uy", "R_before"] > 0 and r.loc["org:ban-dan-van-tinh-uy", "R_after"] == 0
    assert danvan.diff(net, net).empty


def test_cli_lists_what_the_library_finds(net):
    if not CLI.exists():
        pytest.skip(f"the danvan program is not built at {CLI}")
    run = subprocess.run([str(CLI), "diff", "--format", "json", str(HAIDUONG), "--from", "2023-12-31", "--to", "2025-09-01"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    changes = json.loads(run.stdout)["changes"]
    d = danvan.diff(net, net, from_date="2023-12-31", to_date="2025-09-01")
    assert sum(c["part"] == "role" for c in changes) == len(d.roles)
    assert sum(c["part"] == "entity" for c in changes) == len(d.entities)
    assert sum(c["part"] == "coverage" for c in changes) == len(d.findings)
    assert {(c["id"], c["after"]) for c in changes if c["part"] == "role" and c["change"] == "moved"} == \
        set(zip(d.roles[d.roles.change == "moved"].target, d.roles[d.roles.change == "moved"].org_after))
