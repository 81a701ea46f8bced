"""Time and change for :class:`danvan.Network`: the network as of a day, who holds an
organization's roles after reorganizations, and the one way every scoped query
honours ``scope={"as_of": ...}``.

The network as of a day is a :class:`danvan.Network` like a loaded one: the entities
that exist that day, and every role whose organization no longer holds it carried
along the reorganization events to the successors that exist that day
(:attr:`danvan.Role.carried_from` says where from), or left as an orphaned role of
its task or program when nobody takes it over. Every query, table, plot and export
works on it unchanged.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "A", "valid_to": "2025-02-28"},
...                     {"id": "org:b", "name": "B", "valid_from": "2025-03-01"}],
...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}],
...   "events": [{"id": "event:m", "name": "Đổi tên", "kind": "rename", "date": "2025-03-01",
...               "from": ["org:a"], "to": ["org:b"]}]}''')
>>> later = net.as_of("2025-09-01")
>>> role = later.tasks["task:t"].roles[0]
>>> role.org.id, role.carried_from.org, role.carried_from.event
('org:b', 'org:a', 'event:m')
>>> net.lead_of("task:t"), later.lead_of("task:t")
('org:a', 'org:b')
>>> net.roles_of("task:t", scope={"as_of": "2025-09-01"})["org"].tolist()
['org:b']
"""

from __future__ import annotations

import datetime
import functools
import inspect
from typing import Any, Callable, Mapping, Optional, Tuple, TypeVar, Union

from . import _core
from ._args import core_of as _core_of
from ._core import Date

__all__ = ["TimeMixin", "as_of", "dated", "on_day", "successor"]

#: Dates as people give them: a danvan Date, an ISO 8601 string (``"2025-09-01"``,
#: ``"2025-09"``, ``"2025"``), a ``datetime.date`` or ``datetime.datetime`` (so a
#: ``pandas.Timestamp``), or a ``numpy.datetime64``.
DateLike = Union[Date, str, datetime.date, Any]

F = TypeVar("F", bound=Callable[..., Any])


def as_of(net: Any, date: DateLike) -> Any:
    """The network as it stands on ``date`` (see :meth:`TimeMixin.as_of`)."""
    return net.as_of(date)


def successor(net: Any, org_id: str, date: DateLike) -> Tuple[str, ...]:
    """Who holds an organization's roles on a day (see :meth:`TimeMixin.successor`)."""
    holders, _events, _started = _core.successor(_core_of(net), org_id, date)
    return tuple(holders)


def _split_day(scope: Any) -> Tuple[Any, Any]:
    """(the scope's as_of date or None, the scope without it)."""
    if scope is None:
        return None, None
    if isinstance(scope, _core.Scope):
        return (scope.as_of, scope.undated()) if scope.as_of is not None else (None, scope)
    if isinstance(scope, Mapping):
        day = scope.get("as_of")
        if day is None:
            return None, scope
        return day, {key: value for key, value in scope.items() if key != "as_of"}
    return None, scope  # the query itself says what is wrong with it


def on_day(net: Any, scope: Any) -> Tuple[Any, Any]:
    """(the network a query with ``scope`` answers on, the rest of the scope): the network
    as of the scope's ``as_of`` day, or ``net`` itself when the scope has no date. For
    functions that take a network and a scope (plots, exports)."""
    day, rest = _split_day(scope)
    return (net, scope) if day is None else (net.as_of(day), rest)


def dated(method: F) -> F:
    """Makes a network method that takes ``scope`` answer a scope with ``as_of`` on the
    network as of that day (:meth:`TimeMixin.as_of`, built once and kept with the
    network), with the rest of the scope: the one way every query honours ``as_of``,
    so that roles follow reorganizations instead of vanishing."""
    signature = inspect.signature(method)
    by_name = "scope" in signature.parameters

    @functools.wraps(method)
    def answer(self: Any, *args: Any, **kwargs: Any) -> Any:
        if by_name:
            bound = signature.bind(self, *args, **kwargs)
            day, rest = _split_day(bound.arguments.get("scope"))
            if day is None:
                return method(self, *args, **kwargs)
            bound.arguments["scope"] = rest
            return getattr(self.as_of(day), method.__name__)(*bound.args[1:], **bound.kwargs)
        day, rest = _split_day(kwargs.get("scope"))
        if day is None:
            return method(self, *args, **kwargs)
        return getattr(self.as_of(day), method.__name__)(*args, **{**kwargs, "scope": rest})

    return answer  # type: ignore[return-value]


class TimeMixin:
    """Time and change of :class:`danvan.Network`."""

    __slots__ = ()

    def as_of(self, date: DateLike) -> Any:
        """The network as it stands on ``date``: a :class:`danvan.Network` holding what
        exists that day, each role of an organization that no longer holds it carried to
        the successor(s) that exist that day (:attr:`danvan.Role.carried_from` names the
        organization and event it came from) or, when nobody takes it over, kept as an
        orphaned role of its task or program (``task.orphaned_roles``). Organizations bear
        the name valid that day. Built once per day and kept with this network: asking
        again costs nothing. ``scope={"as_of": date}`` in any query means exactly this.

        ``date``: an ISO string, a danvan Date, a ``datetime.date``/``datetime``, a
        ``pandas.Timestamp`` or a ``numpy.datetime64``; ``30/09/2023`` is refused with
        the ISO form suggested.
        """
        core = self._core.as_of(date)  # type: ignore[attr-defined]
        if core is self._core:  # type: ignore[attr-defined]
            return self
        return type(self)._from_core(core)  # type: ignore[attr-defined]

    @property
    def date(self) -> Optional[Date]:
        """The day a network as of a day shows; ``None`` for a network of all time."""
        return self._core.meta()["as_of"]  # type: ignore[attr-defined]

    def successor(self, org_id: str, date: DateLike) -> Tuple[str, ...]:
        """Who holds an organization's roles on ``date``: ``(org_id,)`` while nothing moved
        it, its successors' ids after reorganization events (merge, split, rename,
        transfer, applied in date order), ``()`` when it ended without successor or did not
        exist yet. A split with shares gives every successor here; which one takes a given
        role is :meth:`as_of`'s to say."""
        return successor(self, org_id, date)
