"""Responsibility for :class:`danvan.Network`, and the tables queries return.

:class:`ResponsibilityMixin` gives a network the questions analysts ask most —
who answers for a task, program or directive (:meth:`~ResponsibilityMixin.roles_of`,
:meth:`~ResponsibilityMixin.lead_of`, :meth:`~ResponsibilityMixin.accountability_chain`),
what an organization carries (:meth:`~ResponsibilityMixin.portfolio`), the RACI matrix
(:meth:`~ResponsibilityMixin.raci`). A scope with ``as_of`` answers on the network as
of that day (see danvan._time); the coverage rules are danvan._coverage's.

Tables come back as pandas DataFrames (see docs/python.md, "Tables"): ids as
categoricals with a ``_name`` column beside each.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:tinh-uy", "name": "Tỉnh ủy"},
...                     {"id": "org:ban-dan-van", "name": "Ban Dân vận", "parent": "org:tinh-uy"}],
...   "tasks": [{"id": "task:so-ket", "name": "Sơ kết", "kind": "review",
...              "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]}]}''')
>>> net.lead_of("task:so-ket")
'org:ban-dan-van'
>>> [(link.org, link.link) for link in net.accountability_chain("task:so-ket")]
[('org:ban-dan-van', 'responsible'), ('org:tinh-uy', 'accountable')]
>>> list(net.roles_of("task:so-ket")["raci"])
['R', 'A']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Union

import numpy as np

from . import _core
from ._args import argument_error, core_of as _core_of, scope_arg as _scope
from ._time import dated

__all__ = [
    "ChainLink",
    "ResponsibilityMixin",
    "accountability_chain",
    "lead_of",
    "lead_of_many",
    "portfolio",
    "raci",
    "roles_of",
]

ScopeLike = Union["_core.Scope", Mapping[str, Any], None]


# ---- small value types ----------------------------------------------------------------


@dataclass(frozen=True)
class ChainLink:
    """One organization of an accountability chain: ``link`` is ``"responsible"``,
    ``"accountable"`` or ``"parent"``; ``role`` and ``target`` name the role that put it
    there (``None`` for parents)."""

    org: str
    link: str
    role: Optional[str] = None
    target: Optional[str] = None


# ---- functions over any network (danvan.Network or its core) -----------------------


#: The compiled look-up itself, bound once and called without the argument-error wrapper
#: every other core function has (danvan._args): net.lead_of() is called by the hundred
#: thousand, and the wrapper's call costs as much as the look-up.
_lead_of = getattr(_core.lead_of, "__wrapped__", _core.lead_of)


def lead_of(net: Any, task_id: str) -> Optional[str]:
    """The id of the single responsible (R: lead or advise) organization of a task;
    ``None`` when there is none or more than one. Raises :class:`danvan.NotFoundError`
    for an unknown id. Also the method ``net.lead_of(task_id)``.

    >>> net.lead_of("task:so-ket")  # doctest: +SKIP
    'org:ban-dan-van'
    """
    core = getattr(net, "_core", net)  # _core_of inlined: a call fewer per look-up
    try:
        return _lead_of(core, task_id)
    except TypeError as e:
        raise argument_error(_lead_of, e, (core, task_id), {}) from None


def lead_of_many(net: Any, tasks: Any, letter: str = "R") -> np.ndarray:
    """Batch :func:`lead_of`: ``tasks`` is an int array of task positions or a sequence of
    ids; returns an ``int64`` array of organization positions, ``-1`` where a task has
    none, ``-2`` where it has several. One C++ call; the GIL is released."""
    return _core.lead_of_many(_core_of(net), tasks, letter)


def _roles_frame(net: Any, raw: Mapping[str, Any]) -> Any:
    """A roles_of / portfolio result of the core as a DataFrame."""
    import pandas as pd

    from ._frames import name_ids

    vocabulary = [d[0] for d in _core_of(net).vocabulary()]
    frame = pd.DataFrame({
        "org": raw["org"],
        "role": pd.Categorical(raw["role"], categories=vocabulary),
        "raci": pd.Categorical(raw["raci"], categories=_RACI_CELLS),
        "target_kind": pd.Categorical(raw["target_kind"], categories=["program", "task"]),
        "target": raw["target"],
        "path": pd.Categorical(raw["path"], categories=["own", "program_task", "implements"]),
        "program": raw["program"],
        "document": raw["document"],
    })
    return name_ids(frame, net, {"org": ("organization",), "target": ("program", "task"),
                                 "program": ("program",), "document": ("document",)})


#: The letters a role or a RACI cell can have, in the order tables sort them.
_RACI_CELLS = ["R", "A", "C", "I"]


def roles_of(net: Any, id: str, scope: ScopeLike = None, rollup: bool = True) -> Any:
    """The roles on a task, program or document (see :meth:`ResponsibilityMixin.roles_of`)."""
    return _roles_frame(net, _core.roles_of(_core_of(net), id, _scope(scope), rollup))


def portfolio(net: Any, org_id: str, scope: ScopeLike = None, include_subunits: bool = False) -> Any:
    """What an organization carries (see :meth:`ResponsibilityMixin.portfolio`)."""
    return _roles_frame(net, _core.portfolio(_core_of(net), org_id, _scope(scope), include_subunits))


def raci(net: Any, scope: ScopeLike = None, wide: bool = False, names: str = "short") -> Any:
    """The RACI matrix of a scope (see :meth:`ResponsibilityMixin.raci`)."""
    import pandas as pd

    from ._frames import name_ids

    _check_names(names)
    m = _core.raci_matrix(_core_of(net), _scope(scope))
    frame = pd.DataFrame({"task": m["task"], "org": m["org"], "raci": m["raci"]})
    if wide:
        if frame.empty:
            return pd.DataFrame(index=pd.Index([], name="task"))
        table = frame.pivot(index="task", columns="org", values="raci").fillna("")
        in_order = np.argsort(m["org_pos"], kind="stable")  # tasks come in file order already
        table = table.reindex(index=list(dict.fromkeys(m["task"])), columns=list(dict.fromkeys(m["org"][in_order])))
        if names != "id":
            def labels(ids: List[str], kind: str) -> List[str]:
                return net.short_labels(ids, kind=kind) if names == "short" else [net[i].name for i in ids]

            table.index = pd.Index(labels(list(table.index), "task"), name="task")
            table.columns = pd.Index(labels(list(table.columns), "organization"), name="org")
        return table
    frame = name_ids(frame, net, {"task": ("task",), "org": ("organization",)})
    if net.date is not None:  # a network as of a day: the cells a reorganization carried
        from ._frames import roles_frame

        roles = roles_frame(net, names=False)
        carried = roles[roles.carried_from.notna() & (roles.target_kind == "task")]
        origins = (carried.astype({"target": object, "org": object, "carried_from": object})
                   .groupby(["target", "org"], sort=False).carried_from.agg(lambda s: ";".join(dict.fromkeys(s))))
        frame["carried_from"] = [origins.get((task, org), np.nan)
                                 for task, org in zip(frame.task.astype(object), frame.org.astype(object))]
    return frame


def _check_names(names: str) -> None:
    from ._errors import ArgumentError

    if names not in ("short", "name", "id"):
        raise ArgumentError(f"names: `{names}` is not one of short, name, id")


def accountability_chain(net: Any, task_id: str, scope: ScopeLike = None) -> List[ChainLink]:
    """Who answers for a task (see :meth:`ResponsibilityMixin.accountability_chain`)."""
    return [ChainLink(*step) for step in _core.accountability_chain(_core_of(net), task_id, _scope(scope))]


# ---- the mixin ----------------------------------------------------------------------------


class ResponsibilityMixin:
    """Responsibility queries of :class:`danvan.Network`.

    Every query that takes ``scope`` accepts a danvan Scope, a dict of its fields
    (``{"as_of": "2023-09-16", "roles": ["lead"]}``) or ``None`` for everything.
    Unknown ids raise :class:`danvan.NotFoundError` (a ``KeyError``) naming the nearest ids.
    """

    __slots__ = ()

    lead_of = lead_of  # the module function itself: one frame per look-up, not two

    def lead_of_many(self, tasks: Any, letter: str = "R") -> np.ndarray:
        """Batch :meth:`lead_of`: ``tasks`` as an int array of task positions or a sequence
        of task ids; returns an ``int64`` array of organization positions, ``-1`` for none
        and ``-2`` for several (``letter`` ``"A"`` asks for the accountable one). One C++
        call with the GIL released."""
        return _core.lead_of_many(self._core, tasks, letter)  # type: ignore[attr-defined]

    @dated
    def roles_of(self, id: str, scope: ScopeLike = None, rollup: bool = True) -> Any:
        """The roles on a task, program or document, each row saying where it came from
        (a ``pandas.DataFrame``).

        A program's rows are its own roles (``path`` ``"own"``) then, with ``rollup``, those
        of its tasks (``"program_task"``, ``program`` set). A document's rows are those of
        every program and task implementing it, or implementing a document that
        implements or continues it, directly or not (``"implements"``, ``document`` set to
        the document the item implements) and of those programs' tasks. Columns: org,
        org_name, role, raci, target_kind, target, target_name, path, program,
        program_name, document, document_name.
        """
        return roles_of(self, id, scope, rollup)

    @dated
    def portfolio(self, org_id: str, scope: ScopeLike = None, include_subunits: bool = False) -> Any:
        """Every role an organization holds in scope (and, with ``include_subunits``, those
        of its descendants; ``org`` names the holder), with :meth:`roles_of`'s columns.
        Group by ``role`` for "what it carries, by role"."""
        return portfolio(self, org_id, scope, include_subunits)

    @dated
    def raci(self, scope: ScopeLike = None, wide: bool = False, *, names: str = "short") -> Any:
        """The RACI matrix of a scope. Long form (default): one row per non-empty cell —
        task, task_name, org, org_name, raci (``"R"``, ``"RA"``, ...), and on a network as
        of a day (or with ``scope={"as_of": ...}``) carried_from: the organizations whose
        roles a reorganization carried into the cell (``;``-joined; ``NaN`` for a cell the
        organization holds itself). ``wide=True``: tasks × organizations with the letters
        in the cells and ``""`` where empty, labelled by short labels (``names="short"``:
        aliases such as "UBND tỉnh" where they exist, never two alike), full names
        (``"name"``) or ids (``"id"``); tasks and organizations in file order.

        >>> import danvan
        >>> net = danvan.Network.loads('''{"danvan": "1",
        ...   "organizations": [{"id": "org:a", "name": "Ban A", "aliases": ["BA"]}, {"id": "org:b", "name": "B"}],
        ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
        ...                                                 {"org": "org:b", "role": "direct"}]}]}''')
        >>> net.raci(wide=True).loc["T"].to_dict()
        {'BA': 'R', 'B': 'A'}
        """
        return raci(self, scope, wide, names)

    @dated
    def accountability_chain(self, task_id: str, scope: ScopeLike = None) -> List[ChainLink]:
        """Who answers for a task: its responsible organizations (R), then the accountable
        ones (A) — from its program when the task has none — then the parents of the
        first accountable (or responsible) organization up to the top."""
        return accountability_chain(self, task_id, scope)

    @dated
    def responsibility(self, scope: ScopeLike = None, *, names: str = "short") -> Any:
        """Who answers for what, a row per program and task — the table a briefing needs,
        without a pivot (a ``pandas.DataFrame``, index ``id``).

        Columns: ``kind`` (program, task), ``name``; ``R``, ``A``, ``C``, ``I``: the
        organizations holding a role of that RACI letter; one column per role the
        network uses, in the vocabulary's order (``lead``, ``advise``, ``direct``,
        ``coordinate``, ...): the organizations holding it; ``program`` (a task's, its
        name), ``directive`` (the documents the item implements, their names), ``start``
        (first day), ``end`` and ``due`` (last days: ``2025`` ends on 2025-12-31), as
        ``datetime64`` (``NaT`` when not given), and ``status``. Organizations are
        ``"; "``-joined (``""`` for none), each by its short label (``names="short"``: an alias such as
        "UBND tỉnh" or "MTTQ" where the data has one, never two alike), its full name
        (``"name"``) or its id (``"id"``). A ``scope`` with ``as_of`` answers on the
        network as of that day (roles follow reorganizations); with ``ceiling``, nothing
        above it; other scope fields do not apply here.

        >>> import danvan
        >>> net = danvan.Network.loads('''{"danvan": "1",
        ...   "organizations": [{"id": "org:u", "name": "Ủy ban nhân dân tỉnh", "aliases": ["UBND tỉnh"]},
        ...                     {"id": "org:m", "name": "Mặt trận", "aliases": ["MTTQ"]}],
        ...   "tasks": [{"id": "task:t", "name": "Đối thoại", "status": "done",
        ...              "roles": [{"org": "org:u", "role": "lead"}, {"org": "org:m", "role": "coordinate"}]}]}''')
        >>> r = net.responsibility()
        >>> r.loc["task:t", ["lead", "coordinate", "R", "C", "status"]].tolist()
        ['UBND tỉnh', 'MTTQ', 'UBND tỉnh', 'MTTQ', 'done']
        """
        return responsibility_frame(self, scope, names)


def responsibility_frame(net: Any, scope: ScopeLike, names: str) -> Any:
    """:meth:`ResponsibilityMixin.responsibility` (the scope's ``as_of`` already applied)."""
    import pandas as pd

    from ._errors import ArgumentError

    _check_names(names)
    core_scope = _scope(scope)
    if core_scope is not None:
        others = [f for f in ("window", "roles", "topics", "areas", "program", "document")
                  if getattr(core_scope, f, None) not in (None, (), [])]
        if others:
            raise ArgumentError(f"scope: {', '.join(others)} do not apply to responsibility (as_of and ceiling do)")
        if core_scope.ceiling is not None:
            net = net.redact(core_scope.ceiling)
    roles = net.roles()
    orgs = roles["org"].astype(object).to_numpy()
    if names == "short":
        unique = list(dict.fromkeys(orgs.tolist()))
        label = dict(zip(unique, net.short_labels(unique)))
        who = np.array([label[o] for o in orgs], dtype=object)
    else:
        who = roles["org_name"].astype(object).to_numpy() if names == "name" else orgs
    cells = pd.DataFrame({"target": roles["target"].astype(object).to_numpy(), "who": who,
                          "role": roles["role"].astype(object).to_numpy(), "raci": roles["raci"].astype(object).to_numpy()})

    def joined(column: str):  # one "; "-joined cell per target and value of `column`, holders in role order
        table = cells.drop_duplicates(["target", column, "who"]).groupby(["target", column], sort=False)["who"]
        return table.agg("; ".join).unstack(column)

    programs, tasks = net.programs(), net.tasks()
    items = []
    for kind, frame in (("program", programs), ("task", tasks)):
        part = pd.DataFrame({"kind": kind, "name": frame["name"].to_numpy()}, index=pd.Index(frame["id"], name="id"))
        part["start"] = frame["start"].to_numpy()
        part["end"] = frame["end_last"].to_numpy()  # the period's last day: `2025` ends on 2025-12-31
        part["due"] = frame["due_last"].to_numpy() if "due" in frame else pd.NaT
        part["status"] = frame["status"].astype(object).to_numpy() if "status" in frame else ""
        part["program"] = frame["program"].to_numpy() if "program" in frame else None
        part["directive"] = ["; ".join(d) for d in frame["implements"]]
        items.append(part)
    out = pd.concat(items)
    used = [d.name for d in net.vocabulary if d.name in set(cells["role"])]
    by_letter = joined("raci").reindex(columns=["R", "A", "C", "I"])
    by_role = joined("role").reindex(columns=used)
    out = out.join(by_letter).join(by_role)
    program_names = dict(zip(programs["id"], programs["name"]))
    documents = net.documents()
    document_names = dict(zip(documents["id"], documents["name"]))
    out.insert(out.columns.get_loc("program") + 1, "program_name", out["program"].map(program_names))
    out.insert(out.columns.get_loc("directive") + 1, "directive_name",
               ["; ".join(document_names.get(x, x) for x in d.split("; ")) if d else "" for d in out["directive"]])
    out["kind"] = pd.Categorical(out["kind"], categories=["program", "task"])
    front = ["kind", "name", "R", "A", "C", "I", *used]
    out = out[front + [c for c in out.columns if c not in front]]
    text = [c for c in out.columns if c not in ("kind", "start", "end", "due")]
    out[text] = out[text].fillna("")  # one blank for "none" in every text cell; dates stay NaT
    return out
