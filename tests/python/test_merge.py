"""danvan.merge on real text: the seed article's draft folded into the shipped network
finds the network's documents and organizations; a report of another province adds its
bodies as new, never as Hải Dương's; and the CLI writes what the library gives."""

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
REPORT = ROOT / "docs" / "examples" / "report.txt"
CLI = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build")) / "danvan"


@pytest.fixture(scope="module")
def net():
    return danvan.load(HAIDUONG)


def _draft(text, network=None):
    return danvan.extract(text, network).to_network()


def test_docstring_examples():
    import danvan._merge as module

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_the_seed_article_finds_what_the_network_has(net, seed_text):
    text = seed_text
    result = danvan.merge(net, _draft(text))
    report = result.report
    assert not (report.status == "ambiguous").any()
    assert (report[report.kind == "document"].status == "matched").all()  # no new document
    # A mention the extractor resolves against the network (reusing the network's id) is
    # never a new organization of the merge: the two agree on what the network has.
    draft = _draft(text)
    known_mentions = {(s.span) for o in _draft(text, net).organizations if o.id in net for s in o.sources}
    added = report[(report.kind == "organization") & (report.status == "added")]
    added_mentions = {s.span for o in draft.organizations if o.id in set(added.draft_id) for s in o.sources}
    assert known_mentions and not (known_mentions & added_mentions)
    assert not set(added.id) & {o.id for o in net.organizations}
    assert (report[report.kind == "organization"].status == "matched").sum() > 20
    # The article's source is the network's (same text, same SHA-256).
    source = report[report.kind == "source"].iloc[0]
    assert (source.status, source.how) == ("matched", "sha256")
    assert len(result.network.organizations) == len(net.organizations) + len(added)


def test_another_province_comes_in_as_new(net):
    text = REPORT.read_text(encoding="utf-8")
    result = danvan.merge(net, _draft(text))
    report = result.report
    orgs = report[report.kind == "organization"]
    for _, row in orgs[orgs.status == "matched"].iterrows():
        assert net.organizations[row.id].level == "central", row.draft_id  # only national bodies are shared
    added = orgs[orgs.status == "added"]
    assert len(added) >= 5
    assert not set(added.id) & {o.id for o in net.organizations}  # Hải Dương's ids are not reused
    merged = result.network
    assert "Bắc Giang" in merged.organizations[added[added.draft_id == "org:ban-dan-van-tinh-uy-bac-giang"].id.iloc[0]].name
    assert len(merged.tasks) == len(net.tasks) + (report[report.kind == "task"].status == "added").sum()
    # Merged twice, nothing more comes in.
    again = danvan.merge(merged, _draft(text))
    assert (again.report.status == "matched").all() and again.roles_added == 0


def test_cli_writes_what_the_library_gives(net, tmp_path):
    if not CLI.exists():
        pytest.skip(f"the danvan program is not built at {CLI}")
    draft = tmp_path / "draft.json"
    _draft(REPORT.read_text(encoding="utf-8")).save(draft)
    out = tmp_path / "merged.json"
    run = subprocess.run([str(CLI), "merge", str(HAIDUONG), str(draft), "-o", str(out), "--format", "json",
                          "--text", str(REPORT)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    entries = json.loads(run.stdout)["entries"]
    lib = danvan.merge(net, danvan.load(draft), source_text=REPORT.read_text(encoding="utf-8"))
    assert [(e["draft_id"], e["status"], e["id"]) for e in entries] == list(zip(lib.report.draft_id, lib.report.status, lib.report.id))
    assert danvan.load(out).dumps() == lib.network.dumps()
    # Another text: refused, nothing written.
    other = tmp_path / "other.txt"
    other.write_text("Một văn bản khác.", encoding="utf-8")
    refused = subprocess.run([str(CLI), "merge", str(HAIDUONG), str(draft), "-o", str(tmp_path / "no.json"), "--text", str(other)],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "is of another text" in refused.stderr
    assert not (tmp_path / "no.json").exists()
