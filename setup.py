"""Installs the danvan Python package, building its compiled core with CMake
(pybind11 ``cmake_example`` style). No network and no build isolation are needed:

    python3 -m venv --system-site-packages /tmp/v
    /tmp/v/bin/pip install -v --no-build-isolation --no-index .

(``-v`` shows CMake's progress; numpy and pandas, the declared requirements, come from
Debian through ``--system-site-packages``.) Needs CMake >= 3.20, a C++20 compiler,
pybind11 2.10 and the libraries the C++ core uses (Debian packages; see README.md).

Nothing is written into the checkout. The CMake tree: the checkout's own ``build/``
when it is configured for this Python with the bindings (the README's build: only the
module is brought up to date there, in seconds), else a private tree under
``$XDG_CACHE_HOME/danvan`` (``~/.cache/danvan``), configured without tests, apps and
benchmarks, and kept for the next install. Environment:

* ``DANVAN_CMAKE_BUILD_DIR``: use this CMake build tree (only the ``_core`` target is
  built there; its configuration is left as it is).
* ``CMAKE_BUILD_PARALLEL_LEVEL``: parallel jobs (default: the processors).
* ``DANVAN_CMAKE_ARGS``: extra arguments for the CMake configure step.

See docs/python.md.
"""

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, find_packages, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
# Outside the checkout: one tree per checkout and Python, kept between installs.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "danvan" / (
    f"py{sys.version_info.major}{sys.version_info.minor}-{hashlib.sha256(str(HERE).encode()).hexdigest()[:12]}")
CACHE.mkdir(parents=True, exist_ok=True)


def _version() -> str:
    text = (HERE / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(\s*danvan\s+VERSION\s+([0-9.]+)", text)
    return m.group(1) if m else "0.0.0"


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


def _configured_for_this_python(tree: Path) -> bool:
    """Whether `tree` is a CMake tree of this checkout with the bindings, for this Python."""
    cache = tree / "CMakeCache.txt"
    if not cache.exists():
        return False
    entries = dict(re.findall(r"^([A-Za-z_]+):[A-Z]+=(.*)$", cache.read_text(encoding="utf-8", errors="replace"), re.M))
    python = entries.get("Python_EXECUTABLE") or entries.get("PYTHON_EXECUTABLE") or ""
    return (entries.get("DANVAN_BUILD_PYTHON") == "ON" and bool(python)
            and Path(entries.get("CMAKE_HOME_DIRECTORY", "")).resolve() == HERE
            and os.path.realpath(python) == os.path.realpath(sys.executable))


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        out = Path(self.get_ext_fullpath(ext.name)).resolve().parent
        out.mkdir(parents=True, exist_ok=True)
        chosen = os.environ.get("DANVAN_CMAKE_BUILD_DIR")
        if chosen:
            build = Path(chosen).resolve()
        elif _configured_for_this_python(HERE / "build"):
            build = HERE / "build"
        else:
            build = CACHE / "cmake"
        print(f"danvan: building the _core module in {build}", flush=True)
        build.mkdir(parents=True, exist_ok=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
        if not (build / "CMakeCache.txt").exists():
            args = [
                "cmake", "-S", str(HERE), "-B", str(build),
                "-DCMAKE_BUILD_TYPE=Release",
                f"-DPython_EXECUTABLE={sys.executable}",
                "-DDANVAN_BUILD_PYTHON=ON",
                "-DDANVAN_BUILD_TESTS=OFF",
                "-DDANVAN_BUILD_APPS=OFF",
                "-DDANVAN_BUILD_BENCH=OFF",
                "-DDANVAN_INSTALL=OFF",
            ] + shlex.split(os.environ.get("DANVAN_CMAKE_ARGS", ""))
            subprocess.run(args, check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "_core", "-j", jobs], check=True)
        built = sorted((build / "python" / "danvan").glob("_core*.so")) + sorted(
            (build / "python" / "danvan").glob("_core*.pyd"))
        if not built:
            raise RuntimeError(f"danvan: CMake built no _core module in {build / 'python' / 'danvan'}")
        shutil.copy2(built[0], Path(self.get_ext_fullpath(ext.name)))


setup(
    name="danvan",
    version=_version(),
    description="Inter-agency coordination networks of Vietnamese provinces: responsibility, overlap, policy coverage",
    long_description=(HERE / "docs" / "python.md").read_text(encoding="utf-8") if (HERE / "docs" / "python.md").exists() else "",
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    packages=find_packages("python"),
    package_dir={"": "python"},
    package_data={"danvan": ["py.typed", "_core.pyi"]},
    ext_modules=[CMakeExtension("danvan._core")],
    cmdclass={"build_ext": CMakeBuild},
    # Every table is a pandas DataFrame of numpy columns; the rest is for some functions only.
    install_requires=["numpy", "pandas"],
    extras_require={"analysis": ["scipy", "networkx", "matplotlib"]},
    zip_safe=False,
    options={"build": {"build_base": str(CACHE / "setuptools")}, "egg_info": {"egg_base": str(CACHE)}},
)
