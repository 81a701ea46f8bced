"""Overlap and network metrics for :class:`danvan.Network` (SPEC section 4):
who shares work with whom, who duplicates whom, and who holds the network together.

The methods live in :class:`OverlapMixin`, a base class of ``danvan.Network``.
Heavy work runs in C++ without the GIL; results are NumPy arrays turned into
``scipy.sparse`` matrices or pandas DataFrames without a Python loop.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"},
...                     {"id": "org:c", "name": "C"}],
...   "tasks": [
...     {"id": "task:1", "name": "T1", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
...     {"id": "task:2", "name": "T2", "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
...                                             {"org": "org:c", "role": "coordinate"}]}]}''')
>>> p = net.projection()
>>> p.to_scipy().toarray().tolist()
[[0, 2, 1], [2, 0, 1], [1, 1, 0]]
>>> net.top_pairs(1)[["a", "b", "count"]].values.tolist()
[['org:a', 'org:b', 2]]
>>> net.coordination_path("org:c", "org:a")
['org:c', 'task:2', 'org:a']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple, Union

import numpy as np

from . import _core
from ._args import scope_arg as _scope
from ._time import dated
from ._errors import ArgumentError
from ._frames import _pd, named_ids, put_ids

__all__ = [
    "ArgumentError",
    "OverlapMixin",
    "Projection",
    "ProjectionSize",
    "TopicOverlap",
]

RoleNames = Union[None, str, Sequence[str]]
#: ``(left, right)`` role names, or one set for both sides; ``None`` means any role.
RolePair = Union[None, str, Sequence[Any]]
ScopeLike = Union[None, "_core.Scope", Dict[str, Any]]


# ---- argument helpers ----------------------------------------------------------------


def _names(roles: RoleNames) -> Optional[List[str]]:
    if roles is None:
        return None
    if isinstance(roles, str):
        return [roles]
    return [str(r) for r in roles]


def _role_pair(roles: RolePair) -> Tuple[Optional[List[str]], Optional[List[str]]]:
    """``(left, right)`` from a tuple of two (each None, a name or a list of names); a name
    or a list of names applies to both sides."""
    if isinstance(roles, tuple):
        if len(roles) != 2:
            raise TypeError("roles: a tuple must be a (left, right) pair")
        return _names(roles[0]), _names(roles[1])
    if roles is None or isinstance(roles, str) or all(isinstance(r, str) for r in roles):
        return _names(roles), _names(roles)
    raise TypeError("roles: expected None, a role name, a list of role names, or a (left, right) tuple of those")


def _check_on(on: str) -> str:
    if on not in ("tasks", "programs"):
        raise ArgumentError(f"on: `{on}` is not one of tasks, programs")
    return on


# ---- results -------------------------------------------------------------------------


def _tuples(lists: Sequence[Sequence[str]]) -> np.ndarray:
    """An object column of tuples (a list of tuples would become a 2-D array)."""
    out = np.empty(len(lists), dtype=object)
    for i, values in enumerate(lists):
        out[i] = tuple(values)
    return out


@dataclass(frozen=True)
class ProjectionSize:
    """What a projection costs, known before it is built (see :meth:`OverlapMixin.projection_size`).

    ``pair_increments`` is Σ over items of C(d, 2): the work, and the bound on pairs;
    ``upper_bound`` bounds the stored entries (both directions of each pair);
    ``entries`` is the exact number after the threshold when asked (else ``None``);
    ``bytes`` the heap size of the result.
    """

    items: int
    pair_increments: int
    upper_bound: int
    entries: Optional[int]
    bytes: int


class _Labels:
    """The ids of one kind of entity, read from the network when first asked for."""

    __slots__ = ("_core", "_kind", "_ids")

    def __init__(self, core: Any, kind: str) -> None:
        self._core, self._kind, self._ids = core, kind, None

    def get(self) -> List[str]:
        if self._ids is None:
            self._ids = self._core.ids(self._kind)
        return self._ids


class _Sparse:
    """A CSR matrix as arrays, with labels for rows and columns."""

    __slots__ = ("indptr", "indices", "counts", "shape", "_rows_of", "_cols_of")

    def __init__(self, d: Dict[str, Any], rows_of: _Labels, cols_of: _Labels) -> None:
        self.indptr: np.ndarray = d["indptr"]
        self.indices: np.ndarray = d["indices"]
        self.counts: np.ndarray = d["counts"]
        self.shape: Tuple[int, int] = tuple(d["shape"])
        self._rows_of = rows_of
        self._cols_of = cols_of

    @property
    def _row_ids(self) -> List[str]:
        return self._rows_of.get()

    @property
    def _col_ids(self) -> List[str]:
        return self._cols_of.get()

    @property
    def data(self) -> np.ndarray:
        return self.counts

    @property
    def nnz(self) -> int:
        return int(self.indices.shape[0])

    def to_scipy(self):
        """The matrix as a ``scipy.sparse.csr_matrix`` sharing these arrays (no copy)."""
        import scipy.sparse

        return scipy.sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape, copy=False)

    def _rows(self) -> np.ndarray:
        return np.repeat(np.arange(self.shape[0], dtype=np.int32), np.diff(self.indptr))


class Projection(_Sparse):
    """The organization × organization projection (see :meth:`OverlapMixin.projection`).

    ``indptr``, ``indices``, ``counts`` (shared items) and ``weights`` (``None`` for
    ``weight="count"``) are the CSR arrays; ``data`` is the weight of each entry.
    Rows and columns are organization positions, labelled by :attr:`organizations`.
    Symmetric when both sides take the same roles.
    """

    __slots__ = ("weights", "symmetric", "on", "weight", "row_items", "col_items")

    def __init__(self, d: Dict[str, Any], ids: _Labels) -> None:
        super().__init__(d, ids, ids)
        self.weights: Optional[np.ndarray] = d["weights"]
        self.symmetric: bool = d["symmetric"]
        self.on: str = d["on"]
        self.weight: str = d["weight"]
        self.row_items: np.ndarray = d["row_items"]
        self.col_items: np.ndarray = d["col_items"]

    @property
    def data(self) -> np.ndarray:
        return self.counts if self.weights is None else self.weights

    @property
    def organizations(self) -> List[str]:
        """The organization id of each row (and column)."""
        return self._row_ids

    def to_frame(self, upper: Optional[bool] = None):
        """One row per pair: ``a``, ``b`` (ids), ``count`` and ``weight``. For a symmetric
        projection each pair once (a before b in position order) unless ``upper=False``.

        >>> import danvan
        >>> net = danvan.Network.loads('''{"danvan": "1",
        ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
        ...   "tasks": [{"id": "task:1", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
        ...                                                  {"org": "org:b", "role": "coordinate"}]}]}''')
        >>> net.projection(weight="jaccard").to_frame().to_dict("records")
        [{'a': 'org:a', 'b': 'org:b', 'count': 1, 'weight': 1.0}]
        """
        import pandas as pd

        rows = self._rows()
        cols = self.indices
        keep = None
        if (self.symmetric if upper is None else upper):
            keep = rows < cols
            rows, cols = rows[keep], cols[keep]
        ids = np.asarray(self._row_ids, dtype=object)
        counts = self.counts if keep is None else self.counts[keep]
        data = self.data if keep is None else self.data[keep]
        return pd.DataFrame({"a": ids[rows], "b": ids[cols], "count": counts,
                             "weight": data.astype(np.float64, copy=False)})

    def __repr__(self) -> str:
        kind = "symmetric" if self.symmetric else "directed"
        return f"<danvan.Projection {self.shape[0]}x{self.shape[1]} on {self.on}, {self.weight}, {kind}, {self.nnz} entries>"


class TopicOverlap(_Sparse):
    """Organizations × topics: how many items (in scope) each organization holds per topic
    (see :meth:`OverlapMixin.topic_overlap`)."""

    __slots__ = ()

    @property
    def organizations(self) -> List[str]:
        return self._row_ids

    @property
    def topics(self) -> List[str]:
        return self._col_ids

    def to_frame(self):
        """One row per (organization, topic) with its ``count``."""
        import pandas as pd

        return pd.DataFrame({"organization": np.asarray(self._row_ids, dtype=object)[self._rows()],
                             "topic": np.asarray(self._col_ids, dtype=object)[self.indices],
                             "count": self.counts})

    def __repr__(self) -> str:
        return f"<danvan.TopicOverlap {self.shape[0]} organizations x {self.shape[1]} topics, {self.nnz} entries>"


# ---- the mixin --------------------------------------------------------------------------


class OverlapMixin:
    """Overlap and network-metric methods of :class:`danvan.Network` (uses ``self._core``).

    Common arguments:

    * ``on``: ``"tasks"`` or ``"programs"`` — what two organizations share;
    * ``roles``: ``None`` (any role); a role name or a list of names for both sides
      (``["lead", "advise"]``); or a ``(left, right)`` tuple of those: ``("lead", None)`` is
      lead–any, ``("lead", "lead")`` lead–lead, ``("lead", "advise")`` lead–advise;
    * ``scope``: a :class:`danvan.Scope`, a dict of its fields, or ``None`` (everything).
      A scope that selects nothing gives empty results, not an error;
    * ``min_weight``: keep pairs whose weight is at least this (applied while projecting);
      must not be negative (:class:`ArgumentError`).
    """

    __slots__ = ()

    def _org_ids(self) -> List[str]:
        return self._core.ids("organization")

    def _org_pos(self, org: Any) -> int:
        if isinstance(org, str):
            return self._core.at("organization", org)
        if getattr(org, "entity_kind", None) == "organization":
            # By id: the organization may come from another network (the full one, when
            # this one is as of a day).
            return self._core.at("organization", org.id)
        raise TypeError(f"expected an organization id or Organization, not {type(org).__name__}")

    # -- projection --

    @dated
    def projection(self, on: str = "tasks", weight: str = "count", roles: RolePair = (None, None),
                   min_weight: float = 0, scope: ScopeLike = None, *, threads: int = 0) -> Projection:
        """The organization × organization projection over shared tasks (or programs).

        ``weight``: ``"count"`` (shared items), ``"jaccard"`` (|A∩B| / |A∪B|), ``"overlap"``
        (|A∩B| / min(|A|, |B|)) or ``"newman"`` (Σ 1/(d−1) over shared items). Pairs under
        ``min_weight`` are never stored. Returns a :class:`Projection`: ``.to_scipy()``,
        ``.to_frame()``, ``.organizations``.

        >>> import danvan
        >>> net = danvan.Network.loads('''{"danvan": "1",
        ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
        ...   "tasks": [{"id": "task:1", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
        ...                                                  {"org": "org:b", "role": "coordinate"}]}]}''')
        >>> net.projection(roles=("lead", None)).to_frame().to_dict("records")
        [{'a': 'org:a', 'b': 'org:b', 'count': 1, 'weight': 1.0}]
        >>> net.projection(roles=("lead", "lead")).nnz
        0
        """
        left, right = _role_pair(roles)
        d = _core.projection(self._core, _scope(scope), _check_on(on), weight, left, right, float(min_weight), threads)
        return Projection(d, _Labels(self._core, "organization"))

    @dated
    def projection_size(self, on: str = "tasks", weight: str = "count", roles: RolePair = (None, None),
                        min_weight: float = 0, scope: ScopeLike = None, *, exact: bool = False) -> ProjectionSize:
        """The size of :meth:`projection` before building it: Σ C(d, 2) over items (the work
        and a bound on pairs) in one pass over the roles; with ``exact=True`` also the exact
        number of entries after the threshold (a counting pass that stores nothing)."""
        left, right = _role_pair(roles)
        d = _core.projection_size(self._core, _scope(scope), _check_on(on), weight, left, right,
                                  float(min_weight), exact)
        return ProjectionSize(**d)

    @dated
    def top_pairs(self, k: int = 10, on: str = "tasks", weight: str = "count", roles: RolePair = (None, None),
                  min_weight: float = 0, scope: ScopeLike = None) -> Any:
        """The ``k`` pairs of largest weight, largest first (ties by position), without
        building the projection, as a ``pandas.DataFrame``: a, a_name, b, b_name, count
        (items shared), weight. Fewer rows when fewer pairs share anything.

        >>> import danvan
        >>> net = danvan.Network.loads('''{"danvan": "1",
        ...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
        ...   "tasks": [{"id": "task:1", "name": "T", "roles": [{"org": "org:a", "role": "lead"},
        ...                                                  {"org": "org:b", "role": "coordinate"}]}]}''')
        >>> net.top_pairs(5).values.tolist()
        [['org:a', 'A', 'org:b', 'B', 1, 1.0]]
        """
        if int(k) < 0:
            raise ArgumentError(f"k: {k} is negative; ask for zero or more pairs")
        left, right = _role_pair(roles)
        a, b, c, w = _core.top_pairs(self._core, int(k), _scope(scope), _check_on(on), weight, left, right,
                                     float(min_weight))
        cols: Dict[str, Any] = {}
        ids, names = named_ids(self, ("organization",))
        put_ids(cols, "a", ids, names, a)
        put_ids(cols, "b", ids, names, b)
        cols["count"] = np.asarray(c, dtype=np.int64)
        cols["weight"] = np.asarray(w, dtype=np.float64)
        return _pd().DataFrame(cols)

    @dated
    def shared(self, org_a: Any, org_b: Any, on: str = "tasks", roles: RolePair = (None, None),
               scope: ScopeLike = None) -> Any:
        """The tasks (or programs) ``org_a`` and ``org_b`` share, in item order, as a
        ``pandas.DataFrame``: item, item_name, roles_a and roles_b (the role names each
        holds on it, tuples). Raises :class:`danvan.NotFoundError` for an unknown id."""
        left, right = _role_pair(roles)
        kind = "task" if _check_on(on) == "tasks" else "program"
        rows = _core.shared_items(self._core, self._org_pos(org_a), self._org_pos(org_b), _scope(scope), on, left, right)
        cols: Dict[str, Any] = {}
        ids, names = named_ids(self, (kind,))
        put_ids(cols, "item", ids, names, np.array([t for t, _, _ in rows], dtype=np.int64))
        cols["roles_a"] = _tuples([ra for _, ra, _ in rows])
        cols["roles_b"] = _tuples([rb for _, _, rb in rows])
        return _pd().DataFrame(cols)

    @dated
    def topic_overlap(self, on: str = "tasks", roles: RoleNames = None, rollup: bool = False,
                      scope: ScopeLike = None) -> TopicOverlap:
        """Organizations × topics: the items each organization holds per topic (with
        ``rollup``, also under every ancestor topic)."""
        d = _core.topic_overlap(self._core, _scope(scope), _check_on(on), _names(roles), rollup)
        return TopicOverlap(d, _Labels(self._core, "organization"), _Labels(self._core, "topic"))

    @dated
    def duplicate_candidates(self, on: str = "tasks", min_jaccard: float = 0.5, roles: RoleNames = None,
                             limit: Optional[int] = None, scope: ScopeLike = None, *, min_shared: int = 2,
                             kinds: Optional[Sequence[Union[str, Sequence[str]]]] = None, any_kind: bool = False,
                             name_weight: float = 0.5, min_score: float = 0.6) -> Any:
        """Pairs of tasks (or programs) that may be the same work, best first, as a
        ``pandas.DataFrame``: a, a_name, b, b_name, score, jaccard, name_similarity,
        same_kind, shared_organizations, organizations, topics and areas (id tuples),
        start and end (the common period, ISO text), reason.

        A pair is of the same kind of work (or of kinds one group of ``kinds`` joins,
        e.g. ``[("briefing", "dialogue")]``; a group may be one comma-separated string;
        ``any_kind=True``: any two kinds), shares a topic, overlapping areas and
        periods, at least ``min_shared`` organizations with a participant Jaccard of
        at least ``min_jaccard`` (in (0, 1]), and scores at least ``min_score``:
        ``(1 - name_weight) * jaccard + name_weight * name_similarity`` (both in [0, 1]).
        ``name_similarity`` is the share of words the two names have in common, tone
        marks and case aside, and 0 when they carry different numbers."""
        if limit is not None and int(limit) < 0:
            raise ArgumentError(f"limit: {limit} is negative")
        if int(min_shared) < 1:
            raise ArgumentError(f"min_shared_organizations: {min_shared} is not allowed; "
                                "two items must share at least 1 organization")
        groups = None
        if kinds is not None:
            if isinstance(kinds, str):
                kinds = [kinds]
            groups = [g.split(",") if isinstance(g, str) else [str(k) for k in g] for g in kinds]
        kind = "task" if _check_on(on) == "tasks" else "program"
        rows = _core.duplicate_candidates(self._core, _scope(scope), on, float(min_jaccard),
                                          _names(roles), int(limit or 0), int(min_shared), groups, bool(any_kind),
                                          float(name_weight), float(min_score))
        topics = self._core.ids("topic")
        areas = self._core.ids("area")
        cols: Dict[str, Any] = {}
        ids, names = named_ids(self, (kind,))
        put_ids(cols, "a", ids, names, np.array([r[0] for r in rows], dtype=np.int64))
        put_ids(cols, "b", ids, names, np.array([r[1] for r in rows], dtype=np.int64))
        cols["score"] = np.array([r[10] for r in rows], dtype=np.float64)
        cols["jaccard"] = np.array([r[2] for r in rows], dtype=np.float64)
        cols["name_similarity"] = np.array([r[11] for r in rows], dtype=np.float64)
        cols["same_kind"] = np.array([r[12] for r in rows], dtype=bool)
        cols["shared_organizations"] = np.array([r[3] for r in rows], dtype=np.int64)
        cols["organizations"] = np.array([r[4] for r in rows], dtype=np.int64)
        cols["topics"] = _tuples([[topics[t] for t in r[5]] for r in rows])
        cols["areas"] = _tuples([[areas[x] for x in r[6]] for r in rows])
        cols["start"] = [r[7] for r in rows]
        cols["end"] = [r[8] for r in rows]
        cols["reason"] = [r[9] for r in rows]
        return _pd().DataFrame(cols)

    # -- metrics on the organization graph --

    @dated
    def organization_graph(self, on: str = "tasks", roles: RoleNames = None, weight: Optional[str] = None,
                           min_weight: float = 0, scope: ScopeLike = None) -> "_core.OrganizationGraph":
        """The organization graph (compiled object): vertices are the organizations in scope,
        edges the pairs that share work. Reuse it for several metrics."""
        return _core.OrganizationGraph(self._core, _scope(scope), _check_on(on), _names(roles), weight or "count",
                                       float(min_weight))

    def _by_org(self, g: "_core.OrganizationGraph", values: np.ndarray) -> Dict[str, Any]:
        ids = self._org_ids()
        return {ids[o]: v for o, v in zip(g.organizations.tolist(), values.tolist())}

    @dated
    def degree(self, weight: Optional[str] = None, on: str = "tasks", roles: RoleNames = None,
               min_weight: float = 0, scope: ScopeLike = None) -> Dict[str, Union[int, float]]:
        """Degree (organizations shared with) of each organization in scope; with ``weight``
        the weighted degree (sum of the pair weights)."""
        g = self.organization_graph(on, roles, weight, min_weight, scope)
        return self._by_org(g, g.weighted_degree() if weight else g.degree())

    @dated
    def betweenness(self, exact: bool = True, k: Optional[int] = None, seed: int = 0, normalized: bool = True,
                    weight: Optional[str] = None, on: str = "tasks", roles: RoleNames = None,
                    min_weight: float = 0, scope: ScopeLike = None) -> Dict[str, float]:
        """Betweenness centrality of each organization, as ``networkx.betweenness_centrality``
        on the projected graph (same normalization). Exact by default; ``exact=False`` with
        ``k`` estimates it from ``k`` pivots drawn with ``seed``. With ``weight``, paths are
        shortest by edge length 1/weight. ``k`` above the number of organizations is an
        :class:`ArgumentError`."""
        if exact and k is not None:
            raise ArgumentError("k: exact betweenness uses every organization as a source; pass exact=False with k")
        if not exact and k is None:
            raise ArgumentError("k: sampled betweenness (exact=False) needs the number of pivots k")
        if k is not None and int(k) < 1:
            raise ArgumentError(f"k: {k} pivots; sampled betweenness needs at least one")
        g = self.organization_graph(on, roles, weight, min_weight, scope)
        values = g.betweenness(normalized, 0 if k is None else int(k), int(seed), weight is not None)
        return self._by_org(g, values)

    @dated
    def closeness(self, weight: Optional[str] = None, wf_improved: bool = True, on: str = "tasks",
                  roles: RoleNames = None, min_weight: float = 0, scope: ScopeLike = None) -> Dict[str, float]:
        """Closeness centrality of each organization, as ``networkx.closeness_centrality``
        (with ``weight``, edge length 1/weight)."""
        g = self.organization_graph(on, roles, weight, min_weight, scope)
        return self._by_org(g, g.closeness(weight is not None, wf_improved))

    @dated
    def components(self, on: str = "tasks", roles: RoleNames = None, min_weight: float = 0,
                   scope: ScopeLike = None) -> List[Set[str]]:
        """Connected components of the organization graph as sets of ids, largest first
        (ties: the one with the first organization first). Isolated organizations are
        components of their own."""
        g = self.organization_graph(on, roles, None, min_weight, scope)
        labels = g.components()
        ids = np.asarray(self._org_ids(), dtype=object)[g.organizations]
        if labels.size == 0:
            return []
        order = np.argsort(labels, kind="stable")
        cuts = np.flatnonzero(np.diff(labels[order])) + 1
        groups = [set(x.tolist()) for x in np.split(ids[order], cuts)]
        sizes = np.bincount(labels)
        ranked = sorted(range(len(groups)), key=lambda c: (-sizes[c], c))
        return [groups[c] for c in ranked]

    @dated
    def articulation_points(self, on: str = "tasks", roles: RoleNames = None, min_weight: float = 0,
                            scope: ScopeLike = None) -> List[str]:
        """Organizations whose removal splits their component (brokers), in position order."""
        g = self.organization_graph(on, roles, None, min_weight, scope)
        ids = self._org_ids()
        orgs = g.organizations
        return [ids[orgs[v]] for v in g.articulation_points().tolist()]

    @dated
    def coordination_path(self, org_a: Any, org_b: Any, on: str = "tasks", roles: RoleNames = None,
                          scope: ScopeLike = None) -> List[str]:
        """The shortest chain organization → task → organization → ... from ``org_a`` to
        ``org_b`` as ids; ``[org_a]`` when they are the same, ``[]`` when no chain exists
        (different components, or outside the scope)."""
        orgs, items = _core.coordination_path(self._core, self._org_pos(org_a), self._org_pos(org_b), _scope(scope),
                                              _check_on(on), _names(roles))
        if not orgs:
            return []
        org_ids = self._org_ids()
        item_ids = self._core.ids("task" if on == "tasks" else "program")
        path = [org_ids[orgs[0]]]
        for t, o in zip(items, orgs[1:]):
            path += [item_ids[t], org_ids[o]]
        return path
