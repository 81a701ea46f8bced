"""The Pythonic layer over the compiled network: :class:`Network`, its per-kind
collections and the typed, read-only entity objects.

Conventions (the same for every entity class):

* dates are :class:`danvan.Date` objects that keep their precision (``2023``,
  ``2023-09``, ``2023-09-16``; ``str(d)`` gives the ISO text), or ``None`` when
  the file gives none; periods are :class:`danvan.Period` objects or ``None``;
* closed vocabularies (an organization's ``kind``, ``level``, a task's
  ``status``, a classification) are the words used in files, as ``str``;
* free text (``name_en``, ``code``, ``title``, ...) is ``""`` when absent;
* a reference is the referenced entity object (``task.program`` is a
  :class:`Program`), or ``None``; a list of references is a tuple of them;
* ``extra`` is a new ``dict`` parsed from the JSON the file keeps verbatim.

Entity objects are light (a share of the network and a position) and keep their
network alive. Two are equal when they are the same entity of the same network.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "Ban A", "kind": "police"},
...                     {"id": "org:b", "name": "Ban B", "parent": "org:a"}],
...   "tasks": [{"id": "task:t", "name": "Hội nghị", "kind": "dialogue", "due": "2023-09",
...              "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]}]}''')
>>> net
<danvan.Network 2 organizations, 1 task, 2 roles>
>>> task = net.tasks["task:t"]
>>> [(r.org.id, r.role, r.raci) for r in task.roles]
[('org:a', 'lead', 'R'), ('org:b', 'coordinate', 'C')]
>>> [r.target.id for r in net.organizations["org:b"].roles]
['task:t']
>>> net.organizations["org:b"].parent.kind, str(task.due)
('police', '2023-09')
"""

from __future__ import annotations

import datetime
import json
import os
import weakref
from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, Generic, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Type, TypeVar, Union, overload

from . import _core
from ._frames import FramesMixin
from ._overlap import OverlapMixin
from ._coverage import CoverageMixin
from ._responsibility import ResponsibilityMixin
from ._time import TimeMixin, dated
from ._core import Date, Period
from ._errors import NotFoundError

__all__ = [
    "Network",
    "Entity",
    "Area",
    "Topic",
    "Organization",
    "Document",
    "Program",
    "Task",
    "Event",
    "Source",
    "Role",
    "Evidence",
    "ReviewObligation",
    "RoleDefinition",
    "Meta",
    "EntityCollection",
    "RoleCollection",
]

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[Date, str, datetime.date]

#: Entity kinds in file order, with the plural names of their collections.
_KINDS: Tuple[str, ...] = ("area", "topic", "organization", "document", "program", "task", "event", "source")
_PLURALS: Dict[str, str] = {k: k + "s" for k in _KINDS}


def _utf8(text: str) -> Union[str, bytes]:
    """``text`` for the core. A ``str`` with a lone surrogate has no UTF-8 form (pybind11
    would refuse it as "incompatible function arguments"): its code units go as the
    ill-formed UTF-8 they would encode to, which no id of a network is."""
    return text if text.isascii() else text.encode("utf-8", "surrogatepass")


def _extra(text: str) -> Dict[str, Any]:
    return json.loads(text) if text else {}


# ---- small value types --------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the character span ``[begin, end)`` (code points) of a
    source's text, and a note. ``begin``/``end`` are ``None`` when no span is given.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1",
    ...   "sources": [{"id": "src:s", "name": "Báo"}],
    ...   "topics": [{"id": "topic:x", "name": "X",
    ...               "sources": [{"source": "src:s", "span": [4, 9], "note": "đoạn 1"}]}]}''')
    >>> e = net.topics[0].sources[0]
    >>> e.source_id, e.span, e.note
    ('src:s', (4, 9), 'đoạn 1')
    """

    source: Optional["Source"]
    begin: Optional[int]
    end: Optional[int]
    note: str = ""

    @property
    def source_id(self) -> str:
        """The ``src:`` id of the source."""
        return self.source.id if self.source is not None else ""

    @property
    def span(self) -> Optional[Tuple[int, int]]:
        """``(begin, end)``, or ``None`` when the evidence gives no span."""
        if self.begin is None or self.end is None:
            return None
        return (self.begin, self.end)


@dataclass(frozen=True)
class ReviewObligation:
    """A document's duty to be reviewed ``years`` after its date (every ``years`` when
    ``recurring``); ``kind`` is ``"preliminary"`` (sơ kết) or ``"final"`` (tổng kết)."""

    kind: str
    years: int
    recurring: bool = False


@dataclass(frozen=True)
class RoleDefinition:
    """A role name of the network's vocabulary with its Vietnamese labels and RACI letter;
    ``core`` is true for the built-in roles (lead, advise, direct, ...)."""

    name: str
    labels: Tuple[str, ...]
    raci: str
    description: str = ""
    core: bool = False


@dataclass(frozen=True)
class Meta:
    """Facts about the file as a whole (its ``meta`` object)."""

    title: str = ""
    description: str = ""
    language: str = "vi"
    classification: str = "public"
    extra: Dict[str, Any] = field(default_factory=dict, compare=True, hash=False)
    #: The day a network as of a day shows (:meth:`Network.as_of`); ``None`` otherwise.
    as_of: Optional[Date] = None


class DatedName(NamedTuple):
    """A name an organization bore for a period (its identity unchanged)."""

    name: str
    valid_from: Optional[Date]
    valid_to: Optional[Date]


class RoleOrigin(NamedTuple):
    """Where a role of a network as of a day came from: the organization that held it
    first, the event that carried it last (``None`` when its holder ended by its own
    dates) and that event's date. Ids of the full network."""

    org: str
    event: Optional[str]
    date: Optional[Date]


class OrphanedRole(NamedTuple):
    """A role nobody holds in a network as of a day: its organization ended without
    successor (by ``event``, or by its own dates on ``date``)."""

    role: str
    org: str
    event: Optional[str]
    date: Optional[Date]


class Share(NamedTuple):
    """How a split divides roles: ``to`` takes those on tasks and programs with one of
    ``topics`` or ``areas`` (or a descendant), and on ``items`` (task and program ids)."""

    to: "Organization"
    topics: Tuple["Topic", ...]
    areas: Tuple["Area", ...]
    items: Tuple[str, ...]


T = TypeVar("T")
E_ = TypeVar("E_")  # an entity class, for the reference attributes


class _Field(Generic[T]):
    """A read-only attribute that the compiled view answers as it is (a ``str``, a
    :class:`Date`, a ``bool``): one line a field instead of a property each."""

    __slots__ = ("_name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type) -> "_Field[T]": ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> T: ...

    def __get__(self, obj: Any, owner: Optional[type] = None) -> Any:
        return self if obj is None else getattr(obj._v, self._name)


def _at_ceiling(core: Any, max_classification: Optional[str]) -> Any:
    """The compiled network, or its redaction at ``max_classification``."""
    return core if max_classification is None else _core.redact(core, max_classification)


def _tables_of(collection: Any, max_classification: Optional[str]) -> Any:
    """What a collection's table is made from: its network (whose id arrays every table
    shares), or the redaction at ``max_classification``."""
    net = collection._net() if collection._net is not None else None
    if max_classification is None and net is not None:
        return net
    return _at_ceiling(collection._core, max_classification)


class _Reference(Generic[E_]):
    """A read-only attribute holding the view's reference(s) to entities of the class
    named (a name, so that a class can refer to one defined after it)."""

    __slots__ = ("_name", "_cls")

    def __init__(self, cls: str) -> None:
        self._cls = cls

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def _class_and_views(self, obj: Any) -> Tuple[Any, Any]:
        return globals()[self._cls], getattr(obj._v, self._name)


class _Many(_Reference[E_]):
    """References as a tuple of entity objects."""

    __slots__ = ()

    @overload
    def __get__(self, obj: None, owner: type) -> "_Many[E_]": ...
    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> Tuple[E_, ...]: ...
    def __get__(self, obj: Any, owner: Optional[type] = None) -> Any:  # noqa: E301
        return self if obj is None else _many(*self._class_and_views(obj))


class _One(_Reference[E_]):
    """A reference as an entity object, or None."""

    __slots__ = ()

    @overload
    def __get__(self, obj: None, owner: type) -> "_One[E_]": ...
    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> Optional[E_]: ...
    def __get__(self, obj: Any, owner: Optional[type] = None) -> Any:  # noqa: E301
        return self if obj is None else _opt(*self._class_and_views(obj))


def _evidence(items) -> Tuple[Evidence, ...]:
    return tuple(Evidence(None if s is None else Source(s), b, e, n) for s, b, e, n in items)


def _opt(cls, view):
    return None if view is None else cls(view)


def _many(cls, views) -> tuple:
    return tuple(cls(v) for v in views)


# ---- entities -----------------------------------------------------------------


class _View:
    """An object over one view of the compiled network (an entity or a role): equal to
    another of the same class over the same entity of the same network."""

    __slots__ = ("_v",)

    def __init__(self, view: Any) -> None:
        self._v = view

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._v == other._v  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._v)


class Entity(_View):
    """Base of the entity classes: the fields every entity has.

    ``entity_kind`` (a class attribute) is ``"organization"``, ``"task"``, ...;
    ``position`` is the entity's place among its kind, in file order.
    """

    __slots__ = ()
    entity_kind: ClassVar[str] = ""

    position = _Field[int]()
    id = _Field[str]()
    name = _Field[str]()
    name_en = _Field[str]()

    @property
    def aliases(self) -> Tuple[str, ...]:
        return tuple(self._v.aliases)

    valid_from = _Field[Optional[Date]]()
    valid_to = _Field[Optional[Date]]()

    def valid_on(self, date: DateLike) -> bool:
        """True when the entity may exist on ``date`` by its validity dates (open ends
        reach forever; precision is respected)."""
        return self._v.valid_on(date)

    @property
    def classification(self) -> str:
        """The entity's classification, or the file's default when it states none."""
        return self._v.classification

    classification_stated = _Field[bool]()

    @property
    def sources(self) -> Tuple[Evidence, ...]:
        return _evidence(self._v.sources)

    @property
    def extra(self) -> Dict[str, Any]:
        """Fields the format does not know, as a new dict (``{}`` for none)."""
        return _extra(self._v.extra_json)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.name!r}>"

    def _repr_html_(self) -> str:
        from ._display import entity_html

        return entity_html(self)


class Area(Entity):
    """An administrative unit (province, district, commune)."""

    __slots__ = ()
    entity_kind = "area"

    level = _Field[str]()
    code = _Field[str]()
    parent = _One["Area"]("Area")


class Topic(Entity):
    """A policy domain (religion, environment, ...), possibly under a parent topic."""

    __slots__ = ()
    entity_kind = "topic"

    parent = _One["Topic"]("Topic")


class Organization(Entity):
    """An organization: Party committee or commission, front, department, police, ...

    ``roles`` are every role it holds, on tasks and on programs (in the order of the
    file's roles).
    """

    __slots__ = ()
    entity_kind = "organization"

    kind = _Field[str]()
    level = _Field[Optional[str]]()
    area = _One["Area"]("Area")
    parent = _One["Organization"]("Organization")
    roles = _Many["Role"]("Role")

    @property
    def names(self) -> Tuple[DatedName, ...]:
        """Its names over time (empty when it kept one name); :meth:`Network.find` finds
        every one."""
        return tuple(DatedName(*n) for n in self._v.names)

    def name_on(self, date: DateLike) -> str:
        """The name it bore on ``date`` (:attr:`name` outside every period of :attr:`names`)."""
        return self._v.name_on(date)


class _Related(Entity):
    """What documents, programs and tasks share: the documents they implement, their
    topics and their areas."""

    __slots__ = ()

    implements = _Many["Document"]("Document")
    topics = _Many["Topic"]("Topic")
    areas = _Many["Area"]("Area")


class Document(_Related):
    """A directive, resolution, plan or other document and its relations."""

    __slots__ = ()
    entity_kind = "document"

    type = _Field[str]()
    number = _Field[str]()
    issuer = _Field[str]()
    issued_by = _One["Organization"]("Organization")
    date = _Field[Optional[Date]]()
    term = _Field[str]()
    title = _Field[str]()
    continues = _Many["Document"]("Document")
    amends = _Many["Document"]("Document")
    replaces = _Many["Document"]("Document")

    @property
    def reviews(self) -> Tuple[ReviewObligation, ...]:
        return tuple(ReviewObligation(k, y, r) for k, y, r in self._v.reviews)


class _Work(_Related):
    """What programs and tasks share: a kind, a period and the roles that carry them."""

    __slots__ = ()

    kind = _Field[str]()

    @property
    def period(self) -> Optional[Period]:
        p = self._v.period
        return None if p.empty else p

    roles = _Many["Role"]("Role")

    @property
    def orphaned_roles(self) -> Tuple[OrphanedRole, ...]:
        """Roles nobody holds (only in a network as of a day, :meth:`Network.as_of`)."""
        return tuple(OrphanedRole(*o) for o in self._v.orphaned_roles)


class Program(_Work):
    """A joint program, plan or emulation movement, with its signatories' roles."""

    __slots__ = ()
    entity_kind = "program"


class Task(_Work):
    """A unit of work, tied to organizations by roles."""

    __slots__ = ()
    entity_kind = "task"

    status = _Field[str]()
    program = _One["Program"]("Program")
    due = _Field[Optional[Date]]()


class Event(Entity):
    """A reorganization: on ``date``, ``from_`` became ``to`` (merge, split, rename,
    transfer) or ended without successor (dissolve)."""

    __slots__ = ()
    entity_kind = "event"

    kind = _Field[str]()
    date = _Field[Optional[Date]]()
    approximate = _Field[bool]()

    @property
    def from_(self) -> Tuple[Organization, ...]:
        """The predecessors (``from`` in files; ``from`` is a Python keyword)."""
        return _many(Organization, self._v.from_)

    @property
    def shares(self) -> Tuple[Share, ...]:
        """How a split divides the roles (empty: every successor takes every role)."""
        return tuple(Share(Organization(to), _many(Topic, topics), _many(Area, areas), tuple(items))
                     for to, topics, areas, items in self._v.shares)

    to = _Many["Organization"]("Organization")


class Source(Entity):
    """A text or document that facts cite."""

    __slots__ = ()
    entity_kind = "source"

    kind = _Field[str]()
    title = _Field[str]()
    date = _Field[Optional[Date]]()
    url = _Field[str]()
    sha256 = _Field[str]()
    document = _One["Document"]("Document")


class Role(_View):
    """One role: an organization's part (``role``, e.g. ``"lead"``) in a task or program
    (``target``). ``raci`` is the role's RACI letter."""

    __slots__ = ()

    position = _Field[int]()

    @property
    def org(self) -> Organization:
        return Organization(self._v.org)

    role = _Field[str]()
    raci = _Field[str]()

    @property
    def target_kind(self) -> str:
        """``"task"`` or ``"program"``."""
        return self._v.target_kind

    @property
    def target(self) -> Union[Task, Program]:
        v = self._v.target
        return Task(v) if self._v.target_kind == "task" else Program(v)

    classification = _Field[str]()
    classification_stated = _Field[bool]()

    @property
    def sources(self) -> Tuple[Evidence, ...]:
        return _evidence(self._v.sources)

    @property
    def extra(self) -> Dict[str, Any]:
        return _extra(self._v.extra_json)

    @property
    def valid_from(self) -> Optional[Date]:
        """When the organization took the role (``None``: as long as its target)."""
        return self._v.valid_from

    valid_to = _Field[Optional[Date]]()

    @property
    def carried_from(self) -> Optional[RoleOrigin]:
        """Where a reorganization carried the role from, in a network as of a day."""
        o = self._v.carried_from
        return None if o is None else RoleOrigin(*o)

    def __repr__(self) -> str:
        return f"<Role {self.org.id} {self.role} {self.target.id}>"


_CLASSES: Dict[str, Type[Entity]] = {
    "area": Area,
    "topic": Topic,
    "organization": Organization,
    "document": Document,
    "program": Program,
    "task": Task,
    "event": Event,
    "source": Source,
}

E = TypeVar("E", bound=Entity)


# ---- collections --------------------------------------------------------------


class EntityCollection(Sequence[E]):
    """The entities of one kind, in file order: ``len``, iteration, integer indexing
    and slicing, lookup by id (raising :class:`danvan.NotFoundError`, a ``KeyError``,
    that names the nearest ids), ``in`` (an id or an entity) and ``ids()``.

    >>> import danvan
    >>> net = danvan.Network.loads('{"danvan": "1", "topics": [{"id": "topic:a", "name": "A"}, {"id": "topic:b", "name": "B"}]}')
    >>> len(net.topics), net.topics[-1].id, net.topics["topic:a"].name, "topic:c" in net.topics
    (2, 'topic:b', 'A', False)
    >>> net.topics.ids()
    ['topic:a', 'topic:b']
    """

    # _net: a weak reference to the danvan.Network the collection is of, whose id arrays
    # its table shares (weak: entities and collections keep the core alive, not the wrapper)
    __slots__ = ("_core", "_kind", "_cls", "_net")

    def __init__(self, core: Any, kind: str, net: Any = None) -> None:
        self._core = core
        self._net = None if net is None else weakref.ref(net)
        self._kind = kind
        self._cls: Type[E] = _CLASSES[kind]  # type: ignore[assignment]

    @property
    def kind(self) -> str:
        """The entity kind, e.g. ``"organization"``."""
        return self._kind

    def __len__(self) -> int:
        return self._core.size(self._kind)

    def __iter__(self) -> Iterator[E]:
        core, kind, cls = self._core, self._kind, self._cls
        for i in range(core.size(kind)):
            yield cls(core.view(kind, i))

    @overload
    def __getitem__(self, key: Union[str, int]) -> E: ...
    @overload
    def __getitem__(self, key: slice) -> List[E]: ...
    def __getitem__(self, key):
        if isinstance(key, str):
            return self._cls(self._core.view(self._kind, self._core.at(self._kind, _utf8(key))))
        if isinstance(key, slice):
            return [self[i] for i in range(*key.indices(len(self)))]
        try:
            i = key.__index__()
        except AttributeError:
            raise TypeError(
                f"{_PLURALS[self._kind]} are looked up by id (str) or position (int), not {type(key).__name__}"
            ) from None
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{self._kind} position {key} out of range ({n} in the network)")
        return self._cls(self._core.view(self._kind, i))

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return self._core.find(self._kind, _utf8(item)) is not None
        if isinstance(item, self._cls):
            pos = item.position
            return pos < len(self) and self._core.view(self._kind, pos) == item._v
        return False

    def get(self, id: str, default: Any = None) -> Optional[E]:
        """The entity with this id, or ``default``."""
        pos = self._core.find(self._kind, _utf8(id))
        return default if pos is None else self._cls(self._core.view(self._kind, pos))

    def index(self, item: Any, start: int = 0, stop: Optional[int] = None) -> int:  # type: ignore[override]
        """The position of an entity (or of the entity with this id)."""
        if isinstance(item, str):
            pos = self._core.find(self._kind, _utf8(item))
        else:
            pos = item.position if item in self else None
        lo, hi, _ = slice(start, stop).indices(len(self))
        if pos is None or not lo <= pos < hi:
            raise ValueError(f"{item!r} is not among the {_PLURALS[self._kind]}")
        return pos

    def count(self, item: Any) -> int:  # type: ignore[override]
        return 1 if item in self else 0

    def ids(self) -> List[str]:
        """Every id of this kind, in file order."""
        return self._core.ids(self._kind)

    def __call__(self, max_classification: Optional[str] = None) -> Any:
        """The whole collection as a pandas DataFrame, one row per entity (index: position).
        See :func:`danvan._frames.entity_frame` for the columns. With
        ``max_classification``, the frame of :meth:`Network.redact` at that ceiling
        (positions are those of the redacted network).

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "topics": [{"id": "topic:a", "name": "A"}]}')
        >>> net.topics()[["id", "name"]].values.tolist()
        [['topic:a', 'A']]
        """
        from ._frames import entity_frame

        return entity_frame(_tables_of(self, max_classification), self._kind)

    def _repr_html_(self) -> str:
        from ._display import collection_html

        return collection_html(self)

    def __repr__(self) -> str:
        return f"<danvan {_PLURALS[self._kind]}: {len(self)}>"


class _Entities(Generic[E]):
    """A network's entities of one kind as an attribute (``net.tasks``): a new
    :class:`EntityCollection` over the network at each access, as cheap as a property."""

    __slots__ = ("_kind",)

    def __init__(self, kind: str) -> None:
        self._kind = kind

    @overload
    def __get__(self, net: None, owner: type) -> "_Entities[E]": ...

    @overload
    def __get__(self, net: object, owner: Optional[type] = None) -> "EntityCollection[E]": ...

    def __get__(self, net: Any, owner: Optional[type] = None) -> Any:
        return self if net is None else EntityCollection(net._core, self._kind, net)


class RoleCollection(Sequence[Role]):
    """Every role of the network (programs' roles, then tasks' roles, each in file
    order): ``len``, iteration, integer indexing and slicing, ``in``. Roles have no id."""

    __slots__ = ("_core", "_net")

    def __init__(self, core: Any, net: Any = None) -> None:
        self._core = core
        self._net = None if net is None else weakref.ref(net)  # as EntityCollection's

    def __len__(self) -> int:
        return self._core.role_count()

    def __iter__(self) -> Iterator[Role]:
        core = self._core
        for i in range(core.role_count()):
            yield Role(core.role(i))

    @overload
    def __getitem__(self, key: int) -> Role: ...
    @overload
    def __getitem__(self, key: slice) -> List[Role]: ...
    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self[i] for i in range(*key.indices(len(self)))]
        if isinstance(key, str):
            raise TypeError("roles have no ids; look roles up through a task, program or organization (`.roles`)")
        i = key.__index__()
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"role position {key} out of range ({n} in the network)")
        return Role(self._core.role(i))

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, Role):
            return False
        pos = item.position
        return pos < len(self) and self._core.role(pos) == item._v

    def __call__(self, names: bool = True, max_classification: Optional[str] = None) -> Any:
        """Every role as a pandas DataFrame, one row per role (index: role position): org,
        org_name, org_kind, role, raci, target_kind, target, target_name, classification,
        own_classification, source, span_begin, span_end, evidence (``names=False`` leaves
        the name columns out). See :func:`danvan._frames.roles_frame`. With
        ``max_classification``, the roles of :meth:`Network.redact` at that ceiling.

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],'
        ...   ' "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}]}')
        >>> net.roles()[["org", "role", "raci", "target"]].values.tolist()
        [['org:a', 'lead', 'R', 'task:t']]
        """
        from ._frames import roles_frame

        return roles_frame(_tables_of(self, max_classification), names)

    def _repr_html_(self) -> str:
        from ._display import roles_html

        return roles_html(self)

    def __repr__(self) -> str:
        return f"<danvan roles: {len(self)}>"


# ---- the network ----------------------------------------------------------------


@dataclass(frozen=True)
class NameMatch:
    """One entity found by :meth:`Network.find`: the entity, a score in [0, 1], the
    name or alias that matched, and how (``exact``, ``prefix``, ``tokens`` or ``edit``)."""

    entity: "Entity"
    score: float
    matched_name: str
    how: str


class Network(ResponsibilityMixin, CoverageMixin, OverlapMixin, FramesMixin, TimeMixin):
    """An immutable, indexed coordination network (SPEC section 2).

    Read one with :meth:`load` or :meth:`loads`; write it with :meth:`save` or
    :meth:`dumps`. ``len(net)`` counts the entities of every kind (roles are not
    entities); ``net[id]`` finds an entity of any kind by its id prefix. Loading,
    dumping and saving release the GIL.

    >>> import danvan
    >>> net = danvan.Network.loads('''{"danvan": "1", "meta": {"title": "Ví dụ"},
    ...   "organizations": [{"id": "org:a", "name": "Ban A", "valid_from": "2008-04"}]}''')
    >>> len(net), net["org:a"].name, str(net.date_range())
    (1, 'Ban A', '2008-04/2008-04')
    >>> net.summary()["counts"]["organizations"], net.meta.title
    (1, 'Ví dụ')
    >>> danvan.Network.loads(net.dumps()).dumps() == net.dumps()
    True
    """

    # _ids: the id and name arrays every table takes its strings from (danvan._frames.id_array),
    # made once: the network never changes.
    __slots__ = ("_core", "_ids", "__weakref__")

    def __init__(self) -> None:
        """An empty network."""
        self._core = _core.Network()
        self._ids: Dict[Any, Any] = {}

    @classmethod
    def _from_core(cls, core: Any) -> "Network":
        net = cls.__new__(cls)
        net._core = core
        net._ids = {}
        return net

    # -- reading and writing --

    @classmethod
    def load(cls, path: PathLike, *, max_problems: int = 100) -> "Network":
        """Reads a network from a danvan JSON file.

        Raises :class:`danvan.FileError` (unreadable, or a name with a NUL),
        :class:`danvan.ParseError` (not JSON; with line and column) or
        :class:`danvan.ValidationError` (every problem, each with its JSON path; at most
        ``max_problems`` in detail); like :func:`open`, ``TypeError`` for what is no path
        and ``UnicodeEncodeError`` for a name the file system cannot encode.
        """
        return cls._from_core(_core.Network.load(os.fspath(path), max_problems))

    @classmethod
    def loads(cls, text: Union[str, bytes], *, label: str = "<string>", max_problems: int = 100) -> "Network":
        """Reads a network from JSON text; ``label`` names the text in error messages.

        A ``str`` holding a lone surrogate (from a bad decode) is not Unicode text: it is
        read as the ill-formed UTF-8 it would encode to, and gives a
        :class:`danvan.ParseError` at its line and column.
        """
        if isinstance(text, str):
            text = text.encode("utf-8", "surrogatepass")
        if isinstance(label, str):
            label = label.encode("utf-8", "backslashreplace")
        return cls._from_core(_core.Network.loads(text, label, max_problems))

    def redact(self, max_classification: str) -> "Network":
        """The network without anything classified above ``max_classification``
        (``"public"``, ``"internal"`` or ``"restricted"``): entities, roles (as classified as
        the highest of themselves, their organization and their item), events naming a
        removed organization, evidence citing a removed source, and every reference to them.
        The same network when nothing is above the ceiling."""
        return self._from_core(_core.redact(self._core, max_classification))

    def dumps(self, max_classification: Optional[str] = None) -> str:
        """The network as canonical JSON text (load → dumps → load → dumps is stable);
        with ``max_classification``, of :meth:`redact` at that ceiling."""
        return self._at(max_classification)._core.dumps()

    def save(self, path: PathLike, max_classification: Optional[str] = None) -> None:
        """Writes :meth:`dumps` to ``path`` atomically (temporary file, then rename); through
        a symbolic link, to the file it leads to. On error the old file is left as it was
        and :class:`danvan.FileError` is raised (as for :meth:`load`, also for a name with a NUL).
        With ``max_classification``, writes :meth:`redact` at that ceiling."""
        self._at(max_classification)._core.save(os.fspath(path))

    def _at(self, max_classification: Optional[str]) -> "Network":
        return self if max_classification is None else self.redact(max_classification)

    def __reduce__(self):
        return (_loads_for_pickle, (self.dumps(),))

    # -- interchange and display --

    def export(self, path: PathLike, format: Optional[str] = None, *, graph: str = "bipartite", on: str = "tasks",
               weight: str = "count", min_weight: float = 0, max_classification: Optional[str] = None) -> None:
        """Writes the network in a format another tool reads, atomically (as :meth:`save`):
        ``"graphml"`` and ``"gexf"`` (NetworkX, igraph, Gephi; GEXF nodes carry their
        validity for Gephi's timeline), ``"dot"`` (Graphviz), ``"hxl"`` (the 3W table: who
        does what where, when), ``"popolo"`` (organizations and areas as Popolo JSON) or
        ``"xlsx"`` (a workbook: a sheet per table, names beside ids), or ``"csv"`` (the
        folder ``path`` of CSV tables, one per kind, that :meth:`from_csv` reads back: see
        :meth:`to_csv`). Without ``format``, the extension of ``path`` says
        (``.graphml``, ``.gexf``, ``.dot``/``.gv``, ``.hxl``/``.csv``, ``.popolo.json``,
        ``.xlsx``).

        ``graph`` (graphml, gexf, dot): ``"bipartite"`` (organizations and the tasks and
        programs they hold roles on, as :meth:`to_networkx`) or ``"organizations"`` (an
        edge per pair sharing work, by ``on``, ``weight`` and ``min_weight`` as in
        :meth:`projection`). With ``max_classification``, the export of :meth:`redact` at
        that ceiling: nothing above it is written. Export the network as of a day with
        ``net.as_of(day).export(...)``.

        >>> import danvan, networkx, os, tempfile
        >>> net = danvan.Network.loads('{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],'
        ...   ' "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}]}')
        >>> path = os.path.join(tempfile.mkdtemp(), "net.graphml")
        >>> net.export(path)
        >>> networkx.read_graphml(path).edges["org:a", "task:t"]["raci"]
        'R'
        """
        if format == "csv":
            return self.to_csv(path, max_classification=max_classification)
        if format is None:
            format = _core.export_format_of(path)
            if format is None:
                raise ValueError(f"format: say which (graphml, gexf, dot, hxl, popolo, xlsx); {os.fspath(path)!r} "
                                 "does not end in .graphml, .gexf, .dot, .gv, .hxl, .csv, .popolo.json or .xlsx")
        _core.export_file(self._at(max_classification)._core, path, format, graph, on, weight, min_weight)

    def to_csv(self, path: PathLike, *, max_classification: Optional[str] = None, replace: bool = True) -> None:
        """Writes the network as a folder of CSV tables, one per kind (``organizations.csv``,
        ``tasks.csv``, ``roles.csv``, ``evidence.csv``, ... : docs/export.md), with every
        field: :meth:`from_csv` gives back the same network, byte for byte after
        :meth:`dumps`. Every cell is text (codes such as ``"01"`` stay as written); lists
        are ``;``-joined. The folder is written all or nothing; an existing one is replaced
        only when ``replace`` and when it holds these tables and nothing else.

        >>> import danvan, os, tempfile
        >>> net = danvan.Network.loads('{"danvan": "1", "areas": [{"id": "area:a", "name": "A",'
        ...   ' "level": "province", "code": "01"}]}')
        >>> folder = os.path.join(tempfile.mkdtemp(), "tables")
        >>> net.to_csv(folder)
        >>> open(os.path.join(folder, "areas.csv")).read().splitlines()[1]
        'area:a,A,province,01'
        >>> danvan.from_csv(folder).dumps() == net.dumps()
        True
        """
        _core.save_csv(self._at(max_classification)._core, path, replace)

    @classmethod
    def from_csv(cls, path: PathLike, *, max_problems: int = 100) -> "Network":
        """The network of a folder of CSV tables (:meth:`to_csv`, or a person's edit of
        them; a missing table is empty), checked like a file: a
        :class:`danvan.ValidationError` names each problem's table, line and column."""
        return cls._from_core(_core.load_csv(path, max_problems))

    def export_text(self, format: str, *, graph: str = "bipartite", on: str = "tasks", weight: str = "count",
                    min_weight: float = 0, max_classification: Optional[str] = None) -> str:
        """What :meth:`export` writes, as text (``format`` is required here; xlsx, a binary
        workbook, only through :meth:`export`)."""
        return _core.export_text(self._at(max_classification)._core, format, graph, on, weight, min_weight)

    @classmethod
    def from_frames(cls, organizations: Any = None, tasks: Any = None, roles: Any = None, **tables: Any) -> "Network":
        """A network from pandas DataFrames, validated like a file: a
        :class:`danvan.ValidationError` names the table, row and column of each mistake.
        Other tables (``documents=``, ``programs=``, ``areas=``, ``topics=``, ``events=``,
        ``sources=``) and ``meta=`` are keywords. See :func:`danvan._interchange.from_frames`.

        >>> import danvan, pandas as pd
        >>> net = danvan.Network.from_frames(pd.DataFrame({"id": ["org:a"], "name": ["Ban A"]}))
        >>> net.organizations["org:a"].name
        'Ban A'
        """
        from ._interchange import LOSSLESS_KEYS, from_frames, tables_to_network

        if any(hasattr(tables.get(key), "columns") for key in LOSSLESS_KEYS):  # the lossless tables of frames()
            return tables_to_network({"organizations": organizations, "tasks": tasks, "roles": roles, **tables})
        return from_frames(organizations, tasks, roles, **tables)

    def frames(self, *, max_classification: Optional[str] = None) -> Dict[str, Any]:
        """The network as its lossless tables: a dict of text DataFrames, one per
        table of the CSV tables (``network``, ``role_definitions``, ``areas``, ``topics``,
        ``organizations``, ``documents``, ``programs``, ``tasks``, ``events``, ``sources``,
        ``roles``, ``evidence``; docs/export.md) with every field of the format: codes and
        numbers as text, lists ``;``-joined, ``""`` for a field not given.
        ``danvan.from_frames(**net.frames())`` gives the same network back (equal
        :meth:`dumps`). For analysis, the typed tables (``net.tasks()``, ``net.roles()``,
        ...) read better.

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "roles": [{"name": "teach", "raci": "C"}],'
        ...   ' "organizations": [{"id": "org:a", "name": "A"}],'
        ...   ' "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "teach",'
        ...   ' "sources": [{"source": "src:s", "note": "n"}]}]}], "sources": [{"id": "src:s", "name": "S"}]}')
        >>> f = net.frames()
        >>> f["evidence"][["of", "role_number", "source", "note"]].values.tolist()
        [['task:t', '1', 'src:s', 'n']]
        >>> danvan.from_frames(**f).dumps() == net.dumps()
        True
        """
        from ._interchange import frames

        return frames(self._at(max_classification))

    def to_excel(self, path: PathLike, *, max_classification: Optional[str] = None) -> None:
        """Writes :meth:`frames` as an xlsx workbook (a sheet per table, every cell text),
        atomically; :func:`danvan.read_excel` reads it back to the same network."""
        from ._interchange import to_excel

        to_excel(self._at(max_classification), path)

    @classmethod
    def read_excel(cls, path: PathLike) -> "Network":
        """The network of a workbook :meth:`to_excel` wrote, or a person edited (a number
        or date the spreadsheet typed is read as its text), checked like a file: problems
        name the sheet, its row number and the column."""
        from ._interchange import read_excel

        return read_excel(path)

    @classmethod
    def from_networkx(cls, graph: Any, *, meta: Optional[Mapping[str, Any]] = None) -> "Network":
        """A network from a bipartite graph as :meth:`to_networkx` writes it (organizations,
        tasks and programs with their attributes, the roles on the edges). See
        :func:`danvan._interchange.from_networkx`."""
        from ._interchange import from_networkx

        return from_networkx(graph, meta=meta)

    @dated
    def to_networkx(self, kind: str = "bipartite", **kwargs: Any) -> Any:
        """The network as a ``networkx.Graph``: ``"bipartite"`` (organizations — tasks and
        programs; edges carry the roles) or ``"organizations"`` (edges weighted by shared
        work; ``on``, ``weight``, ``roles``, ``min_weight``, ``scope`` as in
        :meth:`projection`). See :func:`danvan._interchange.to_networkx`.

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],'
        ...   ' "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}]}')
        >>> net.to_networkx().edges["org:a", "task:t"]["raci"]
        'R'
        """
        from ._interchange import to_networkx

        return to_networkx(self, kind, **kwargs)

    def _repr_html_(self) -> str:
        from ._display import network_html

        return network_html(self)

    # -- collections --

    areas = _Entities[Area]("area")
    topics = _Entities[Topic]("topic")
    organizations = _Entities[Organization]("organization")
    documents = _Entities[Document]("document")
    programs = _Entities[Program]("program")
    tasks = _Entities[Task]("task")
    events = _Entities[Event]("event")
    sources = _Entities[Source]("source")

    @property
    def roles(self) -> RoleCollection:
        return RoleCollection(self._core, self)

    def collection(self, kind: str) -> "EntityCollection[Entity]":
        """The collection of an entity kind given as a word (``"organization"``)."""
        if kind not in _CLASSES:
            raise ValueError(f"unknown entity kind {kind!r} (one of {', '.join(_KINDS)})")
        return EntityCollection(self._core, kind, self)

    # -- lookup across kinds --

    def find(self, query: str, kind: str = "organization", limit: int = 10) -> List["NameMatch"]:
        """Entities whose name, English name or alias matches ``query``, best first.

        Case-, accent- and tone-placement-insensitive (``tinh uy`` finds ``Tỉnh ủy``,
        ``uỷ`` and ``ủy`` are the same); then prefixes, shared words and small typos.

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "organizations": ['
        ...   '{"id": "org:tu", "name": "Tỉnh ủy Hải Dương", "kind": "party_committee"},'
        ...   '{"id": "org:bdv", "name": "Ban Dân vận Tỉnh uỷ", "kind": "party_commission"}]}')
        >>> net.find("tinh uy hai duong")[0].entity.id
        'org:tu'
        >>> net.find("dan van")[0].entity.id
        'org:bdv'
        """
        if kind not in _CLASSES:
            raise ValueError(f"unknown entity kind {kind!r} (one of {', '.join(_KINDS)})")
        cls = _CLASSES[kind]
        return [
            NameMatch(cls(self._core.view(kind, pos)), score, name, how)
            for pos, score, name, how in _core.find_by_name(self._core, query, kind, limit)
        ]

    def short_labels(self, ids: Sequence[str], max_width: int = 0, kind: str = "organization") -> List[str]:
        """A short label per id, for charts and tables: the entity's shortest alias
        ("UBND tỉnh", "MTTQ") when shorter than its name, else its name; with
        ``max_width`` (characters), words dropped from the middle of a longer label; never
        two alike (a clash falls back to the names, then adds the id). What the plots and
        :meth:`responsibility` show.

        >>> import danvan
        >>> net = danvan.Network.loads('{"danvan": "1", "organizations": ['
        ...   '{"id": "org:u", "name": "Ủy ban nhân dân tỉnh Hải Dương", "aliases": ["UBND tỉnh"]},'
        ...   '{"id": "org:t", "name": "Trung tâm Bồi dưỡng chính trị huyện Thanh Miện"}]}')
        >>> net.short_labels(["org:u", "org:t"], max_width=30)
        ['UBND tỉnh', 'Trung tâm Bồi … Thanh Miện']
        """
        return _core.short_labels(self._core, list(ids), max_width, kind)

    @staticmethod
    def _kind_of(id: str) -> Optional[str]:
        for kind, prefix in _core.id_prefixes.items():
            if id.startswith(prefix):
                return kind
        return None

    def __getitem__(self, id: str) -> Entity:
        if not isinstance(id, str):
            raise TypeError(f"a network is indexed by entity id (str), not {type(id).__name__}")
        kind = self._kind_of(id)
        if kind is None:
            prefixes = ", ".join(_core.id_prefixes.values())
            raise NotFoundError(f"unknown id `{id}`: an id starts with its kind prefix ({prefixes})", id, [])
        return self.collection(kind)[id]

    def get(self, id: str, default: Any = None) -> Any:
        """The entity with this id (any kind), or ``default``."""
        kind = self._kind_of(id) if isinstance(id, str) else None
        return default if kind is None else self.collection(kind).get(id, default)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            kind = self._kind_of(item)
            return kind is not None and self._core.find(kind, _utf8(item)) is not None
        if isinstance(item, Entity):
            return item in self.collection(item.entity_kind)
        if isinstance(item, Role):
            return item in self.roles
        return False

    def __len__(self) -> int:
        return sum(self._core.size(k) for k in _KINDS)

    def __iter__(self) -> Iterator[Entity]:
        """Every entity: areas, topics, organizations, documents, programs, tasks,
        events, sources, each in file order."""
        for kind in _KINDS:
            yield from EntityCollection(self._core, kind)

    # -- facts about the whole --

    @property
    def warnings(self) -> List["Problem"]:
        """What the file has that is allowed but suspect (e.g. a role dated outside its
        task's period), each a :class:`danvan.Problem` with its JSON path."""
        from ._errors import Problem

        return [Problem(file=f, path=p, line=l, column=c, rule=r, message=m, suggestion=s)
                for f, p, l, c, r, m, s in self._core.warnings()]

    @property
    def meta(self) -> Meta:
        m = self._core.meta()
        return Meta(m["title"], m["description"], m["language"], m["classification"], _extra(m["extra_json"]), m["as_of"])

    @property
    def extra(self) -> Dict[str, Any]:
        """The file's top-level fields the format does not know, as a new dict."""
        return _extra(self._core.extra_json())

    @property
    def vocabulary(self) -> Tuple[RoleDefinition, ...]:
        """The role names this network knows: the core roles, then the file's own."""
        return tuple(
            RoleDefinition(name, tuple(labels), raci, description, core)
            for name, labels, raci, description, core in self._core.vocabulary()
        )

    def date_range(self) -> Optional[Period]:
        """The earliest and latest dates the network mentions (validity, periods, due
        dates, document and event dates), each with its precision; ``None`` if none."""
        p = self._core.date_range()
        return None if p.empty else p

    def memory_bytes(self) -> int:
        """Bytes the loaded network holds on the heap."""
        return self._core.memory_bytes()

    def counts(self) -> Dict[str, int]:
        """Entities per collection (``"organizations": 12``, ...) and ``"roles"``."""
        out = {_PLURALS[k]: self._core.size(k) for k in _KINDS}
        out["roles"] = self._core.role_count()
        return out

    def summary(self) -> Dict[str, Any]:
        """A JSON-ready overview: title, classification, counts per kind, entity total
        and the date range as ISO text (``None`` when the network has no dates)."""
        p = self.date_range()
        meta = self.meta
        return {
            "title": meta.title,
            "classification": meta.classification,
            "counts": self.counts(),
            "entities": len(self),
            "date_range": None
            if p is None
            else {"start": None if p.start is None else str(p.start), "end": None if p.end is None else str(p.end)},
        }

    def __repr__(self) -> str:
        counts = self.counts()
        order = ("organizations", "documents", "programs", "tasks", "roles", "areas", "topics", "events", "sources")
        parts = [f"{counts[k]} {k if counts[k] != 1 else k[:-1]}" for k in order if counts[k]]
        return f"<danvan.Network {', '.join(parts) if parts else 'empty'}>"


def _loads_for_pickle(text: str) -> Network:
    return Network.loads(text, label="<pickle>")
