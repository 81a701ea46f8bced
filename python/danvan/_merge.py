"""Folding a reviewed draft (e.g. of :func:`danvan.extract`) into a network, with a
report of what became of each draft entity.

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1", "areas": [{"id": "area:hd", "name": "Hải Dương", "level": "province"}],
...   "organizations": [{"id": "org:ban-dan-van", "name": "Ban Dân vận Tỉnh ủy Hải Dương", "aliases": ["Ban Dân vận Tỉnh ủy"],
...                      "area": "area:hd"}]}''')
>>> draft = danvan.Network.loads('''{"danvan": "1", "areas": [{"id": "area:hd", "name": "Hải Dương", "level": "province"}],
...   "organizations": [{"id": "org:bdv", "name": "Ban Dân vận Tỉnh ủy"}, {"id": "org:mttq", "name": "Ủy ban MTTQ tỉnh"}],
...   "tasks": [{"id": "task:t", "name": "Đối thoại", "roles": [{"org": "org:bdv", "role": "lead"}]}]}''')
>>> result = danvan.merge(net, draft)
>>> result.report[["draft_id", "status", "id"]].values.tolist()
[['area:hd', 'matched', 'area:hd'], ['org:bdv', 'matched', 'org:ban-dan-van'], ['org:mttq', 'added', 'org:mttq'], ['task:t', 'added', 'task:t']]
>>> result.network.tasks["task:t"].roles[0].org.id
'org:ban-dan-van'
"""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Sequence

from . import _core

__all__ = ["MergeResult", "merge"]


class MergeResult:
    """What :func:`merge` gives: ``network`` (the merged :class:`danvan.Network`),
    ``report`` (a DataFrame: kind, draft_id, status — ``matched``, ``added``,
    ``ambiguous`` or ``dropped`` — id, candidates, how), ``conflicts`` (kind, id, field,
    network, draft, draft_taken) and ``roles_added``."""

    def __init__(self, network: Any, entries: Sequence[Any], conflicts: Sequence[Any], roles_added: int) -> None:
        import pandas as pd

        self.network = network
        self.report = pd.DataFrame([(k, d, s, i, tuple(c), h) for k, d, s, i, c, h in entries],
                                   columns=["kind", "draft_id", "status", "id", "candidates", "how"])
        self.conflicts = pd.DataFrame(list(conflicts), columns=["kind", "id", "field", "network", "draft", "draft_taken"])
        self.roles_added = roles_added

    def __repr__(self) -> str:
        counts = self.report.status.value_counts().to_dict()
        return (f"<danvan.MergeResult {counts.get('matched', 0)} matched, {counts.get('added', 0)} added, "
                f"{counts.get('ambiguous', 0)} ambiguous, {counts.get('dropped', 0)} dropped; "
                f"{self.roles_added} roles added, {len(self.conflicts)} conflicts>")


def merge(net: Any, draft: Any, *, min_confidence: float = 0.0, prefer: str = "network",
          choose: Optional[Callable[[str, str, List[str]], Optional[str]]] = None,
          source_text: Optional[str] = None) -> MergeResult:
    """Folds ``draft`` into ``net`` (neither changes) and returns the merged network with
    a report: documents are matched by reference (type, number, issuer, year),
    organizations by name, alias or former name within the same province, areas by code
    or name, sources by SHA-256; the rest is added. Nothing of ``net`` is overwritten
    unless ``prefer="draft"``: a differing field is a conflict in the report. Draft
    entities and roles below ``min_confidence`` are dropped. ``choose(kind, draft_id,
    candidates)`` picks the candidate of an ambiguous entity (``None``: add it as new).
    With ``source_text``, the draft's source must be of that text and its spans inside
    it. Raises :class:`danvan.ValidationError` when the draft does not fit."""
    if prefer not in ("network", "draft"):
        raise ValueError(f"prefer: expected 'network' or 'draft', not {prefer!r}")
    core, entries, conflicts, roles_added = _core.merge(net._core, draft._core, float(min_confidence), prefer == "draft",
                                                         choose, source_text)
    return MergeResult(type(net)._from_core(core), entries, conflicts, roles_added)
