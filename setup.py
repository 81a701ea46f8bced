"""Installs the danvan Python package, building its compiled core with CMake
(pybind11 ``cmake_example`` style). No network and no build isolation are needed:

    python3 -m venv --system-site-packages /tmp/v
    /tmp/v/bin/pip install --no-build-isolation --no-deps --no-index .

Needs CMake >= 3.20, a C++20 compiler, pybind11 2.10 and the libraries the C++ core
uses (Debian packages; see README.md). Environment:

* ``DANVAN_CMAKE_BUILD_DIR``: reuse an already configured CMake build tree (only the
  ``_core`` target is built there; its configuration is left as it is). Default: a
  private tree under ``build-pip/``, configured without tests, apps and benchmarks.
* ``CMAKE_BUILD_PARALLEL_LEVEL``: parallel jobs (default 2).
* ``DANVAN_CMAKE_ARGS``: extra arguments for the CMake configure step.

See docs/python.md.
"""

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
BUILD_BASE = "build-pip"  # not build/: that name is a CMake tree of the README


def _version() -> str:
    text = (HERE / "CMakeLists.txt").read_text(encoding="utf-8")
    m = re.search(r"project\(\s*danvan\s+VERSION\s+([0-9.]+)", text)
    return m.group(1) if m else "0.0.0"


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        out = Path(self.get_ext_fullpath(ext.name)).resolve().parent
        out.mkdir(parents=True, exist_ok=True)
        reuse = os.environ.get("DANVAN_CMAKE_BUILD_DIR")
        build = Path(reuse).resolve() if reuse else (HERE / BUILD_BASE / "cmake").resolve()
        build.mkdir(parents=True, exist_ok=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        if not reuse or not (build / "CMakeCache.txt").exists():
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


(HERE / BUILD_BASE).mkdir(exist_ok=True)

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
    install_requires=[],  # numpy, pandas, scipy, networkx, matplotlib: from Debian
    extras_require={"analysis": ["numpy", "pandas", "scipy", "networkx", "matplotlib"]},
    zip_safe=False,
    options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}},
)
