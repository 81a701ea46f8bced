"""matplotlib figures (danvan.plot): what each draws is checked from the artists, empty
scopes draw a note, and Vietnamese names render with no missing glyph."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import danvan  # noqa: E402
import danvan.plot as dplot  # noqa: E402

from conftest import ROOT


@pytest.fixture(scope="module")
def hd():
    return danvan.load(ROOT / "data" / "haiduong-2023.json")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _axes_of(fig):
    """The plot of a figure a danvan.plot function returned (its first axes; a colorbar may follow)."""
    assert isinstance(fig, matplotlib.figure.Figure), type(fig)
    return fig.axes[0]


def _render(ax):
    """Draws the figure and returns the warnings matplotlib gave (missing glyphs among them).
    danvan.plot's figures are not pyplot's: their canvas draws nothing until given one that does."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(ax.figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(ax.figure)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    return [str(w.message) for w in caught]


def test_font_has_every_vietnamese_glyph_of_the_network(hd):
    text = "".join(e.name for e in hd) + "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵđĐ"
    assert dplot.check_font(text) == []
    # a glyph DejaVu Sans lacks is reported, so the check can fail
    assert dplot.check_font("漢") == ["漢"]


def test_overlap_heatmap_is_clustered_and_labelled(hd):
    ax = _axes_of(dplot.overlap_heatmap(hd, top=12, weight="count", labels="id"))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    img = ax.images[0].get_array()
    assert img.shape == (len(labels), len(labels)) and 2 < len(labels) <= 12
    # symmetric matrix in the order of the labels, equal to the projection's counts
    p = hd.projection()
    ids = p.organizations
    m = p.to_scipy().toarray()
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            expected = m[ids.index(a), ids.index(b)]
            got = img[i, j]
            assert (np.ma.is_masked(got) and expected == 0) or got == expected
    assert "missing from" not in " ".join(_render(ax))


def test_heatmap_order_puts_cluster_members_together():
    # two cliques of three organizations joined by nothing: clustering must not interleave them
    tasks = []
    for k, group in enumerate((["org:a", "org:c", "org:e"], ["org:b", "org:d", "org:f"])):
        for j in range(3):
            tasks.append({"id": f"task:{k}{j}", "name": "T", "roles": [{"org": o, "role": "coordinate"} for o in group]})
    import json

    net = danvan.Network.loads(json.dumps({"danvan": "1", "organizations": [
        {"id": f"org:{c}", "name": c.upper()} for c in "abcdef"], "tasks": tasks}))
    ax = _axes_of(dplot.overlap_heatmap(net, labels="id"))
    order = [t.get_text() for t in ax.get_yticklabels()]
    first = set(order[:3])
    assert first in ({"org:a", "org:c", "org:e"}, {"org:b", "org:d", "org:f"})


def test_coordination_graph_colours_by_kind(hd):
    ax = _axes_of(dplot.coordination_graph(hd, top=None))
    nodes = ax.collections[-1]
    g = hd.to_networkx("organizations")
    shown = [n for n, d in dict(g.degree()).items() if d > 0]
    assert len(nodes.get_offsets()) == len(shown)
    colours = {tuple(np.round(c, 3)) for c in nodes.get_facecolors()}
    expected = {tuple(np.round(matplotlib.colors.to_rgba(dplot.KIND_COLORS[g.nodes[n]["kind"]]), 3)) for n in shown}
    assert colours == expected
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert legend == {g.nodes[n]["kind"] for n in shown}
    names = {t.get_text() for t in ax.texts}
    # each node's label is its short label: the commission's alias
    assert hd.short_labels(["org:ban-dan-van-tinh-uy"], 28) == ["BDVTU"] and "BDVTU" in names
    assert not [w for w in _render(ax) if "missing from" in w]


def test_coverage_chart_bars_count_violations(hd):
    v = hd.check(as_of="2023-09-16", messages=False)
    assert len(v) > 0
    ax = _axes_of(dplot.coverage_chart(violations=v))
    totals = {}
    for bar in ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2)
        totals[y] = totals.get(y, 0) + bar.get_width()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    by_rule = v.groupby("rule", observed=True).size()
    assert {labels[y]: int(w) for y, w in totals.items()} == by_rule.to_dict()
    ax2 = _axes_of(dplot.coverage_chart(hd, as_of="2023-09-16"))
    assert len(ax2.patches) == len(ax.patches)


def test_timeline_draws_partial_dates_as_ranges_and_events(hd):
    ax = _axes_of(dplot.timeline(hd, kinds=("task",)))
    bars = ax.patches
    tasks = hd.tasks()
    dated = tasks.dropna(subset=["start"]).shape[0] + tasks[tasks["start"].isna() & tasks["due"].notna()].shape[0]
    assert len(bars) == min(dated, 60)
    widths = sorted({round(b.get_width()) for b in bars})
    assert max(widths) >= 365 * 3  # a 2023–2025 task spans three whole years
    lines = [l for l in ax.lines if l.get_linestyle() == "--"]
    event_days = {str(d.date()) for d in hd.events()["date"].dropna()}
    assert len(lines) == len(event_days)


def test_timeline_year_precision_is_a_whole_year():
    net = danvan.Network.loads('{"danvan": "1", "tasks": [{"id": "task:y", "name": "Năm", "due": "2023"}]}')
    ax = _axes_of(dplot.timeline(net))
    (bar,) = ax.patches[:1]
    assert round(bar.get_width()) == 365 and bar.get_hatch() == "//"


@pytest.mark.parametrize("draw", [dplot.overlap_heatmap, dplot.coordination_graph, dplot.timeline,
                                  lambda net, ax=None: dplot.coverage_chart(net, rules={"rules": []}, ax=ax)])
def test_empty_scope_draws_a_note(draw):
    fig, ax = plt.subplots()
    out = draw(danvan.Network(), ax=ax)
    assert out is fig  # the figure of the axes it was given
    assert len(ax.texts) == 1 and ax.texts[0].get_text()


def test_scope_that_selects_nothing(hd):
    window = {"window": ("1900", "1901")}
    ax = _axes_of(dplot.overlap_heatmap(hd, scope=window))
    assert "no organizations" in ax.texts[0].get_text() and not ax.images
    ax = _axes_of(dplot.coordination_graph(hd, scope=window))
    assert "no organizations" in ax.texts[0].get_text()


def test_functions_draw_on_the_given_axes(hd):
    fig, axes = plt.subplots(2, 2)
    assert dplot.overlap_heatmap(hd, ax=axes[0, 0]) is fig
    assert dplot.coordination_graph(hd, ax=axes[0, 1]) is fig
    assert dplot.coverage_chart(hd, ax=axes[1, 0]) is fig
    assert dplot.timeline(hd, ax=axes[1, 1]) is fig
    assert axes[0, 0].images and axes[0, 1].collections and axes[1, 0].patches and axes[1, 1].patches
    assert len(fig.axes) >= 4


# ---- plots that read: date axes, labels never alike, legends outside, Vietnamese words ---------


def test_timeline_axis_reads_as_dates(hd):
    import matplotlib.dates as mdates
    ax = _axes_of(dplot.timeline(hd))
    _render(ax)
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    ticks = [mdates.num2date(t) for t in ax.get_xticks()]
    assert ticks and all(2000 <= t.year <= 2035 for t in ticks)  # days, not numbers like 19200
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and not any(label.isdigit() and int(label) > 3000 for label in labels)


def _unique(labels):
    labels = [t for t in labels if t]
    return labels and len(set(labels)) == len(labels)


def test_labels_are_short_unique_and_use_aliases(hd):
    ax = _axes_of(dplot.overlap_heatmap(hd, top=40))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert _unique(labels) and max(len(t) for t in labels) <= 32
    ax = _axes_of(dplot.coordination_graph(hd, top=None))
    texts = [t.get_text() for t in ax.texts]
    assert _unique(texts) and max(len(t) for t in texts) <= 28
    aliases = {a for o in hd.organizations for a in o.aliases}
    assert any(t in aliases for t in texts)  # "UBND tỉnh", "MTTQ": an alias where the data has one
    ax = _axes_of(dplot.timeline(hd))
    assert _unique([t.get_text() for t in ax.get_yticklabels()])


def test_six_training_centres_get_six_labels(hd):
    centres = [o.id for o in hd.organizations if o.name.startswith("Trung tâm Bồi dưỡng chính trị")]
    assert len(centres) >= 6
    labels = hd.short_labels(centres, 32)
    assert len(set(labels)) == len(centres) and all(len(t) <= 32 for t in labels)


@pytest.mark.parametrize("draw", [lambda n: dplot.coordination_graph(n), lambda n: dplot.timeline(n),
                                  lambda n: dplot.coverage_chart(n, as_of="2023-09-16")])
def test_legends_sit_outside_the_data(hd, draw):
    ax = _axes_of(draw(hd))
    _render(ax)
    legend = ax.get_legend()
    assert legend is not None
    renderer = ax.figure.canvas.get_renderer()
    assert legend.get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1


def test_vietnamese_words_with_lang_vi(hd):
    ax = _axes_of(dplot.coordination_graph(hd, lang="vi"))
    words = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "cấp ủy Đảng" in words and "party_committee" not in words
    assert ax.get_legend().get_title().get_text() == "loại"
    ax = _axes_of(dplot.timeline(hd, lang="vi"))
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["chương trình", "nhiệm vụ"]
    assert not [w for w in _render(ax) if "missing from" in w]  # every Vietnamese glyph drawn
    with pytest.raises(danvan.ArgumentError, match="lang"):
        dplot.timeline(hd, lang="fr")
