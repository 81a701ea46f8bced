"""Rich display in Jupyter: ``_repr_html_`` of the network (a summary card), of entity
collections, of single entities, of roles, and of query results (tables, violations,
pairs, projections), registered with IPython when it is running.

Every function returns a self-contained HTML fragment (inline styles, no scripts) with
all text escaped, so names with ``<`` or ``&`` are safe.

>>> import danvan
>>> net = danvan.Network.loads('{"danvan": "1", "meta": {"title": "Ví dụ <1>"},'
...   ' "organizations": [{"id": "org:a", "name": "Ban Dân vận"}]}')
>>> html = net._repr_html_()
>>> "Ví dụ &lt;1&gt;" in html and "1</td>" in html
True
"""

from __future__ import annotations

import html
import sys
from typing import Any, Iterable, List, Optional, Sequence, Tuple

__all__ = ["network_html", "collection_html", "entity_html", "roles_html", "table_html", "register_formatters"]

#: Rows shown before a table is cut (the rest is counted).
MAX_ROWS = 20

_CARD = ("font-family: 'DejaVu Sans', sans-serif; border: 1px solid #ccd; border-radius: 6px; "
         "padding: 8px 12px; display: inline-block; max-width: 100%;")
_TH = "text-align: left; padding: 2px 8px; border-bottom: 1px solid #ccd;"
_TD = "text-align: left; padding: 2px 8px; vertical-align: top;"


def _e(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (tuple, list)):
        return html.escape(", ".join(str(x) for x in v))
    return html.escape(str(v))


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], total: Optional[int] = None) -> str:
    out = ["<table style='border-collapse: collapse;'><thead><tr>"]
    out += [f"<th style='{_TH}'>{_e(h)}</th>" for h in headers]
    out.append("</tr></thead><tbody>")
    shown = 0
    for row in rows:
        if shown >= MAX_ROWS:
            break
        out.append("<tr>" + "".join(f"<td style='{_TD}'>{_e(v)}</td>" for v in row) + "</tr>")
        shown += 1
    out.append("</tbody></table>")
    if total is not None and total > shown:
        out.append(f"<div style='color: #666; font-size: smaller;'>… {total - shown} more of {total}</div>")
    if shown == 0:
        out.append("<div style='color: #666; font-style: italic;'>(empty)</div>")
    return "".join(out)


def network_html(net: Any) -> str:
    """The summary card of a network: title, classification, date range, the counts of
    each kind, and the roles by RACI letter."""
    s = net.summary()
    counts = s["counts"]
    title = s["title"] or "danvan network"
    dr = s["date_range"]
    when = f"{dr['start']} … {dr['end']}" if dr else "no dates"
    rows = [(k, counts[k]) for k in ("organizations", "documents", "programs", "tasks", "roles", "areas", "topics",
                                     "events", "sources")]
    letters = ""
    if counts["roles"]:
        try:
            by = net.roles(names=False)["raci"].value_counts(sort=False)
            letters = " · ".join(f"{k} {int(v)}" for k, v in by.items())
        except Exception:  # pragma: no cover - display must never fail
            letters = ""
    return (
        f"<div style=\"{_CARD}\"><div style='font-weight: bold; font-size: larger;'>{_e(title)}</div>"
        f"<div style='color: #555;'>danvan network · {_e(s['classification'])} · {_e(when)}</div>"
        + _table(("collection", "count"), rows)
        + (f"<div style='color: #555;'>roles by RACI: {_e(letters)}</div>" if letters else "")
        + "</div>"
    )


_COLLECTION_COLUMNS = {
    "organization": ("id", "name", "kind", "level", "parent"),
    "document": ("id", "name", "type", "number", "issuer", "date"),
    "program": ("id", "name", "kind", "start", "end"),
    "task": ("id", "name", "kind", "status", "start", "end", "due", "lead"),
    "area": ("id", "name", "level", "code"),
    "topic": ("id", "name", "parent"),
    "event": ("id", "name", "kind", "date", "from", "to"),
    "source": ("id", "name", "kind", "date"),
}


def _iso_column(frame, col: str) -> List[Any]:
    from ._interchange import _iso

    return _iso(frame[col].to_numpy(), frame[col + "_precision"]).tolist()


def collection_html(collection: Any) -> str:
    """The first rows of an entity collection as a table."""
    kind = collection.kind
    frame = collection()
    total = len(frame)
    frame = frame.head(MAX_ROWS)
    cols = [c for c in _COLLECTION_COLUMNS[kind] if c in frame.columns]
    values = []
    for c in cols:
        if c + "_precision" in frame.columns:
            values.append(_iso_column(frame, c))
        else:
            values.append(frame[c].astype(object).tolist())
    return (f"<div><b>{total} {_e(kind)}{'s' if total != 1 else ''}</b>"
            + _table(cols, zip(*values) if values else [], total) + "</div>")


def entity_html(entity: Any) -> str:
    """One entity as a card: id, name, its fields, and its roles when it has any."""
    fields: List[Tuple[str, Any]] = [("id", entity.id), ("name", entity.name)]
    if entity.name_en:
        fields.append(("name_en", entity.name_en))
    for attr in ("kind", "level", "type", "number", "issuer", "status", "date", "period", "due", "valid_from",
                 "valid_to", "title", "code"):
        v = getattr(entity, attr, None)
        if v not in (None, ""):
            fields.append((attr, v))
    for attr in ("parent", "program", "issued_by", "area"):
        v = getattr(entity, attr, None)
        if v is not None:
            fields.append((attr, f"{v.id} — {v.name}"))
    for attr in ("implements", "topics", "areas", "from_", "to"):
        v = getattr(entity, attr, None)
        if v:
            fields.append((attr.rstrip("_"), [x.id for x in v]))
    body = "".join(f"<tr><th style='{_TH}'>{_e(k)}</th><td style='{_TD}'>{_e(v)}</td></tr>" for k, v in fields)
    roles = getattr(entity, "roles", ())
    roles_part = ""
    if roles:
        if entity.entity_kind == "organization":
            rows = [(r.role, r.raci, r.target.id, r.target.name) for r in roles[:MAX_ROWS]]
            roles_part = _table(("role", "raci", "target", "name"), rows, len(roles))
        else:
            rows = [(r.role, r.raci, r.org.id, r.org.name) for r in roles[:MAX_ROWS]]
            roles_part = _table(("role", "raci", "org", "name"), rows, len(roles))
    return (f"<div style=\"{_CARD}\"><div style='color: #555;'>{_e(entity.entity_kind)}</div>"
            f"<table style='border-collapse: collapse;'>{body}</table>{roles_part}</div>")


def roles_html(roles: Any) -> str:
    """The first roles of a network as a table."""
    n = len(roles)
    rows = [(r.org.id, r.role, r.raci, r.target.id) for r in roles[:MAX_ROWS]]
    return f"<div><b>{n} role{'s' if n != 1 else ''}</b>" + _table(("org", "role", "raci", "target"), rows, n) + "</div>"


def table_html(table: Any) -> str:
    """A query result: a DataFrame, or a list of named tuples / dataclasses (an
    accountability chain)."""
    import dataclasses

    if hasattr(table, "to_html") and hasattr(table, "columns"):  # a DataFrame
        return table.head(MAX_ROWS).to_html() + (f"<div>… {len(table) - MAX_ROWS} more</div>" if len(table) > MAX_ROWS else "")
    items = list(table)
    if not items:
        return "<div style='color: #666; font-style: italic;'>(no results)</div>"
    first = items[0]
    if dataclasses.is_dataclass(first):
        cols = [f.name for f in dataclasses.fields(first)]
        rows = [[getattr(x, c) for c in cols] for x in items[:MAX_ROWS]]
    elif hasattr(first, "_fields"):
        cols = list(first._fields)
        rows = [list(x) for x in items[:MAX_ROWS]]
    else:
        cols = ["value"]
        rows = [[x] for x in items[:MAX_ROWS]]
    return _table(cols, rows, len(items))


def _projection_html(p: Any) -> str:
    frame = p.to_frame()
    return f"<div><b>{_e(repr(p))}</b>" + table_html(frame.sort_values("weight", ascending=False)) + "</div>"


def register_formatters(ip: Any = None) -> bool:
    """Registers HTML display of projections and topic overlaps with a running IPython;
    returns False when there is none (query tables are DataFrames, which Jupyter shows
    itself). Lists, such as an accountability chain, show as HTML through
    :func:`table_html` when passed to ``danvan.display``."""
    if ip is None:
        # A running IPython has imported itself already; importing it here would cost
        # every `import danvan` a third of a second for nothing outside Jupyter.
        ipython = sys.modules.get("IPython")
        if ipython is None:
            return False
        ip = ipython.get_ipython()
    if ip is None:
        return False
    from ._overlap import Projection, TopicOverlap

    html_formatter = ip.display_formatter.formatters["text/html"]
    html_formatter.for_type(Projection, _projection_html)
    html_formatter.for_type(TopicOverlap, lambda t: table_html(t.to_frame()))
    return True


def display(result: Any) -> Any:
    """Shows any danvan result as HTML in Jupyter (a DataFrame, an accountability chain, ...); returns
    an object with ``_repr_html_`` so it also works as a cell's last expression.

    >>> d = display([])
    >>> "no results" in d._repr_html_()
    True
    """

    class _HTML:
        def __init__(self, text: str) -> None:
            self.text = text

        def _repr_html_(self) -> str:
            return self.text

        def __repr__(self) -> str:
            return repr(result)

    return _HTML(table_html(result))
