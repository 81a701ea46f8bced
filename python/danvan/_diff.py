"""What changed between two networks, or one network on two days.

>>> import danvan
>>> a = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}],
...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:a", "role": "lead"}]}]}''')
>>> b = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:a", "name": "Ban A"}, {"id": "org:b", "name": "B"}],
...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:b", "role": "lead"}]}]}''')
>>> d = danvan.diff(a, b)
>>> d.entities[["id", "change", "before", "after"]].values.tolist()
[['org:a', 'renamed', 'A', 'Ban A']]
>>> d.roles[["change", "target", "role", "org_before", "org_after"]].values.tolist()
[['moved', 'task:t', 'lead', 'org:a', 'org:b']]
>>> bool(d), danvan.diff(a, a).empty
(True, True)
"""

from __future__ import annotations

from typing import Any, Optional

from . import _core

__all__ = ["Diff", "diff"]

_COLUMNS = {
    "entities": ["kind", "id", "change", "field", "before", "after"],
    "roles": ["change", "target_kind", "target", "role", "org_before", "org_after", "event"],
    "pairs": ["a", "b", "before", "after"],
    "findings": ["change", "rule", "severity", "entity", "message"],
}
_LETTERS = "RACI"


class Diff:
    """What changed from one network to another, a DataFrame per part:

    * ``entities`` — kind, id, change (``added``, ``removed``, ``renamed``, ``changed``),
      field, before, after (values as written in a file);
    * ``roles`` — change (``gained``, ``lost``, ``moved``), target_kind, target, role,
      org_before, org_after, event (the reorganization that carried a moved role);
    * ``responsibility`` — org and its roles by RACI letter before and after
      (``R_before`` ... ``I_after``), for the organizations whose counts differ;
    * ``pairs`` — organization pairs sharing at least ``min_shared`` tasks in one network
      only, with their shared counts before and after;
    * ``findings`` — coverage findings ``new`` in the second network or ``resolved`` in it.

    ``empty`` is true when nothing differs; a Diff is true when something does.
    """

    def __init__(self, parts: Any) -> None:
        import pandas as pd

        for name, columns in _COLUMNS.items():
            setattr(self, name, pd.DataFrame(parts[name], columns=columns))
        rows = [(org, *before, *after) for org, before, after in parts["responsibility"]]
        self.responsibility = pd.DataFrame(
            rows, columns=["org"] + [f"{c}_before" for c in _LETTERS] + [f"{c}_after" for c in _LETTERS])

    @property
    def empty(self) -> bool:
        return all(len(getattr(self, name)) == 0 for name in (*_COLUMNS, "responsibility"))

    def __bool__(self) -> bool:
        return not self.empty

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, n))} {n}" for n in ("entities", "roles", "responsibility", "pairs", "findings"))
        return f"<danvan.Diff {counts}>"


def diff(a: Any, b: Any, *, min_shared: int = 2, rules: Any = None, coverage: bool = True,
         from_date: Optional[Any] = None, to_date: Optional[Any] = None) -> Diff:
    """What changed from network ``a`` to network ``b`` (see :class:`Diff`). With
    ``from_date`` / ``to_date``, ``a`` as of the first day against ``b`` as of the second
    (give the same network twice to compare two days of one network). ``rules``: the
    coverage rules compared (default: the shipped ones); ``min_shared``: the overlap pairs
    compared share at least this many tasks (0: none). Linear in the networks' sizes."""
    from ._coverage import load_rules

    if from_date is not None:
        a = a.as_of(from_date)
    if to_date is not None:
        b = b.as_of(to_date)
    core_rules = None if rules is None else load_rules(rules)._core
    return Diff(_core.diff(a._core, b._core, int(min_shared), core_rules, bool(coverage)))
