"""matplotlib figures of a network: overlap heat map, coordination graph, coverage
chart and timeline.

Every function takes ``ax=`` (draws on a new figure when ``None``) and returns the
``matplotlib.figure.Figure`` it drew on (``fig.axes[0]`` is the plot), so that a
Jupyter cell ending with the call shows the figure once and prints nothing else; the
figures it makes are not pyplot's (``fig.savefig(...)`` writes one; draw on
``plt.subplots()``'s axes to use pyplot's windows). ``lang="vi"`` gives Vietnamese words (kinds,
legends, titles; English by default). Labels are short and never two alike
(``danvan::short_labels``: an alias such as "UBND tỉnh" or "MTTQ" where the data has
one, else the name with words dropped from its middle); legends sit outside the data;
time axes read as dates. A scope that selects nothing draws an empty chart with a note
instead of raising. Text is set in DejaVu Sans (Debian
``fonts-dejavu-core``, also bundled with matplotlib), which has every Vietnamese glyph;
:func:`check_font` says whether the font in use covers a text.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import danvan, danvan.plot
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "Ban Dân vận", "kind": "party_commission"},
...                     {"id": "org:b", "name": "Mặt trận Tổ quốc", "kind": "front"}],
...   "tasks": [{"id": "task:t", "name": "Đối thoại", "due": "2023-09",
...              "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]}]}''')
>>> fig = danvan.plot.coordination_graph(net)
>>> sorted(t.get_text() for t in fig.axes[0].texts)[:1]
['Ban Dân vận']
>>> check_font("Tỉnh ủy Hải Dương")
[]
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
from ._time import on_day

__all__ = ["overlap_heatmap", "coordination_graph", "coverage_chart", "timeline", "check_font", "KIND_COLORS",
           "SEVERITY_COLORS"]

#: Colour of each organization kind (coordination graph) — colour-blind-safe tab10 order.
KIND_COLORS: Dict[str, str] = {
    "party_committee": "#d62728",
    "party_commission": "#ff7f0e",
    "front": "#2ca02c",
    "sociopolitical": "#17becf",
    "association": "#bcbd22",
    "state_agency": "#1f77b4",
    "people_committee": "#9467bd",
    "police": "#393b79",
    "military": "#637939",
    "training_center": "#8c564b",
    "press": "#e377c2",
    "other": "#7f7f7f",
}
#: Colour of each rule severity (coverage chart).
SEVERITY_COLORS: Dict[str, str] = {"error": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}

_FONT = ["DejaVu Sans", "Liberation Sans", "sans-serif"]


def _setup_font() -> None:
    import matplotlib

    fam = matplotlib.rcParams.get("font.sans-serif", [])
    if not fam or fam[0] != "DejaVu Sans":
        matplotlib.rcParams["font.sans-serif"] = _FONT + [f for f in fam if f not in _FONT]
    matplotlib.rcParams["font.family"] = "sans-serif"


def check_font(text: str, family: str = "DejaVu Sans") -> List[str]:
    """The characters of ``text`` the font ``family`` (as matplotlib finds it) has no glyph
    for; ``[]`` when it can draw all of it.

    >>> check_font("Ban Dân vận Tỉnh ủy; Đảng; Hải Dương; Tổ quốc")
    []
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=True)
    charmap = FT2Font(path).get_charmap()
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in charmap})


def _axes(ax: Any, figsize=(8, 6)):
    """``ax``, or the axes of a new figure that pyplot does not manage: Jupyter shows it
    once, as the cell's value, instead of also at the cell's end."""
    _setup_font()
    if ax is None:
        from matplotlib.figure import Figure

        _inline_display()
        ax = Figure(figsize=figsize).add_subplot()
    return ax


def _inline_display() -> None:
    """In Jupyter, loads the inline backend (as pyplot would on its first figure): its
    import is what registers the display of a Figure as an image."""
    if "IPython" not in sys.modules:
        return
    import matplotlib

    backend = matplotlib.get_backend()
    if backend.startswith("module://matplotlib_inline"):
        importlib.import_module(backend[len("module://"):])


def _empty(ax: Any, note: str):
    ax.text(0.5, 0.5, note, ha="center", va="center", transform=ax.transAxes, color="#666", fontsize=11,
            wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax.figure


def _labels(net: Any, ids: Sequence[str], width: int, kind: str = "organization") -> List[str]:
    """Short labels of entities, never two alike (:meth:`danvan.Network.short_labels`)."""
    return net.short_labels([str(i) for i in ids], width, kind)


#: Vietnamese words of the figures (``lang="vi"``); English is the key itself.
_VI: Dict[str, str] = {
    "party_committee": "cấp ủy Đảng", "party_commission": "ban Đảng", "front": "Mặt trận Tổ quốc",
    "sociopolitical": "tổ chức chính trị - xã hội", "association": "hội", "state_agency": "cơ quan nhà nước",
    "people_committee": "Ủy ban nhân dân", "police": "công an", "military": "quân sự",
    "training_center": "trung tâm bồi dưỡng chính trị", "press": "báo chí", "other": "khác",
    "program": "chương trình", "task": "nhiệm vụ", "partial date (range)": "ngày chưa đầy đủ (khoảng)",
    "error": "lỗi", "warning": "cảnh báo", "info": "thông tin", "kind": "loại", "severity": "mức độ",
    "violations": "vi phạm",
}


def _word(word: str, lang: str) -> str:
    if lang not in ("en", "vi"):
        from ._errors import ArgumentError

        raise ArgumentError(f"lang: `{lang}` is not one of en, vi")
    return _VI.get(word, word) if lang == "vi" else word


def _legend_outside(ax: Any, **kwargs: Any) -> None:
    """A legend to the right of the axes, never over the data."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)


# ---- overlap heat map -------------------------------------------------------------------------


def overlap_heatmap(net: Any, top: int = 30, weight: str = "jaccard", on: str = "tasks", roles: Any = (None, None),
                    scope: Any = None, labels: str = "name", cmap: str = "viridis", ax: Any = None, lang: str = "en"):
    """The organization × organization overlap as a heat map, for the ``top``
    organizations by weighted degree, ordered by average-linkage hierarchical clustering
    (scipy) so that organizations that work together sit together. ``weight`` as in
    :meth:`danvan.Network.projection`; ``labels`` ``"name"`` or ``"id"``.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import danvan
    >>> fig = overlap_heatmap(danvan.Network())
    >>> fig.axes[0].texts[0].get_text()
    'no organizations share work in this scope'
    """
    ax = _axes(ax)
    net, scope = on_day(net, scope)  # names as borne that day
    p = net.projection(on=on, weight=weight, roles=roles, scope=scope)
    if p.nnz == 0:
        return _empty(ax, "no organizations share work in this scope")
    m = p.to_scipy().tocsr().astype(np.float64)
    m = m.maximum(m.T)
    strength = np.asarray(m.sum(axis=1)).ravel()
    active = np.flatnonzero(strength > 0)
    chosen = active[np.argsort(-strength[active], kind="stable")][: max(int(top), 2)]
    chosen.sort()
    sub = m[chosen][:, chosen].toarray()
    order = np.arange(len(chosen))
    if len(chosen) > 2:
        from scipy.cluster.hierarchy import leaves_list, linkage
        from scipy.spatial.distance import squareform

        scale = sub.max() or 1.0
        dist = 1.0 - sub / scale
        np.fill_diagonal(dist, 0.0)
        order = leaves_list(linkage(squareform(dist, checks=False), method="average"))
    sub = sub[np.ix_(order, order)]
    ids = np.asarray(p.organizations, dtype=object)[chosen[order]]
    text = _labels(net, ids, 32) if labels == "name" else list(ids)
    masked = np.ma.masked_where(sub == 0, sub)
    im = ax.imshow(masked, cmap=cmap, interpolation="nearest")
    ax.set_xticks(range(len(text)))
    ax.set_yticks(range(len(text)))
    ax.set_xticklabels(text, rotation=90, fontsize=7)
    ax.set_yticklabels(text, fontsize=7)
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label=weight)
    ax.set_title(f"Chồng lấn theo {_word(on[:-1], 'vi')} chung ({weight}), {len(ids)} tổ chức" if lang == "vi"
                 else f"Overlap on shared {on} ({weight}), {len(ids)} organizations, clustered")
    return ax.figure


# ---- coordination graph ---------------------------------------------------------------------------


def coordination_graph(net: Any, on: str = "tasks", weight: str = "count", min_weight: float = 0,
                       roles: Any = (None, None), scope: Any = None, top: Optional[int] = 60, labels: bool = True,
                       seed: int = 1, ax: Any = None, lang: str = "en"):
    """The organizations that share work, coloured by kind (:data:`KIND_COLORS`), with
    edges as wide as their weight (shared tasks by default) and a spring layout (NetworkX,
    fixed ``seed``). Isolated organizations are left out; ``top`` keeps the organizations
    of largest weighted degree (``None``: all).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import danvan
    >>> coordination_graph(danvan.Network()).axes[0].texts[0].get_text()
    'no organizations share work in this scope'
    """
    import networkx as nx

    ax = _axes(ax, (9, 7))
    net, scope = on_day(net, scope)  # names as borne that day
    g = net.to_networkx("organizations", on=on, weight=weight, min_weight=min_weight, roles=roles, scope=scope)
    g.remove_nodes_from([n for n, d in dict(g.degree()).items() if d == 0])
    if g.number_of_edges() == 0:
        return _empty(ax, "no organizations share work in this scope")
    if top is not None and g.number_of_nodes() > top:
        strength = dict(g.degree(weight="weight"))
        keep = sorted(strength, key=lambda n: -strength[n])[:top]
        g = g.subgraph(keep).copy()
    pos = nx.spring_layout(g, weight="weight", seed=seed)
    weights = np.array([d["weight"] for _, _, d in g.edges(data=True)], dtype=float)
    widths = 0.5 + 4.0 * weights / (weights.max() or 1.0)
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.4, edge_color="#555")
    kinds = [g.nodes[n].get("kind", "other") for n in g.nodes]
    colors = [KIND_COLORS.get(k, "#7f7f7f") for k in kinds]
    strength = dict(g.degree(weight="weight"))
    sizes = [80 + 400 * strength[n] / (max(strength.values()) or 1) for n in g.nodes]
    nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colors, node_size=sizes, linewidths=0.5, edgecolors="white")
    if labels:
        for (n, (x, y)), text in zip(pos.items(), _labels(net, list(pos), 28)):
            ax.text(x, y, text, fontsize=7, ha="center", va="bottom")
    from matplotlib.lines import Line2D

    present = [k for k in KIND_COLORS if k in set(kinds)]
    _legend_outside(ax, handles=[Line2D([], [], marker="o", ls="", color=KIND_COLORS[k], label=_word(k, lang))
                                 for k in present], fontsize=7, title=_word("kind", lang), title_fontsize=8)
    ax.set_title(f"Mạng phối hợp: {g.number_of_nodes()} tổ chức, cạnh = {_word(on[:-1], 'vi')} chung ({weight})"
                 if lang == "vi" else
                 f"Coordination graph: {g.number_of_nodes()} organizations, edges = shared {on} ({weight})")
    ax.set_axis_off()
    return ax.figure


# ---- coverage chart ----------------------------------------------------------------------------


def coverage_chart(net: Any = None, rules: Any = None, as_of: Any = None, violations: Any = None, ax: Any = None,
                   lang: str = "en"):
    """Violations per rule as horizontal bars stacked by severity (:data:`SEVERITY_COLORS`).
    Give a network (and ``rules``, ``as_of`` as in :meth:`danvan.Network.check`) or the
    ``violations`` themselves (``net.check()``'s DataFrame, or a list of rows with ``rule`` and ``severity``).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> coverage_chart(violations=[]).axes[0].texts[0].get_text()
    'no violations: every rule is satisfied'
    """
    import pandas as pd

    ax = _axes(ax, (8, 5))
    if violations is None:
        violations = net.check(rules, as_of, messages=False)
    if not isinstance(violations, pd.DataFrame):
        violations = pd.DataFrame({"rule": [v.rule for v in violations], "severity": [v.severity for v in violations]})
    if len(violations) == 0:
        return _empty(ax, "no violations: every rule is satisfied")
    counts = pd.crosstab(violations["rule"].astype(str), violations["severity"].astype(str))
    counts = counts.reindex(columns=[s for s in ("error", "warning", "info") if s in counts.columns])
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    left = np.zeros(len(counts))
    for sev in counts.columns:
        vals = counts[sev].to_numpy()
        ax.barh(counts.index, vals, left=left, color=SEVERITY_COLORS.get(sev, "#999"), label=_word(sev, lang))
        left += vals
    for y, total in enumerate(left):
        ax.text(total, y, f" {int(total)}", va="center", fontsize=8)
    ax.set_xlabel(_word("violations", lang))
    _legend_outside(ax, title=_word("severity", lang), fontsize=8)
    if lang == "vi":
        ax.set_title(f"Độ bao phủ: {int(left.sum())} vi phạm" + (f" tại ngày {as_of}" if as_of is not None else ""))
    else:
        ax.set_title(f"Coverage: {int(left.sum())} violations" + (f" as of {as_of}" if as_of is not None else ""))
    return ax.figure


# ---- timeline ------------------------------------------------------------------------------------


def timeline(net: Any, kinds: Sequence[str] = ("program", "task"), since: Any = None, until: Any = None,
             events: bool = True, max_items: int = 60, ax: Any = None, lang: str = "en"):
    """Programs and tasks on a time axis: a bar from the first day of their start to the
    last day of their end; a task known only by its due date is drawn as the range that
    date covers (``2023`` is the whole year, hatched), partial dates are ranges, not
    points. Reorganization events are dashed vertical lines, labelled. ``since``/``until``
    (dates) keep the items that overlap the window; ``max_items`` the first ones by start.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import danvan
    >>> timeline(danvan.Network()).axes[0].texts[0].get_text()
    'no dated programs or tasks in this scope'
    """
    import pandas as pd

    from ._frames import entity_frame

    ax = _axes(ax, (10, 6))
    rows = []
    for kind in kinds:
        f = entity_frame(net, kind)
        start = f["start"].fillna(f["due"]) if "due" in f else f["start"]
        end = f["end_last"].fillna(f["due_last"]) if "due_last" in f else f["end_last"]
        # An open start or end is drawn as the other end's range.
        start = start.fillna(f["end"])
        end = end.fillna(f["start_last"])
        only_due = f["start"].isna() & f["end"].isna() if "due" in f else pd.Series(False, index=f.index)
        coarse = (f["due_precision"].astype(object).isin(["year", "month"]) & only_due) if "due" in f else only_due
        rows.append(pd.DataFrame({"kind": kind, "id": f["id"], "name": f["name"], "start": start, "end": end,
                                  "coarse": coarse.to_numpy()}))
    items = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    items = items.dropna(subset=["start", "end"]) if len(items) else items
    if since is not None and len(items):
        items = items[items["end"] >= pd.Timestamp(str(since))]
    if until is not None and len(items):
        items = items[items["start"] <= pd.Timestamp(str(until))]
    if len(items) == 0:
        return _empty(ax, "no dated programs or tasks in this scope")
    items = items.sort_values(["kind", "start", "end"]).head(max_items).reset_index(drop=True)
    colors = {"program": "#1f77b4", "task": "#2ca02c"}
    for y, r in items.iterrows():
        width = (r["end"] - r["start"]) + pd.Timedelta(days=1)
        ax.barh(y, width, left=r["start"], height=0.6, color=colors.get(r["kind"], "#888"),
                alpha=0.45 if r["coarse"] else 0.85, hatch="//" if r["coarse"] else None, edgecolor="#333",
                linewidth=0.3)
    labels = items["name"].astype(object).to_numpy(copy=True)
    for kind in items["kind"].unique():  # labels unique within each kind's entities
        sel = (items["kind"] == kind).to_numpy()
        labels[sel] = _labels(net, items.loc[sel, "id"], 45, kind)
    ax.set_yticks(range(len(items)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.invert_yaxis()
    import matplotlib.dates as mdates

    ax.xaxis_date()  # bars were drawn in matplotlib's day numbers: read them as dates
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if events:
        ev = entity_frame(net, "event").dropna(subset=["date"])
        lo, hi = items["start"].min(), items["end"].max()
        shown = ev[(ev["date"] >= lo - pd.Timedelta(days=3 * 365)) & (ev["date"] <= hi + pd.Timedelta(days=3 * 365))]
        for d, group in shown.groupby("date"):
            ax.axvline(d, color="#d62728", ls="--", lw=1)
            label = (f"{d.date()}: {len(group)} sự kiện sắp xếp" if lang == "vi" else
                     f"{d.date()}: {len(group)} reorganization{'s' if len(group) > 1 else ''}")
            ax.text(d, -0.8, label, rotation=90, fontsize=7, color="#d62728", va="top", ha="right")
    from matplotlib.patches import Patch

    handles = [Patch(color=colors[k], label=_word(k, lang)) for k in kinds if k in colors]
    handles.append(Patch(facecolor="#ccc", hatch="//", label=_word("partial date (range)", lang)))
    _legend_outside(ax, handles=handles, fontsize=7)
    if lang == "vi":
        ax.set_title("Chương trình và nhiệm vụ theo thời gian" + (" và các sự kiện sắp xếp tổ chức" if events else ""))
    else:
        ax.set_title("Programs and tasks over time" + (" with reorganization events" if events else ""))
    return ax.figure
