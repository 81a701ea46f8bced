"""danvan — inter-agency coordination networks: who answers for what, who
overlaps with whom, which policy has no plan.

Load a network file, walk its entities and roles, save it back losslessly:

>>> import danvan
>>> net = danvan.Network.loads('''{"danvan": "1",
...   "organizations": [{"id": "org:ban-dan-van", "name": "Ban Dân vận Tỉnh ủy"}],
...   "tasks": [{"id": "task:t1", "name": "Đối thoại", "roles": [{"org": "org:ban-dan-van", "role": "lead"}]}]}''')
>>> [(r.org.name, r.role) for r in net.tasks["task:t1"].roles]
[('Ban Dân vận Tỉnh ủy', 'lead')]

Errors derive from :class:`danvan.Error` (``ParseError`` and ``ValidationError``
are also ``ValueError``s, ``NotFoundError`` a ``KeyError``, ``FileError`` an
``OSError``).
"""

try:
    from . import _core
except ImportError as _exc:  # pragma: no cover - depends on the build
    import importlib.util as _util
    import os as _os

    if _util.find_spec(__name__ + "._core") is None:
        _why = f"there is no compiled module _core in {_os.path.dirname(__file__)}"
    else:
        _why = str(_exc)
    raise ImportError(
        f"danvan: the compiled extension danvan._core could not be imported ({_why}). "
        "Did you build the extension? See README.md: build the CMake target `_core` "
        "and put <build>/python on PYTHONPATH, or install the package with pip "
        "(--no-build-isolation)."
    ) from _exc

from ._args import guard_core_functions as _guard_core_functions

_guard_core_functions(_core)

from ._core import Date, Period, Scope
from ._errors import ArgumentError, Error, FileError, NotFoundError, ParseError, Problem, ValidationError
from ._network import (
    Area,
    DatedName,
    Document,
    Entity,
    EntityCollection,
    Event,
    Evidence,
    Meta,
    NameMatch,
    Network,
    Organization,
    OrphanedRole,
    Program,
    ReviewObligation,
    Role,
    RoleCollection,
    RoleDefinition,
    RoleOrigin,
    Share,
    Source,
    Task,
    Topic,
)

#: The version of the danvan package (kept equal to project(VERSION) in CMakeLists.txt).
__version__ = "0.1.0"
#: The file format version this danvan reads and writes (`"danvan": "1"`).
FORMAT_VERSION: str = _core.format_version

load = Network.load
loads = Network.loads
from_frames = Network.from_frames
from_csv = Network.from_csv
read_excel = Network.read_excel
from_networkx = Network.from_networkx

from ._display import display
from ._frames import flat
from ._diff import Diff, diff
from ._merge import MergeResult, merge
from ._coverage import Rules, load_rules, rule_catalog
from ._responsibility import ChainLink
from ._interchange import FrameProblem

__all__ = [
    "ChainLink",
    "Diff",
    "diff",
    "MergeResult",
    "merge",
    "Rules",
    "load_rules",
    "rule_catalog",
    "FORMAT_VERSION",
    "Area",
    "Date",
    "Document",
    "Entity",
    "EntityCollection",
    "ArgumentError",
    "Error",
    "Event",
    "Evidence",
    "FileError",
    "FrameProblem",
    "Meta",
    "DatedName",
    "OrphanedRole",
    "RoleOrigin",
    "Share",
    "NameMatch",
    "Network",
    "NotFoundError",
    "Organization",
    "ParseError",
    "Period",
    "Problem",
    "Program",
    "ReviewObligation",
    "Role",
    "RoleCollection",
    "RoleDefinition",
    "Scope",
    "Source",
    "Task",
    "Topic",
    "ValidationError",
    "display",
    "flat",
    "from_frames",
    "from_csv",
    "read_excel",
    "from_networkx",
    "load",
    "loads",
    "plot",
]


def __getattr__(name: str):
    # danvan.plot imports matplotlib: only on first use.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'danvan' has no attribute {name!r}")


# Rich HTML of query results in a running Jupyter/IPython (nothing otherwise).
from ._display import register_formatters as _register_formatters

_register_formatters()

# The text layer (document references, Vietnamese normalization, extraction) is
# optional at import time: a build without it still loads networks.
try:
    from . import text  # noqa: F401
    from ._extract import Draft, Gazetteer, Item, extract, load_gazetteer
except ImportError:  # pragma: no cover - depends on the build
    pass
else:
    __all__ += ["text", "Draft", "Gazetteer", "Item", "extract", "load_gazetteer"]
