"""docs/python.md lists every table a network gives, with its notable columns; this test
reads that list and checks it against the code: every listed call answers a DataFrame
holding every listed column. A table added to the docs needs its call here."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import danvan
from conftest import ROOT

DOC = ROOT / "docs" / "python.md"

#: How to ask each call of the docs' table of the shipped network.
CALLS = {
    "net.organizations()": lambda n: n.organizations(),
    "net.documents()": lambda n: n.documents(),
    "net.programs()": lambda n: n.programs(),
    "net.tasks()": lambda n: n.tasks(),
    "net.areas()": lambda n: n.areas(),
    "net.topics()": lambda n: n.topics(),
    "net.events()": lambda n: n.events(),
    "net.sources()": lambda n: n.sources(),
    "net.roles()": lambda n: n.roles(),
    "net.evidence()": lambda n: n.evidence(),
    'net.responsibility(scope, names="short")': lambda n: n.responsibility(),
    "net.raci(scope)": lambda n: n.raci(scope={"as_of": "2025-09-01"}),  # carried_from: as of a day
    'net.raci(scope, wide=True, names="short")': lambda n: n.raci(wide=True),
    "net.roles_of(id)": lambda n: n.roles_of("task:hoi-nghi-trien-khai-cong-tac-dan-van-2023"),
    "net.portfolio(org)": lambda n: n.portfolio("org:ban-dan-van-tinh-uy"),
    "net.check(rules, as_of)": lambda n: n.check(as_of="2023-09-16"),
    "net.top_pairs(k, ...)": lambda n: n.top_pairs(5),
    "net.shared(a, b)": lambda n: n.shared("org:tinh-uy", "org:ban-dan-van-tinh-uy"),
    "net.duplicate_candidates(...)": lambda n: n.duplicate_candidates(),
    "net.centrality(...)": lambda n: n.centrality(),
    "net.succession(date)": lambda n: n.succession("2025-09-01"),
    "net.frames()": lambda n: n.frames(),
}


def _rows():
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Tables"):]
    section = section[:section.index("\n## ", 3)]
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        call_cell, _, columns = [c.strip() for c in line.strip("|").split("|")][:3]
        calls = re.findall(r"`([^`]+)`", call_cell)
        # "kind, level, roles (count)": the names before any parenthesis; a/b: one of them
        words = re.sub(r"\([^)]*\)", "", columns)
        listed = [w.strip() for w in words.split(",") if re.fullmatch(r"\s*[A-Za-z_]+(/[A-Za-z_]+)*\s*", w)]
        yield calls, listed


ROWS = list(_rows())


def test_the_docs_list_tables():
    assert len(ROWS) >= 15


def test_every_call_of_the_docs_is_known_here():
    documented = {call for calls, _ in ROWS for call in calls}
    assert documented == set(CALLS), (documented ^ set(CALLS))


@pytest.fixture(scope="module")
def net():
    return danvan.Network.load(ROOT / "data" / "haiduong-2023.json")


@pytest.mark.parametrize("calls,listed", ROWS, ids=[r[0][0] for r in ROWS])
def test_each_table_is_a_dataframe_with_its_listed_columns(net, calls, listed):
    frames = [CALLS[c](net) for c in calls]
    for frame in frames:
        if isinstance(frame, dict):  # net.frames(): a DataFrame per table
            assert frame and all(isinstance(f, pd.DataFrame) for f in frame.values())
            continue
        assert isinstance(frame, pd.DataFrame)
    columns = set().union(*(set(f.columns) | {f.index.name} for f in frames if isinstance(f, pd.DataFrame)))
    for word in listed:
        assert any(choice in columns for choice in word.split("/")), (calls, word, sorted(map(str, columns)))
