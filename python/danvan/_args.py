"""What every query's arguments go through: the compiled network behind a ``Network``,
and a scope given as a ``Scope``, a dict of its fields or ``None``."""

from __future__ import annotations

from typing import Any, Mapping

from . import _core


def core_of(net: Any) -> Any:
    """The ``_core.Network`` of a :class:`danvan.Network` (or the core network itself)."""
    return getattr(net, "_core", net)


def scope_arg(scope: Any) -> Any:
    """A ``_core.Scope`` or ``None`` from what a query's ``scope=`` accepts."""
    if scope is None or isinstance(scope, _core.Scope):
        return scope
    if isinstance(scope, Mapping):
        return _core.Scope(**scope)
    raise TypeError(f"scope: expected a danvan Scope, a dict of its fields or None, not {type(scope).__name__}")
