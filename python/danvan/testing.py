"""Assertions for tests of danvan networks (pytest or plain ``assert``).

Copy ``tests/python/test_example_coverage.py`` to start::

    import danvan
    from danvan.testing import assert_covered, assert_violates, assert_lead

    def test_province_network_is_covered():
        net = danvan.load("data/haiduong-2023.json")
        assert_covered(net, "data/rules/default.rules.json", as_of="2023-09-16", ignore=["task-responsible"])

Each assertion raises :class:`AssertionError` with every violation listed, so a
failing test says what to fix. ``pytest`` shows the message as is.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "A"}],
...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}]}''')
>>> len(assert_covered(net, {"rules": [{"rule": "task-responsible"}]}))  # returns what it found
0
>>> assert_lead(net, "task:t", "org:a")
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import numpy as np

from ._coverage import SEVERITIES, DateLike, RulesLike, check
from ._responsibility import lead_of

__all__ = ["assert_covered", "assert_violates", "assert_lead", "format_violations"]


def _rank(severity: str) -> int:
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise ValueError(f"severity: {severity!r} is not one of {', '.join(SEVERITIES)}") from None


def format_violations(violations: Any, fail_at: str = "error") -> str:
    """One line per violation (a row of :meth:`danvan.Network.check`'s DataFrame),
    ``severity rule entity: message [evidence]``; those at or above ``fail_at`` are
    marked with ``>``."""
    rank = _rank(fail_at)
    lines = []
    for v in violations.itertuples(index=False):
        mark = "  > " if _rank(v.severity) >= rank else "    "
        evidence = f" [{', '.join(v.evidence)}]" if len(v.evidence) > 1 else ""
        lines.append(f"{mark}{v.severity} {v.rule} {v.entity}: {v.message}{evidence}")
    return "\n".join(lines)


def assert_covered(
    net: Any,
    rules: RulesLike = None,
    *,
    as_of: Optional[DateLike] = None,
    min_severity: str = "error",
    ignore: Iterable[str] = (),
) -> Any:
    """Asserts that ``rules`` (a path, JSON text, a dict, :class:`danvan.Rules`, or ``None``
    for the shipped default) find no violation of ``min_severity`` or higher on ``net``
    as of ``as_of`` (default: the rules file's date). Rules named in ``ignore`` (by
    their ``name``) do not count. Returns every violation found (:meth:`danvan.Network.check`'s
    DataFrame), for further checks.

    The failure message lists every violation, the failing ones marked with ``>``.
    """
    rank = _rank(min_severity)
    skipped = set(ignore)
    found = check(net, rules, as_of)
    counted = ~found["rule"].isin(skipped)
    failing = found[counted & (found["severity"] >= min_severity)]
    if len(failing):
        when = f" as of {as_of}" if as_of is not None else ""
        raise AssertionError(
            f"{len(failing)} violation{'s' if len(failing) != 1 else ''} of severity {min_severity} or higher"
            f"{when} ({len(found)} in all):\n"
            + format_violations(found[counted], min_severity)
        )
    return found


def assert_violates(
    net: Any,
    rules: RulesLike = None,
    *,
    rule: Optional[str] = None,
    entity: Optional[str] = None,
    as_of: Optional[DateLike] = None,
) -> Any:
    """Asserts that the rules find at least one violation of rule ``rule`` (its name in the
    rules file) about ``entity`` (an id); either may be left out. Returns the matching
    violations (a DataFrame). Use it to pin a known gap down so that closing it is noticed."""
    found = check(net, rules, as_of)
    keep = np.ones(len(found), dtype=bool)
    if rule is not None:
        keep &= (found["rule"] == rule).to_numpy()
    if entity is not None:
        keep &= (found["entity"] == entity).to_numpy()
    matching = found[keep]
    if not len(matching):
        what = " ".join(x for x in (f"rule {rule}" if rule else "", f"about {entity}" if entity else "") if x)
        raise AssertionError(
            f"expected a violation{' of ' + what if what else ''}, found "
            + (f"these {len(found)}:\n" + format_violations(found, "info") if len(found) else "none")
        )
    return matching


def assert_lead(net: Any, task_id: str, org_id: Optional[str]) -> None:
    """Asserts that ``org_id`` is the single responsible (R) organization of a task
    (``None``: that the task has no single one)."""
    actual = lead_of(net, task_id)
    if actual != org_id:
        raise AssertionError(f"the lead of {task_id} is {actual!r}, not {org_id!r}")
