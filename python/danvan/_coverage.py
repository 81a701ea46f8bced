"""Coverage rules for :class:`danvan.Network`: rules files (:func:`load_rules`, the
shipped default, :func:`rule_catalog`) and what the rules find
(:meth:`~CoverageMixin.check`, a DataFrame of violations). See docs/rules.md.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:tinh-uy", "name": "Tỉnh ủy"}],
...   "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:tinh-uy", "role": "direct"}]}]}''')
>>> net.check({"rules": [{"rule": "task-responsible"}]}).message.tolist()
['no organization is responsible (R: lead, advise) on task `task:t` (T); exactly 1 expected']
"""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

from . import _core
from ._core import Date
from ._args import core_of as _core_of

__all__ = [
    "CoverageMixin",
    "Rules",
    "check",
    "load_rules",
    "rule_catalog",
]

DateLike = Union[Date, str, datetime.date]
RulesLike = Union["Rules", "_core.RuleSet", Mapping[str, Any], str, "os.PathLike[str]", None]

#: Severities in increasing order.
SEVERITIES: Tuple[str, ...] = ("info", "warning", "error")


# ---- rules and violations -------------------------------------------------------------


class Rules:
    """A parsed rules file (see docs/rules.md): its rules in file order, an optional
    ``as_of`` date and a title. Make one with :func:`load_rules`.

    >>> rules = load_rules({"rules": [{"rule": "task-responsible"}]})
    >>> rules.names, len(rules)
    (['task-responsible'], 1)
    """

    __slots__ = ("_core",)

    def __init__(self, core: Any) -> None:
        self._core = core

    @property
    def names(self) -> List[str]:
        return list(self._core.names)

    @property
    def as_of(self) -> Optional[Date]:
        return self._core.as_of

    @property
    def title(self) -> str:
        return self._core.title

    @property
    def file(self) -> str:
        return self._core.file

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        """Each rule as a dict: name, rule, severity, description, enabled, params, scope, path."""
        return iter(self._core.rules)

    def __repr__(self) -> str:
        return f"<danvan.Rules {self.file}: {', '.join(self.names)}>"


def load_rules(source: RulesLike = None) -> Rules:
    """Reads coverage rules from a path, JSON text, a dict (the parsed JSON), or returns
    the shipped default (``data/rules/default.rules.json``) for ``None``.

    Raises :class:`danvan.ValidationError` (a ``ValueError``) naming the JSON path of
    each mistake — an unknown rule or parameter, a wrong type, a bad date —
    :class:`danvan.ParseError` for text that is not JSON and :class:`danvan.FileError`
    for a file that cannot be read.

    >>> load_rules().names[:2]
    ['task-responsible', 'task-accountable']
    >>> try:
    ...     load_rules({"rules": [{"rule": "task-responsable"}]})
    ... except ValueError as e:
    ...     print(e.problems[0].path, e.problems[0].suggestion)
    /rules/0/rule task-responsible
    """
    if source is None:
        return Rules(_core.RuleSet.default())
    if isinstance(source, Rules):
        return source
    if isinstance(source, _core.RuleSet):
        return Rules(source)
    if isinstance(source, Mapping):
        return Rules(_core.RuleSet.parse(json.dumps(source, ensure_ascii=False), "<dict>"))
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return Rules(_core.RuleSet.parse(source, "<string>"))
    if isinstance(source, (str, os.PathLike)):
        return Rules(_core.RuleSet.load(os.fspath(source)))
    raise TypeError(f"rules: expected a path, JSON text, a dict or None, not {type(source).__name__}")


def rule_catalog() -> List[Dict[str, Any]]:
    """Every built-in rule: name, default severity, subject kind, needs_date, summary and
    params (name, type, default as JSON text, description, choices)."""
    return _core.rule_catalog()


# ---- functions over any network (danvan.Network or its core) -----------------------


def check(net: Any, rules: RulesLike = None, as_of: Optional[DateLike] = None, messages: bool = True) -> Any:
    """Runs coverage rules (see :meth:`CoverageMixin.check`)."""
    from ._frames import columns_frame, name_column, named_ids, present_id_column, words_column

    core = _core_of(net)
    parsed = load_rules(rules)._core
    found = _core.check_table(core, parsed, as_of, messages)
    cols = {
        "rule": words_column(found["rule_pos"], parsed.names),
        "check": words_column(found["check"], found["checks"]),
        "severity": words_column(found["severity"], found["severities"], ordered=True),
        "entity_kind": words_column(found["entity_kind"], found["found_kinds"]),
    }
    # Entities are named from the id and name arrays kept per network, every kind's in
    # one array: the core numbers them so, and makes the id column's codes.
    kinds = found["entity_kinds"]
    cols["entity"] = present_id_column(named_ids(net, kinds)[0], found["entity_code"], found["entities"])
    cols["entity_name"] = name_column(net, kinds, found["entities"], found["entity_code"])
    if messages:
        cols["message"] = found["message"]
        cols["evidence"] = found["evidence"]
    return columns_frame(cols, len(found["rule_pos"]))


# ---- the mixin ----------------------------------------------------------------------------


class CoverageMixin:
    """Coverage rules of :class:`danvan.Network`."""

    __slots__ = ()

    def check(self, rules: RulesLike = None, as_of: Optional[DateLike] = None, messages: bool = True) -> Any:
        """Runs coverage rules and returns the violations, rule by rule in file order, as a
        ``pandas.DataFrame``: rule (its name in the rules file; the categories are every
        rule of the file, so ``value_counts()`` shows a rule that found nothing as 0),
        check (the built-in rule it is an instance of), severity (ordered categorical ``info`` < ``warning`` <
        ``error``), entity_kind, entity (the id it is about), entity_name (its name: a
        categorical of the names that occur), message (a sentence) and evidence (the ids involved, the entity first:
        a tuple).
        ``messages=False`` leaves out message and evidence and formats nothing: the form
        for counts and charts on large networks (``net.check(messages=False).groupby(
        ["rule", "severity"], observed=True).size()``).

        ``rules``: a path, JSON text, a dict, a :class:`Rules`, or ``None`` for the shipped
        ``data/rules/default.rules.json``. ``as_of``: the date the rules look at (default:
        the rules file's own ``as_of``; rules that need a date are skipped without one).
        With a date, roles follow reorganizations: a role of a merged organization counts
        for its successor.
        """
        return check(self, rules, as_of, messages)
