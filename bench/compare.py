#!/usr/bin/env python3
"""danvan against the graph libraries an analyst would otherwise use, on the same
generated networks and the same operations (issue 6, point 7).

    /usr/bin/python3 bench/compare.py --scale M
    /usr/bin/python3 bench/compare.py --scale S,M,L --peers danvan,scipy --ops projection,jaccard,top10

Peers: danvan, networkx, igraph, graph-tool, scipy (the incidence-matrix route Bᵀ·B).
Operations: load, lookup (100,000 single look-ups of a task's lead), lookup_batch (the
same in one call), coverage (three rules), projection (shared-task counts), jaccard,
top10 (the ten pairs sharing most tasks), degree, betweenness_exact (M), and
betweenness_sampled (k = 256 pivots, M and L).

Prints one JSON line per (peer, scale, op):

    {"peer": "danvan", "scale": "M", "op": "projection", "seconds": 0.012, "peak_mb": 9.5, ...}

or, for an operation a peer cannot do (or not in reasonable time), the reason:

    {"peer": "igraph", "scale": "M", "op": "betweenness_sampled", "skipped": "igraph 0.10 has no ..."}

How it measures. Every (peer, scale, op) runs in a fresh subprocess that loads the
data (JSON for `load`, else a cached NumPy copy of the incidence that all peers share),
prepares what the operation needs (the projected organization graph for the
centrality operations; not timed), then resets the kernel's peak-RSS counter
(`echo 5 > /proc/self/clear_refs`) and runs the operation. `seconds` is the best of a
few runs, at least three and for at least `--min-seconds` (one run for operations whose
first run takes over 5 s), `first_seconds` the first run's (a first call may build what
later ones reuse: id arrays, cached layouts), `peak_mb` the peak resident memory during the
runs of the operation above what the process held before it (`VmHWM` − `VmRSS` before; free
allocator memory is handed back first with `malloc_trim`, so that an operation cannot
hide its allocations in pages freed while loading), and
`rss_mb` the whole process's peak. A subprocess that does not finish in `--timeout`
seconds is reported as skipped with that reason. Threads: danvan and graph-tool use
both cores; NetworkX, igraph and SciPy one. `cpu_seconds` is the process's CPU time
(all threads) in the best run: on a busy machine it shows the work done when wall
time is inflated by waiting for a core.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = ["danvan", "networkx", "igraph", "graph-tool", "scipy"]
OPS = ["load", "lookup", "lookup_batch", "coverage", "projection", "jaccard", "top10", "degree",
       "betweenness_exact", "betweenness_sampled"]
LOOKUPS = 100_000
PIVOTS = 256

# Combinations not run, and why (measured once; see bench/README.md).
SKIP = {
    ("scipy", "degree"): None,  # runs: degree of the projected matrix
    ("scipy", "betweenness_exact"): "SciPy has no betweenness centrality",
    ("scipy", "betweenness_sampled"): "SciPy has no betweenness centrality",
    ("igraph", "betweenness_sampled"): "igraph 0.10 has no pivot-sampled betweenness (its cutoff= option "
                                       "limits path length, a different estimate)",
    ("networkx", "lookup_batch"): "NetworkX has no batch look-up; see lookup",
    ("igraph", "lookup_batch"): "igraph has no batch look-up; see lookup",
    ("graph-tool", "lookup_batch"): "graph-tool has no batch look-up; see lookup",
}
SCALE_SKIP = {
    # (peer, op, scale): reason
    ("networkx", "projection", "L"): "NetworkX takes about 20 s for the count projection on M and the work grows "
                                     "tenfold on L; not run",
    ("networkx", "jaccard", "L"): "NetworkX takes about 35 s for Jaccard on M and the work grows tenfold on L; not run",
    ("networkx", "top10", "L"): "needs the NetworkX projection (see projection); not run",
    ("networkx", "degree", "L"): "needs the NetworkX projection (see projection); not run",
    ("networkx", "betweenness_sampled", "L"): "256 Python breadth-first searches over 2.6 million edges take "
                                              "far beyond 300 s; not run",
    ("networkx", "betweenness_exact", "L"): "not run on L (the issue asks exact betweenness on M)",
    ("networkx", "betweenness_exact", "S"): None,
}


# ---- data ---------------------------------------------------------------------------


def data_file(scale: str, seed: int, out_dir: Path) -> Path:
    path = out_dir / f"{scale}-{seed}.json"
    if not path.exists():
        out_dir.mkdir(parents=True, exist_ok=True)
        print(f"# generating {path}", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--scale", scale, "--seed", str(seed),
                        "--out", str(path)], check=True)
    return path


def read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def incidence_from(doc: dict):
    """Arrays every peer builds from: task-role and program-role incidences, documents."""
    import numpy as np

    org_ids = [o["id"] for o in doc["organizations"]]
    org_pos = {o: i for i, o in enumerate(org_ids)}
    task_ids = [t["id"] for t in doc["tasks"]]
    prog_ids = [p["id"] for p in doc.get("programs", [])]
    doc_ids = [d["id"] for d in doc.get("documents", [])]
    doc_pos = {d: i for i, d in enumerate(doc_ids)}
    t_task, t_org, t_lead = [], [], []
    for i, t in enumerate(doc["tasks"]):
        seen = set()
        for r in t.get("roles", []):
            o = org_pos[r["org"]]
            t_task.append(i)
            t_org.append(o)
            t_lead.append(r["role"] == "lead")
            seen.add(o)
    p_prog, p_lead = [], []
    for i, p in enumerate(doc.get("programs", [])):
        for r in p.get("roles", []):
            if r["role"] == "lead":
                p_prog.append(i)
                p_lead.append(org_pos[r["org"]])
    implemented = np.zeros(len(doc_ids), dtype=bool)
    for item in doc["tasks"] + doc.get("programs", []):
        for d in item.get("implements", []):
            implemented[doc_pos[d]] = True
    return {
        "org_ids": org_ids, "task_ids": task_ids, "prog_ids": prog_ids, "n_docs": len(doc_ids),
        "t_task": np.asarray(t_task, dtype=np.int32), "t_org": np.asarray(t_org, dtype=np.int32),
        "t_lead": np.asarray(t_lead, dtype=bool),
        "p_prog": np.asarray(p_prog, dtype=np.int32), "p_lead": np.asarray(p_lead, dtype=np.int32),
        "implemented": implemented,
    }


def cached_incidence(path: Path):
    import numpy as np

    cache = path.with_suffix(".incidence.npz")
    ids = path.with_suffix(".ids.json")
    if not cache.exists() or not ids.exists() or cache.stat().st_mtime < path.stat().st_mtime:
        inc = incidence_from(read_json(path))
        np.savez(cache, **{k: v for k, v in inc.items() if isinstance(v, np.ndarray)})
        ids.write_text(json.dumps({k: inc[k] for k in ("org_ids", "task_ids", "prog_ids", "n_docs")}))
    with np.load(cache) as z:
        inc = {k: z[k] for k in z.files}
    inc.update(json.loads(ids.read_text()))
    return inc


def lookup_ids(inc, n=LOOKUPS, seed=1):
    rng = random.Random(seed)
    tasks = inc["task_ids"]
    positions = [rng.randrange(len(tasks)) for _ in range(n)]
    return positions, [tasks[p] for p in positions]


# ---- memory ---------------------------------------------------------------------------


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def release_free_memory() -> None:
    """Hands the allocator's free pages back to the system (glibc malloc_trim), so that
    an operation's allocations show in the resident set instead of quietly reusing
    memory freed while loading."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ---- peers ------------------------------------------------------------------------------


class Peer:
    """Loads the data its own way and runs the operations. `prepare(op)` does untimed
    set-up (e.g. the projected graph for centralities); `run(op)` is what is timed."""

    name = ""

    def __init__(self, path: Path, inc):
        self.path = path
        self.inc = inc

    def skip(self, op: str):
        return None

    def load_json(self):
        raise NotImplementedError

    def load_cached(self):
        raise NotImplementedError

    def prepare(self, op: str):
        pass

    def run(self, op: str):
        return getattr(self, "op_" + op)()


def coverage_from(inc, leads_per_task):
    """The three coverage answers once a peer has counted each task's leads in its own
    way: tasks without exactly one lead, programs without a lead, documents nobody
    implements (the last two read from the incidence every peer shares)."""
    import numpy as np

    prog_leads = np.bincount(inc["p_prog"], minlength=len(inc["prog_ids"]))
    return np.flatnonzero(leads_per_task != 1), np.flatnonzero(prog_leads == 0), np.flatnonzero(~inc["implemented"])


def _scipy_incidence(inc, lead_only=False):
    import numpy as np
    import scipy.sparse as sp

    n_t, n_o = len(inc["task_ids"]), len(inc["org_ids"])
    rows, cols = inc["t_task"], inc["t_org"]
    if lead_only:
        rows, cols = rows[inc["t_lead"]], cols[inc["t_lead"]]
    B = sp.csr_matrix((np.ones(rows.size, dtype=np.int32), (rows, cols)), shape=(n_t, n_o))
    B.sum_duplicates()
    B.data[:] = 1  # an organization counts once per task
    return B


class ScipyPeer(Peer):
    name = "scipy"

    def load_json(self):
        self.inc = incidence_from(read_json(self.path))
        self.build()

    def load_cached(self):
        self.build()

    def build(self):
        self.B = _scipy_incidence(self.inc)

    def prepare(self, op):
        import numpy as np

        if op in ("lookup", "lookup_batch"):
            self.L = _scipy_incidence(self.inc, lead_only=True)
            self.positions, self.ids = lookup_ids(self.inc)
            self.task_pos = {t: i for i, t in enumerate(self.inc["task_ids"])}
            self.pos_array = np.asarray(self.positions, dtype=np.int64)
        if op == "degree":
            self.P = self._project()

    def _project(self):
        P = (self.B.T @ self.B).tocsr()
        P.setdiag(0)
        P.eliminate_zeros()
        return P

    def op_load(self):
        self.load_json()

    def op_lookup(self):
        L, pos = self.L, self.task_pos
        out = []
        for t in self.ids:
            r = pos[t]
            leads = L.indices[L.indptr[r]:L.indptr[r + 1]]
            out.append(leads[0] if leads.size else -1)
        return out

    def op_lookup_batch(self):
        import numpy as np

        L, p = self.L, self.pos_array
        starts, ends = L.indptr[p], L.indptr[p + 1]
        return np.where(ends > starts, L.indices[np.minimum(starts, L.indices.size - 1)], -1)

    def op_coverage(self):
        import numpy as np

        inc = self.inc
        return coverage_from(inc, np.bincount(inc["t_task"][inc["t_lead"]], minlength=len(inc["task_ids"])))

    def op_projection(self):
        return self._project()

    def op_jaccard(self):
        import numpy as np

        P = self._project()
        d = np.asarray(self.B.sum(axis=0)).ravel()
        rows = np.repeat(np.arange(P.shape[0]), np.diff(P.indptr))
        c = P.data.astype(np.float64)
        P.data = c / (d[rows] + d[P.indices] - c)
        return P

    def op_top10(self):
        import numpy as np
        import scipy.sparse as sp

        P = self._project()
        U = sp.triu(P, k=1).tocoo()
        top = np.argpartition(-U.data, 10)[:10] if U.data.size > 10 else np.arange(U.data.size)
        order = top[np.lexsort((U.col[top], U.row[top], -U.data[top]))]
        return list(zip(U.row[order], U.col[order], U.data[order]))

    def op_degree(self):
        import numpy as np

        return np.diff(self.P.indptr)


class NetworkxPeer(Peer):
    name = "networkx"

    def load_json(self):
        import networkx as nx

        doc = read_json(self.path)
        B = nx.Graph()
        B.add_nodes_from((o["id"] for o in doc["organizations"]), bipartite=0)
        for t in doc["tasks"]:
            B.add_node(t["id"], bipartite=1)
            for r in t.get("roles", []):
                B.add_edge(r["org"], t["id"], role=r["role"])
        self.B = B
        self.orgs = [o["id"] for o in doc["organizations"]]

    def load_cached(self):
        import networkx as nx

        inc = self.inc
        orgs, tasks = inc["org_ids"], inc["task_ids"]
        B = nx.Graph()
        B.add_nodes_from(orgs, bipartite=0)
        B.add_nodes_from(tasks, bipartite=1)
        lead = inc["t_lead"].tolist()
        B.add_edges_from((orgs[o], tasks[t], {"role": "lead" if l else "other"})
                         for t, o, l in zip(inc["t_task"].tolist(), inc["t_org"].tolist(), lead))
        self.B = B
        self.orgs = orgs

    def prepare(self, op):
        from networkx.algorithms import bipartite

        if op in ("degree", "betweenness_exact", "betweenness_sampled"):
            self.G = bipartite.weighted_projected_graph(self.B, self.orgs)
        if op == "lookup":
            self.positions, self.ids = lookup_ids(self.inc)

    def op_load(self):
        self.load_json()

    def op_lookup(self):
        B = self.B
        out = []
        for t in self.ids:
            lead = None
            for o, d in B[t].items():
                if d["role"] == "lead":
                    lead = o
                    break
            out.append(lead)
        return out

    def op_coverage(self):
        B = self.B
        inc = self.inc
        tasks = inc["task_ids"]
        not_one_lead = [t for t in tasks if sum(1 for d in B[t].values() if d["role"] == "lead") != 1]
        prog_has_lead = set(inc["p_prog"].tolist())
        programs_without_lead = [p for i, p in enumerate(inc["prog_ids"]) if i not in prog_has_lead]
        documents_without_plan = [d for d, ok in enumerate(inc["implemented"].tolist()) if not ok]
        return not_one_lead, programs_without_lead, documents_without_plan

    def op_projection(self):
        from networkx.algorithms import bipartite

        return bipartite.weighted_projected_graph(self.B, self.orgs)

    def op_jaccard(self):
        from networkx.algorithms import bipartite

        return bipartite.overlap_weighted_projected_graph(self.B, self.orgs, jaccard=True)

    def op_top10(self):
        import heapq
        from networkx.algorithms import bipartite

        G = bipartite.weighted_projected_graph(self.B, self.orgs)
        return heapq.nlargest(10, G.edges(data="weight"), key=lambda e: e[2])

    def op_degree(self):
        return dict(self.G.degree())

    def op_betweenness_exact(self):
        import networkx as nx

        return nx.betweenness_centrality(self.G)

    def op_betweenness_sampled(self):
        import networkx as nx

        return nx.betweenness_centrality(self.G, k=PIVOTS, seed=0)


class IgraphPeer(Peer):
    name = "igraph"

    def _build(self, n_orgs, tasks, t_task, t_org, lead):
        import igraph as ig

        g = ig.Graph(n=n_orgs + len(tasks), edges=list(zip(t_org, [n_orgs + t for t in t_task])))
        g.vs["type"] = [False] * n_orgs + [True] * len(tasks)
        g.es["role"] = lead
        g.simplify(combine_edges="first")
        self.g = g
        self.n_orgs = n_orgs

    def load_json(self):
        doc = read_json(self.path)
        orgs = {o["id"]: i for i, o in enumerate(doc["organizations"])}
        t_task, t_org, lead = [], [], []
        for i, t in enumerate(doc["tasks"]):
            for r in t.get("roles", []):
                t_task.append(i)
                t_org.append(orgs[r["org"]])
                lead.append(r["role"] == "lead")
        self._build(len(orgs), doc["tasks"], t_task, t_org, lead)

    def load_cached(self):
        inc = self.inc
        self._build(len(inc["org_ids"]), inc["task_ids"], inc["t_task"].tolist(), inc["t_org"].tolist(),
                    inc["t_lead"].tolist())

    def _project(self):
        return self.g.bipartite_projection(types="type", multiplicity=True, which=0)

    def prepare(self, op):
        if op in ("degree", "betweenness_exact", "betweenness_sampled"):
            self.P = self._project()
        if op in ("lookup", "coverage"):
            self.positions, self.ids = lookup_ids(self.inc)
            self.name_to_vertex = {t: self.n_orgs + i for i, t in enumerate(self.inc["task_ids"])}
            self.roles = self.g.es["role"]
            self.edges = self.g.get_edgelist()

    def op_load(self):
        self.load_json()

    def op_lookup(self):
        g, roles, edges, vid = self.g, self.roles, self.edges, self.name_to_vertex
        out = []
        for t in self.ids:
            lead = -1
            for e in g.incident(vid[t]):
                if roles[e]:
                    a, b = edges[e]
                    lead = a if a != vid[t] else b
                    break
            out.append(lead)
        return out

    def op_coverage(self):
        import numpy as np

        lead_edges = self.g.es.select(role=True)
        leads = np.bincount([max(e.tuple) - self.n_orgs for e in lead_edges], minlength=len(self.inc["task_ids"]))
        return coverage_from(self.inc, leads)

    def op_projection(self):
        return self._project()

    def op_jaccard(self):
        import numpy as np

        P = self._project()
        deg = np.asarray(self.g.degree()[: self.n_orgs], dtype=np.float64)
        e = np.asarray(P.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        w = np.asarray(P.es["weight"], dtype=np.float64)
        P.es["weight"] = (w / (deg[e[:, 0]] + deg[e[:, 1]] - w)).tolist()
        return P

    def op_top10(self):
        import numpy as np

        P = self._project()
        w = np.asarray(P.es["weight"])
        top = np.argsort(-w, kind="stable")[:10]
        return [(P.es[i].tuple, w[i]) for i in top]

    def op_degree(self):
        return self.P.degree()

    def op_betweenness_exact(self):
        return self.P.betweenness(directed=False)


class GraphToolPeer(Peer):
    name = "graph-tool"

    def _build(self, n_orgs, n_tasks, t_task, t_org, lead):
        import graph_tool.all as gt
        import numpy as np

        g = gt.Graph(directed=False)
        g.add_vertex(n_orgs + n_tasks)
        role = g.new_edge_property("bool")
        edges = np.column_stack([t_org, n_orgs + t_task, lead.astype(np.int64)])
        g.add_edge_list(edges, eprops=[role])
        self.g, self.role, self.n_orgs = g, role, n_orgs

    def load_json(self):
        import numpy as np

        inc = incidence_from(read_json(self.path))
        self._build(len(inc["org_ids"]), len(inc["task_ids"]), inc["t_task"].astype(np.int64),
                    inc["t_org"].astype(np.int64), inc["t_lead"])

    def load_cached(self):
        import numpy as np

        inc = self.inc
        self._build(len(inc["org_ids"]), len(inc["task_ids"]), inc["t_task"].astype(np.int64),
                    inc["t_org"].astype(np.int64), inc["t_lead"])

    def _project(self):
        """graph-tool has no bipartite projection: its adjacency matrix, squared on the
        organization block, then a graph-tool graph of the pairs with their counts."""
        import graph_tool.all as gt
        import numpy as np
        import scipy.sparse as sp

        A = gt.adjacency(self.g).tocsr()
        n = self.n_orgs
        Bt = A[n:, :n]
        P = sp.triu((Bt.T @ Bt).tocsr(), k=1).tocoo()
        G = gt.Graph(directed=False)
        G.add_vertex(n)
        w = G.new_edge_property("int")
        G.add_edge_list(np.column_stack([P.row, P.col, P.data.astype(np.int64)]), eprops=[w])
        return G, w

    def prepare(self, op):
        if op in ("degree", "betweenness_exact", "betweenness_sampled"):
            self.P, self.w = self._project()
        if op == "lookup":
            self.positions, self.ids = lookup_ids(self.inc)
            self.name_to_vertex = {t: self.n_orgs + i for i, t in enumerate(self.inc["task_ids"])}

    def op_load(self):
        self.load_json()

    def op_lookup(self):
        g, role, vid = self.g, self.role, self.name_to_vertex
        out = []
        for t in self.ids:
            e = g.get_all_edges(vid[t], eprops=[role])
            hit = e[e[:, 2] == 1]
            out.append(int(hit[0, 1] if hit[0, 0] == vid[t] else hit[0, 0]) if hit.size else -1)
        return out

    def op_coverage(self):
        import numpy as np

        e = self.g.get_edges(eprops=[self.role])
        lead = e[e[:, 2] == 1]
        leads = np.bincount(lead[:, 1] - self.n_orgs, minlength=len(self.inc["task_ids"]))
        return coverage_from(self.inc, leads)

    def op_projection(self):
        return self._project()

    def op_jaccard(self):
        import graph_tool.all as gt
        import numpy as np

        G, w = self._project()
        pairs = G.get_edges()
        return G, gt.vertex_similarity(self.g, "jaccard", vertex_pairs=pairs)

    def op_top10(self):
        import numpy as np

        G, w = self._project()
        a = w.a
        top = np.argsort(-a, kind="stable")[:10]
        return G.get_edges()[top], a[top]

    def op_degree(self):
        return self.P.get_out_degrees(self.P.get_vertices())

    def op_betweenness_exact(self):
        import graph_tool.all as gt

        return gt.betweenness(self.P)

    def op_betweenness_sampled(self):
        import graph_tool.all as gt
        import numpy as np

        rng = np.random.default_rng(0)
        pivots = rng.choice(self.P.num_vertices(), size=PIVOTS, replace=False)
        return gt.betweenness(self.P, pivots=pivots)


class DanvanPeer(Peer):
    name = "danvan"

    def __init__(self, path, inc):
        super().__init__(path, inc)
        import danvan

        Network = danvan.Network
        if not hasattr(Network, "projection"):
            from danvan._overlap import OverlapMixin

            Network = type("Network", (OverlapMixin, danvan.Network), {"__slots__": ()})
        self.Network = Network

    def skip(self, op):
        if op in ("lookup", "lookup_batch") and not hasattr(self.Network, "lead_of" if op == "lookup" else "lead_of_many"):
            return ("danvan.Network.lead_of / lead_of_many are not there yet (ResponsibilityMixin, issue 5); "
                    "rerun when they are")
        if op == "coverage" and not hasattr(self.Network, "check"):
            return "danvan.Network.check is not there yet (ResponsibilityMixin, issue 5); rerun when it is"
        return None

    def load_json(self):
        self.net = self.Network.load(self.path)

    load_cached = load_json

    def prepare(self, op):
        import numpy as np

        if op in ("degree", "betweenness_exact", "betweenness_sampled"):
            self.G = self.net.organization_graph()
        if op in ("lookup", "lookup_batch"):
            self.positions, self.ids = lookup_ids(self.inc)
            self.pos_array = np.asarray(self.positions, dtype=np.int64)
        if op == "coverage":
            # The peers' three rules, parsed once (as the peers build their arrays once).
            import pandas  # noqa: F401  (check() returns a DataFrame: the import is not the operation)
            from danvan import load_rules

            self.rules = load_rules({"rules": [{"rule": "task-responsible"}, {"rule": "program-lead"},
                                               {"rule": "document-implemented"}]})

    def op_load(self):
        self.load_json()

    def op_lookup(self):
        lead_of = self.net.lead_of
        return [lead_of(t) for t in self.ids]

    def op_lookup_batch(self):
        return self.net.lead_of_many(self.pos_array)

    def op_coverage(self):
        return self.net.check(self.rules, messages=False)  # ids, like the peers' index arrays

    def op_projection(self):
        return self.net.projection()

    def op_jaccard(self):
        return self.net.projection(weight="jaccard")

    def op_top10(self):
        return self.net.top_pairs(10)

    def op_degree(self):
        return self.G.degree()

    def op_betweenness_exact(self):
        return self.G.betweenness()

    def op_betweenness_sampled(self):
        return self.G.betweenness(True, PIVOTS, 0)


PEER_CLASSES = {c.name: c for c in (DanvanPeer, NetworkxPeer, IgraphPeer, GraphToolPeer, ScipyPeer)}


# ---- one measurement (in its own process) ---------------------------------------------------


MIN_RUNS = 3  # a first call may build what later calls reuse: the best is of the calls after it too
SLOW = 5.0  # seconds: an operation whose first run takes longer is run once


def measure(peer_name: str, scale: str, op: str, path: Path, min_seconds: float) -> dict:
    row = {"peer": peer_name, "scale": scale, "op": op}
    inc = cached_incidence(path)
    peer = PEER_CLASSES[peer_name](path, inc)
    reason = peer.skip(op)
    if reason:
        row["skipped"] = reason
        return row
    if op != "load":
        peer.load_cached()
    peer.prepare(op)
    if op == "load":
        inc = None  # the JSON route builds its own
    import gc

    gc.collect()
    release_free_memory()
    base = _status("VmRSS")
    exact_peak = reset_peak()
    times, cpu = [], []
    t_total = time.perf_counter()
    while True:
        t0, c0 = time.perf_counter(), time.process_time()
        result = peer.run(op)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        del result
        if op in ("load", "betweenness_exact") or times[0] > SLOW or len(times) >= 20:
            break
        if len(times) >= MIN_RUNS and time.perf_counter() - t_total > min_seconds:
            break
    peak = _status("VmHWM")
    best = min(range(len(times)), key=times.__getitem__)
    row["seconds"] = times[best]
    row["first_seconds"] = times[0]  # with what a first call builds and keeps (id arrays, layouts)
    row["cpu_seconds"] = round(cpu[best], 6)  # CPU time of the whole process (all threads) in that run
    row["runs"] = len(times)
    row["peak_mb"] = round(max(0, peak - base) / 2**20, 2)
    row["rss_mb"] = round(peak / 2**20, 1)
    if not exact_peak:
        row["note"] = "could not reset the peak-RSS counter; peak_mb is the process's peak"
    if peer_name == "danvan" and op in ("projection", "jaccard"):
        size = peer.net.projection_size()
        row["pair_increments"] = size.pair_increments
        row["ns_per_increment"] = round(row["seconds"] * 1e9 / max(1, size.pair_increments), 2)
    return row


# ---- the tables of a run ----------------------------------------------------------------


def _duration(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1e3:.1f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.0f} µs"


def tables(rows: list) -> str:
    """A Markdown table per scale of a run's lines: each peer's best seconds (peak MB), the
    best peer's time over danvan's, and danvan's first call where it differs by more than
    half (a first call builds what the later ones reuse)."""
    out = []
    for scale in dict.fromkeys(r["scale"] for r in rows):
        here = {(r["peer"], r["op"]): r for r in rows if r["scale"] == scale}
        ops = list(dict.fromkeys(r["op"] for r in rows if r["scale"] == scale))
        out += [f"{scale}:", "", "| operation | " + " | ".join(PEERS) + " | best peer ÷ danvan | danvan's first call |",
                "|---|" + "---:|" * (len(PEERS) + 2)]
        for op in ops:
            cells, best = [], None
            for peer in PEERS:
                r = here.get((peer, op))
                if r is None or "seconds" not in r:
                    cells.append("skipped" if r else "")
                    continue
                cells.append(f"{_duration(r['seconds'])} ({r['peak_mb']:.0f})")
                if peer != "danvan" and (best is None or r["seconds"] < best[1]):
                    best = (peer, r["seconds"])
            mine = here.get(("danvan", op), {})
            ratio = f"{best[1] / mine['seconds']:.1f} ({best[0]})" if best and "seconds" in mine else ""
            first = mine.get("first_seconds")
            first = _duration(first) if first and first > 1.5 * mine["seconds"] else ""
            out.append(f"| {op} | " + " | ".join(cells) + f" | {ratio} | {first} |")
        out.append("")
    return "\n".join(out)


# ---- the driver -------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="M", help="S, M, L or a comma-separated list (default M)")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated: " + ", ".join(PEERS))
    ap.add_argument("--ops", default=",".join(OPS), help="comma-separated: " + ", ".join(OPS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", type=Path, default=HERE / "out", help="where generated networks are kept")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before an operation counts as not finished")
    ap.add_argument("--min-seconds", type=float, default=1.0, help="repeat fast operations for this long (best run)")
    ap.add_argument("--danvan-path", default=os.environ.get("DANVAN_PYTHONPATH", ""),
                    help="directory holding the built danvan package (default: PYTHONPATH, then <repo>/build/python)")
    ap.add_argument("--table", type=Path, metavar="JSONL", help="print the Markdown tables of a run's output and stop")
    ap.add_argument("--worker", nargs=3, metavar=("PEER", "SCALE", "OP"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.table:
        print(tables([json.loads(line) for line in args.table.read_text().splitlines() if line.startswith("{")]))
        return 0
    if args.danvan_path:
        sys.path.insert(0, args.danvan_path)
    elif not os.environ.get("PYTHONPATH"):
        sys.path.insert(0, str(ROOT / "build" / "python"))

    if args.worker:
        peer, scale, op = args.worker
        path = data_file(scale, args.seed, args.data_dir)
        print(json.dumps(measure(peer, scale, op, path, args.min_seconds)), flush=True)
        return 0

    scales = [s.strip() for s in args.scale.split(",") if s.strip()]
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    ops = [o.strip() for o in args.ops.split(",") if o.strip()]
    for bad in set(peers) - set(PEERS):
        ap.error(f"unknown peer {bad!r} (peers: {', '.join(PEERS)})")
    for bad in set(ops) - set(OPS):
        ap.error(f"unknown operation {bad!r} (operations: {', '.join(OPS)})")
    for bad in set(scales) - {"S", "M", "L"}:
        ap.error(f"unknown scale {bad!r} (S, M or L)")

    env = dict(os.environ)
    if args.danvan_path:
        env["PYTHONPATH"] = args.danvan_path + os.pathsep + env.get("PYTHONPATH", "")
    for scale in scales:
        path = data_file(scale, args.seed, args.data_dir)
        cached_incidence(path)  # once, before the workers
        for op in ops:
            for peer in peers:
                row = {"peer": peer, "scale": scale, "op": op}
                reason = SKIP.get((peer, op)) or SCALE_SKIP.get((peer, op, scale))
                if op == "betweenness_sampled" and scale == "S":
                    reason = reason or f"k = {PIVOTS} pivots exceed the 200 organizations of S (run on M and L)"
                if op == "betweenness_exact" and scale == "L" and peer not in ("danvan",):
                    reason = reason or ("not run on L: neither igraph nor graph-tool finished exact betweenness "
                                        "on L in 300 s when the issue was filed")
                if reason:
                    row["skipped"] = reason
                    print(json.dumps(row), flush=True)
                    continue
                cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", peer, scale, op, "--seed",
                       str(args.seed), "--data-dir", str(args.data_dir), "--min-seconds", str(args.min_seconds)]
                if args.danvan_path:
                    cmd += ["--danvan-path", args.danvan_path]
                try:
                    done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, env=env)
                except subprocess.TimeoutExpired:
                    row["skipped"] = f"did not finish in {args.timeout:g} s"
                    print(json.dumps(row), flush=True)
                    continue
                lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
                if done.returncode != 0 or not lines:
                    tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
                    row["skipped"] = f"failed: {tail[:300]}"
                    print(json.dumps(row), flush=True)
                    continue
                print(lines[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
