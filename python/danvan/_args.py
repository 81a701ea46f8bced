"""What every query's arguments go through: the compiled network behind a ``Network``,
a scope given as a ``Scope``, a dict of its fields or ``None``, and the translation of
the compiled core's own argument errors into :class:`danvan.ArgumentError`."""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any, Callable, List, Mapping, Tuple

from . import _core
from ._errors import ArgumentError

#: The fields of a Scope, in the order its constructor takes them.
SCOPE_KEYS = ("as_of", "window", "roles", "topics", "areas", "program", "document", "ceiling")


def core_of(net: Any) -> Any:
    """The ``_core.Network`` of a :class:`danvan.Network` (or the core network itself)."""
    return getattr(net, "_core", net)


def scope_arg(scope: Any) -> Any:
    """A ``_core.Scope`` or ``None`` from what a query's ``scope=`` accepts."""
    if scope is None or isinstance(scope, _core.Scope):
        return scope
    if isinstance(scope, Mapping):
        for key in scope:
            if key not in SCOPE_KEYS:
                near = difflib.get_close_matches(str(key), SCOPE_KEYS, n=1)
                hint = f"; did you mean `{near[0]}`?" if near else ""
                raise ArgumentError(f"scope: unknown key `{key}`{hint} (keys: {', '.join(SCOPE_KEYS)})")
        return _core.Scope(**scope)
    raise ArgumentError(f"scope: expected a danvan.Scope, a dict of its fields ({', '.join(SCOPE_KEYS)}) or None, "
                        f"found {type(scope).__name__}")


# ---- the core's argument errors --------------------------------------------------------

#: A signature line of pybind11's message: `    1. (net: danvan._core.Network, org: str, ...) -> dict`.
_OVERLOAD = re.compile(r"^\s+\d+\. \((.*)\)(?: -> .*)?$", re.M)
_SIMPLE = {"str": str, "int": int, "float": (int, float), "bool": bool}


def _parameters(inside: str) -> List[Tuple[str, str]]:
    """(name, type) of each parameter of a signature's parenthesized list."""
    params, depth, current = [], 0, ""
    for ch in inside + ",":
        if ch == "," and depth == 0:
            name, _, rest = current.strip().partition(":")
            params.append((name.strip(), rest.split("=")[0].strip()))
            current = ""
            continue
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        current += ch
    return [p for p in params if p[0] not in ("*", "")]


def _fits(value: Any, annotation: str) -> bool:
    optional = annotation.startswith("Optional[")
    inner = annotation[len("Optional["):-1] if optional else annotation
    if value is None:
        return optional or inner in ("object", "None")
    expected = _SIMPLE.get(inner)
    if expected is None:
        return True  # a core class, a list, a union: pybind11's own words are clear enough
    if inner in ("int", "float") and isinstance(value, bool):
        return False
    return isinstance(value, expected)


def _argument_error(fn: Callable, message: str, args: tuple, kwargs: dict) -> ArgumentError:
    """The argument a failed call of a core function could not take, in words, from the
    signatures pybind11's message lists and the arguments given."""
    overloads = [_parameters(m) for m in _OVERLOAD.findall(message)]
    for params in overloads:
        types = dict(params)
        for arg, value in list(zip((p[0] for p in params), args)) + list(kwargs.items()):
            if arg in types and not _fits(value, types[arg]):
                return ArgumentError(f"{arg}: expected {types[arg]}, found {type(value).__name__} {value!r:.80}")
    accepted = " or ".join("(" + ", ".join(f"{n}: {t}" for n, t in params if n != "net") + ")" for params in overloads)
    return ArgumentError(f"{getattr(fn, '__name__', 'a function')}: these arguments do not fit {accepted}")


def argument_error(fn: Callable, e: TypeError, args: tuple, kwargs: dict) -> ArgumentError:
    """The :class:`ArgumentError` of a core function's ``TypeError``: pybind11's overload
    mismatch in words, or a converter's own words (`as_of: expected ...`)."""
    if "incompatible function arguments" in str(e):
        return _argument_error(fn, str(e), args, kwargs)
    return ArgumentError(str(e))


def _guarded(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ArgumentError:
            raise
        except TypeError as e:
            raise argument_error(fn, e, args, kwargs) from None

    return call


def guard_core_functions(module: Any) -> None:
    """Wraps every function of the compiled module so that an argument of the wrong type
    is an :class:`ArgumentError` naming it, not pybind11's list of signatures."""
    for name in dir(module):
        fn = getattr(module, name)
        if type(fn).__name__ == "builtin_function_or_method" and not name.startswith("_"):
            setattr(module, name, _guarded(fn))
