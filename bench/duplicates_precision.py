#!/usr/bin/env python3
"""Precision and recall of danvan's duplicate candidates on a labelled set of pairs.

    PYTHONPATH=build/python /usr/bin/python3 bench/duplicates_precision.py
    PYTHONPATH=build/python /usr/bin/python3 bench/duplicates_precision.py --check   # exit 1 if the
                                                      # defaults find a false duplicate on the shipped network
    PYTHONPATH=build/python /usr/bin/python3 bench/duplicates_precision.py --time bench/out/M-1.json

bench/duplicates/labelled.json has two parts: the shipped network
(data/haiduong-2023.json) and a generated one (generate.py --scale S --seed 1,
written to bench/out/S-1.json when it is not there). Into each it plants copies of
tasks -- true duplicates (reworded names, a participant more or fewer) and near
misses (next year, another district, another kind, other partners, another
document) -- and labels pairs already there. The planted networks are written to
bench/out/duplicates-*.json.

Every pair the method finds is counted: a labelled true pair is a true positive,
anything else a false positive (no two tasks of the shipped network repeat each
other, and generate.py draws each task on its own). Precision = true positives /
pairs found; recall = true positives / labelled true pairs. Three settings:

* defaults      -- duplicate_candidates() as shipped;
* +kinds        -- the defaults, briefing and dialogue allowed to pair;
* Jaccard only  -- what the method did before kinds, shared organizations and names
                   counted: participants' Jaccard >= 0.5 with a shared topic, area and
                   period (any_kind, min_shared=1, min_score=0).
"""

from __future__ import annotations

import argparse
import copy
import json
import pathlib
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Set, Tuple

import danvan

ROOT = pathlib.Path(__file__).resolve().parent.parent
LABELLED = ROOT / "bench" / "duplicates" / "labelled.json"
OUT = ROOT / "bench" / "out"

SETTINGS: Dict[str, Dict[str, Any]] = {
    "defaults": {},
    "+kinds": {"kinds": [("briefing", "dialogue")]},
    "Jaccard only": {"any_kind": True, "min_shared": 1, "min_score": 0.0},
}


def base_network(name: str, out: pathlib.Path) -> Dict[str, Any]:
    if name.startswith("generate.py"):
        path = out / "S-1.json"
        if not path.exists():  # the same scale and seed always give the same bytes
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--scale", "S", "--seed", "1",
                            "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
    else:
        path = ROOT / name
    return json.loads(path.read_text(encoding="utf-8"))


def plant(doc: Dict[str, Any], copies: List[Dict[str, Any]]) -> None:
    """Appends each copy: the task `copy_of` with the fields the copy gives replaced."""
    tasks = {t["id"]: t for t in doc["tasks"]}
    for spec in copies:
        t = copy.deepcopy(tasks[spec["copy_of"]])
        t.pop("name_en", None)
        t.pop("aliases", None)
        t["id"], t["name"] = spec["id"], spec["name"]
        for field in ("kind", "topics", "areas", "roles"):
            if field in spec:
                t[field] = spec[field]
        for field, other in (("period", "due"), ("due", "period")):
            if field in spec:
                t[field] = spec[field]
                t.pop(other, None)
        t["roles"] = [r for r in t["roles"] if r["org"] not in set(spec.get("drop", []))] + spec.get("add", [])
        doc["tasks"].append(t)


def labels(part: Dict[str, Any]) -> Tuple[Set[Tuple[str, str]], Set[Tuple[str, str]]]:
    """The true pairs and the labelled near misses. A true copy is the same work as its
    original, so two true copies of one task are a true pair too."""
    same_work: Dict[str, Set[str]] = {}
    for spec in part["copies"]:
        if spec["duplicate"]:
            same_work.setdefault(spec["copy_of"], {spec["copy_of"]}).add(spec["id"])
    true = {tuple(sorted((a, b))) for group in same_work.values() for a in group for b in group if a < b}
    true |= {tuple(sorted((p["a"], p["b"]))) for p in part["pairs"] if p["duplicate"]}
    near = {tuple(sorted((s["copy_of"], s["id"]))) for s in part["copies"] if not s["duplicate"]}
    near |= {tuple(sorted((p["a"], p["b"]))) for p in part["pairs"] if not p["duplicate"]}
    return true, near


@dataclass
class Score:
    """What one setting found on one planted network."""
    network: str
    setting: str
    found: Set[Tuple[str, str]]
    true: Set[Tuple[str, str]]
    near: Set[Tuple[str, str]]

    @property
    def hits(self) -> int:
        return len(self.found & self.true)

    @property
    def precision(self) -> float:
        return self.hits / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / len(self.true)


def evaluate(out: pathlib.Path = OUT) -> Tuple[Dict[str, Tuple[int, int]], List[Score]]:
    """The candidates of each shipped network as it is ({network: (at the defaults, with
    Jaccard only)}), and a Score per planted network and setting; the planted networks
    (and S-1.json when missing) are written to `out`."""
    out.mkdir(parents=True, exist_ok=True)
    as_shipped: Dict[str, Tuple[int, int]] = {}
    scores: List[Score] = []
    for part in json.loads(LABELLED.read_text(encoding="utf-8"))["parts"]:
        generated = part["network"].startswith("generate.py")
        doc = base_network(part["network"], out)
        if not generated:
            net = danvan.Network.loads(json.dumps(doc))
            as_shipped[part["network"]] = (len(net.duplicate_candidates()),
                                           len(net.duplicate_candidates(**SETTINGS["Jaccard only"])))
        plant(doc, part["copies"])
        stem = "S-1" if generated else pathlib.Path(part["network"]).stem
        planted = out / f"duplicates-{stem}.json"
        planted.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        net = danvan.Network.load(planted)
        true, near = labels(part)
        for name, options in SETTINGS.items():
            found = net.duplicate_candidates(**options)
            pairs = {tuple(sorted((a, b))) for a, b in zip(found["a"], found["b"])}
            scores.append(Score(stem, name, pairs, true, near))
    return as_shipped, scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when the defaults find any pair on the shipped network as it is")
    ap.add_argument("--time", metavar="NETWORK", help="only time each setting on this network (best of 3)")
    args = ap.parse_args()
    if args.time:
        net = danvan.Network.load(args.time)
        for name, options in SETTINGS.items():
            best, count = float("inf"), 0
            for _ in range(3):
                t = time.perf_counter()
                count = len(net.duplicate_candidates(**options))
                best = min(best, time.perf_counter() - t)
            print(f"{args.time}: {name}: {count} candidates in {best:.3f} s")
        return 0
    as_shipped, scores = evaluate()
    for network, (now, before) in as_shipped.items():
        print(f"{network} as shipped: {now} candidates at the defaults ({before} with Jaccard only)\n")
    print("| network | setting | found | true found / labelled true | labelled near misses found | "
          "other pairs found | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    for r in scores:
        other = len(r.found - r.true - r.near)
        print(f"| {r.network} | {r.setting} | {len(r.found)} | {r.hits} / {len(r.true)} | "
              f"{len(r.found & r.near)} / {len(r.near)} | {other} | {r.precision:.2f} | {r.recall:.2f} |")
    for name in SETTINGS:
        mine = [r for r in scores if r.setting == name]
        hits, found, true = (sum(r.hits for r in mine), sum(len(r.found) for r in mine),
                             sum(len(r.true) for r in mine))
        print(f"| both | {name} | {found} | {hits} / {true} | | | {hits / found:.2f} | {hits / true:.2f} |")
    print()
    for r in scores:
        if r.setting == "defaults":
            for a, b in sorted(r.true - r.found):
                print(f"{r.network}: missed {a} / {b}")
            for a, b in sorted(r.found - r.true):
                print(f"{r.network}: false {a} / {b}")
    return 1 if args.check and any(now for now, _ in as_shipped.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
