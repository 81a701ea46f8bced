"""Responsibility for :class:`danvan.Network`, and the tables queries return.

:class:`ResponsibilityMixin` gives a network the questions analysts ask most —
who answers for a task, program or directive (:meth:`~ResponsibilityMixin.roles_of`,
:meth:`~ResponsibilityMixin.lead_of`, :meth:`~ResponsibilityMixin.accountability_chain`),
what an organization carries (:meth:`~ResponsibilityMixin.portfolio`), the RACI matrix
(:meth:`~ResponsibilityMixin.raci`). A scope with ``as_of`` answers on the network as
of that day (see danvan._time); the coverage rules are danvan._coverage's.

Tables come back as :class:`Table`: a ``dict`` of equally long numpy arrays, so
``pandas.DataFrame(table)`` builds a frame without a Python loop over rows.

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

from collections import namedtuple
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

import numpy as np

from . import _core
from ._args import core_of as _core_of, scope_arg as _scope
from ._time import dated

__all__ = [
    "ChainLink",
    "ResponsibilityMixin",
    "Table",
    "accountability_chain",
    "lead_of",
    "lead_of_many",
    "portfolio",
    "raci",
    "roles_of",
]

ScopeLike = Union["_core.Scope", Mapping[str, Any], None]


# ---- tables -------------------------------------------------------------------------


class Table(dict):
    """Columns of a query result: a ``dict`` from column name to equally long numpy
    arrays (ids and words as object arrays, positions as ``int64``).

    ``pandas.DataFrame(table)`` (or :meth:`to_pandas`) makes a frame of it; :attr:`nrows`
    counts the rows; :meth:`rows` yields them as named tuples.

    >>> t = Table({"org": np.array(["org:a", "org:b"], dtype=object), "n": np.array([1, 2])})
    >>> t.nrows, [r.org for r in t.rows()]
    (2, ['org:a', 'org:b'])
    """

    __slots__ = ()

    @property
    def nrows(self) -> int:
        """Number of rows."""
        for column in self.values():
            return len(column)
        return 0

    @property
    def columns(self) -> List[str]:
        return list(self.keys())

    def rows(self) -> Iterator[Tuple[Any, ...]]:
        """The rows as named tuples with the column names as fields."""
        Row = namedtuple("Row", list(self.keys()))  # type: ignore[misc]
        for values in zip(*self.values()):
            yield Row(*values)

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the columns (pandas is imported on first use)."""
        import pandas as pd

        return pd.DataFrame(dict(self))

    def __repr__(self) -> str:
        return f"<danvan.Table {self.nrows} rows: {', '.join(self.keys())}>"


def _table(columns: Dict[str, Any]) -> Table:
    return Table(columns)


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


#: The compiled look-up, bound once: net.lead_of() is called by the hundred thousand.
_lead_of = _core.lead_of


def lead_of(net: Any, task_id: str) -> Optional[str]:
    """The id of the single responsible (R) organization of a task, ``None`` when there
    is none or more than one. Raises :class:`danvan.NotFoundError` for an unknown id."""
    return _lead_of(_core_of(net), task_id)


def lead_of_many(net: Any, tasks: Any, letter: str = "R") -> np.ndarray:
    """Batch :func:`lead_of`: ``tasks`` is an int array of task positions or a sequence of
    ids; returns an ``int64`` array of organization positions, ``-1`` where a task has
    none, ``-2`` where it has several. One C++ call; the GIL is released."""
    return _core.lead_of_many(_core_of(net), tasks, letter)


def roles_of(net: Any, id: str, scope: ScopeLike = None, rollup: bool = True) -> Table:
    """The roles on a task, program or document (see :meth:`ResponsibilityMixin.roles_of`)."""
    return _table(_core.roles_of(_core_of(net), id, _scope(scope), rollup))


def portfolio(net: Any, org_id: str, scope: ScopeLike = None, include_subunits: bool = False) -> Table:
    """What an organization carries (see :meth:`ResponsibilityMixin.portfolio`)."""
    return _table(_core.portfolio(_core_of(net), org_id, _scope(scope), include_subunits))


def raci(net: Any, scope: ScopeLike = None) -> Table:
    """The RACI matrix of a scope (see :meth:`ResponsibilityMixin.raci`)."""
    return _table(_core.raci_matrix(_core_of(net), _scope(scope)))


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

    def lead_of(self, task_id: str) -> Optional[str]:
        """The id of the single responsible (R: lead or advise) organization of a task;
        ``None`` when there is none or more than one.

        >>> net.lead_of("task:so-ket")  # doctest: +SKIP
        'org:ban-dan-van'
        """
        return _lead_of(self._core, task_id)  # type: ignore[attr-defined]

    def lead_of_many(self, tasks: Any, letter: str = "R") -> np.ndarray:
        """Batch :meth:`lead_of`: ``tasks`` as an int array of task positions or a sequence
        of task ids; returns an ``int64`` array of organization positions, ``-1`` for none
        and ``-2`` for several (``letter`` ``"A"`` asks for the accountable one). One C++
        call with the GIL released."""
        return _core.lead_of_many(self._core, tasks, letter)  # type: ignore[attr-defined]

    @dated
    def roles_of(self, id: str, scope: ScopeLike = None, rollup: bool = True) -> Table:
        """The roles on a task, program or document, each row saying where it came from.

        A program's rows are its own roles (``path`` ``"own"``) then, with ``rollup``, those
        of its tasks (``"program_task"``, ``program`` set). A document's rows are those of
        every program and task implementing it, or implementing a document that
        implements or continues it, directly or not (``"implements"``, ``document`` set to
        the document the item implements) and of those programs' tasks. Columns: org,
        role, raci, target_kind, target, path, program, document, org_pos, target_pos,
        role_pos.
        """
        return roles_of(self, id, scope, rollup)

    @dated
    def portfolio(self, org_id: str, scope: ScopeLike = None, include_subunits: bool = False) -> Table:
        """Every role an organization holds in scope (and, with ``include_subunits``, those
        of its descendants; ``org`` names the holder), with :meth:`roles_of`'s columns.
        Group by ``role`` for "what it carries, by role"."""
        return portfolio(self, org_id, scope, include_subunits)

    @dated
    def raci(self, scope: ScopeLike = None) -> Table:
        """The RACI matrix (organizations × tasks) of a scope as its non-empty cells:
        task, org, raci (``"R"``, ``"RA"``, ...), task_pos, org_pos, letters (bit mask
        R=1, A=2, C=4, I=8). ``Table.to_pandas().pivot(index="org", columns="task",
        values="raci")`` gives the matrix."""
        return raci(self, scope)

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

    if names not in ("short", "name", "id"):
        raise ArgumentError(f"names: `{names}` is not one of short, name, id")
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
