"""Interchange with NetworkX and with pandas tables (an analyst's spreadsheet).

* :func:`to_networkx` — the network as a ``networkx.Graph``: bipartite
  (organizations — tasks and programs, one edge per organization and item with the
  roles on it) or the organization projection (edges weighted by shared work).
* :func:`from_frames` — a network from pandas DataFrames, validated like a file:
  every mistake is a :class:`danvan.ValidationError` whose problems name the table,
  the row and the column.

>>> import danvan, pandas as pd
>>> orgs = pd.DataFrame({"id": ["org:a", "org:b"], "name": ["Ban A", "Ban B"]})
>>> tasks = pd.DataFrame({"id": ["task:t"], "name": ["Hội nghị"], "due": ["2023-09"]})
>>> roles = pd.DataFrame({"org": ["org:a", "org:b"], "target": ["task:t", "task:t"],
...                       "role": ["lead", "coordinate"]})
>>> net = danvan.Network.from_frames(orgs, tasks, roles)
>>> net.lead_of("task:t")
'org:a'
>>> g = net.to_networkx()
>>> sorted(g.neighbors("task:t")), g.edges["org:a", "task:t"]["role"]
(['org:a', 'org:b'], 'lead')
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import json
import math
import numbers
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from . import _core
from ._errors import Problem, ValidationError

__all__ = ["to_networkx", "from_frames", "FrameProblem", "frames", "tables_to_network", "to_excel", "read_excel",
           "from_networkx"]


# ---- to NetworkX ---------------------------------------------------------------------------


def _iso(first: np.ndarray, precision) -> np.ndarray:
    """ISO text of dates given as datetime64 first days and their precision (object array,
    ``None`` where absent)."""
    first = np.asarray(first, dtype="datetime64[D]")
    prec = np.asarray(precision.astype(object) if hasattr(precision, "astype") else precision, dtype=object)
    out = np.full(len(first), None, dtype=object)
    for word, unit in (("year", "Y"), ("month", "M"), ("day", "D")):
        sel = prec == word
        if sel.any():
            out[sel] = first[sel].astype(f"datetime64[{unit}]").astype(str).astype(object)
    return out


def _node_attrs(frame, columns: Mapping[str, str], extra: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """Attribute dicts per row from frame columns (``columns``: attribute -> column);
    missing values (None, NaN) are left out so that GraphML export works."""
    cols = []
    for attr, col in columns.items():
        values = frame[col]
        if hasattr(values, "cat"):
            values = values.astype(object)
        arr = np.asarray(values, dtype=object)
        cols.append((attr, arr))
    n = len(frame)
    out = []
    for i in range(n):
        d = dict(extra)
        for attr, arr in cols:
            v = arr[i]
            if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
                continue
            d[attr] = v
        out.append(d)
    return out


def to_networkx(net: Any, kind: str = "bipartite", *, on: str = "tasks", weight: str = "count",
                roles: Any = (None, None), min_weight: float = 0, scope: Any = None):
    """The network as a ``networkx.Graph``.

    ``kind="bipartite"`` (default): a node per organization (``bipartite=0``) and per task
    and program (``bipartite=1``), an edge per organization and item it holds a role on,
    with ``role`` (the first), ``roles`` (all, comma-separated) and ``raci`` (their
    letters). Node attributes: ``entity`` (``organization``, ``task``, ``program``),
    ``name``, ``kind`` and per kind ``level``, ``parent``, ``status``, ``program``,
    ``start``/``end``/``due`` (ISO text with its precision). Task → program membership
    is an attribute, not an edge. ``on``/``weight``/``roles``/``min_weight`` do not apply.

    ``kind="organizations"``: organizations only, an edge per pair sharing work (see
    :meth:`danvan.Network.projection`: ``on``, ``weight``, ``roles``, ``min_weight``,
    ``scope``), with ``weight`` and ``count`` (shared items). Every organization is a
    node, isolated ones included.

    A ``scope`` with a ``ceiling`` redacts both graphs: no organization, task, program or
    role classified above it is a node or an edge, and no attribute names one (a
    ``parent`` or ``program`` above the ceiling is left out).

    Attribute values are str, int, float or bool, so ``networkx.write_graphml`` (Gephi)
    works as is.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
    ...                                                 {"org": "org:b", "role": "coordinate"}]}]}''')
    >>> g = net.to_networkx("organizations")
    >>> g.edges["org:a", "org:b"]["weight"], g.nodes["org:a"]["name"]
    (1.0, 'A')
    """
    import networkx as nx

    from ._frames import entity_frame, roles_frame

    if kind not in ("bipartite", "organizations"):
        raise ValueError(f"kind: {kind!r} is not one of 'bipartite', 'organizations'")
    ceiling = _ceiling(scope)
    orgs = _at_most(entity_frame(net, "organization"), ceiling)
    org_ids = orgs["id"].to_numpy(dtype=object)
    kept = set(org_ids.tolist())
    g = nx.Graph()
    g.graph["name"] = net.meta.title if hasattr(net, "meta") else ""
    declared = _declared_roles(net)
    if declared:  # the roles the network declares, for from_networkx (JSON text: GraphML keeps it)
        g.graph["role_definitions"] = json.dumps(declared, ensure_ascii=False)
    org_attrs = _node_attrs(orgs, {"name": "name", "kind": "kind", "level": "level", "parent": "parent", "area": "area"},
                            {"entity": "organization", "bipartite": 0})
    for attrs in org_attrs:
        if attrs.get("parent") not in kept:
            attrs.pop("parent", None)
    g.add_nodes_from(zip(org_ids.tolist(), org_attrs))

    if kind == "organizations":
        g.graph["kind"] = "organizations"
        p = net.projection(on=on, weight=weight, roles=roles, min_weight=min_weight, scope=scope)
        frame = p.to_frame(upper=True if p.symmetric else False)
        g.add_edges_from(
            (a, b, {"weight": w, "count": c})
            for a, b, w, c in zip(frame["a"].tolist(), frame["b"].tolist(), frame["weight"].tolist(),
                                  frame["count"].tolist())
        )
        for n in g.nodes:
            g.nodes[n].pop("bipartite", None)
        return g

    g.graph["kind"] = "bipartite"
    for item_kind in ("program", "task"):
        items = _at_most(entity_frame(net, item_kind), ceiling)
        items = items.assign(start_iso=_iso(items["start"].to_numpy(), items["start_precision"]),
                             end_iso=_iso(items["end"].to_numpy(), items["end_precision"]))
        cols = {"name": "name", "kind": "kind", "start": "start_iso", "end": "end_iso"}
        if item_kind == "task":
            items = items.assign(due_iso=_iso(items["due"].to_numpy(), items["due_precision"]))
            cols.update({"status": "status", "program": "program", "due": "due_iso"})
        attrs = _node_attrs(items, cols, {"entity": item_kind, "bipartite": 1})
        for a in attrs:
            if a.get("program") not in kept:
                a.pop("program", None)
        g.add_nodes_from(zip(items["id"].tolist(), attrs))
        kept.update(items["id"].tolist())

    r = _at_most(roles_frame(net, names=False), ceiling)
    r = r[r["org"].isin(kept) & r["target"].isin(kept)]
    if len(r):
        dup = r.duplicated(subset=["org", "target"], keep=False).to_numpy()
        single = r[~dup]
        g.add_edges_from(
            (o, t, {"role": role, "roles": role, "raci": letter})
            for o, t, role, letter in zip(single["org"].tolist(), single["target"].tolist(),
                                          single["role"].astype(object).tolist(), single["raci"].astype(object).tolist())
        )
        if dup.any():
            many = r[dup]
            for (o, t), grp in many.groupby([many["org"], many["target"]], sort=False, observed=True):
                names = grp["role"].astype(str).tolist()
                g.add_edge(o, t, role=names[0], roles=",".join(names), raci="".join(grp["raci"].astype(str)))
    return g


_CLASSIFICATIONS = ("public", "internal", "restricted")


def _declared_roles(net: Any) -> List[Dict[str, Any]]:
    """The roles a network declares, as the file's `roles` has them."""
    out = []
    for d in net.vocabulary:
        if not d.core:
            entry: Dict[str, Any] = {"name": d.name}
            if d.labels:
                entry["labels"] = list(d.labels)
            entry["raci"] = d.raci
            if d.description:
                entry["description"] = d.description
            out.append(entry)
    return out


def _ceiling(scope: Any) -> Optional[str]:
    """The scope's classification ceiling (a dict's ``ceiling`` or a Scope's), or None."""
    word = scope.get("ceiling") if isinstance(scope, dict) else getattr(scope, "ceiling", None)
    if word is not None and word not in _CLASSIFICATIONS:
        raise ValueError(f"ceiling: `{word}` is not one of {', '.join(_CLASSIFICATIONS)}")
    return word


def _at_most(frame, ceiling: Optional[str]):
    """The rows of a frame whose (effective) classification is at or below the ceiling."""
    if ceiling is None:
        return frame
    allowed = _CLASSIFICATIONS[: _CLASSIFICATIONS.index(ceiling) + 1]
    return frame[frame["classification"].astype(object).isin(allowed).to_numpy()]


# ---- from pandas frames ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FrameProblem(Problem):
    """A :class:`danvan.Problem` found in a table: ``table`` (``"tasks"``), ``row`` (the
    frame's index label of the row) and ``column`` (here the column's name, not a
    character position; ``line`` is 0). ``path`` is ``table/row/column``."""

    column: str = ""  # type: ignore[assignment]
    table: str = ""
    row: Any = None


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: File fields of each table beyond the common ones, with their kind of value.
_COMMON = {"id": "id", "name": "text", "name_en": "text", "aliases": "texts", "valid_from": "date",
           "valid_to": "date", "classification": "text", "extra": "extra"}
_FIELDS: Dict[str, Dict[str, str]] = {
    "areas": {"level": "text", "code": "text", "parent": "ref"},
    "topics": {"parent": "ref"},
    "organizations": {"kind": "text", "level": "text", "area": "ref", "parent": "ref"},
    "documents": {"type": "text", "number": "text", "issuer": "text", "issued_by": "ref", "date": "date",
                  "term": "text", "title": "text", "continues": "refs", "implements": "refs", "amends": "refs",
                  "replaces": "refs", "topics": "refs", "areas": "refs", "reviews": "reviews"},
    "programs": {"kind": "text", "start": "date", "end": "date", "implements": "refs", "topics": "refs",
                 "areas": "refs"},
    "tasks": {"kind": "text", "program": "ref", "implements": "refs", "topics": "refs", "areas": "refs",
              "start": "date", "end": "date", "due": "date", "status": "text"},
    "events": {"kind": "text", "date": "date", "approximate": "bool", "from": "refs", "to": "refs"},
    "sources": {"kind": "text", "title": "text", "date": "date", "url": "text", "sha256": "text", "document": "ref"},
}
_ROLE_FIELDS = {"org": "id", "target": "id", "role": "id", "classification": "text", "source": "ref",
                "span_begin": "int", "span_end": "int", "note": "text", "extra": "extra"}
#: Columns danvan's own frames add that are derived, not stored: ignored on the way back.
_DERIVED = {"position", "lead", "leads", "roles", "evidence", "org_name", "org_kind", "raci", "target_kind",
            "target_name", "own_classification", "lead_name", "parent_name", "area_name", "program_name",
            "issued_by_name", "document_name", "source_name"}
_TABLES = ("areas", "topics", "organizations", "documents", "programs", "tasks", "events", "sources")


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return v is pd.NaT or (not isinstance(v, (str, list, tuple, dict, np.ndarray)) and bool(pd.isna(v)))
    except (TypeError, ValueError):
        return False


class _Collector:
    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: List[FrameProblem] = []

    def add(self, table: str, row: Any, column: str, message: str, rule: str, suggestion: str = "") -> None:
        where = f"{table}, row {row}, column `{column}`" if row is not None else f"{table}, column `{column}`"
        self.problems.append(FrameProblem(file=self.label, path=f"{table}/{row}/{column}" if row is not None else f"{table}/{column}",
                                          rule=rule, message=f"{where}: {message}", suggestion=suggestion,
                                          table=table, row=row, column=column))

    def raise_if_any(self) -> None:
        if self.problems:
            raise _error(self.problems)


def _error(problems: Sequence[FrameProblem]) -> ValidationError:
    first = problems[0]
    more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
    e = ValidationError(f"{first.file}: {first.message}{more}", problems, len(problems))
    e.table, e.row, e.column = first.table, first.row, first.column  # type: ignore[attr-defined]
    return e


def _date_text(v: Any, precision: Any) -> Optional[str]:
    """ISO text of a date cell, or None when the cell is not a date."""
    if isinstance(v, str):
        s = v.strip()
        return s if _ISO.match(s) else None
    if isinstance(v, (datetime.date, np.datetime64)) or hasattr(v, "to_pydatetime"):
        import pandas as pd

        ts = pd.Timestamp(v)
        p = precision if isinstance(precision, str) else "day"
        return {"year": f"{ts.year:04d}", "month": f"{ts.year:04d}-{ts.month:02d}"}.get(p, f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d}")
    if isinstance(v, numbers.Integral) and not isinstance(v, bool) and 1000 <= int(v) <= 9999:
        return f"{int(v):04d}"  # a year typed as a number in a spreadsheet
    return None


def _refs(v: Any) -> Optional[List[str]]:
    if isinstance(v, str):
        return [x.strip() for x in re.split(r"[;,]", v) if x.strip()]
    if isinstance(v, (list, tuple, np.ndarray)):
        if all(isinstance(x, str) for x in v):
            return [str(x) for x in v]
    return None


def _typename(v: Any) -> str:
    return f"{type(v).__name__} {v!r}" if not isinstance(v, str) else repr(v)


def _table_docs(table: str, frame: Any, fields: Dict[str, str], errors: _Collector,
                known: Dict[str, Dict[str, Any]]) -> List[Dict[str, Any]]:
    """JSON objects, one per row, and the problems of the cells."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        errors.add(table, None, "*", f"expected a pandas DataFrame, found {type(frame).__name__}", "wrong-type")
        return []
    for col in ("id", "name") if table != "roles" else ("org", "target", "role"):
        if col not in frame.columns:
            errors.add(table, None, col, f"required column `{col}` is missing (columns: {', '.join(map(str, frame.columns))})",
                       "missing-column")
    if any(p.table == table and p.rule == "missing-column" for p in errors.problems):
        return []
    labels = frame.index.tolist()
    # Duplicated ids (vectorized), naming the first row that has the id.
    if "id" in fields and "id" in frame.columns:
        ids = frame["id"]
        dup = ids.duplicated(keep="first") & ids.notna()
        if dup.any():
            first_row = {}
            for label, v in zip(labels, ids.tolist()):
                first_row.setdefault(v, label)
            for label, v in zip(np.asarray(labels, dtype=object)[dup.to_numpy()], ids[dup].tolist()):
                errors.add(table, label, "id", f"duplicated id `{v}` (first in row {first_row[v]})", "duplicate-id")
    columns = [c for c in frame.columns if not str(c).endswith(("_last", "_precision", "_iso")) and c not in _DERIVED]
    values = {c: frame[c].astype(object).to_numpy() for c in columns}
    precisions = {c: frame[c + "_precision"].astype(object).to_numpy() for c in columns if f"{c}_precision" in frame.columns}
    docs: List[Dict[str, Any]] = []
    for i, label in enumerate(labels):
        doc: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        for c in columns:
            v = values[c][i]
            how = fields.get(c)
            if how is None:  # a column the format does not know: kept in extra
                if not _missing(v):
                    extra[str(c)] = v.item() if isinstance(v, np.generic) else v
                continue
            if how == "id":
                if _missing(v):
                    errors.add(table, label, c, f"a value is required, found {'NaN' if isinstance(v, float) else 'nothing'}",
                               "missing-value")
                elif not isinstance(v, str):
                    errors.add(table, label, c, f"expected text, found {_typename(v)}", "wrong-type")
                else:
                    doc[c] = v
                continue
            if _missing(v):
                continue
            if how in ("text", "ref"):
                if isinstance(v, str):
                    if v != "" or how == "text":
                        doc[c] = v
                else:
                    errors.add(table, label, c, f"expected text, found {_typename(v)}", "wrong-type")
            elif how in ("refs", "texts"):
                r = _refs(v)
                if r is None:
                    errors.add(table, label, c, f"expected a list of ids (or ids separated by `;`), found {_typename(v)}",
                               "wrong-type")
                elif r:
                    doc[c] = r
            elif how == "date":
                text = _date_text(v, precisions[c][i] if c in precisions else None)
                if text is None:
                    errors.add(table, label, c,
                               f"{_typename(v)} is not an ISO 8601 date: write YYYY, YYYY-MM or YYYY-MM-DD "
                               "(e.g. 2023-09-16 for 16/09/2023)", "bad-date")
                else:
                    doc[c] = text
            elif how == "bool":
                if isinstance(v, (bool, np.bool_)):
                    doc[c] = bool(v)
                else:
                    errors.add(table, label, c, f"expected true or false, found {_typename(v)}", "wrong-type")
            elif how == "int":
                if isinstance(v, numbers.Integral) and not isinstance(v, bool) or (isinstance(v, float) and v.is_integer()):
                    doc[c] = int(v)
                else:
                    errors.add(table, label, c, f"expected a whole number, found {_typename(v)}", "wrong-type")
            elif how == "extra":
                if isinstance(v, str):
                    try:
                        v = json.loads(v) if v.strip() else {}
                    except ValueError:
                        errors.add(table, label, c, "expected a JSON object (text) or a dict", "wrong-type")
                        continue
                if isinstance(v, dict):
                    if v:
                        extra.update(v)
                else:
                    errors.add(table, label, c, f"expected a JSON object, found {_typename(v)}", "wrong-type")
            elif how == "reviews":
                if isinstance(v, (list, tuple)):
                    doc[c] = [dict(zip(("kind", "years", "recurring"), r)) if isinstance(r, (list, tuple)) else r for r in v]
                else:
                    errors.add(table, label, c, f"expected a list of (kind, years, recurring), found {_typename(v)}",
                               "wrong-type")
        if "start" in doc or "end" in doc:
            doc["period"] = {k: doc.pop(k) for k in ("start", "end") if k in doc}
        if extra:
            doc["extra"] = extra
        docs.append(doc)
    return docs


def from_frames(organizations: Any = None, tasks: Any = None, roles: Any = None, *, documents: Any = None,
                programs: Any = None, areas: Any = None, topics: Any = None, events: Any = None, sources: Any = None,
                meta: Optional[Mapping[str, Any]] = None, role_definitions: Optional[Sequence[Mapping[str, Any]]] = None,
                label: str = "<frames>") -> Any:
    """Builds a network from pandas DataFrames (an analyst's spreadsheet), validated like a
    file.

    Each entity table has ``id`` and ``name`` columns and, optionally, the fields of its
    kind in docs/format.md (``kind``, ``parent``, ``program``, ``status``, ...). Dates are
    ISO text (``2023``, ``2023-09``, ``2023-09-16``) or datetimes (day precision, or the
    precision in a ``<col>_precision`` column, as danvan's own frames have); a period is
    ``start``/``end``. Lists of ids are lists or ``;``-separated text. Columns the format
    does not know go to ``extra``. ``roles`` has ``org``, ``target`` (a ``task:`` or
    ``prog:`` id) and ``role``, and optionally ``classification``, ``source``,
    ``span_begin``, ``span_end``, ``note`` (one evidence entry). The frames danvan makes
    (``net.organizations()``, ``net.tasks()``, ``net.roles()``, ...) are accepted as they
    are, so ``from_frames`` round-trips them.

    Raises :class:`danvan.ValidationError` with every problem found; each is a
    :class:`FrameProblem` naming ``table``, ``row`` (index label) and ``column``, and the
    exception's ``table``, ``row`` and ``column`` are those of the first.

    >>> import danvan, pandas as pd
    >>> orgs = pd.DataFrame({"id": ["org:a"], "name": ["Ban A"]})
    >>> tasks = pd.DataFrame({"id": ["task:t"], "name": ["T"], "due": ["16/09/2023"]})
    >>> try:
    ...     danvan.Network.from_frames(orgs, tasks)
    ... except danvan.ValidationError as e:
    ...     print(e.table, e.row, e.column)
    tasks 0 due
    """
    from ._network import Network

    errors = _Collector(label)
    given = {"organizations": organizations, "tasks": tasks, "documents": documents, "programs": programs,
             "areas": areas, "topics": topics, "events": events, "sources": sources}
    doc: Dict[str, Any] = {"danvan": _core.format_version}
    if meta:
        doc["meta"] = dict(meta)
    if role_definitions:
        doc["roles"] = [dict(r) for r in role_definitions]
    labels: Dict[str, List[Any]] = {}
    for table in _TABLES:
        frame = given[table]
        if frame is None:
            continue
        fields = {**_COMMON, **_FIELDS[table]}
        doc[table] = _table_docs(table, frame, fields, errors, {})
        labels[table] = list(frame.index) if hasattr(frame, "columns") else []
    # Roles: grouped under their task or program, remembering each one's row.
    role_rows: Dict[Tuple[str, int, int], Any] = {}
    if roles is not None:
        if hasattr(roles, "columns") and "own_classification" in roles.columns:
            # danvan's own roles frame: `classification` there is the joined level.
            roles = roles.drop(columns=["classification"], errors="ignore").rename(
                columns={"own_classification": "classification"})
        rdocs = _table_docs("roles", roles, _ROLE_FIELDS, errors, {})
        if rdocs:
            where: Dict[str, Tuple[str, int]] = {}
            for table in ("programs", "tasks"):
                for pos, item in enumerate(doc.get(table, [])):
                    if "id" in item:
                        where.setdefault(item["id"], (table, pos))
            rlabels = list(roles.index)
            for label_, r in zip(rlabels, rdocs):
                target = r.pop("target", None)
                if target is None:
                    continue
                if target not in where:
                    prefix = "task" if target.startswith("task:") else "program" if target.startswith("prog:") else None
                    pool = [k for k in where if prefix is None or k.startswith(target.split(":")[0] + ":")]
                    close = difflib.get_close_matches(target, pool, 1)
                    hint = f"; did you mean `{close[0]}`?" if close else ""
                    table_name = {"task": "tasks", "program": "programs"}.get(prefix or "", "tasks or programs")
                    errors.add("roles", label_, "target", f"unknown {prefix or 'task or program'} `{target}` "
                               f"(not in the {table_name} table){hint}", "unknown-reference", close[0] if close else "")
                    continue
                table, pos = where[target]
                evidence = {k: r.pop(k) for k in ("source", "span_begin", "span_end", "note") if k in r}
                if "source" in evidence:
                    e: Dict[str, Any] = {"source": evidence["source"]}
                    if "span_begin" in evidence and "span_end" in evidence:
                        e["span"] = [evidence["span_begin"], evidence["span_end"]]
                    if evidence.get("note"):
                        e["note"] = evidence["note"]
                    r["sources"] = [e]
                item_roles = doc[table][pos].setdefault("roles", [])
                role_rows[(table, pos, len(item_roles))] = label_
                item_roles.append(r)
    errors.raise_if_any()
    text = json.dumps(doc, ensure_ascii=False, default=_json_default)
    try:
        return Network.loads(text, label=label)
    except ValidationError as exc:
        raise _translate(exc, labels, role_rows, label) from None


def _json_default(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return str(v)


_PATH = re.compile(r"^/(\w+)/(\d+)(?:/(.*))?$")


def _translate(exc: ValidationError, labels: Dict[str, List[Any]], role_rows: Dict[Tuple[str, int, int], Any],
               file: str) -> ValidationError:
    """The loader's problems (JSON paths of the document built from the frames) as
    problems naming table, row and column."""
    out: List[FrameProblem] = []
    for p in exc.problems:
        m = _PATH.match(p.path or "")
        table, row, column = "", None, p.path
        if m:
            table, pos, rest = m.group(1), int(m.group(2)), m.group(3) or ""
            parts = rest.split("/") if rest else []
            if table in labels and parts[:1] == ["roles"] and len(parts) >= 2:
                row = role_rows.get((table, pos, int(parts[1])), parts[1])
                table = "roles"
                column = {"sources": "source"}.get(parts[2], parts[2]) if len(parts) > 2 else "role"
            elif table in labels:
                row = labels[table][pos] if pos < len(labels[table]) else pos
                column = parts[0] if parts else "id"
                if column == "period" and len(parts) > 1:
                    column = parts[1]
        msg = p.message
        where = f"{table}, row {row}, column `{column}`" if table else (p.path or "")
        out.append(FrameProblem(file=file, path=f"{table}/{row}/{column}" if table else p.path,
                                rule=p.rule, message=f"{where}: {msg}", suggestion=p.suggestion,
                                table=table, row=row, column=column or ""))
    if not out:
        return exc
    e = _error(out)
    e.total = max(exc.total, len(out))
    return e


# ---- the lossless tables: frames, spreadsheets, NetworkX graphs back ---------------------------

#: The tables of :func:`frames`, in order (docs/export.md, "CSV tables").
TABLES = ("network", "role_definitions", "areas", "topics", "organizations", "documents", "programs", "tasks",
          "events", "sources", "roles", "evidence")
#: The tables whose presence (as a DataFrame) makes ``Network.from_frames`` read the
#: lossless form (``role_definitions=`` may also be the list of dicts of the typed form).
LOSSLESS_KEYS = ("network", "role_definitions", "evidence")


def frames(net: Any) -> Dict[str, Any]:
    """The network as its lossless tables, one ``pandas.DataFrame`` of text per table of
    :data:`TABLES` (the CSV tables of ``net.to_csv``): every field of the format, codes
    and numbers as text, lists ``;``-joined, an empty string for a field not given.
    :func:`tables_to_network` (``danvan.from_frames(**frames)``) gives the network back."""
    import io

    import pandas as pd

    texts = _core.csv_tables(net._core)
    return {name[:-4]: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False) for name, text in texts.items()}


def _cell_text(v: Any) -> str:
    """A cell of an edited table as the text the tables hold: a number typed in a
    spreadsheet without its `.0`, a date as ISO text, nothing for an empty cell."""
    if _missing(v):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime.datetime):
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def tables_to_network(tables: Mapping[str, Any], label: str = "<frames>") -> Any:
    """The network of lossless tables (``{name: DataFrame or rows}`` as :func:`frames`
    gives them). Problems are :class:`FrameProblem` objects naming the table, the row's index
    label and the column."""
    import csv
    import io

    from ._network import Network

    texts: Dict[str, str] = {}
    row_lines: Dict[str, Tuple[List[int], List[Any], List[str]]] = {}
    for name, frame in tables.items():
        if frame is None:
            continue
        if name not in TABLES:
            near = difflib.get_close_matches(name, TABLES, n=1)
            raise ValueError(f"{name}: not a table of a danvan network ({', '.join(TABLES)})"
                             + (f"; did you mean `{near[0]}`?" if near else ""))
        header = [str(c) for c in frame.columns]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        starts, line = [], 2
        for values in frame.itertuples(index=False, name=None):
            cells = [_cell_text(v) for v in values]
            writer.writerow(cells)
            starts.append(line)
            line += 1 + sum(c.count("\n") for c in cells)
        texts[f"{name}.csv"] = out.getvalue()
        row_lines[name] = (starts, list(frame.index), header)
    try:
        return Network._from_core(_core.from_csv_tables(texts, label))
    except ValidationError as e:
        raise _error([_frame_problem(p, row_lines, label) for p in e.problems]) from None


def _frame_problem(p: Problem, row_lines: Mapping[str, Tuple[List[int], List[Any], List[str]]],
                   label: str) -> FrameProblem:
    """A problem of the CSV reader placed on its table's row label and column name."""
    import bisect

    table = p.file.rsplit("/", 1)[-1][:-4] if p.file.endswith(".csv") else ""
    if table not in row_lines:
        return FrameProblem(file=label, path=p.path, rule=p.rule, message=p.message, suggestion=p.suggestion)
    starts, labels, header = row_lines[table]
    i = bisect.bisect_right(starts, p.line) - 1
    row = labels[i] if p.line >= 2 and i >= 0 else None
    column = header[p.column - 1] if 0 < p.column <= len(header) else ""
    message = re.sub(r"^column `[^`]*`: ", "", p.message)
    where = f"{table}, row {row}" if row is not None else table
    where += f", column `{column}`" if column else ""
    return FrameProblem(file=label, path=f"{table}/{row}/{column}", rule=p.rule, message=f"{where}: {message}",
                        suggestion=p.suggestion, table=table, row=row, column=column)


def to_excel(net: Any, path: Any) -> None:
    """The lossless tables as an xlsx workbook (openpyxl), a sheet per table, every cell
    text (a value starting with ``=`` stays text, not a formula). Written to a temporary
    file beside ``path`` and renamed, like every output."""
    import os
    import tempfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for name, frame in frames(net).items():
        ws = wb.create_sheet(name)
        ws.append(list(frame.columns))
        for values in frame.itertuples(index=False, name=None):
            row = []
            for v in values:
                cell = WriteOnlyCell(ws, value=v)
                cell.data_type = "s"  # text, even `=...` or `30`
                row.append(cell)
            ws.append(row)
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    fd, temporary = tempfile.mkstemp(prefix=".danvan-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def read_excel(path: Any) -> Any:
    """The network of a workbook :func:`to_excel` wrote (or a person edited: a number or
    date a spreadsheet typed is read as its text), checked like a file."""
    import os

    import pandas as pd
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    tables: Dict[str, Any] = {}
    try:
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            if not rows:
                continue
            header = [_cell_text(h) for h in rows[0]]
            while header and header[-1] == "":
                header.pop()
            body = [list(r[:len(header)]) + [None] * (len(header) - len(r)) for r in rows[1:]
                    if any(not _missing(v) for v in r)]
            # index: the sheet's row numbers, which a problem then names
            tables[ws.title] = pd.DataFrame(body, columns=header, index=range(2, 2 + len(body)), dtype=object)
    finally:
        wb.close()
    return tables_to_network(tables, label=os.fspath(path))


def from_networkx(graph: Any, *, meta: Optional[Mapping[str, Any]] = None) -> Any:
    """A network from a bipartite ``networkx`` graph as :func:`to_networkx` writes it:
    nodes with ``entity`` (``organization``, ``task``, ``program``), ``name`` and the
    attributes of their kind; an edge per organization and item with ``roles``
    (comma-separated) or ``role``. What such a graph does not hold (documents, evidence,
    areas' own entities) is not in the result; the network is checked like a file."""
    from ._network import Network

    kinds = {"organization": "organizations", "program": "programs", "task": "tasks"}
    # An organization's `area` names an area the graph does not hold: left out.
    fields = {"organizations": ("kind", "level", "parent"),
              "programs": ("kind",), "tasks": ("kind", "status", "program", "due")}
    doc: Dict[str, Any] = {"danvan": _core.format_version, "organizations": [], "programs": [], "tasks": []}
    if meta:
        doc["meta"] = dict(meta)
    if graph.graph.get("role_definitions"):
        doc["roles"] = json.loads(graph.graph["role_definitions"])
    items: Dict[str, Dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        table = kinds.get(attrs.get("entity", ""))
        if table is None:
            raise ValueError(f"node {node!r}: `entity` is {attrs.get('entity')!r}, not organization, task or program "
                             "(a graph as to_networkx('bipartite') writes it)")
        entity: Dict[str, Any] = {"id": str(node), "name": attrs.get("name", str(node))}
        entity.update({f: attrs[f] for f in fields[table] if attrs.get(f) not in (None, "")})
        period = {k: attrs[k] for k in ("start", "end") if attrs.get(k) not in (None, "") and table != "organizations"}
        if period:
            entity["period"] = period
        doc[table].append(entity)
        if table != "organizations":
            items[str(node)] = entity
    for a, b, attrs in graph.edges(data=True):
        org, item = (str(a), str(b)) if str(b) in items else (str(b), str(a))
        if item not in items:
            raise ValueError(f"edge ({a!r}, {b!r}): joins no task or program")
        names = attrs.get("roles") or attrs.get("role") or ""
        for role in [r for r in str(names).split(",") if r]:
            items[item].setdefault("roles", []).append({"org": org, "role": role})
    for table in ("organizations", "programs", "tasks"):
        if not doc[table]:
            del doc[table]
    return Network.loads(json.dumps(doc, ensure_ascii=False), label="<networkx graph>")
