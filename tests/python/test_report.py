"""`danvan report`: the HTML page of a network, read back through headless Chromium.

The page is generated from the shipped network (and as of a day after the 2025
reorganization), opened with Chromium's --dump-dom, and checked: every section is
there, organization names read from the network with the danvan package appear, the
page fetches nothing (no URL in a src or href, no url() in a style) and the console
shows no error. A screenshot goes to the build folder for a person to look at. A
network whose restricted part carries marker strings is reported at the `public`
ceiling, and no marker may be in the bytes.
"""

from __future__ import annotations

import html.parser
import json
import os
import pathlib
import subprocess

import pytest

import danvan
from conftest import ROOT, SEEDS_DIR, browse as _browse

NETWORK = ROOT / "data" / "haiduong-2023.json"
BUILD = pathlib.Path(os.environ.get("DANVAN_BINARY_DIR", ROOT / "build"))
SECTIONS = ["summary", "responsibility", "coverage", "overlap", "time"]


def _cli() -> str:
    binary = BUILD / "danvan"
    if not binary.is_file():
        pytest.skip(f"no danvan program at {binary}")
    return str(binary)


def _report(out: pathlib.Path, *args: str) -> str:
    r = subprocess.run([_cli(), "report", *args, "-o", str(out), "--force"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8")


class _Fetches(html.parser.HTMLParser):
    """Every attribute through which a browser could fetch something, and every url()."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data", "background") and value:
                self.urls.append(value)
            if name == "style" and value and "url(" in value:
                self.urls.append(value)

    def handle_data(self, data):
        if "url(" in data or "@import" in data:
            self.urls.append(data[data.find("url(") - 20:][:80])


def _fetches(text: str) -> list[str]:
    p = _Fetches()
    p.feed(text)
    return [u for u in p.urls if not (u.startswith("#") or u.startswith("data:"))]


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "Uncaught" in line or ("CONSOLE" in line and ("ERROR" in line or "rror" in line))]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    texts = ["--texts", str(SEEDS_DIR)] if SEEDS_DIR.is_dir() else []
    plain = _report(tmp / "haiduong.html", str(NETWORK), *texts)
    later = _report(tmp / "haiduong-2025.html", str(NETWORK), "--as-of", "2025-09-01", "--lang", "en")
    return tmp, plain, later


def _top_names(net: danvan.Network, k: int) -> list[str]:
    names = []
    pairs = net.top_pairs(k)
    assert len(pairs) == k
    for pair in pairs.itertuples():
        assert (pair.a_name, pair.b_name) == (net.organizations[pair.a].name, net.organizations[pair.b].name)
        names += [pair.a_name, pair.b_name]
    return names


def test_sections_and_names_in_the_rendered_page(pages, tmp_path):
    tmp, _, _ = pages
    page = tmp / "haiduong.html"
    run = _browse(page, tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    for section in SECTIONS:
        assert f'<section id="{section}"' in dom, section
    assert "chủ trì" in dom and "phối hợp" in dom  # Vietnamese role labels by default
    net = danvan.Network.load(NETWORK)
    for name in _top_names(net, 5):
        assert html.escape(name, quote=False) in dom, name
    for source in net.sources:
        if source.sha256:
            assert source.sha256 in dom
    assert dom.count("<svg") >= 2  # the coordination graph and the timeline
    assert 'class="graph"' in dom, "Graphviz's graph is missing (is graphviz installed?)"
    assert not _console_errors(run.stderr), _console_errors(run.stderr)


def test_as_of_page_shows_the_successors(pages, tmp_path):
    tmp, _, later = pages
    run = _browse(tmp / "haiduong-2025.html", tmp_path, "--dump-dom")
    assert run.returncode == 0
    dom = run.stdout
    for section in SECTIONS:
        assert f'<section id="{section}"' in dom
    net = danvan.Network.load(NETWORK).as_of("2025-09-01")
    for name in _top_names(net, 3):
        assert html.escape(name, quote=False) in dom, name
    assert "Roles carried" in dom and "lead" in dom  # English labels with --lang en
    assert "Roles nobody holds" in dom  # the 2025 reorganization leaves roles without a holder
    assert not _console_errors(run.stderr)


def test_the_page_fetches_nothing(pages):
    _, plain, later = pages
    for text in (plain, later):
        assert _fetches(text) == []
        assert "<link" not in text and "<img" not in text and "<iframe" not in text
        assert "<?xml" not in text and "<!DOCTYPE svg" not in text


def test_scripts_sort_tables_and_screenshot(pages, tmp_path):
    tmp, _, _ = pages
    shot = BUILD / "report.png"
    shot.unlink(missing_ok=True)
    run = _browse(tmp / "haiduong.html", tmp_path, f"--screenshot={shot}", "--window-size=1280,2400",
                  "--hide-scrollbars")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert not _console_errors(run.stderr)


MARKERS = ["SECRETORGID", "SECRETNAME", "SECRETEVENTNAME", "SECRETALIAS", "SECRETTASK", "SECRETTASKNAME", "SECRETPROGNAME"]


def test_no_marker_above_the_ceiling(tmp_path):
    data = {
        "danvan": "1",
        "organizations": [
            {"id": "org:a", "name": "Ban A", "aliases": ["BA"]},
            {"id": "org:b", "name": "Ban B"},
            {"id": "org:SECRETORGID", "name": "SECRETNAME", "aliases": ["SECRETALIAS"], "classification": "restricted"},
        ],
        "programs": [{"id": "prog:SECRETPROG", "name": "SECRETPROGNAME", "classification": "restricted",
                      "period": {"start": "2023-01", "end": "2023-12"},
                      "roles": [{"org": "org:a", "role": "lead"}]}],
        "tasks": [
            {"id": "task:t", "name": "Hội nghị", "due": "2023-05-01", "roles": [
                {"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
                {"org": "org:SECRETORGID", "role": "advise"}]},
            {"id": "task:SECRETTASK", "name": "SECRETTASKNAME", "classification": "internal", "due": "2023-06-01",
             "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
        ],
        "events": [{"id": "event:x", "name": "SECRETEVENTNAME", "kind": "rename", "date": "2024-01-01", "from": ["org:SECRETORGID"], "to": ["org:b"]}],
    }
    src = tmp_path / "net.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    public = _report(tmp_path / "public.html", str(src), "--max-classification", "public").encode()
    assert [m for m in MARKERS if m.encode() in public] == []
    assert b"Ban A" in public and b"public" in public
    everything = _report(tmp_path / "all.html", str(src)).encode()
    shown = ["SECRETORGID", "SECRETNAME", "SECRETTASKNAME", "SECRETPROGNAME"]
    assert [m for m in shown if m.encode() not in everything] == []  # they do reach an unredacted page
