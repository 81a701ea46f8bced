"""pandas DataFrames for every table of a network and of its query results.

The compiled core hands over whole tables, every column a numpy array
(``bindings/register_tables.cpp``, from the tables of ``include/danvan/tables.hpp``); this
module only maps positions to ids and names with ``numpy.take`` and wraps codes in
categoricals, so no Python code runs per row.

Conventions of every frame:

* the frame's index is the entity's ``position`` (file order); ``id`` is a column;
* references are ids (``parent``, ``program``, ``issued_by``; ``None`` when absent),
  lists of references are tuples of ids (``topics``, ``areas``, ``implements``);
* closed vocabularies (``kind``, ``level``, ``status``, ``classification``, ``role``,
  ``raci``) are pandas categoricals;
* every date field ``f`` gives three columns: ``f`` (``datetime64``: the first day the
  date covers, ``NaT`` when absent), ``f_last`` (the last day it covers) and
  ``f_precision`` (``"year"``, ``"month"`` or ``"day"``) — so ``2023`` keeps its
  precision and is the range 2023-01-01 … 2023-12-31. A period gives ``start*`` and
  ``end*``; the period covers ``start`` … ``end_last``.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "Ban A", "kind": "police"}],
...   "tasks": [{"id": "task:t", "name": "Hội nghị", "due": "2023-09",
...              "roles": [{"org": "org:a", "role": "lead"}]}]}''')
>>> tasks = net.tasks()
>>> tasks.loc[0, ["id", "lead", "due_precision"]].tolist()
['task:t', 'org:a', 'month']
>>> str(tasks.loc[0, "due"].date()), str(tasks.loc[0, "due_last"].date())
('2023-09-01', '2023-09-30')
>>> net.roles()[["org", "role", "raci", "target"]].values.tolist()
[['org:a', 'lead', 'R', 'task:t']]
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence

import numpy as np

from . import _core
from ._args import core_of as _core_of
from ._time import dated

__all__ = [
    "entity_frame",
    "roles_frame",
    "evidence_frame",
    "raci_frame",
    "portfolio_frame",
    "violations_frame",
    "pairs_frame",
    "centrality_frame",
    "succession_frame",
    "FramesMixin",
]

_NAT = np.iinfo(np.int64).min
# pandas keeps datetimes in nanoseconds: 1677-09-22 .. 2262-04-11.
_MIN_DAY = -106_000
_MAX_DAY = 106_000
#: The words of a date's precision codes 1, 2, 3 (0 is no date).
_PRECISIONS = ["year", "month", "day"]


def _pd():
    import pandas as pd

    return pd


def _lookup(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values[positions]`` with ``None`` where a position is negative."""
    ext = np.empty(len(values) + 1, dtype=object)
    ext[:-1] = values
    ext[-1] = None
    pos = np.asarray(positions, dtype=np.int64)
    return ext.take(np.where(pos < 0, len(values), pos))


def _categorical(codes: np.ndarray, vocabulary: Sequence[str], ordered: bool = False):
    pd = _pd()
    c = np.asarray(codes).astype(np.int16)
    c[c >= len(vocabulary)] = -1
    return pd.Categorical.from_codes(c, categories=list(vocabulary), ordered=ordered)


def _date_columns(name: str, raw: np.ndarray, out: Dict[str, Any]) -> None:
    raw = np.asarray(raw, dtype=np.int32).reshape(-1, 3)
    prec = raw[:, 2]
    ok = (prec > 0) & (raw[:, 0] >= _MIN_DAY) & (raw[:, 1] <= _MAX_DAY)
    for col, values in ((name, raw[:, 0]), (name + "_last", raw[:, 1])):
        days = np.where(ok, values.astype(np.int64), _NAT)
        out[col] = days.view("datetime64[D]").astype("datetime64[ns]")
    out[name + "_precision"] = _categorical(np.where(prec > 0, prec - 1, -1), _PRECISIONS)


def _values(table: Dict[str, Any]) -> Dict[str, Any]:
    """The values of each column of a table of the core, as they come."""
    return {name: values for name, (_kind, values, _of) in table.items()}


def _words(table: Dict[str, Any], name: str) -> List[str]:
    """The vocabulary of code column ``name`` of a table of the core."""
    return table[name][2][1]


def _convert(core: Any, table: Dict[str, Any]) -> Dict[str, Any]:
    """Turns a table of the core (``name -> (kind, values, of)``, see the top of
    bindings/register_tables.cpp) into pandas-ready columns: references become ids,
    codes categoricals, dates three columns; the other kinds are ready as they come."""
    out: Dict[str, Any] = {}
    ids: Dict[str, np.ndarray] = {}
    for name, (kind, values, of) in table.items():
        if kind == "date":
            _date_columns(name, values, out)
        elif kind == "reference":
            if of not in ids:
                ids[of] = _core.id_array(core, of)
            out[name] = _lookup(ids[of], values)
        elif kind == "code":
            vocabulary, words = of
            out[name] = _categorical(values, words, ordered=vocabulary == "classification")
        else:
            out[name] = values
    return out


def _reviews(cells: np.ndarray) -> np.ndarray:
    """A document table's review obligations, ``kind:years[:recurring]`` texts, as
    ``(kind, years, recurring)`` tuples (one loop over documents, which are few)."""
    out = np.empty(len(cells), dtype=object)
    for i, cell in enumerate(cells):
        out[i] = tuple((kind, int(years), bool(rest)) for kind, years, *rest in (v.split(":") for v in cell))
    return out


def entity_frame(net: Any, kind: str):
    """The table of one entity kind (``"organization"``, ``"document"``, ``"program"``,
    ``"task"``, ``"area"``, ``"topic"``, ``"event"``, ``"source"``) as a DataFrame, one row
    per entity in file order (index: position). Same as ``net.organizations()`` etc.

    Columns every kind has: id, name, name_en, aliases (tuple), valid_from*, valid_to*,
    classification, evidence (number of evidence entries), extra (JSON text). Then per
    kind: organizations kind, level, area, parent, roles (count); documents type, number,
    issuer, issued_by, date*, term, title, continues, implements, amends, replaces,
    topics, areas, reviews ((kind, years, recurring) tuples); programs kind, start*,
    end*, implements, topics, areas, roles; tasks kind, status, program, start*, end*,
    due*, implements, topics, areas, roles, lead (the single R organization, ``None``
    when none) and leads (0, 1 or 2 meaning several); events kind, date*, approximate,
    from, to; sources kind, title, date*, url, sha256, document; areas level, code,
    parent; topics parent.

    >>> import danvan
    >>> net = danvan.Network.loads('{"danvan": "1", "organizations": ['
    ...   '{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B", "parent": "org:a"}]}')
    >>> entity_frame(net, "organization")[["id", "parent"]].values.tolist()
    [['org:a', None], ['org:b', 'org:a']]
    """
    pd = _pd()
    core = _core_of(net)
    cols = _convert(core, _core.entity_table(core, kind))
    if kind == "document":
        cols["reviews"] = _reviews(cols["reviews"])
    if kind == "task":
        lead_pos = cols.pop("lead_pos")
        org_ids = _core.id_array(core, "organization")
        cols["lead"] = _lookup(org_ids, lead_pos)
        cols["leads"] = np.where(lead_pos == -2, 2, np.where(lead_pos >= 0, 1, 0))
    n = len(cols["id"])
    frame = pd.DataFrame(cols, index=pd.RangeIndex(n, name="position"))
    return frame


def roles_frame(net: Any, names: bool = True):
    """One row per role (programs' roles, then tasks' roles; index: role position).

    Columns: org, org_name, org_kind, role, raci, target_kind (``task``/``program``),
    target, target_name, classification (the highest of the role's own, its
    organization's and its target's), own_classification, source (the first evidence's
    ``src:`` id), span_begin, span_end (its character span, nullable integers),
    evidence (how many evidence entries the role has), valid_from and valid_to (with
    ``_last`` and ``_precision``, as the entity tables), and in a network as of a day
    carried_from and carried_event (where a reorganization carried the role from,
    ``None`` for a role its organization holds itself). ``names=False`` leaves out the
    name columns. Built from position arrays with ``numpy.take``, with no Python code
    per row: about 1.6 s for 2.5 million roles, a third of it making the task names'
    Python strings.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "sources": [{"id": "src:s", "name": "Báo"}],
    ...   "organizations": [{"id": "org:a", "name": "Ban A"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "advise",
    ...              "sources": [{"source": "src:s", "span": [3, 9]}]}]}]}''')
    >>> r = net.roles().iloc[0]
    >>> r.org_name, r.role, r.raci, r.source, r.span_begin, r.span_end
    ('Ban A', 'advise', 'R', 'src:s', 3, 9)
    """
    pd = _pd()
    core = _core_of(net)
    table = _core.role_table(core)
    raw = _values(table)
    n = len(raw["org"])
    org_ids = _core.id_array(core, "organization")
    n_programs = core.size("program")
    kinds = raw["target_kind"]
    is_task = kinds == _words(table, "target_kind").index("task")
    target_pos = raw["target"].astype(np.int64) + np.where(is_task, n_programs, 0)
    target_ids = np.concatenate([_core.id_array(core, "program"), _core.id_array(core, "task")])
    org = raw["org"]
    cols: Dict[str, Any] = {"org": org_ids.take(org)}
    if names:
        cols["org_name"] = _core.id_array(core, "organization", True).take(org)
    org_kinds = _core.entity_table(core, "organization")["kind"]
    cols["org_kind"] = _categorical(org_kinds[1].take(org), org_kinds[2][1])
    vocab = [name for name, *_ in core.vocabulary()]
    cols["role"] = _categorical(raw["role"], vocab)
    cols["raci"] = _categorical(raw["raci"], _words(table, "raci"))
    cols["target_kind"] = pd.Categorical.from_codes(np.where(is_task, 1, 0).astype(np.int8), categories=["program", "task"])
    cols["target"] = target_ids.take(target_pos)
    if names:
        target_names = np.concatenate([_core.id_array(core, "program", True), _core.id_array(core, "task", True)])
        cols["target_name"] = target_names.take(target_pos)
    for col in ("classification", "own_classification"):
        cols[col] = _categorical(raw[col], _words(table, col), ordered=True)
    cols["source"] = _lookup(_core.id_array(core, "source"), raw["source"])
    for col in ("span_begin", "span_end"):
        v = raw[col]
        cols[col] = pd.arrays.IntegerArray(np.where(v < 0, 0, v), v < 0)
    cols["evidence"] = raw["evidence"]
    _date_columns("valid_from", raw["valid_from"], cols)
    _date_columns("valid_to", raw["valid_to"], cols)
    cols["carried_from"] = raw["carried_from"]
    cols["carried_event"] = raw["carried_event"]
    return _frame(cols, n)


def _frame(cols: Dict[str, Any], n: int):
    """A DataFrame over the columns as they are: no copy, and the object columns are not
    consolidated into one 2-D block (a copy of every object pointer, which at millions of
    rows costs more than making the columns did)."""
    pd = _pd()
    return pd.DataFrame(cols, index=pd.RangeIndex(n, name="position"), copy=False)


def evidence_frame(net: Any):
    """One row per evidence entry of every entity and role: holder_kind (``"task"``,
    ``"organization"``, ..., or ``"role"``), holder (the entity id, or for a role
    ``"org -> target"``), role (the role position, ``-1`` for entities), source,
    span_begin, span_end (nullable) and note. Show the spanned text with the source's
    text at run time; the network keeps spans, not copies.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "sources": [{"id": "src:s", "name": "Báo"}],
    ...   "topics": [{"id": "topic:x", "name": "X", "sources": [{"source": "src:s", "span": [4, 9]}]}]}''')
    >>> evidence_frame(net)[["holder_kind", "holder", "source", "span_begin"]].values.tolist()
    [['topic', 'topic:x', 'src:s', 4]]
    """
    pd = _pd()
    core = _core_of(net)
    table = _core.evidence_table(core)
    raw = _values(table)
    kinds = _words(table, "holder_kind")
    hk = raw["holder_kind"].astype(np.int64)
    holder = np.empty(len(hk), dtype=object)
    for code, kind in enumerate(kinds):
        sel = hk == code
        if not sel.any():
            continue
        if kind == "role":
            roles = roles_frame(net, names=False)
            pos = raw["holder"][sel]
            holder[sel] = (roles["org"].to_numpy().take(pos).astype(str) + np.array(" -> ", dtype=object)
                           + roles["target"].to_numpy().take(pos).astype(str)).astype(object)
        else:
            holder[sel] = _core.id_array(core, kind).take(raw["holder"][sel])
    cols: Dict[str, Any] = {
        "holder_kind": pd.Categorical.from_codes(hk.astype(np.int16), categories=kinds),
        "holder": holder,
        "role": np.where(hk == kinds.index("role"), raw["holder"], -1),
        "source": _lookup(_core.id_array(core, "source"), raw["source"]),
    }
    for col in ("span_begin", "span_end"):
        v = raw[col]
        cols[col] = pd.arrays.IntegerArray(np.where(v < 0, 0, v), v < 0)
    cols["note"] = raw["note"]
    return pd.DataFrame(cols)


# ---- query results ---------------------------------------------------------------------


def _names_of(net: Any, kind: str) -> Dict[str, str]:
    core = _core_of(net)
    return dict(zip(_core.id_array(core, kind).tolist(), _core.id_array(core, kind, True).tolist()))


def _add_names(frame, net: Any, columns: Dict[str, str]):
    """Inserts ``<col>_name`` after each id column ``col`` (``columns``: col -> kind)."""
    for col, kind in columns.items():
        if col not in frame.columns:
            continue
        if kind == "target":
            names = {**_names_of(net, "program"), **_names_of(net, "task")}
        else:
            names = _names_of(net, kind)
        frame.insert(frame.columns.get_loc(col) + 1, col + "_name", frame[col].map(names))
    return frame


def raci_frame(net: Any, scope: Any = None, wide: bool = False):
    """The RACI matrix of a scope. Long form (default): one row per non-empty cell —
    task, task_name, org, org_name, raci (``"R"``, ``"RA"``, ...), and on a network as of
    a day (or with ``scope={"as_of": ...}``) carried_from: the organizations whose roles a
    reorganization carried into the cell (``;``-joined; ``None`` for a cell the
    organization holds itself). ``wide=True``: tasks × organizations with the letters in
    the cells and ``""`` where empty.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
    ...                                                 {"org": "org:b", "role": "direct"}]}]}''')
    >>> raci_frame(net, wide=True).loc["task:t"].tolist()
    ['R', 'A']
    """
    pd = _pd()
    t = net.raci(scope)
    frame = pd.DataFrame({"task": t["task"], "org": t["org"], "raci": t["raci"]})
    if wide:
        if frame.empty:
            return pd.DataFrame(index=pd.Index([], name="task"))
        return frame.pivot(index="task", columns="org", values="raci").fillna("")
    frame = _add_names(frame, net, {"task": "task", "org": "organization"})
    if net.date is not None:  # a network as of a day: the cells a reorganization carried
        roles = roles_frame(net, names=False)
        carried = roles[roles.carried_from.notna() & (roles.target_kind == "task")]
        origins = carried.groupby(["target", "org"], sort=False).carried_from.agg(lambda s: ";".join(dict.fromkeys(s)))
        frame["carried_from"] = [origins.get((task, org)) for task, org in zip(frame.task, frame.org)]
    return frame


def portfolio_frame(net: Any, org_id: str, scope: Any = None, include_subunits: bool = False):
    """What an organization carries: one row per role with the target's name, the role
    and its RACI letter, and where the role came from (``path``).

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],
    ...   "tasks": [{"id": "task:t", "name": "Tập huấn", "roles": [{"org": "org:a", "role": "lead"}]}]}''')
    >>> portfolio_frame(net, "org:a")[["target", "target_name", "role"]].values.tolist()
    [['task:t', 'Tập huấn', 'lead']]
    """
    pd = _pd()
    t = net.portfolio(org_id, scope, include_subunits)
    frame = pd.DataFrame({k: t[k] for k in ("org", "role", "raci", "target_kind", "target", "path", "program", "document")})
    return _add_names(frame, net, {"org": "organization", "target": "target"})


def violations_frame(net: Any, rules: Any = None, as_of: Any = None):
    """The coverage violations as a frame: rule, check, severity (ordered categorical
    info < warning < error), entity_kind, entity, entity_name, message, evidence (tuple).

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "coordinate"}]}]}''')
    >>> violations_frame(net, {"rules": [{"rule": "task-responsible"}]})[["rule", "entity"]].values.tolist()
    [['task-responsible', 'task:t']]
    """
    pd = _pd()
    found = net.check(rules, as_of)
    frame = pd.DataFrame(
        {
            "rule": [v.rule for v in found],
            "check": [v.check for v in found],
            "severity": pd.Categorical([v.severity for v in found], categories=["info", "warning", "error"], ordered=True),
            "entity_kind": [v.entity_kind for v in found],
            "entity": [v.entity for v in found],
            "message": [v.message for v in found],
            "evidence": [tuple(v.evidence) for v in found],
        }
    )
    names: Dict[str, str] = {}
    for kind in ("organization", "document", "program", "task", "area", "topic"):
        names.update(_names_of(net, kind))
    frame.insert(5, "entity_name", frame["entity"].map(names))
    return frame


def pairs_frame(net: Any, k: int = 10, **kwargs: Any):
    """The ``k`` organization pairs that share the most work (``net.top_pairs``'s
    arguments), with names: a, a_name, b, b_name, count, weight.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
    ...                                                 {"org": "org:b", "role": "coordinate"}]}]}''')
    >>> pairs_frame(net)[["a_name", "b_name", "count"]].values.tolist()
    [['A', 'B', 1]]
    """
    pd = _pd()
    pairs = net.top_pairs(k, **kwargs)
    frame = pd.DataFrame(
        {
            "a": [p.a for p in pairs],
            "b": [p.b for p in pairs],
            "count": np.array([p.count for p in pairs], dtype=np.int64),
            "weight": np.array([p.weight for p in pairs], dtype=np.float64),
        }
    )
    return _add_names(frame, net, {"a": "organization", "b": "organization"})


def centrality_frame(net: Any, weight: Optional[str] = None, exact: bool = True, k: Optional[int] = None,
                     seed: int = 0, **kwargs: Any):
    """Network metrics of every organization in the graph, one row each (index: id):
    name, kind, degree, weighted_degree (with ``weight``), betweenness, closeness,
    component (0 = largest) and broker (an articulation point). ``exact=False`` with ``k``
    samples betweenness. Other keyword arguments (``on``, ``roles``, ``min_weight``,
    ``scope``) go to the metrics. Sorted by betweenness, largest first.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}, {"id": "org:c", "name": "C"}],
    ...   "tasks": [{"id": "task:1", "name": "T", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    ...             {"id": "task:2", "name": "U", "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "coordinate"}]}]}''')
    >>> c = centrality_frame(net)
    >>> c.index[0], bool(c.loc["org:b", "broker"]), float(c.loc["org:b", "betweenness"])
    ('org:b', True, 1.0)
    """
    pd = _pd()
    degree = net.degree(**kwargs)
    frame = pd.DataFrame({"degree": pd.Series(degree, dtype="int64")})
    frame.index.name = "org"
    if weight:
        frame["weighted_degree"] = pd.Series(net.degree(weight=weight, **kwargs), dtype="float64")
    frame["betweenness"] = pd.Series(net.betweenness(exact=exact, k=k, seed=seed, weight=weight, **kwargs), dtype="float64")
    frame["closeness"] = pd.Series(net.closeness(weight=weight, **kwargs), dtype="float64")
    comp_kwargs = {key: v for key, v in kwargs.items() if key in ("on", "roles", "min_weight", "scope")}
    label = {org: c for c, members in enumerate(net.components(**comp_kwargs)) for org in members}
    frame["component"] = frame.index.map(label).astype("int64") if len(frame) else pd.Series(dtype="int64")
    frame["broker"] = frame.index.isin(net.articulation_points(**comp_kwargs))
    orgs = entity_frame(net, "organization").set_index("id")
    frame.insert(0, "kind", orgs["kind"].reindex(frame.index))
    frame.insert(0, "name", orgs["name"].reindex(frame.index))
    return frame.sort_values(["betweenness", "degree"], ascending=False, kind="stable")


def succession_frame(net: Any, date: Any, roles: Optional[Iterable[str]] = None):
    """What became of each responsibility on ``date`` after reorganizations: one row per
    role of the network as of that day and per orphaned role — original_org (who held it
    in the full network, and name), role, raci, target_kind, target (and name), org (who
    holds it that day, ``None`` when orphaned, and name), inherited (carried by a
    reorganization), orphaned, and event (the event that carried or ended it). ``roles``
    keeps only those role names.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "organizations": [{"id": "org:x", "name": "X", "valid_to": "2025-06-30"},
    ...                     {"id": "org:y", "name": "Y", "valid_to": "2025-06-30"},
    ...                     {"id": "org:xy", "name": "XY", "valid_from": "2025-07-01"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:x", "role": "lead"},
    ...                                                     {"org": "org:y", "role": "advise"}]}],
    ...   "events": [{"id": "event:merge", "name": "Hợp nhất", "kind": "merge", "date": "2025-07-01",
    ...               "from": ["org:x", "org:y"], "to": ["org:xy"]}]}''')
    >>> succession_frame(net, "2025-09-01")[["original_org", "role", "org", "event"]].values.tolist()
    [['org:x', 'lead', 'org:xy', 'event:merge'], ['org:y', 'advise', 'org:xy', 'event:merge']]
    """
    pd = _pd()
    dated = net.as_of(date)
    held = roles_frame(dated, names=False)
    carried = held["carried_from"].notna()
    rows = pd.DataFrame({
        "original_org": held["carried_from"].where(carried, held["org"]),
        "role": held["role"].astype(object),
        "raci": held["raci"].astype(object),
        "target_kind": held["target_kind"].astype(object),
        "target": held["target"],
        "org": held["org"],
        "inherited": carried.to_numpy(),
        "orphaned": np.zeros(len(held), dtype=bool),
        "event": held["carried_event"],
    })
    o = _convert(_core_of(dated), _core.orphan_table(_core_of(dated)))
    letters = {name: letter for name, _labels, letter, *_ in _core_of(dated).vocabulary()}
    orphans = pd.DataFrame({
        "original_org": o["org"], "role": o["role"], "raci": [letters[r] for r in o["role"]],
        "target_kind": np.asarray(o["target_kind"], dtype=object), "target": o["target"], "org": np.full(len(o["org"]), None, dtype=object),
        "inherited": np.zeros(len(o["org"]), dtype=bool), "orphaned": np.ones(len(o["org"]), dtype=bool),
        "event": o["event"],
    })
    frame = pd.concat([rows, orphans], ignore_index=True) if len(orphans) else rows.reset_index(drop=True)
    if roles is not None:
        frame = frame[frame["role"].isin(list(roles))].reset_index(drop=True)
    frame = _add_names(frame, net, {"original_org": "organization", "target": "target"})
    return _add_names(frame, dated, {"org": "organization"})  # the name it bears that day


class FramesMixin:
    """DataFrame methods of :class:`danvan.Network` (the entity tables themselves are
    ``net.organizations()``, ``net.tasks()``, ``net.roles()``, ...)."""

    __slots__ = ()

    def evidence_frame(self, max_classification: Optional[str] = None):
        """See :func:`danvan._frames.evidence_frame`; with ``max_classification``, the
        evidence of :meth:`Network.redact` at that ceiling."""
        return evidence_frame(self if max_classification is None else self.redact(max_classification))

    @dated
    def raci_frame(self, scope: Any = None, wide: bool = False):
        """See :func:`danvan._frames.raci_frame`."""
        return raci_frame(self, scope, wide)

    @dated
    def portfolio_frame(self, org_id: str, scope: Any = None, include_subunits: bool = False):
        """See :func:`danvan._frames.portfolio_frame`."""
        return portfolio_frame(self, org_id, scope, include_subunits)

    def violations_frame(self, rules: Any = None, as_of: Any = None):
        """See :func:`danvan._frames.violations_frame`."""
        return violations_frame(self, rules, as_of)

    @dated
    def pairs_frame(self, k: int = 10, **kwargs: Any):
        """See :func:`danvan._frames.pairs_frame`."""
        return pairs_frame(self, k, **kwargs)

    @dated
    def centrality_frame(self, weight: Optional[str] = None, exact: bool = True, k: Optional[int] = None,
                         seed: int = 0, **kwargs: Any):
        """See :func:`danvan._frames.centrality_frame`."""
        return centrality_frame(self, weight, exact, k, seed, **kwargs)

    def succession_frame(self, date: Any, roles: Optional[Iterable[str]] = None):
        """See :func:`danvan._frames.succession_frame`."""
        return succession_frame(self, date, roles)
