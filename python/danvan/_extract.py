"""Drafting network entries from the plain text of a report.

:func:`extract` reads a report (Vietnamese) and finds the documents it cites,
the organizations it names, its programs and movements, dates and periods,
districts, and the roles organizations take (``chủ trì``, ``phối hợp với``,
``tham mưu``, ...). Every item carries the span of text it rests on and a
confidence; :meth:`Draft.to_network` gives them as a valid danvan network for
a person to review.

>>> import danvan
>>> d = danvan.extract("Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Công an tỉnh "
...             "triển khai Kế hoạch thực hiện Kết luận số 44-KL/TW, ngày 14/11/2022.")
>>> [(i.kind, i.text) for i in d.items if i.kind in ("organization", "document")]
[('organization', 'Ban Dân vận Tỉnh ủy'), ('organization', 'Công an tỉnh'), ('document', 'Kết luận số 44-KL/TW, ngày 14/11/2022')]
>>> sorted((i.name, i.org) for i in d.items if i.kind == "role")
[('coordinate', 'org:cong-an-tinh'), ('lead', 'org:ban-dan-van-tinh-uy')]
>>> d.to_network().organizations["org:cong-an-tinh"].kind
'police'
"""

from __future__ import annotations

import datetime
import html
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Optional, Tuple, Union

from . import _core
from ._core import Gazetteer, Period

if TYPE_CHECKING:  # pragma: no cover
    from ._network import Network

__all__ = ["Draft", "Gazetteer", "Item", "KINDS", "extract", "load_gazetteer"]

#: The kinds of item extraction reports, in the order tables list them.
KINDS: Tuple[str, ...] = ("document", "organization", "program", "period", "district", "province", "role")

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Item:
    """One thing found in a text.

    ``span`` counts code points (``text[begin:end]`` in Python), ``byte_span``
    bytes of the UTF-8 text. ``id`` is the draft entity the item is evidence
    for (for a role: the task or program it is a role on), ``name`` its
    canonical form (an organization's full name, a document number such as
    ``44-KL/TW``, a period such as ``2023/2025``, a role name such as ``lead``).
    For a role, ``org`` is the organization that takes it and ``org_span`` the
    mention that names it.
    """

    kind: str
    text: str
    span: Tuple[int, int]
    confidence: float
    id: str
    name: str
    category: str
    period: Optional[Period] = None
    org: Optional[str] = None
    org_span: Optional[Tuple[int, int]] = None
    source: str = ""
    byte_span: Tuple[int, int] = (0, 0)

    @classmethod
    def _from_core(cls, i: Any) -> "Item":
        return cls(
            kind=i.kind,
            text=i.text,
            span=tuple(i.span),
            confidence=round(float(i.confidence), 4),
            id=i.id,
            name=i.name,
            category=i.category,
            period=i.period,
            org=i.org or None,
            org_span=tuple(i.org_span) if i.org_span is not None else None,
            source=i.source,
            byte_span=tuple(i.byte_span),
        )

    def as_dict(self) -> dict:
        """The item as plain JSON-ready values."""
        return {
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span),
            "confidence": self.confidence,
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "period": str(self.period) if self.period is not None else None,
            "org": self.org,
            "org_span": list(self.org_span) if self.org_span is not None else None,
            "source": self.source,
        }


class Draft:
    """What :func:`extract` found: the items, in text order, and the draft network.

    >>> d = extract("Tỉnh đoàn tham gia phong trào thi đua “Dân vận khéo” giai đoạn 2023 – 2025.")
    >>> [(i.kind, i.name) for i in d.of_kind("program")]
    [('program', 'Dân vận khéo')]
    >>> str(d.of_kind("program")[0].period)
    '2023/2025'
    """

    def __init__(self, core: Any) -> None:
        self._core = core
        self._items = tuple(Item._from_core(i) for i in core.items)

    @property
    def items(self) -> Tuple[Item, ...]:
        """Every item, in text order."""
        return self._items

    def of_kind(self, kind: str) -> list:
        """The items of one kind (``document``, ``organization``, ``program``,
        ``period``, ``district``, ``province``, ``role``)."""
        if kind not in KINDS:
            raise ValueError(f"unknown item kind {kind!r} (one of {', '.join(KINDS)})")
        return [i for i in self._items if i.kind == kind]

    def counts(self) -> dict:
        """Number of items of each kind."""
        return {k: sum(1 for i in self._items if i.kind == k) for k in KINDS}

    def __iter__(self) -> Iterator[Item]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the text's UTF-8 bytes (the draft's source entry records it)."""
        return self._core.sha256

    @property
    def length(self) -> int:
        """Length of the text in code points."""
        return self._core.length

    @property
    def source_id(self) -> str:
        """Id of the source entry every evidence span cites."""
        return self._core.source_id

    def to_network(self) -> "Network":
        """The draft as a :class:`danvan.Network` (valid, for review)."""
        from ._network import Network

        return Network._from_core(self._core.network())

    def dumps(self) -> str:
        """The draft network as danvan JSON text."""
        return self._core.dumps()

    def save(self, path: PathLike) -> None:
        """Writes the draft network to a file (atomically)."""
        self.to_network().save(path)

    def to_dataframe(self):  # -> pandas.DataFrame
        """The items as a pandas DataFrame, one row per item."""
        import pandas as pd

        rows = [i.as_dict() for i in self._items]
        columns = ["kind", "text", "span", "confidence", "id", "name", "category", "period", "org", "org_span", "source"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        c = self.counts()
        parts = ", ".join(f"{v} {k}{'s' if v != 1 else ''}" for k, v in c.items() if v)
        return f"<danvan.Draft: {parts or 'nothing found'}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(i.kind)}</td><td>{i.span[0]}–{i.span[1]}</td><td>{html.escape(i.text)}</td>"
            f"<td>{html.escape(i.name)}</td><td>{i.confidence:.2f}</td></tr>"
            for i in self._items[:200]
        )
        more = f"<p>… and {len(self._items) - 200} more items</p>" if len(self._items) > 200 else ""
        return (
            "<table><thead><tr><th>kind</th><th>span</th><th>text</th><th>name</th><th>confidence</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{more}"
        )


def load_gazetteer(path: PathLike) -> Gazetteer:
    """Reads a gazetteer: a directory of ``*.json`` files, or one file (schema/gazetteer.schema.json)."""
    return Gazetteer.load(os.fspath(path))


def _as_gazetteer(gazetteer: Union[None, Gazetteer, PathLike]) -> Optional[Gazetteer]:
    if gazetteer is None or isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, (str, os.PathLike)):
        return load_gazetteer(gazetteer)
    raise TypeError(f"gazetteer must be None, a Gazetteer or a path, not {type(gazetteer).__name__}")


def extract(
    text: Union[str, bytes],
    network: "Optional[Network]" = None,
    gazetteer: Union[None, Gazetteer, PathLike] = None,
    *,
    source_id: Optional[str] = None,
    title: Optional[str] = None,
    date: Union[None, str, datetime.date] = None,
    kind: str = "text",
    url: Optional[str] = None,
    default_year: int = 0,
    min_confidence: float = 0.0,
    max_evidence: int = 50,
    errors: str = "replace",
    threads: int = 2,
) -> Draft:
    """Drafts network entries from the plain text of a report.

    ``network`` adds its organizations' names and aliases and its areas to what
    is recognized (and its ids are reused); ``gazetteer`` replaces the built-in
    one (a :class:`Gazetteer` or a path). ``source_id``, ``title``, ``date``,
    ``kind`` and ``url`` describe the source entry the evidence cites.
    ``errors="reject"`` raises :class:`danvan.Error` on ill-formed UTF-8 instead
    of replacing it. Never raises for the content of the text: an empty text,
    one without Vietnamese or with HTML left in it gives a valid, possibly
    empty draft.

    >>> extract("").counts()["organization"]
    0
    """
    core_net = None
    if network is not None:
        core_net = getattr(network, "_core", network)
    if isinstance(date, datetime.date):
        date = date.isoformat()
    core = _core.extract(
        text,
        core_net,
        _as_gazetteer(gazetteer),
        source_id or "",
        title or "",
        date or "",
        kind,
        url or "",
        int(default_year),
        float(min_confidence),
        int(max_evidence),
        errors,
        int(threads),
    )
    return Draft(core)
