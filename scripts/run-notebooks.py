#!/usr/bin/env python3
"""Executes danvan's notebooks headless and fails when a cell fails.

    PYTHONPATH=build/python /usr/bin/python3 scripts/run-notebooks.py [--html OUT.html] [NOTEBOOK ...]

Without NOTEBOOK arguments it runs docs/notebooks/haiduong-2023.ipynb and
docs/notebooks/generated-M.ipynb. Each runs in a fresh Jupyter kernel (nbclient,
Debian python3-nbclient + python3-ipykernel) with the notebook's folder as working
directory; the kernel sees PYTHONPATH, so the danvan under test is the one imported.
The notebooks in the repository stay without outputs: the executed copies are kept in
memory, and with --html the first notebook is written as one HTML file (nbconvert,
Debian jupyter-nbconvert) at the path given.

Exit status: 0 when every cell of every notebook ran, 1 when a cell failed (its
traceback is printed), 2 for a usage error (missing notebook, nbconvert missing for
--html).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "docs" / "notebooks" / "haiduong-2023.ipynb", ROOT / "docs" / "notebooks" / "generated-M.ipynb"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: both of docs/notebooks)")
    ap.add_argument("--html", type=Path, help="write the first executed notebook as HTML to this path")
    ap.add_argument("--timeout", type=int, default=600, help="seconds a cell may take (default 600)")
    ap.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    args = ap.parse_args(argv)

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebooks = args.notebooks or DEFAULT
    for nb_path in notebooks:
        if not nb_path.is_file():
            print(f"run-notebooks: no notebook {nb_path}", file=sys.stderr)
            return 2
    if args.html:
        try:
            import nbconvert  # noqa: F401
        except ImportError:
            print("run-notebooks: --html needs nbconvert (Debian: apt-get install jupyter-nbconvert)", file=sys.stderr)
            return 2
    os.environ.setdefault("DANVAN_REPO", str(ROOT))
    # The kernel runs in the notebook's folder: make PYTHONPATH entries absolute.
    if os.environ.get("PYTHONPATH"):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)
    # The kernel's debugger warns about frozen modules on every start; nothing here debugs.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # Figures must reach the notebook: the kernel's inline backend, never a GUI or Agg.
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    status = 0
    for i, nb_path in enumerate(notebooks):
        nb = nbformat.read(nb_path, as_version=4)
        client = NotebookClient(nb, timeout=args.timeout, kernel_name=args.kernel,
                                resources={"metadata": {"path": str(nb_path.parent)}})
        start = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError as e:
            print(f"FAILED {nb_path}: a cell raised\n{e}", file=sys.stderr)
            status = 1
            continue
        except Exception as e:  # kernel died, timeout, ...
            print(f"FAILED {nb_path}: {type(e).__name__}: {e}", file=sys.stderr)
            status = 1
            continue
        cells = sum(1 for c in nb.cells if c.cell_type == "code")
        print(f"ok {nb_path.relative_to(ROOT) if nb_path.is_relative_to(ROOT) else nb_path}: "
              f"{cells} code cells in {time.perf_counter() - start:.1f} s")
        if i == 0 and args.html:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter().from_notebook_node(nb)
            args.html.parent.mkdir(parents=True, exist_ok=True)
            args.html.write_text(body, encoding="utf-8")
            print(f"wrote {args.html}")
    return status


if __name__ == "__main__":
    sys.exit(main())
