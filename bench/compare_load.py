#!/usr/bin/env python3
"""Load benchmark: danvan against NetworkX on the same generated networks, in one run.

    /usr/bin/python3 bench/compare_load.py [--scales S,M,L] [--seed 1] [--repeat 3]
                                           [--load-bench build/bench/load_bench]

For each scale the network is generated if bench/out/<scale>-<seed>.json is missing
(bench/generate.py), then each peer loads it in a fresh process of its own, so that
each peak resident set is that peer's alone:

* danvan: build/bench/load_bench FILE (danvan::load: parse, validate, index);
* networkx: json.load of the file, then a bipartite nx.Graph of organizations and
  tasks (with their names) and one edge per role (with the role name).

One JSON line per (peer, scale, op) goes to stdout, e.g.
    {"peer": "danvan", "scale": "M", "op": "load", "seconds": 0.2, "peak_mb": 95, ...}
`seconds` is the fastest of --repeat loads (L: one load), wall clock, and `cpu_seconds`
that load's processor time (steadier on a busy machine); `peak_mb` is the process's
peak RSS (getrusage). A short verdict against the targets of issue 2 goes to stderr.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def networkx_worker(path: str, repeat: int) -> dict:
    import networkx as nx

    best, best_cpu = float("inf"), 0.0
    nodes = edges = 0
    for _ in range(repeat):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        with open(path, "rb") as f:
            data = json.load(f)
        g = nx.Graph()
        g.add_nodes_from((o["id"], {"bipartite": 0, "name": o["name"]}) for o in data.get("organizations", ()))
        tasks = data.get("tasks", ())
        g.add_nodes_from((t["id"], {"bipartite": 1, "name": t["name"]}) for t in tasks)
        g.add_edges_from((r["org"], t["id"], {"role": r["role"]}) for t in tasks for r in t.get("roles", ()))
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if seconds < best:
            best, best_cpu = seconds, cpu
        nodes, edges = g.number_of_nodes(), g.number_of_edges()
        del g, data, tasks
    return {"seconds": round(best, 4), "cpu_seconds": round(best_cpu, 4), "peak_mb": round(peak_mb(), 1),
            "nodes": nodes, "edges": edges, "networkx": nx.__version__}


def find_load_bench(given: str | None) -> str:
    candidates = [given] if given else [os.path.join(ROOT, d, "bench", "load_bench")
                                        for d in ("build", "build-cli", "build-release")]
    for c in candidates:
        if c and os.access(c, os.X_OK):
            return c
    sys.exit("compare_load: no load_bench program; build it first "
             "(cmake --build build --target load_bench) or pass --load-bench")


def ensure_network(scale: str, seed: int, python: str) -> str:
    path = os.path.join(HERE, "out", f"{scale}-{seed}.json")
    if not os.path.exists(path):
        print(f"compare_load: generating {path}", file=sys.stderr)
        subprocess.run([python, os.path.join(HERE, "generate.py"), "--scale", scale, "--seed", str(seed),
                        "--out", path], check=True)
    return path


def run_json(cmd: list) -> dict:
    done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="S,M,L", help="comma-separated scales (default S,M,L)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="loads per peer and scale, fastest kept (L: always 1)")
    ap.add_argument("--load-bench", help="path of the load_bench program (default: build/bench/load_bench)")
    ap.add_argument("--worker", nargs=2, metavar=("PEER", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:  # inside the child process of one peer
        peer, path = args.worker
        assert peer == "networkx", peer
        print(json.dumps(networkx_worker(path, args.repeat)))
        return 0

    python = sys.executable or "/usr/bin/python3"
    load_bench = find_load_bench(args.load_bench)
    results = {}
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        path = ensure_network(scale, args.seed, python)
        repeat = 1 if scale == "L" else args.repeat
        for peer in ("networkx", "danvan"):
            if peer == "danvan":
                r = run_json([load_bench, path, "--repeat", str(repeat)])
                r.pop("peer", None), r.pop("op", None), r.pop("file", None)
            else:
                r = run_json([python, os.path.abspath(__file__), "--repeat", str(repeat), "--worker", peer, path])
            line = {"peer": peer, "scale": scale, "op": "load", "seconds": r.pop("seconds"),
                    "cpu_seconds": r.pop("cpu_seconds"), "peak_mb": r.pop("peak_mb"), **r,
                    "file_mb": round(os.path.getsize(path) / 2**20, 1), "repeat": repeat}
            results[(peer, scale)] = line
            print(json.dumps(line), flush=True)

    # Verdict against issue 2's targets.
    notes = []
    if ("danvan", "M") in results and ("networkx", "M") in results:
        d, n = results[("danvan", "M")], results[("networkx", "M")]
        ratio = d["seconds"] / n["seconds"]
        cpu_ratio = d["cpu_seconds"] / n["cpu_seconds"]
        notes.append(f"M: danvan/networkx time = {ratio:.3f} wall, {cpu_ratio:.3f} CPU (target <= 0.333) "
                     f"{'ok' if max(ratio, cpu_ratio) <= 1 / 3 else 'MISSED'}")
    if ("danvan", "L") in results:
        L = results[("danvan", "L")]
        notes.append(f"L: {L['seconds']:.2f} s (target < 5) {'ok' if L['seconds'] < 5 else 'MISSED'}, "
                     f"peak {L['peak_mb']:.0f} MB (target < 1536) {'ok' if L['peak_mb'] < 1536 else 'MISSED'}, "
                     f"{L['bytes_per_role']:.1f} bytes/role (target < 48) {'ok' if L['bytes_per_role'] < 48 else 'MISSED'}")
    load = os.getloadavg()
    notes.append(f"load average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    for n in notes:
        print("compare_load: " + n, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
