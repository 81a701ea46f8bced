"""The hand-written stubs python/danvan/_core.pyi name exactly what the compiled
module danvan._core has: module-level names and, for each class, its public
members; and the package ships py.typed."""

from __future__ import annotations

import ast
import inspect
from collections import Counter
from pathlib import Path

import pytest

import danvan
from danvan import _core

PACKAGE_DIR = Path(danvan.__file__).resolve().parent
STUB = PACKAGE_DIR / "_core.pyi"


def _public(name: str) -> bool:
    return not name.startswith("_")


@pytest.fixture(scope="module")
def stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(encoding="utf-8"), filename=str(STUB))


def _top_level(tree: ast.Module):
    """(name, node) for every name the stub defines at module level (imports excluded)."""
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            yield node.target.id, node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node


def _stub_classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {name: node for name, node in _top_level(tree) if isinstance(node, ast.ClassDef)}


def _stub_members(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> set[str]:
    """Public members of a stub class, including those of its bases defined in the stub."""
    names: set[str] = set()
    for node in cls.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in classes:
            names |= _stub_members(classes[base.id], classes)
    return {n for n in names if _public(n)}


def _runtime_members(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object or klass.__module__ == "pybind11_builtins":
            continue
        names.update(vars(klass))
    return {n for n in names if _public(n)}


def _module_names() -> set[str]:
    return {n for n in dir(_core) if _public(n)}


def test_stub_parses_and_defines_each_name_once(stub_tree):
    counts = Counter(name for name, _ in _top_level(stub_tree))
    assert [name for name, n in counts.items() if n > 1] == []


def test_every_name_of_the_module_is_in_the_stub(stub_tree):
    stub = {name for name, _ in _top_level(stub_tree) if _public(name)}
    missing = sorted(_module_names() - stub)
    assert missing == [], f"in danvan._core but not in _core.pyi: {missing}"


def test_every_name_of_the_stub_is_in_the_module(stub_tree):
    stub = {name for name, _ in _top_level(stub_tree) if _public(name)}
    extra = sorted(stub - _module_names())
    assert extra == [], f"in _core.pyi but not in danvan._core: {extra}"


def _bound_classes():
    return sorted(n for n in _module_names() if inspect.isclass(getattr(_core, n)))


@pytest.mark.parametrize("name", _bound_classes())
def test_class_members_match(stub_tree, name):
    classes = _stub_classes(stub_tree)
    if name not in classes:
        pytest.fail(f"class {name} is not in _core.pyi")
    runtime = _runtime_members(getattr(_core, name))
    stub = _stub_members(classes[name], classes)
    assert sorted(runtime - stub) == [], f"{name}: members missing from the stub"
    assert sorted(stub - runtime) == [], f"{name}: members in the stub that the class lacks"


def test_the_core_section_covers_what_this_engineer_binds():
    # A guard against an empty module making the tests above pass vacuously.
    assert {"Network", "Date", "Period", "OrganizationView", "TaskView", "RoleView"} <= _module_names()


def test_package_ships_py_typed_and_exports_what_all_names():
    assert (PACKAGE_DIR / "py.typed").is_file()
    for name in danvan.__all__:
        assert hasattr(danvan, name), name
    assert {"Network", "Error", "ValidationError", "Date", "Period", "Organization"} <= set(danvan.__all__)
