"""Rich HTML display (python/danvan/_display.py)."""

from __future__ import annotations

import html.parser

import pytest

import danvan
from danvan import _display

from conftest import ROOT


@pytest.fixture(scope="module")
def hd():
    return danvan.load(ROOT / "data" / "haiduong-2023.json")


class _Checker(html.parser.HTMLParser):
    """Collects text and checks that tags are balanced."""

    VOID = {"br", "hr", "img", "meta"}

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(text):
    c = _Checker()
    c.feed(text)
    c.close()
    assert c.stack == []
    return "".join(c.text)


def test_network_card_shows_title_counts_and_raci(hd):
    text = _parse(hd._repr_html_())
    assert hd.meta.title in text
    for k, v in hd.counts().items():
        assert f"{k}{v}" in text.replace(" ", "")
    roles = hd.roles()
    assert f"R {int((roles['raci'] == 'R').sum())}" in text


def test_text_is_escaped():
    net = danvan.Network.loads('{"danvan": "1", "meta": {"title": "<script>x</script>"},'
                               ' "organizations": [{"id": "org:a", "name": "A & <B>"}]}')
    out = net._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "A &amp; &lt;B&gt;" in net.organizations._repr_html_()
    assert "A &amp; &lt;B&gt;" in net.organizations["org:a"]._repr_html_()


def test_collection_is_cut_and_counted(hd):
    text = _parse(hd.organizations._repr_html_())
    n = len(hd.organizations)
    assert f"{n} organizations" in text and f"{n - _display.MAX_ROWS} more of {n}" in text
    tasks = _parse(hd.tasks._repr_html_())
    assert "2023-01" in tasks and "2023-01-01" not in tasks  # dates shown at their precision


def test_entity_card_lists_roles(hd):
    t = hd.tasks["task:tong-ket-20-nam-nq-09-tw"]
    text = _parse(t._repr_html_())
    for r in t.roles:
        assert r.org.name in text and r.role in text
    org = _parse(hd.organizations["org:ban-dan-van-tinh-uy"]._repr_html_())
    assert "more of" in org  # more roles than shown


def test_roles_and_query_results(hd):
    assert f"{len(hd.roles)} roles" in _parse(hd.roles._repr_html_())
    portfolio = hd.portfolio("org:tinh-uy")
    table = _parse(_display.table_html(portfolio))
    assert "task:" in table and "org_name" in table and "_pos" not in table
    assert hd.organizations["org:tinh-uy"].name in table and portfolio["target_name"].iloc[0] in table
    viol = hd.check(as_of="2023-09-16")
    text = _parse(danvan.display(viol)._repr_html_())
    assert viol["rule"].iloc[0] in text and "severity" in text and viol["entity_name"].iloc[0] in text
    assert "(no results)" in danvan.display([])._repr_html_()
    pairs = _parse(danvan.display(hd.top_pairs(3))._repr_html_())
    top = hd.top_pairs(1)
    assert top["a"].iloc[0] in pairs and top["a_name"].iloc[0] in pairs
    chain = _parse(danvan.display(hd.accountability_chain("task:tong-ket-20-nam-nq-09-tw"))._repr_html_())
    assert "responsible" in chain and "task:tong-ket-20-nam-nq-09-tw" in chain


def test_register_formatters_with_ipython_like_object(hd):
    registered = {}

    class Formatter:
        def for_type(self, cls, fn):
            registered[cls] = fn

    class IP:
        display_formatter = type("DF", (), {"formatters": {"text/html": Formatter()}})()

    assert _display.register_formatters(IP()) is True
    from danvan._overlap import Projection, TopicOverlap

    # Query tables are DataFrames, which Jupyter shows itself; danvan's own result objects are registered.
    assert set(registered) == {Projection, TopicOverlap}
    assert "org:" in _parse(registered[Projection](hd.projection()))
    overlap = _parse(registered[TopicOverlap](hd.topic_overlap()))
    assert "org:" in overlap and "topic:" in overlap
    assert _display.register_formatters(None) in (True, False)
