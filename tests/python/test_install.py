"""Installing danvan for a notebook user: setup.py (CMake-driven) into a fresh
`python3 -m venv --system-site-packages` environment with the README's
`pip install -v --no-build-isolation --no-index .` (numpy and pandas, the declared
requirements, found among Debian's packages), then `import danvan` from that
environment's interpreter and from a Jupyter kernel running in it. Nothing is written
into the checkout.

The C++ build reuses the CMake tree of the danvan under test when there is one
(DANVAN_CMAKE_BUILD_DIR, see setup.py), so the test does not compile everything again.
Set DANVAN_INSTALL_BUILD_DIR to force another tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import danvan

from conftest import ROOT
BASE_PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable


def _build_tree():
    if os.environ.get("DANVAN_INSTALL_BUILD_DIR"):
        return os.environ["DANVAN_INSTALL_BUILD_DIR"]
    # <build>/python/danvan/_core*.so when testing a CMake build tree (the .py files are
    # symlinks into the source tree; the module is a real file of the build).
    tree = Path(danvan._core.__file__).resolve().parents[2]
    return str(tree) if (tree / "CMakeCache.txt").exists() else None


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    if shutil.which("cmake") is None:
        pytest.skip("cmake is not installed")
    where = tmp_path_factory.mktemp("venv") / "v"
    r = subprocess.run([BASE_PYTHON, "-m", "venv", "--system-site-packages", str(where)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"python3 -m venv does not work here (apt-get install python3-venv): {r.stderr[-500:]}")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    tree = _build_tree()
    if tree:
        env["DANVAN_CMAKE_BUILD_DIR"] = tree
    before = sorted(p.name for p in ROOT.iterdir())
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "-v", "--no-build-isolation", "--no-index", "."]
    r = subprocess.run(pip, cwd=ROOT, capture_output=True, text=True, env=env, timeout=3000)
    assert r.returncode == 0, (r.stdout[-3000:], r.stderr[-3000:])
    assert "danvan: building the _core module in" in r.stdout + r.stderr  # -v shows the build
    assert sorted(p.name for p in ROOT.iterdir()) == before  # no build-pip/, no egg-info in the checkout
    assert not list((ROOT / "python").glob("*.egg-info"))
    return where


def _clean_env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def test_numpy_and_pandas_are_declared_requirements(venv):
    code = "import importlib.metadata as m; print(sorted(r.split()[0] for r in m.requires('danvan') if 'extra' not in r))"
    r = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, env=_clean_env())
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['numpy', 'pandas']"


def test_import_from_the_venv(venv, tmp_path):
    code = textwrap.dedent(f"""
        import danvan, pathlib
        print(danvan.__file__)
        net = danvan.load({str(ROOT / "data" / "haiduong-2023.json")!r})
        print(len(net.roles()), net.lead_of("task:kiem-tra-thuc-hien-qc-03-tu"))
        print((pathlib.Path(danvan.__file__).parent / "py.typed").exists(),
              (pathlib.Path(danvan.__file__).parent / "_core.pyi").exists())
    """)
    r = subprocess.run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       env=_clean_env())
    assert r.returncode == 0, r.stderr
    path, counts, typed = r.stdout.splitlines()
    assert path.startswith(str(venv)), path  # the installed copy, not the source tree
    assert counts.split() == [str(danvan.load(ROOT / "data" / "haiduong-2023.json").counts()["roles"]),
                              "org:ban-dan-van-tinh-uy"]
    assert typed == "True True"


def test_import_from_a_jupyter_kernel_of_the_venv(venv, tmp_path):
    try:
        import ipykernel  # noqa: F401
        import jupyter_client
    except ImportError:
        pytest.skip("ipykernel/jupyter_client are not installed (apt-get install python3-ipykernel)")
    # A kernel spec that runs the venv's interpreter, as `python -m ipykernel install --prefix` would.
    r = subprocess.run([str(venv / "bin" / "python"), "-m", "ipykernel", "install", "--prefix", str(venv),
                        "--name", "danvan-venv"], capture_output=True, text=True, env=_clean_env())
    assert r.returncode == 0, r.stderr
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    ksm = KernelSpecManager(kernel_dirs=[str(venv / "share" / "jupyter" / "kernels")])
    spec = ksm.get_kernel_spec("danvan-venv")
    assert spec.argv[0].startswith(str(venv))
    km = KernelManager(kernel_name="danvan-venv", kernel_spec_manager=ksm)
    km.start_kernel(cwd=str(tmp_path), env=_clean_env())
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        out = []
        reply = kc.execute_interactive(
            "import danvan, sys; print(sys.prefix, danvan.__file__, len(danvan.Network().organizations()))",
            output_hook=lambda m: out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None,
            timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        prefix, file, n = "".join(out).split()
        assert prefix == str(venv) and file.startswith(str(venv)) and n == "0"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
