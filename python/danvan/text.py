"""Vietnamese text: normalization, search keys, document references, dates and periods.

Reports about coordination work are typed by many hands: ``Tỉnh uỷ`` and ``Tỉnh ủy``,
NFD accents, ``Ð`` (U+00D0) for ``Đ``, three kinds of dash, stray spaces inside words.
This module reads all of them as one language. Every function takes ``str`` (or UTF-8
``bytes``); spans are ``(begin, end)`` in code points, so ``text[begin:end]`` is the
match, and ``byte_span`` gives the same in bytes of the UTF-8 text.

>>> from danvan import text
>>> text.normalize("Ban Dân vận Tỉnh uỷ, khoá XII")
'Ban Dân vận Tỉnh ủy, khóa XII'
>>> text.search_key("Ban Dân vận Tỉnh uỷ")
'ban dan van tinh uy'
>>> r = text.parse_reference("Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư")
>>> r.type, r.number, r.issuer, str(r.date), r.issuing_body, r.key
('KL', '44', 'TW', '2022-11-14', 'Ban Bí thư', 'kl-44-tw-2022')

Bytes that are not UTF-8 are replaced by U+FFFD (one per ill-formed sequence), or,
with ``invalid="reject"``, raise :class:`InvalidUtf8Error` naming the byte offset.
"""

from __future__ import annotations

from typing import Dict, Hashable, Iterable, List, Mapping, NamedTuple, Optional, Tuple, Union

from . import _core
from ._core import DocumentReference, PeriodMatch
from ._errors import Error

__all__ = [
    "DocumentReference",
    "FuzzyIndex",
    "InvalidUtf8Error",
    "Match",
    "PeriodMatch",
    "count_code_points",
    "document_type_from_name",
    "document_type_name",
    "find_invalid_utf8",
    "format_reference",
    "normalize",
    "parse_reference",
    "scan_periods",
    "scan_references",
    "search_key",
]

Text = Union[str, bytes]


class InvalidUtf8Error(Error, ValueError):
    """The input is not well-formed UTF-8 and ``invalid="reject"`` was asked for.

    ``offset`` is the byte offset of the first byte of the ill-formed sequence; the
    message says what is wrong with it.

    >>> from danvan import text
    >>> try:
    ...     text.normalize(b"T\\xe1\\xbb", invalid="reject")
    ... except text.InvalidUtf8Error as e:
    ...     print(e.offset, e)
    1 invalid UTF-8 at byte offset 1: truncated 3-byte sequence (the input ends after 2 bytes)
    """

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset

    def __reduce__(self):  # pickles with its offset
        return (type(self), (str(self), self.offset))


def normalize(
    text: Text,
    *,
    invalid: str = "replace",
    vietnamese_eth: bool = True,
    tone_marks: bool = True,
    join_split_words: bool = True,
    fold_punctuation: bool = True,
    drop_ignorables: bool = True,
    collapse_whitespace: bool = True,
    keep_line_breaks: bool = False,
) -> str:
    """Text in one canonical form, so that the ways Vietnamese is typed compare equal.

    NFC; ``Ð``/``ð`` read as ``Đ``/``đ``; one tone-mark placement (``uỷ`` → ``ủy``,
    ``hoà`` → ``hòa``, ``khoẻ`` → ``khỏe``, misplaced marks moved), only in words
    that are one Vietnamese syllable (``quý``, ``hoàng``, ``thuở`` stay); a lone
    consonant joined to the next word when together they make a syllable
    (``T ham mưu`` → ``Tham mưu``); dashes → ``-``, curly quotes → straight;
    zero-width and soft-hyphen characters dropped; whitespace collapsed and trimmed
    (``keep_line_breaks=True`` keeps one ``\\n`` per line break run, two per paragraph).
    Each step can be turned off; all off leaves plain NFC.

    >>> from danvan import text
    >>> text.normalize("Hoà Bình  –  “khoẻ”  T ham mưu")
    'Hòa Bình - "khỏe" Tham mưu'
    >>> text.normalize("ÐẢNG") == "ĐẢNG"
    True
    >>> text.normalize("quý, quỳnh, hoàng, khuya, thuở, tuyết")
    'quý, quỳnh, hoàng, khuya, thuở, tuyết'
    >>> text.normalize(b"a\\xffb")
    'a\\ufffdb'
    """
    return _core.normalize(
        text,
        invalid=invalid,
        vietnamese_eth=vietnamese_eth,
        tone_marks=tone_marks,
        join_split_words=join_split_words,
        fold_punctuation=fold_punctuation,
        drop_ignorables=drop_ignorables,
        collapse_whitespace=collapse_whitespace,
        keep_line_breaks=keep_line_breaks,
    )


def search_key(text: Text, *, invalid: str = "replace") -> str:
    """The key names are compared by: normalized, lower case, no accents, ``đ`` → ``d``,
    only letters and digits, single spaces between words.

    >>> from danvan import text
    >>> text.search_key("Ban Dân vận Tỉnh uỷ")
    'ban dan van tinh uy'
    >>> text.search_key("Tỉnh ủy") == text.search_key("TỈNH UỶ") == "tinh uy"
    True
    >>> text.search_key("“Dân vận khéo” 2023–2025")
    'dan van kheo 2023 2025'
    """
    return _core.search_key(text, invalid=invalid)


def find_invalid_utf8(data: Text) -> Optional[int]:
    """Byte offset of the first ill-formed UTF-8 sequence in ``data``, or None.

    >>> from danvan import text
    >>> text.find_invalid_utf8(b"Tinh \\xc0\\xaf"), text.find_invalid_utf8("Tỉnh")
    (5, None)
    """
    return _core.find_invalid_utf8(data)


def count_code_points(data: Text) -> int:
    """Code points in UTF-8 ``data``, each ill-formed sequence counting as one (the unit of spans).

    >>> from danvan import text
    >>> text.count_code_points("Tỉnh ủy".encode()), text.count_code_points(b"\\xe2\\x82A")
    (7, 2)
    """
    return _core.count_code_points(data)


def parse_reference(text: Text) -> Optional[DocumentReference]:
    """The document reference that starts ``text``, or None.

    Party numbers ``NN-TYPE/ISSUER`` (joint issuers hyphenated) and State numbers
    ``NN/YYYY/TYPE-ISSUER`` or ``NN/TYPE-ISSUER``; the Vietnamese type name, date
    (``14/11/2022``, ``14-11-2022``, ``4.11.2013``, ``ngày 03 tháng 4 năm 2018``),
    issuing body (after ``của``) and term (``khóa XII``) when written. Real-world
    noise is tolerated: ``60/NQ-TW`` for ``60-NQ/TW``, ``số31``, ``1206 /QĐ-HVTC``,
    ``QÐi`` with U+00D0, numbers typed without Vietnamese letters (``ND-CP``,
    ``QD-TTg``), ``TƯ`` for ``TW``, lower case, spaces before commas, a missing year.
    ``span`` says how much of the text the reference covers; ``issuers`` lists the
    issuing bodies a joint issuer names (a department suffix such as ``-NC`` is none).

    >>> from danvan import text
    >>> r = text.parse_reference("Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư (khoá XII)")
    >>> r.type, r.code, str(r.date), r.issuing_body, r.term, r.key
    ('CT', '21-CT/TW', '2018-01-20', 'Ban Bí thư', 12, 'ct-21-tw-2018')
    >>> r = text.parse_reference("Nghị quyết số 60/NQ-TW")
    >>> r.code, r.form
    ('60-NQ/TW', 'party')
    >>> text.parse_reference("Nghị định số 60/2013/NĐ-CP").key
    'nd-60-cp-2013'
    >>> text.parse_reference("Nghị định 60/2023/ND-CP").code
    '60/2023/NĐ-CP'
    >>> text.parse_reference("Chương trình số 03-CTr/BDVTU-BCHQST-CAT").issuers
    ['BDVTU', 'BCHQST', 'CAT']
    >>> text.parse_reference("hello") is None
    True
    """
    return _core.parse_reference(text)


def scan_references(text: Text, *, invalid: str = "replace") -> List[DocumentReference]:
    """Every document reference in ``text``, in order, with its span.

    A mention without a year takes the key of the nearest mention of the same
    document that has one, so one document keeps one key through a report
    (``key_from_context`` tells). Releases the GIL; linear in the text.

    >>> from danvan import text
    >>> s = "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 và Nghị quyết số 25-NQ/TW."
    >>> refs = text.scan_references(s)
    >>> [(s[r.span[0]:r.span[1]], r.key, r.key_from_context) for r in refs]
    [('Nghị quyết số 25-NQ/TW, ngày 03/6/2013', 'nq-25-tw-2013', False), ('Nghị quyết số 25-NQ/TW', 'nq-25-tw-2013', True)]
    """
    return _core.scan_references(text, invalid=invalid)


def format_reference(reference: DocumentReference) -> str:
    """Canonical text of a reference (official date style: a zero before days under 10
    and months 1 and 2).

    >>> from danvan import text
    >>> text.format_reference(text.parse_reference("kết luận số 44-KL/TW ngày 7-1-2019"))
    'Kết luận số 44-KL/TW, ngày 07/01/2019'
    >>> text.format_reference(text.DocumentReference(type="QĐ", number="12", issuer="TTg", form="state"))
    'Quyết định số 12/QĐ-TTg'
    """
    return _core.format_reference(reference)


def document_type_name(type: str, form: str = "party") -> str:
    """The Vietnamese name of a type abbreviation; ``''`` when unknown.

    >>> from danvan import text
    >>> text.document_type_name("KL"), text.document_type_name("TT", "state")
    ('Kết luận', 'Thông tư')
    """
    return _core.document_type_name(type, form)


def document_type_from_name(name: str) -> str:
    """The abbreviation of a Vietnamese type name (any case or tone-mark placement); ``''`` when unknown.

    >>> from danvan import text
    >>> text.document_type_from_name("quyết định"), text.document_type_from_name("Quy định")
    ('QĐ', 'QĐi')
    """
    return _core.document_type_from_name(name)


def scan_periods(text: Text, *, default_year: int = 0, invalid: str = "replace") -> List[PeriodMatch]:
    """Every date and period in ``text``, in order, with span and precision.

    ``giai đoạn 2023 – 2025`` (any dash and spacing), ``(15/10/1930 – 15/10/2023)``,
    ``năm 2023``, ``9 tháng đầu năm 2023`` (January–September), ``3 tháng cuối năm``,
    ``quý III/2023``, dates, and recurrences such as ``hằng quý``. Months or
    quarters without a year have ``months`` but no dates unless ``default_year`` is given.

    >>> from danvan import text
    >>> s = "giai đoạn 2023 – 2025; 9 tháng đầu năm 2023; quý III/2023; hằng quý"
    >>> [(m.kind, str(m.period), m.recurrence) for m in text.scan_periods(s)]
    [('range', '2023/2025', None), ('months', '2023-01/2023-09', None), ('quarter', '2023-07/2023-09', None), ('recurrence', '../..', 'quarterly')]
    >>> m = text.scan_periods("6 tháng đầu năm", default_year=2024)[0]
    >>> m.months, str(m.start), str(m.end)
    ((1, 6), '2024-01', '2024-06')
    """
    return _core.scan_periods(text, default_year=default_year, invalid=invalid)


class Match(NamedTuple):
    """One result of :meth:`FuzzyIndex.find`."""

    item: object
    """The item the name belongs to."""
    score: float
    """In [0, 1]; the kinds of match never overlap in score."""
    name: str
    """The name that matched, as given."""
    name_index: int
    """Its position among the names the index was built from."""
    kind: str
    """``'exact'``, ``'prefix'``, ``'tokens'`` or ``'edit'``."""


class FuzzyIndex:
    """An immutable, Vietnamese-aware index of names for ranked look-up.

    Built from names (the item of each is its position), ``(name, item)`` pairs
    (aliases share an item; items may be any hashable value), or a mapping
    name → item. :meth:`find` ranks exact search keys first (score 1), then keys
    the query starts (0.9–1), then shared words weighted by rarity, tolerating
    typos (0.5–0.9), then edit distance (below 0.5); each item once, with its best
    name. Safe to share between threads; :meth:`find` releases the GIL.

    >>> from danvan.text import FuzzyIndex
    >>> idx = FuzzyIndex([("Tỉnh ủy Hải Dương", "tu"), ("Ban Dân vận Tỉnh uỷ", "bdv"), ("BDVTU", "bdv")])
    >>> [(m.item, m.kind) for m in idx.find("tinh uy hai duong")][:1]
    [('tu', 'exact')]
    >>> best = idx.find("dan van")[0]
    >>> best.item, best.name, best.kind
    ('bdv', 'Ban Dân vận Tỉnh uỷ', 'tokens')
    >>> idx.find("bdvtu", limit=1)[0].name
    'BDVTU'
    """

    def __init__(self, names: Union[Iterable[str], Iterable[Tuple[str, Hashable]], Mapping[str, Hashable]]) -> None:
        if isinstance(names, Mapping):
            names = list(names.items())
        names = list(names)
        if all(isinstance(n, str) for n in names):
            self._items: List[Hashable] = list(range(len(names)))
            self._core = _core.FuzzyIndex(names)
            return
        positions: Dict[Hashable, int] = {}
        entries: List[Tuple[str, int]] = []
        for i, entry in enumerate(names):
            if isinstance(entry, str) or len(entry) != 2:
                raise ValueError(f"FuzzyIndex: entry {i} is not a (name, item) pair: {entry!r}")
            name, item = entry
            entries.append((name, positions.setdefault(item, len(positions))))
        self._items = list(positions)
        self._core = _core.FuzzyIndex(entries)

    def find(self, query: str, limit: int = 10) -> List[Match]:
        """At most ``limit`` items, best first; empty when the query has no letter or digit or nothing matches."""
        return [Match(self._items[m.item], m.score, m.name, m.name_index, m.kind) for m in self._core.find(query, limit)]

    def __len__(self) -> int:
        return len(self._core)

    def name(self, index: int) -> str:
        """Name ``index`` as given (IndexError past the end)."""
        return self._core.name(index)

    def item(self, index: int) -> Hashable:
        """The item of name ``index``."""
        return self._items[self._core.item(index)]

    def key(self, index: int) -> str:
        """The search key of name ``index``."""
        return self._core.key(index)

    def __repr__(self) -> str:
        return f"FuzzyIndex({len(self)} names)"
