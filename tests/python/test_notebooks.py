"""The notebooks of docs/notebooks run headless (scripts/run-notebooks.py), and the runner
fails when a cell fails. Needs Debian python3-nbclient and python3-ipykernel; the HTML
export needs jupyter-nbconvert."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
RUNNER = ROOT / "scripts" / "run-notebooks.py"
NOTEBOOKS = ROOT / "docs" / "notebooks"

pytest.importorskip("nbclient", reason="needs python3-nbclient (apt-get install python3-nbclient)")
pytest.importorskip("ipykernel", reason="needs python3-ipykernel (apt-get install python3-ipykernel)")


def _env():
    import danvan

    env = dict(os.environ)
    # The folder holding the danvan under test: the compiled module is a real file there
    # (in a CMake build tree the .py files are symlinks into the sources).
    pkg_parent = str(Path(danvan._core.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join([pkg_parent, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def _run(*args, timeout=900):
    return subprocess.run([sys.executable, str(RUNNER), *map(str, args)], capture_output=True, text=True,
                          env=_env(), timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("name", ["haiduong-2023.ipynb", "generated-M.ipynb"])
def test_committed_notebooks_have_no_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs", []) == [] and cell.get("execution_count") is None


def test_haiduong_notebook_runs_and_exports_html(tmp_path):
    pytest.importorskip("nbconvert", reason="needs jupyter-nbconvert (apt-get install jupyter-nbconvert)")
    out = tmp_path / "haiduong-2023.html"
    r = _run("--html", out, NOTEBOOKS / "haiduong-2023.ipynb")
    assert r.returncode == 0, r.stderr[-4000:]
    text = out.read_text(encoding="utf-8")
    assert "Ban Dân vận" in text  # tables with Vietnamese names
    assert text.count("<img") >= 4  # heat map, coordination graph, coverage chart, timeline
    assert "Traceback" not in text


def test_haiduong_notebook_reads_like_a_briefing_in_chromium(tmp_path):
    """The executed notebook as a reader sees it: rendered by headless Chromium, with no
    error output or stray return value, a finding above each section's table, every
    figure present, and the time axis in dates."""
    pytest.importorskip("nbconvert", reason="needs jupyter-nbconvert (apt-get install jupyter-nbconvert)")
    from conftest import browse

    out = tmp_path / "haiduong-2023.html"
    r = _run("--html", out, NOTEBOOKS / "haiduong-2023.ipynb")
    assert r.returncode == 0, r.stderr[-4000:]
    run = browse(out, tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "Traceback" not in dom and "jp-RenderedText\" data-mime-type=\"application/vnd.jupyter.stderr" not in dom
    for stray in ("Text(0", "&lt;Axes", "&lt;matplotlib", "<Axes", "&lt;Figure", "<Figure"):
        assert stray not in dom, stray
    assert dom.count("Finding:") >= 5  # who, overlap, coverage, reorganization ...
    nb = json.loads((NOTEBOOKS / "haiduong-2023.ipynb").read_text(encoding="utf-8"))
    plots = sum("danvan.plot." in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert dom.count("data:image/png;base64,") >= plots >= 4
    assert "implements or continues" in dom  # how implementation through later documents counts


def test_generated_notebook_runs_at_scale():
    if os.environ.get("DANVAN_QUICK"):
        pytest.skip("DANVAN_QUICK is set: the M notebook takes a minute or two")
    r = _run(NOTEBOOKS / "generated-M.ipynb")
    assert r.returncode == 0, r.stderr[-4000:]
    assert "ok docs/notebooks/generated-M.ipynb" in r.stdout


def test_runner_fails_when_a_cell_fails(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("import danvan"), new_code_cell("danvan.load('/no/such/file.json')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    r = _run(path)
    assert r.returncode == 1
    assert "FileError" in r.stderr and "broken.ipynb" in r.stderr


def test_runner_usage_error_for_a_missing_notebook(tmp_path):
    r = _run(tmp_path / "nope.ipynb")
    assert r.returncode == 2 and "no notebook" in r.stderr
