"""pandas DataFrames for every table of a network and of its query results.

The compiled core hands over whole tables, every column a numpy array
(``bindings/register_tables.cpp``, from the tables of ``include/danvan/tables.hpp``); this
module only maps positions to ids and names with numpy indexing and wraps codes in
categoricals, so no Python code runs per row.

Conventions of every frame:

* the frame's index is the entity's ``position`` (file order); ``id`` is a column;
* references are ids, as categoricals of the ids that occur (``parent``, ``program``,
  ``issued_by``; ``NaN`` when absent), entity names ``NaN`` when absent too,
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

import functools
import inspect
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from . import _core
from ._args import core_of as _core_of
from ._time import dated

__all__ = [
    "entity_frame",
    "roles_frame",
    "evidence_frame",
    "centrality_frame",
    "succession_frame",
    "flat",
    "FramesMixin",
]

#: The words of a date's precision codes 1, 2, 3 (0 is no date).
_PRECISIONS = ["year", "month", "day"]


def _pd():
    import pandas as pd

    return pd


# ---- categoricals without pandas' checks -------------------------------------------------
#
# pandas' Categorical.from_codes checks every code and the categories (each one hashed for
# uniqueness, each one tested for NaN): for the id column of the 16,000 violations of M
# (3 ms in C++) that was 0.5-1 ms more, its 13,000 categories read again from memory the
# core call had pushed out of cache. The ids of a network are unique and the codes made
# here are in range, so the categoricals below are made without those checks: pandas' own
# from_codes(..., validate=False) where pandas has it (2.1), before that the constructor
# from_codes ends in (Categorical._simple_new; its fastpath argument checks the
# categories again).


@functools.lru_cache(maxsize=None)
def _make_categorical() -> Callable[[np.ndarray, Any], Any]:
    """A function of (codes, dtype) making a categorical; the codes must be of the
    integer type pandas keeps them in (_code_type)."""
    pd = _pd()
    if "validate" in inspect.signature(pd.Categorical.from_codes).parameters:
        return lambda codes, dtype: pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    return pd.Categorical._simple_new


#: The integer types of categorical codes with their largest values (numpy's iinfo, asked
#: once: it costs microseconds a call, and every column of a table asks).
_CODE_TYPES = [(np.iinfo(t).max, t) for t in (np.int8, np.int16, np.int32)]


def _code_type(n: int) -> type:
    """The integer type pandas keeps the codes of ``n`` categories in (so that they are
    not copied into it)."""
    for largest, t in _CODE_TYPES:
        if n < largest:
            return t
    return np.int64


def _index(values: np.ndarray):
    """A pandas Index over an object array, as it is: pandas' constructor would look at
    every value again to infer a type (0.1 ms for the 16,000 ids of a check on M)."""
    pd = _pd()
    simple = getattr(pd.Index, "_simple_new", None)
    return simple(values) if simple is not None and values.dtype == object else pd.Index(values, dtype=object)


def _id_dtype(ids: np.ndarray):
    """The categorical dtype of ids known to be unique, made without hashing them."""
    pd = _pd()
    categories = _index(np.asarray(ids, dtype=object))
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    return fast(categories, False) if fast is not None else pd.CategoricalDtype(categories)


@functools.lru_cache(maxsize=None)
def _words_dtype(words: Tuple[str, ...], ordered: bool = False):
    """The categorical dtype of a vocabulary (a few words), made and checked once."""
    return _pd().CategoricalDtype(list(words), ordered)


def words_column(codes: np.ndarray, words: Sequence[str], ordered: bool = False):
    """A categorical of ``codes`` (each ``-1`` or below ``len(words)``) into ``words``."""
    dtype = _words_dtype(tuple(words), ordered)
    return _make_categorical()(np.asarray(codes).astype(_code_type(len(words)), copy=False), dtype)


def _positions(positions: Any) -> np.ndarray:
    """Positions as a signed integer array: the core's int32 or int64 as they come."""
    pos = np.asarray(positions)
    return pos if pos.dtype.kind == "i" else pos.astype(np.int64)


def _objects_at(values: np.ndarray, positions: Any) -> np.ndarray:
    """``values.take(positions)`` of an object array (ids, names), by indexing: numpy's
    take is twice as slow on object arrays (0.3 against 0.17 ms for the 16,000 ids of a
    check on M; 0.49 against 0.16 s for 2.5 million names)."""
    return values[_positions(positions)]


def _lookup(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values[positions]`` with ``NaN`` where a position is negative (pandas' missing
    value, as in the categoricals beside)."""
    pos = _positions(positions)
    missing = pos < 0
    if not missing.any():
        return _objects_at(values, pos)
    out = _objects_at(values, np.where(missing, 0, pos)) if len(values) else np.empty(len(pos), dtype=object)
    out[missing] = np.nan
    return out


def _categorical(codes: np.ndarray, vocabulary: Sequence[str], ordered: bool = False):
    """A code column of the core (``uint8``; ``255``, or any code past the vocabulary, for
    none), mapped to pandas' codes in one ``take``."""
    n = len(vocabulary)
    code_of = np.full(256, -1, dtype=_code_type(n))
    code_of[:n] = np.arange(n)
    return words_column(code_of.take(np.asarray(codes, dtype=np.uint8)), vocabulary, ordered)


def _date_columns(name: str, raw: Any, out: Dict[str, Any]) -> None:
    """The three columns of a date column of the core (already pandas' nanoseconds)."""
    first, last, prec = raw
    out[name] = first.view("datetime64[ns]")
    out[name + "_last"] = last.view("datetime64[ns]")
    code = prec.astype(np.int8)
    code -= 1  # precision 0 (no date): code -1
    out[name + "_precision"] = words_column(code, _PRECISIONS)


def _values(table: Dict[str, Any]) -> Dict[str, Any]:
    """The values of each column of a table of the core, as they come."""
    return {name: values for name, (_kind, values, _of) in table.items()}


def _words(table: Dict[str, Any], name: str) -> List[str]:
    """The vocabulary of code column ``name`` of a table of the core."""
    return table[name][2][1]


def _convert(net: Any, table: Dict[str, Any]) -> Dict[str, Any]:
    """Turns a table of the core (``name -> (kind, values, of)``, see the top of
    bindings/register_tables.cpp) into pandas-ready columns: a reference becomes its id
    (a categorical) and ``<name>_name`` beside it, a code a categorical, a date three
    columns; the other kinds are ready as they come."""
    out: Dict[str, Any] = {}
    for name, (kind, values, of) in table.items():
        if kind == "date":
            _date_columns(name, values, out)
        elif kind == "reference":
            put_ids(out, name, id_array(net, of), id_array(net, of, True), values)
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
    due*, implements, topics, areas, roles, lead (the single R organization, ``NaN``
    when none) and leads (0, 1 or 2 meaning several); events kind, date*, approximate,
    from, to; sources kind, title, date*, url, sha256, document; areas level, code,
    parent; topics parent.

    >>> import danvan
    >>> net = danvan.Network.loads('{"danvan": "1", "organizations": ['
    ...   '{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B", "parent": "org:a"}]}')
    >>> entity_frame(net, "organization")[["id", "parent"]].values.tolist()
    [['org:a', nan], ['org:b', 'org:a']]
    """
    core = _core_of(net)
    cols = _convert(net, _core.entity_table(core, kind))
    if kind == "document":
        cols["reviews"] = _reviews(cols["reviews"])
    if kind == "task":
        lead_pos = cols.pop("lead_pos")
        put_ids(cols, "lead", id_array(net, "organization"), id_array(net, "organization", True), lead_pos)
        cols["leads"] = np.where(lead_pos == -2, 2, np.where(lead_pos >= 0, 1, 0))
    return _frame(cols, len(cols["id"]))


def roles_frame(net: Any, names: bool = True):
    """One row per role (programs' roles, then tasks' roles; index: role position).

    Columns: org, org_name, org_kind, role, raci, target_kind (``task``/``program``),
    target, target_name, classification (the highest of the role's own, its
    organization's and its target's), own_classification, source (the first evidence's
    ``src:`` id), span_begin, span_end (its character span, nullable integers),
    evidence (how many evidence entries the role has), valid_from and valid_to (with
    ``_last`` and ``_precision``, as the entity tables), and in a network as of a day
    carried_from and carried_event (where a reorganization carried the role from,
    ``NaN`` for a role its organization holds itself). ``names=False`` leaves out the
    name columns. Built from the core's arrays with numpy indexing, with no Python code
    per row: under 0.8 s for 2.5 million roles (bench/README.md, "Python layer").

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "sources": [{"id": "src:s", "name": "Báo"}],
    ...   "organizations": [{"id": "org:a", "name": "Ban A"}],
    ...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "advise",
    ...              "sources": [{"source": "src:s", "span": [3, 9]}]}]}]}''')
    >>> r = net.roles().iloc[0]
    >>> r.org_name, r.role, r.raci, r.source, r.span_begin, r.span_end
    ('Ban A', 'advise', 'R', 'src:s', 3, 9)
    """
    core = _core_of(net)
    table = _core.role_table(core)
    raw = _values(table)
    n = len(raw["org"])
    org_ids = id_array(net, "organization")
    n_programs = core.size("program")
    kinds = raw["target_kind"]
    is_task = kinds == _words(table, "target_kind").index("task")
    target_pos = raw["target"]  # the core's own array, changed in place: tasks come after the programs
    np.add(target_pos, n_programs, out=target_pos, where=is_task)
    target_ids, target_names = named_ids(net, ("program", "task"))
    org = raw["org"]
    cols: Dict[str, Any] = {"org": id_column(org_ids, org)}
    if names:
        cols["org_name"] = _objects_at(id_array(net, "organization", True), org)
    _kind, org_kinds, (_vocabulary, kind_words) = cached(
        net, ("organization", "kind"), lambda: _core.entity_table(core, "organization")["kind"])
    cols["org_kind"] = _categorical(org_kinds.take(org), kind_words)
    vocab = cached(net, "vocabulary", lambda: [name for name, *_ in core.vocabulary()])
    cols["role"] = _categorical(raw["role"], vocab)
    cols["raci"] = _categorical(raw["raci"], _words(table, "raci"))
    cols["target_kind"] = words_column(is_task.view(np.int8), ("program", "task"))
    cols["target"] = id_column(target_ids, target_pos)
    if names:
        cols["target_name"] = _objects_at(target_names, target_pos)
    for col in ("classification", "own_classification"):
        cols[col] = _categorical(raw[col], _words(table, col), ordered=True)
    cols["source"] = id_column(id_array(net, "source"), raw["source"])
    for col in ("span_begin", "span_end"):
        cols[col] = _nullable(raw[col])
    cols["evidence"] = raw["evidence"]
    _date_columns("valid_from", raw["valid_from"], cols)
    _date_columns("valid_to", raw["valid_to"], cols)
    cols["carried_from"] = _few_ids(raw["carried_from"])
    cols["carried_event"] = _few_ids(raw["carried_event"])
    return _frame(cols, n)


def _nullable(values: np.ndarray):
    """A nullable integer column of the core's integers, ``-1`` for none (the array is
    the core's own and becomes the column's: no copy)."""
    missing = values < 0
    values[missing] = 0
    return _pd().arrays.IntegerArray(values, missing)


def _few_ids(values: np.ndarray):
    """A categorical of an object column of ids that is mostly ``None`` (the roles a
    reorganization carried): only the ids present are hashed."""
    pd = _pd()
    present = np.flatnonzero(~pd.isna(values))
    found, ids = pd.factorize(values[present])
    codes = np.full(len(values), -1, dtype=_code_type(len(ids)))
    codes[present] = found
    return _make_categorical()(codes, _id_dtype(ids))


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
            holder[sel] = id_array(net, kind).take(raw["holder"][sel])
    cols: Dict[str, Any] = {
        "holder_kind": words_column(hk, kinds),
        "holder": holder,
        "role": np.where(hk == kinds.index("role"), raw["holder"], -1),
        "source": id_column(id_array(net, "source"), raw["source"]),
    }
    for col in ("span_begin", "span_end"):
        cols[col] = _nullable(raw[col])
    cols["note"] = raw["note"]
    return pd.DataFrame(cols)


# ---- query results ---------------------------------------------------------------------


def id_column(ids: np.ndarray, positions: np.ndarray):
    """``ids[positions]`` as a categorical of the ids that occur, in position order
    (``NaN`` where a position is negative): a query result's id column, whose
    ``groupby``/``value_counts`` list what is there and nothing else."""
    pos = _positions(positions)
    if len(pos) and pos.min() < -1:
        pos = np.maximum(pos, -1)  # every negative position (-2: "several") is missing
    seen = np.zeros(len(ids) + 1, dtype=bool)
    seen[pos] = True  # -1 marks the extra last slot
    # The code of each position: its rank among the positions present (numbered with
    # arange, not cumsum: numpy's cumsum of booleans into integers takes a slow casting
    # path, 2 ms for 55,000 ids). Position -1 takes the last slot: -1.
    present = np.flatnonzero(seen[:-1])
    code_of = np.full(len(ids) + 1, -1, dtype=_code_type(len(present)))
    code_of[present] = np.arange(len(present))
    return present_id_column(ids, code_of.take(pos), present)


def present_id_column(ids: np.ndarray, codes: np.ndarray, present: np.ndarray):
    """The id column of :func:`id_column` from its parts: ``present``, the positions of
    the ids that occur (ascending), and ``codes``, each row's place among them (``-1``
    for none)."""
    codes = np.asarray(codes).astype(_code_type(len(present)), copy=False)
    return _make_categorical()(codes, _id_dtype(_objects_at(ids, present)))


def id_array(net: Any, kind: str, names: bool = False) -> np.ndarray:
    """The ids (with ``names``, the names) of every entity of ``kind``, in file order, as a
    read-only object array — made once per :class:`danvan.Network` and shared by every
    table after, so a table's id column costs a ``take``, not a string per row."""
    def make() -> np.ndarray:
        values = _core.id_array(_core_of(net), kind, names)
        values.setflags(write=False)
        return values

    return cached(net, (kind, names), make)


def cached(net: Any, key: Any, make: Callable[[], Any]) -> Any:
    """``make()``, made once per :class:`danvan.Network` (kept with its id arrays, under
    ``key``) and shared after: what a table needs of the network that does not change.
    A core network keeps nothing: ``make()`` each time."""
    cache = getattr(net, "_ids", None)
    if cache is None:
        return make()
    if key not in cache:
        cache[key] = make()
    return cache[key]


def named_ids(net: Any, kinds: Sequence[str]):
    """The ids and the names of entity kinds, concatenated in the order given."""
    def make() -> Tuple[np.ndarray, np.ndarray]:
        ids = [id_array(net, kind) for kind in kinds]
        names = [id_array(net, kind, True) for kind in kinds]
        return (np.concatenate(ids) if len(ids) > 1 else ids[0], np.concatenate(names) if len(names) > 1 else names[0])

    return cached(net, tuple(kinds), make)


def name_column(net: Any, kinds: Sequence[str], present: np.ndarray, codes: np.ndarray):
    """The names of the entities of a table as a categorical of the names that occur, like
    an id column (:func:`present_id_column`): ``present``, the positions among ``kinds``
    (numbered as in :func:`named_ids`) of the entities that occur, ascending, and
    ``codes``, each row's place among them (``-1``: ``NaN``). Each entity's place among
    the distinct names is made once per network, so the column costs integer work over
    the entities present and no string per row (on a large result, reading each name's
    string object after the core call was most of the time a table took beyond it)."""
    def make() -> Tuple[Optional[np.ndarray], np.ndarray]:
        every_name = named_ids(net, kinds)[1]
        name_of, names = _pd().factorize(every_name)
        if len(names) == len(every_name):
            return None, every_name  # no two alike: an entity's name is its own category
        name_of.setflags(write=False)
        return name_of, names

    name_of, names = cached(net, ("names", *kinds), make)
    if name_of is None:  # the entities present name the categories, in the same order as the ids
        return _make_categorical()(np.array(codes, dtype=_code_type(len(present))),
                                   _id_dtype(_objects_at(names, present)))
    names_here = name_of[_positions(present)]  # each present entity's distinct name
    used = np.zeros(len(names), dtype=bool)
    used[names_here] = True
    occurring = np.flatnonzero(used)
    place = np.empty(len(names) + 1, dtype=_code_type(len(occurring)))
    place[occurring] = np.arange(len(occurring))
    place[-1] = -1  # a row without an entity
    of_entity = np.append(place[names_here], place[-1])  # index -1: the last slot, -1
    return _make_categorical()(of_entity[_positions(codes)], _id_dtype(_objects_at(names, occurring)))


def columns_frame(cols: Dict[str, Any], n: int):
    """A DataFrame (index 0 … n-1) of columns made here, each already a 1-D numpy or pandas
    array of length ``n``, taken as they are: pandas' constructor checks and converts
    each column and infers a type for the column labels (as long as the table's own
    making, for a table of a few categoricals). Object columns are put together into one
    block, so this is for tables with few of them."""
    pd = _pd()
    make = getattr(pd.DataFrame, "_from_arrays", None)
    if make is None:
        return pd.DataFrame(cols, index=pd.RangeIndex(n), copy=False)
    return make(list(cols.values()), columns=_index(np.array(list(cols), dtype=object)), index=pd.RangeIndex(n),
                verify_integrity=False)


def put_ids(cols: Dict[str, Any], name: str, ids: np.ndarray, names: np.ndarray, positions: np.ndarray) -> None:
    """Sets id column ``name`` (a categorical) and ``name + "_name"`` beside it (the
    entity's name in the network asked, so as of its date; ``NaN`` where absent)."""
    cols[name] = id_column(ids, positions)
    cols[name + "_name"] = _lookup(names, positions)


def positions_of(ids: np.ndarray, values: Any) -> np.ndarray:
    """The positions of id strings among ``ids`` (``-1`` for ``None`` or unknown)."""
    return _pd().Index(ids, dtype=object).get_indexer(np.asarray(values, dtype=object))


def name_ids(frame: Any, net: Any, columns: Dict[str, Sequence[str]]) -> Any:
    """Makes each id column of ``frame`` (``column -> the kinds its ids are of``) a
    categorical with its ``_name`` column beside it, named as in ``net``."""
    for col, kinds in columns.items():
        ids, names = named_ids(net, kinds)
        pos = positions_of(ids, frame[col])
        loc = frame.columns.get_loc(col)
        frame[col] = id_column(ids, pos)
        frame.insert(loc + 1, col + "_name", _lookup(names, pos))
    return frame


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
    holds it that day, ``NaN`` when orphaned, and name), inherited (carried by a
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
        "original_org": held["carried_from"].astype(object).where(carried, held["org"].astype(object)),
        "role": held["role"].astype(object),
        "raci": held["raci"].astype(object),
        "target_kind": held["target_kind"].astype(object),
        "target": held["target"].astype(object),
        "org": held["org"].astype(object),
        "inherited": carried.to_numpy(),
        "orphaned": np.zeros(len(held), dtype=bool),
        "event": held["carried_event"].astype(object),
    })
    o = _convert(dated, _core.orphan_table(_core_of(dated)))
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
    frame = name_ids(frame, net, {"original_org": ("organization",), "target": ("program", "task")})
    return name_ids(frame, dated, {"org": ("organization",)})  # the name it bears that day


def flat(frame: Any, sep: str = "; "):
    """A copy of a danvan table whose list cells are text: each tuple of ids or words
    joined with ``sep`` (``""`` for an empty one), a tuple of tuples (a document's
    ``reviews``) with its parts joined by spaces — the form for spreadsheets, CSV and
    reading. The other columns are shared with ``frame``, not copied.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "topics": [{"id": "topic:a", "name": "A"},
    ...   {"id": "topic:b", "name": "B"}], "tasks": [{"id": "task:t", "name": "T", "topics": ["topic:a", "topic:b"]},
    ...   {"id": "task:u", "name": "U"}]}''')
    >>> danvan.flat(net.tasks())["topics"].tolist()
    ['topic:a; topic:b', '']
    """
    def text(value: Any) -> str:
        return " ".join(map(str, value)) if isinstance(value, tuple) else str(value)

    columns = {}
    for name in frame.columns:
        values = frame[name]
        if values.dtype == object and values.map(lambda v: isinstance(v, tuple)).any():
            values = values.map(lambda v: sep.join(map(text, v)) if isinstance(v, tuple) else v)
        columns[name] = values
    return _pd().DataFrame(columns, index=frame.index, copy=False)


class FramesMixin:
    """DataFrame methods of :class:`danvan.Network` (the entity tables themselves are
    ``net.organizations()``, ``net.tasks()``, ``net.roles()``, ...)."""

    __slots__ = ()

    def evidence(self, max_classification: Optional[str] = None):
        """Every evidence entry of every entity and role (see
        :func:`danvan._frames.evidence_frame`); with ``max_classification``, the evidence of
        :meth:`Network.redact` at that ceiling."""
        return evidence_frame(self if max_classification is None else self.redact(max_classification))

    @dated
    def centrality(self, weight: Optional[str] = None, exact: bool = True, k: Optional[int] = None,
                   seed: int = 0, **kwargs: Any):
        """Network metrics of every organization (see :func:`danvan._frames.centrality_frame`)."""
        return centrality_frame(self, weight, exact, k, seed, **kwargs)

    def succession(self, date: Any, roles: Optional[Iterable[str]] = None):
        """What became of each responsibility on ``date`` (see
        :func:`danvan._frames.succession_frame`)."""
        return succession_frame(self, date, roles)
