#!/usr/bin/env python3
"""Responsibility, coverage and time: the figures of issue 5 on the generated M and L
networks, with NetworkX and the scipy.sparse route measured in the same run.

    /usr/bin/python3 bench/generate.py --scale M --seed 1 --out bench/out/M-1.json
    /usr/bin/python3 bench/generate.py --scale L --seed 1 --out bench/out/L-1.json
    PYTHONPATH=build/python /usr/bin/python3 bench/responsibility_bench.py [--skip-l]
    PYTHONPATH=build/python /usr/bin/python3 bench/responsibility_bench.py --check-ratio 5

Operations (M unless said otherwise):

* coverage       every rule of data/rules/default.rules.json as of 2025-09-01 (the table
                 without messages, and net.check() with them), and without a date;
                 peers: three rules (tasks without exactly one lead, programs without a
                 lead, documents without an implementing task or program);
* lookup         100,000 single look-ups of a task's lead from Python, one call each;
* lookup_batch   the same 100,000 in one call (net.lead_of_many);
* as_of          the network as of 2025-09-01 of M and L (roles carried along the merger
                 events), its first (uncached) call;
                 peers: NetworkX on M (a copy of the graph with merged organizations
                 relabelled), and the NumPy route on L (a holder array through a
                 successor map).

Times are the best of several runs (wall clock, perf_counter) after one warm-up run,
with the process CPU time of the same best run beside it (on a busy machine the wall
clock also counts waiting for a core). Each peer builds its own structures from the
JSON file; building them is not timed.
Prints a JSON line per measurement and a Markdown table at the end.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOOKUPS = 100_000
AS_OF = "2025-09-01"

results: list[dict] = []


def best_of(fn, runs: int = 7, min_runs: int = 3, budget: float = 5.0) -> tuple:
    """(wall, cpu) seconds of the fastest of several runs of `fn` (fewer when one is slow)."""
    fn()  # warm-up
    times = []
    start = time.perf_counter()
    for i in range(runs):
        gc.collect()
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0, time.process_time() - c0))
        if i + 1 >= min_runs and time.perf_counter() - start > budget:
            break
    return min(times)


def report(scale: str, op: str, peer: str, seconds: tuple, note: str = "") -> None:
    wall, cpu = seconds
    row = {"scale": scale, "op": op, "peer": peer, "ms": round(wall * 1000, 3), "cpu_ms": round(cpu * 1000, 3)}
    if note:
        row["note"] = note
    results.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def data_file(scale: str, seed: int) -> Path:
    path = HERE / "out" / f"{scale}-{seed}.json"
    if not path.exists():
        import subprocess

        subprocess.run([sys.executable, str(HERE / "generate.py"), "--scale", scale, "--seed", str(seed),
                        "--out", str(path)], check=True)
    return path


def danvan_network(path: Path):
    import danvan
    from danvan._responsibility import ResponsibilityMixin

    Network = danvan.Network if issubclass(danvan.Network, ResponsibilityMixin) else type(
        "Network", (ResponsibilityMixin, danvan.Network), {"__slots__": ()})
    return Network.load(path)


# ---- the peers' own structures, from the JSON file ---------------------------------------


class Plain:
    """The JSON file as arrays and dicts, shared by the NetworkX and SciPy routes."""

    def __init__(self, path: Path):
        doc = json.loads(path.read_text(encoding="utf-8"))
        letters = {"lead": "R", "advise": "R", "direct": "A", "coordinate": "C", "guide": "C", "sign": "C",
                   "participate": "C", "host": "C", "inform": "I", "subject": "I"}
        letters.update({r["name"]: r["raci"] for r in doc.get("roles", [])})
        self.org_ids = [o["id"] for o in doc["organizations"]]
        self.org_pos = {o: i for i, o in enumerate(self.org_ids)}
        self.task_ids = [t["id"] for t in doc["tasks"]]
        self.task_pos = {t: i for i, t in enumerate(self.task_ids)}
        self.prog_ids = [p["id"] for p in doc["programs"]]
        self.doc_ids = [d["id"] for d in doc["documents"]]
        self.doc_pos = {d: i for i, d in enumerate(self.doc_ids)}
        self.tasks = doc["tasks"]
        self.programs = doc["programs"]
        self.documents = doc["documents"]
        self.organizations = doc["organizations"]
        self.events = doc.get("events", [])
        self.letters = letters
        # Role arrays for the SciPy route: item position, organization position, is R.
        self.t_task, self.t_org, self.t_r = self._role_arrays(self.tasks)
        self.p_prog, self.p_org, self.p_r = self._role_arrays(self.programs)
        impl = [self.doc_pos[d] for x in self.tasks + self.programs for d in x.get("implements", [])]
        self.impl_doc = np.asarray(impl, dtype=np.int64)

    def _role_arrays(self, items):
        """Each role of `items` as (item position, organization position, is R), three arrays."""
        item, org, r = [], [], []
        for i, x in enumerate(items):
            for role in x.get("roles", []):
                item.append(i)
                org.append(self.org_pos[role["org"]])
                r.append(self.letters[role["role"]] == "R")
        return np.asarray(item, dtype=np.int64), np.asarray(org, dtype=np.int64), np.asarray(r, dtype=bool)


def networkx_graph(plain: Plain):
    import networkx as nx

    G = nx.DiGraph()
    G.add_nodes_from(plain.org_ids, kind="organization")
    G.add_nodes_from(plain.task_ids, kind="task")
    G.add_nodes_from(plain.prog_ids, kind="program")
    G.add_nodes_from(plain.doc_ids, kind="document")
    for x in plain.tasks + plain.programs:
        for r in x.get("roles", []):
            G.add_edge(r["org"], x["id"], role=r["role"], raci=plain.letters[r["role"]])
        for d in x.get("implements", []):
            G.add_edge(x["id"], d, relation="implements")
    return G


# ---- coverage -------------------------------------------------------------------------------


def bench_coverage(scale: str, net, plain: Plain, G) -> None:
    from danvan import _core
    from danvan import load_rules

    rules = load_rules(ROOT / "data" / "rules" / "default.rules.json")
    core = net._core
    n_dated = len(_core.check(core, rules._core, AS_OF))
    n_undated = len(_core.check(core, rules._core, None))
    report(scale, "coverage", "danvan check(messages=False)", best_of(lambda: net.check(rules, as_of=AS_OF, messages=False), runs=15),
           f"9 rules as of {AS_OF}; {n_dated} violations as a table of ids (no messages)")
    report(scale, "coverage", "danvan core call", best_of(lambda: _core.check_table(core, rules._core, AS_OF), runs=15),
           "the C++ check under check(messages=False): columns of positions and codes")
    report(scale, "coverage", "danvan check(messages=False), no date", best_of(lambda: net.check(rules, messages=False), runs=15),
           f"6 rules without a date; {n_undated} violations as a table of ids (no messages)")
    report(scale, "coverage", "danvan core call, no date", best_of(lambda: _core.check_table(core, rules._core, None), runs=15),
           "the same without a date")
    report(scale, "coverage", "danvan", best_of(lambda: net.check(rules, as_of=AS_OF)),
           f"9 rules as of {AS_OF}; {n_dated} violations with messages and evidence")
    report(scale, "coverage", "danvan (no date)", best_of(lambda: net.check(rules)),
           f"6 rules without a date; {n_undated} violations with messages")
    three = load_rules({"rules": [{"rule": "task-responsible"}, {"rule": "program-lead"},
                                  {"rule": "document-implemented"}]})
    n_three = len(_core.check(core, three._core, None))
    report(scale, "coverage", "danvan check(messages=False), 3 rules", best_of(lambda: net.check(three, messages=False), runs=15),
           f"the peers' three rules; {n_three} violations as a table of ids")
    report(scale, "coverage", "danvan (3 rules)", best_of(lambda: net.check(three)),
           f"the peers' three rules; {n_three} violations with messages")

    def nx_three():
        bad_tasks = [t for t in plain.task_ids
                     if len({o for o, _, d in G.in_edges(t, data=True) if d["raci"] == "R"}) != 1]
        bad_programs = [p for p in plain.prog_ids
                        if not any(d["raci"] == "R" for _, _, d in G.in_edges(p, data=True))]
        bad_docs = [d for d in plain.doc_ids if G.in_degree(d) == 0]
        return bad_tasks, bad_programs, bad_docs

    found = nx_three()
    report(scale, "coverage", "networkx (3 rules)", best_of(nx_three, runs=3),
           f"{sum(map(len, found))} findings")

    import scipy.sparse as sp

    n_t, n_o, n_p, n_d = len(plain.task_ids), len(plain.org_ids), len(plain.prog_ids), len(plain.doc_ids)
    R = sp.csr_matrix((np.ones(int(plain.t_r.sum())), (plain.t_task[plain.t_r], plain.t_org[plain.t_r])), shape=(n_t, n_o))
    R.sum_duplicates()
    P = sp.csr_matrix((np.ones(int(plain.p_r.sum())), (plain.p_prog[plain.p_r], plain.p_org[plain.p_r])), shape=(n_p, n_o))

    def scipy_three():
        bad_tasks = np.flatnonzero(np.diff(R.indptr) != 1)  # distinct organizations per task
        bad_programs = np.flatnonzero(np.diff(P.indptr) == 0)
        bad_docs = np.flatnonzero(np.bincount(plain.impl_doc, minlength=n_d) == 0)
        return bad_tasks, bad_programs, bad_docs

    found = scipy_three()
    report(scale, "coverage", "scipy (3 rules)", best_of(scipy_three), f"{sum(map(len, found))} findings")


# ---- look-ups ---------------------------------------------------------------------------------


def bench_lookups(scale: str, net, plain: Plain, G) -> None:
    rng = random.Random(1)
    positions = [rng.randrange(len(plain.task_ids)) for _ in range(LOOKUPS)]
    ids = [plain.task_ids[p] for p in positions]
    pos_array = np.asarray(positions, dtype=np.int64)

    lead_of = net.lead_of
    report(scale, "lookup", "danvan", best_of(lambda: [lead_of(t) for t in ids]), "net.lead_of(task_id), one call each")

    def nx_lookup():
        out = []
        for t in ids:
            leads = {o for o, _, d in G.in_edges(t, data=True) if d["raci"] == "R"}
            out.append(next(iter(leads)) if len(leads) == 1 else None)
        return out

    report(scale, "lookup", "networkx", best_of(nx_lookup, runs=3), "in-edges of the task with raci R")

    import scipy.sparse as sp

    n_t, n_o = len(plain.task_ids), len(plain.org_ids)
    R = sp.csr_matrix((np.ones(int(plain.t_r.sum())), (plain.t_task[plain.t_r], plain.t_org[plain.t_r])), shape=(n_t, n_o))
    R.sum_duplicates()
    indptr, indices, task_pos, org_ids = R.indptr, R.indices, plain.task_pos, plain.org_ids

    def scipy_lookup():
        out = []
        for t in ids:
            r = task_pos[t]
            a, b = indptr[r], indptr[r + 1]
            out.append(org_ids[indices[a]] if b - a == 1 else None)
        return out

    report(scale, "lookup", "scipy", best_of(scipy_lookup, runs=3), "CSR row of the task, id → position by dict")

    expected = [lead_of(t) for t in ids]
    assert scipy_lookup() == expected == nx_lookup(), "the peers disagree with danvan"

    lead_many = net.lead_of_many
    report(scale, "lookup_batch", "danvan", best_of(lambda: lead_many(pos_array), runs=20),
           "net.lead_of_many(int64 positions), one call")
    report(scale, "lookup_batch", "danvan (ids)", best_of(lambda: lead_many(ids), runs=10),
           "net.lead_of_many(list of 100,000 ids), one call")

    def scipy_batch():
        counts = np.diff(indptr)[pos_array]
        first = indices[np.minimum(indptr[pos_array], indices.size - 1)]
        return np.where(counts == 1, first, np.where(counts == 0, -1, -2))

    report(scale, "lookup_batch", "scipy", best_of(scipy_batch, runs=20), "vectorized over the CSR arrays")
    assert np.array_equal(scipy_batch(), lead_many(pos_array))


# ---- as of a date ----------------------------------------------------------------------------------


def day(text: str | None, end: bool) -> int:
    """Days since 1970 of the first (or last) day of an ISO date of any precision."""
    import datetime

    if not text:
        return 2**31 - 1 if end else -(2**31)
    parts = [int(x) for x in text.split("-")]
    y, m, d = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1), parts[2] if len(parts) > 2 else 0
    if not d:
        d = ((datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day if end else 1)
    return (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days


def bench_as_of_numpy(scale: str, plain: Plain, danvan_roles: int) -> None:
    """The NumPy route: a holder array for every task role through a successor map."""
    on = day(AS_OF, False)
    n_o = len(plain.org_ids)
    org_from = np.asarray([day(o.get("valid_from"), False) for o in plain.organizations])
    org_to = np.asarray([day(o.get("valid_to"), True) for o in plain.organizations])
    task_from = np.asarray([day(t.get("valid_from"), False) for t in plain.tasks])
    task_to = np.asarray([day(t.get("valid_to"), True) for t in plain.tasks])
    succ = np.arange(n_o)
    for e in sorted(plain.events, key=lambda e: day(e["date"], False)):
        if day(e["date"], False) <= on and len(e.get("to", [])) == 1:
            succ[[plain.org_pos[o] for o in e["from"]]] = plain.org_pos[e["to"][0]]

    def numpy_as_of():
        org_in = (org_from <= on) & (org_to >= on)
        task_in = (task_from <= on) & (task_to >= on)
        holder = succ[succ]  # two steps of succession are enough for the generated events
        keep = task_in[plain.t_task] & (org_from[plain.t_org] <= on)
        h = holder[plain.t_org[keep]]
        inherited = h != plain.t_org[keep]
        return org_in, task_in, h, inherited

    report(scale, "as_of", "numpy", best_of(numpy_as_of, runs=5),
           "validity masks and a holder array of every task role (merges only)")


def bench_as_of_networkx(scale: str, plain: Plain, G) -> None:
    import networkx as nx

    on = day(AS_OF, False)
    valid = {o["id"]: (day(o.get("valid_from"), False), day(o.get("valid_to"), True)) for o in plain.organizations}
    mapping = {}
    for e in sorted(plain.events, key=lambda e: day(e["date"], False)):
        if day(e["date"], False) <= on and len(e.get("to", [])) == 1:
            for o in e["from"]:
                mapping[o] = e["to"][0]

    def nx_as_of():
        keep = [n for n, k in G.nodes(data="kind") if k != "organization" or valid[n][0] <= on]
        H = G.subgraph(keep).copy()
        moved = [(o, t, d) for o in mapping if o in H for _, t, d in H.out_edges(o, data=True)]
        H.remove_nodes_from([o for o in mapping if o in H])
        H.add_edges_from((mapping[o], t, {**d, "inherited": True, "from": o}) for o, t, d in moved)
        return H

    report(scale, "as_of", "networkx", best_of(nx_as_of, runs=3, budget=20),
           "subgraph copy of what exists, merged organizations' edges moved to the successor")


def bench_as_of_danvan(scale: str, path: Path) -> int:
    """net.as_of builds the network of a day once and keeps it with the network: the
    first call is the cost, so each run times it on a network loaded afresh (the load
    is not timed)."""
    import danvan

    def first_as_of():
        fresh = danvan.Network.load(path)
        t0, c0 = time.perf_counter(), time.process_time()
        dated = fresh.as_of(AS_OF)
        return (time.perf_counter() - t0, time.process_time() - c0), dated

    runs = [first_as_of() for _ in range(3)]
    seconds = min(r[0] for r in runs)
    dated = runs[0][1]
    roles = len(dated.roles)
    carried = int(dated.roles().carried_from.notna().sum())
    report(scale, "as_of", "danvan", seconds,
           f"net.as_of('{AS_OF}'), first call: {len(dated.organizations)} organizations, {roles} roles, {carried} carried")
    report(scale, "as_of", "danvan (+ roles table)", best_of(lambda: dated.roles(), runs=3),
           "the roles of the network as of the day as a DataFrame")
    return roles


def check_ratio(net, rounds: int) -> None:
    """check(messages=False) against the core call under it, 6 rules without a date: best of
    300 calls each, the two alternately ``rounds`` times (the machine is shared: a round
    on a busy moment shows in its load average, printed beside it)."""
    import timeit

    from danvan import _core
    from danvan import load_rules

    rules = load_rules(ROOT / "data" / "rules" / "default.rules.json")
    core = net._core
    for _ in range(rounds):
        table = min(timeit.repeat(lambda: net.check(rules, messages=False), number=1, repeat=300))
        call = min(timeit.repeat(lambda: _core.check_table(core, rules._core, None), number=1, repeat=300))
        print(f"check(messages=False) {table * 1e3:.3f} ms, core call {call * 1e3:.3f} ms: {table / call:.2f}x"
              f" (load average {os.getloadavg()[0]:.2f})", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-l", action="store_true", help="skip the L network (as_of of L)")
    parser.add_argument("--check-ratio", type=int, metavar="ROUNDS",
                        help="only time check(messages=False) of M against its core call, best of 300, ROUNDS times")
    args = parser.parse_args(argv)

    if args.check_ratio:
        check_ratio(danvan_network(data_file("M", args.seed)), args.check_ratio)
        return 0

    path = data_file("M", args.seed)
    t0 = time.perf_counter()
    net = danvan_network(path)
    print(f"# M: {path.name} loaded by danvan in {time.perf_counter() - t0:.2f} s: {net!r}", flush=True)
    plain = Plain(path)
    G = networkx_graph(plain)
    print(f"# M: NetworkX graph of {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", flush=True)
    bench_coverage("M", net, plain, G)
    bench_lookups("M", net, plain, G)
    bench_as_of_danvan("M", path)
    bench_as_of_networkx("M", plain, G)
    bench_as_of_numpy("M", plain, 0)
    del G, plain, net
    gc.collect()

    if not args.skip_l:
        path = data_file("L", args.seed)
        t0 = time.perf_counter()
        net = danvan_network(path)
        print(f"# L: {path.name} loaded by danvan in {time.perf_counter() - t0:.2f} s: {net!r}", flush=True)
        roles = bench_as_of_danvan("L", path)
        del net
        gc.collect()
        plain = Plain(path)
        bench_as_of_numpy("L", plain, roles)
        print("# L: NetworkX not run (the graph of 2.5 million roles takes minutes and gigabytes to build)")

    print(f"\n# load average during the run: {os.getloadavg()}")
    print("\n| scale | operation | peer | wall ms | cpu ms | note |\n|---|---|---|---:|---:|---|")
    for r in results:
        print(f"| {r['scale']} | {r['op']} | {r['peer']} | {r['ms']:.1f} | {r['cpu_ms']:.1f} | {r.get('note', '')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
