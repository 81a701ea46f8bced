"""The exceptions danvan raises.

Every one derives from :class:`danvan.Error`; where a standard exception fits it
is a second base, so ``except ValueError`` catches bad input and ``except
KeyError`` catches unknown ids. The compiled core translates its C++ exceptions
into these classes (``bindings/register_errors.cpp``); the message is the C++ one.
"""

from __future__ import annotations

import os as _os
import re as _re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

__all__ = ["Error", "Problem", "ParseError", "ValidationError", "NotFoundError", "FileError", "ArgumentError"]


class Error(Exception):
    """Base of every exception danvan raises.

    >>> import danvan
    >>> try:
    ...     danvan.Network.loads("{")
    ... except danvan.Error as e:
    ...     print(type(e).__name__)
    ParseError
    """


class ArgumentError(Error, ValueError, TypeError):
    """An argument of a query or method that it cannot take: an unknown scope key or
    word, a value of the wrong type, a negative threshold. The message names the
    argument and what it accepts. Also a ``ValueError`` and a ``TypeError``, the two
    standard exceptions of a bad argument.

    >>> import danvan
    >>> try:
    ...     danvan.Network().raci(scope={"ceilng": "public"})
    ... except danvan.ArgumentError as e:
    ...     print(e)
    scope: unknown key `ceilng`; did you mean `ceiling`? (keys: as_of, window, roles, topics, areas, program, document, ceiling)
    """


_CONTROL = _re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what to do about it.

    ``path`` is the JSON pointer of the offending value (``/tasks/17/roles/2/org``);
    ``line`` and ``column`` (1-based) are set for syntax errors and 0 otherwise;
    ``rule`` is a stable name such as ``unknown-reference``; ``suggestion`` is the
    nearest valid value, or ``""``.

    >>> p = Problem(file="net.json", path="/tasks/0/roles/0/org", rule="unknown-reference",
    ...             message="unknown organization `org:x`")
    >>> str(p)
    'net.json:/tasks/0/roles/0/org: unknown organization `org:x`'
    """

    file: str = ""
    path: str = ""
    line: int = 0
    column: int = 0
    rule: str = ""
    message: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        # The same text as the C++ danvan::problem::to_string(): one line, its control
        # characters written \u0000.
        s = self.file or "<input>"
        if self.line > 0:
            s += f":{self.line}:{self.column}"
        if self.path:
            s += f":{self.path}"
        return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", f"{s}: {self.message}")


class ParseError(Error, ValueError):
    """The input is not JSON (or not UTF-8): ``file``, ``line`` and ``column`` say where.

    >>> import danvan
    >>> try:
    ...     danvan.Network.loads('{"danvan": "1",\\n "meta": }')
    ... except danvan.ParseError as e:
    ...     print(e.line, e.column, e.problem.rule)
    2 10 syntax
    """

    def __init__(self, message: str, problem: Optional[Problem] = None) -> None:
        super().__init__(message)
        self.problem: Problem = problem if problem is not None else Problem(message=message)

    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def column(self) -> int:
        return self.problem.column

    @property
    def problems(self) -> List[Problem]:
        """``[self.problem]``, so that callers can treat every input error alike."""
        return [self.problem]

    def __reduce__(self):  # keep the problem through pickling
        return (type(self), (str(self), self.problem))


class ValidationError(Error, ValueError):
    """The input is well-formed but breaks the model's rules.

    ``problems`` lists every problem found (up to a cap, in document order);
    ``total`` counts them all. The message names the first and how many more.

    >>> import danvan
    >>> text = '{"danvan": "1", "organizations": [{"id": "x", "name": "A", "kind": "polise"}]}'
    >>> try:
    ...     danvan.Network.loads(text)
    ... except danvan.ValidationError as e:
    ...     print(e.total, [p.rule for p in e.problems])
    2 ['wrong-id-prefix', 'unknown-value']
    """

    def __init__(self, message: str, problems: Iterable[Problem] = (), total: Optional[int] = None) -> None:
        super().__init__(message)
        self.problems: List[Problem] = list(problems)
        self.total: int = len(self.problems) if total is None else max(int(total), len(self.problems))

    def __reduce__(self):
        return (type(self), (str(self), self.problems, self.total))


class NotFoundError(Error, KeyError):
    """An id asked of a network does not exist; ``suggestions`` are the nearest that do.

    >>> import danvan
    >>> net = danvan.Network.loads('{"danvan": "1", "organizations": [{"id": "org:cong-an-tinh", "name": "CA"}]}')
    >>> try:
    ...     net.organizations["org:cong-an"]
    ... except KeyError as e:
    ...     print(e.id, e.suggestions)
    org:cong-an ['org:cong-an-tinh']
    """

    def __init__(self, message: str, id: str = "", suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.id: str = id
        self.suggestions: List[str] = list(suggestions)

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):
        return (type(self), (str(self), self.id, self.suggestions))


class FileError(Error, OSError):
    """A file could not be read or written; ``filename`` (and ``file``) name it, and
    ``errno`` gives the operating system's reason when there is one. It is then also
    the matching standard exception (``FileNotFoundError``, ``PermissionError``,
    ``IsADirectoryError``, ...), as ``OSError(errno, ...)`` would be.

    >>> import danvan
    >>> try:
    ...     danvan.Network.load("/no/such/file.json")
    ... except FileNotFoundError as e:
    ...     print(e.filename, isinstance(e, danvan.FileError))
    /no/such/file.json True
    """

    def __init__(self, message: str, file: str = "", errno: Optional[int] = None) -> None:
        super().__init__(message)
        self.filename = file
        self.errno = errno
        self.strerror = _os.strerror(errno) if errno is not None else None

    @property
    def file(self) -> str:
        return self.filename

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):
        return (file_error, (str(self), self.filename, self.errno))


# One FileError subclass per standard OSError subclass, made on first use.
_file_errors: Dict[type, type] = {}


def file_error(message: str, file: str = "", errno: Optional[int] = None) -> FileError:
    """The FileError for an errno: an instance of the standard subclass Python's own
    ``OSError(errno, ...)`` would choose too (the core's file errors arrive here)."""
    standard = type(OSError(errno, "")) if errno is not None else OSError
    if standard is OSError:
        return FileError(message, file, errno)
    cls = _file_errors.get(standard)
    if cls is None:
        cls = type("FileError", (FileError, standard), {"__module__": FileError.__module__,
                                                         "__qualname__": f"FileError[{standard.__name__}]"})
        _file_errors[standard] = cls
    return cls(message, file, errno)
