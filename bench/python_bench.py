#!/usr/bin/env python3
"""Benchmarks of danvan's Python layer (issue 7), not timed tests:

* ``net.roles()`` as a DataFrame (target for L: under 1.5 s), and the other tables;
* ``net.to_networkx()`` (bipartite and organizations) against building the same graph
  with NetworkX directly from the JSON file (target: danvan no slower).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py --scale M [--scale L] [--repeat 3]

Networks are generated with bench/generate.py into bench/out/ (git-ignored) when
missing. Prints a Markdown table; ``--json`` writes the figures too.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

import danvan

HERE = Path(__file__).resolve().parent


CPU: dict = {}


def best(fn, repeat):
    """Best wall time of ``repeat`` runs; the CPU time of that run goes to CPU (a loaded
    machine inflates wall time more than CPU time)."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
        del result
    wall, cpu = min(times)
    CPU[id(fn)] = cpu
    return wall


def networkx_from_json(path, kind):
    """The graph danvan's to_networkx gives, built by NetworkX from the JSON (the peer)."""
    import itertools

    import networkx as nx

    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    g = nx.Graph()
    g.add_nodes_from((o["id"], {"name": o["name"], "kind": o.get("kind", "other"), "bipartite": 0})
                     for o in d.get("organizations", []))
    if kind == "bipartite":
        for table in ("programs", "tasks"):
            for item in d.get(table, []):
                g.add_node(item["id"], name=item["name"], bipartite=1)
                for r in item.get("roles", []):
                    if g.has_edge(r["org"], item["id"]):
                        g.edges[r["org"], item["id"]]["roles"] += "," + r["role"]
                    else:
                        g.add_edge(r["org"], item["id"], role=r["role"], roles=r["role"])
        return g
    for item in d.get("tasks", []):
        orgs = sorted({r["org"] for r in item.get("roles", [])})
        for a, b in itertools.combinations(orgs, 2):
            if g.has_edge(a, b):
                g.edges[a, b]["weight"] += 1
            else:
                g.add_edge(a, b, weight=1)
    return g


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", action="append", choices=["S", "M", "L"], help="scales to run (default S and M)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-networkx-bipartite", action="store_true", help="skip the bipartite comparison (slow for L)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    rows = []
    for scale in args.scale or ["S", "M"]:
        path = HERE / "out" / f"{scale}-{args.seed}.json"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            subprocess.run([sys.executable, str(HERE / "generate.py"), "--scale", scale, "--seed", str(args.seed),
                            "--out", str(path)], check=True)
        t = time.perf_counter()
        net = danvan.load(path)
        load = time.perf_counter() - t
        n_roles = net.counts()["roles"]
        r = {"scale": scale, "roles": n_roles, "load": load}
        r["roles()"] = best(lambda: net.roles(), args.repeat)
        r["roles(names=False)"] = best(lambda: net.roles(names=False), args.repeat)
        r["tasks()"] = best(lambda: net.tasks(), args.repeat)
        r["organizations()"] = best(lambda: net.organizations(), args.repeat)
        rep = 1 if scale == "L" else args.repeat
        r["to_networkx(organizations)"] = best(lambda: net.to_networkx("organizations"), rep)
        r["networkx from JSON (organizations)"] = best(lambda: networkx_from_json(path, "organizations"), rep)
        if not (args.skip_networkx_bipartite and scale == "L"):
            r["to_networkx(bipartite)"] = best(lambda: net.to_networkx(), rep)
            r["networkx from JSON (bipartite)"] = best(lambda: networkx_from_json(path, "bipartite"), rep)
        import os

        r["load average"] = os.getloadavg()[0]
        rows.append(r)
        print(f"# {scale}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in r.items()),
              flush=True)
    keys = [k for k in rows[0] if k not in ("scale",)]
    print("\n| operation | " + " | ".join(r["scale"] for r in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for k in keys:
        cells = [(f"{r[k]:.3f} s" if isinstance(r.get(k), float) else f"{r.get(k, '—'):,}" if isinstance(r.get(k), int)
                  else "—") for r in rows]
        print(f"| {k} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
