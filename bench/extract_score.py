#!/usr/bin/env python3
"""Precision and recall of danvan's extraction against hand-annotated gold.

    PYTHONPATH=build/python python3 bench/extract_score.py            # every tests/data/gold/*.gold.json
    python3 bench/extract_score.py GOLD.json --items ITEMS.json      # items from `danvan extract --format items`
    python3 bench/extract_score.py --cli build/danvan --check        # run the CLI; exit 1 below the targets

Gold files (tests/data/gold/*.gold.json) list items by kind with code-point
spans of their text and a label; the scorer reads the text (a path next to
the gold file, or `seeds:<name>` under $DANVAN_SEEDS_DIR, default
<repo>/../shared/seeds), checks its SHA-256, extracts, and matches one to one:

* documents -- same number (`44-KL/TW`) and overlapping spans;
* periods   -- same value (`2023/2025`, `2023-09-16`, `quarterly`) and overlapping spans;
* organizations, programs, districts -- overlapping spans;
* roles     -- same role, same organization (the predicted role's org_span is
  mapped to the gold organization mention it overlaps), and cues at most
  60 code points apart.

Each kind is also scored with exact spans ("strict"). See docs/extraction.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
KINDS = ("documents", "organizations", "programs", "periods", "districts", "roles")
ITEM_KIND = {
    "documents": "document",
    "organizations": "organization",
    "programs": "program",
    "periods": "period",
    "districts": "district",
    "roles": "role",
}
#: Targets of the project's issue (on the seed article).
TARGETS = {
    "documents": (1.0, 1.0),
    "periods": (1.0, 1.0),
    "organizations": (0.95, 0.95),
    "districts": (0.95, 0.95),
    "programs": (0.9, 0.9),
    "roles": (0.8, 0.8),
}
ROLE_WINDOW = 60


def seeds_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("DANVAN_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def text_path(gold_file: pathlib.Path, gold: dict) -> pathlib.Path:
    ref = gold["text"]
    if ref.startswith("seeds:"):
        return seeds_dir() / ref[len("seeds:"):]
    return gold_file.parent / ref


def load_gold(gold_file: pathlib.Path) -> Tuple[dict, str]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if gold.get("gold") != "1":
        raise SystemExit(f"{gold_file}: not a gold file (\"gold\": \"1\" missing)")
    path = text_path(gold_file, gold)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SystemExit(f"{gold_file}: cannot read its text {path}: {e}")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != gold["sha256"]:
        raise SystemExit(f"{gold_file}: the text {path} has SHA-256 {digest}, the gold was made for {gold['sha256']}")
    return gold, raw.decode("utf-8", "replace")


# ---- predictions ----------------------------------------------------------------


def predict_python(text: str) -> List[dict]:
    from danvan import extract

    return [i.as_dict() for i in extract(text).items]


def predict_cli(cli: str, path: pathlib.Path) -> List[dict]:
    out = subprocess.run([cli, "extract", str(path), "--format", "items"], capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


# ---- matching ------------------------------------------------------------------------


def overlap(a: Sequence[int], b: Sequence[int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def norm_code(s: str) -> str:
    s = re.sub(r"\s+", "", s).upper().replace("Ð", "Đ")
    return re.sub(r"\d+", lambda m: str(int(m.group())), s)


def greedy(pairs: Iterable[Tuple[float, int, int]]) -> List[Tuple[int, int]]:
    """One-to-one matching, best score first."""
    used_g, used_p, out = set(), set(), []
    for _, g, p in sorted(pairs, key=lambda x: -x[0]):
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        out.append((g, p))
    return out


def org_canon(span: Optional[Sequence[int]], gold_orgs: List[dict]) -> Optional[str]:
    if not span:
        return None
    best, best_ov = None, 0
    for g in gold_orgs:
        ov = overlap(span, g["span"])
        if ov > best_ov:
            best, best_ov = g["label"], ov
    return best


def match_kind(kind: str, gold: List[dict], pred: List[dict], gold_orgs: List[dict], strict: bool) -> int:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if kind == "roles":
                if p["name"] != g["label"]:
                    continue
                if org_canon(p.get("org_span"), gold_orgs) != g["org"]:
                    continue
                dist = abs(p["span"][0] - g["span"][0])
                if strict and tuple(p["span"]) != tuple(g["span"]):
                    continue
                if dist <= ROLE_WINDOW:
                    pairs.append((ROLE_WINDOW + 1 - dist, gi, pi))
                continue
            if strict:
                if tuple(p["span"]) != tuple(g["span"]):
                    continue
                ov = 1
            else:
                ov = overlap(g["span"], p["span"])
                if ov == 0:
                    continue
            if kind == "documents" and norm_code(p["name"]) != norm_code(g["label"]):
                continue
            if kind == "periods" and p["name"] != g["label"]:
                continue
            pairs.append((ov, gi, pi))
    return len(greedy(pairs))


def score(gold: dict, pred: List[dict]) -> Dict[str, dict]:
    gold_orgs = [g for g in gold["items"] if g["kind"] == "organization"]
    out = {}
    for kind in KINDS:
        g = [x for x in gold["items"] if x["kind"] == ITEM_KIND[kind]]
        p = [x for x in pred if x["kind"] == ITEM_KIND[kind]]
        tp = match_kind(kind, g, p, gold_orgs, strict=False)
        tp_strict = match_kind(kind, g, p, gold_orgs, strict=True)
        prec = tp / len(p) if p else (1.0 if not g else 0.0)
        rec = tp / len(g) if g else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[kind] = {
            "gold": len(g),
            "predicted": len(p),
            "matched": tp,
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "strict_precision": round(tp_strict / len(p), 4) if p else (1.0 if not g else 0.0),
            "strict_recall": round(tp_strict / len(g), 4) if g else 1.0,
        }
    return out


def table(name: str, result: Dict[str, dict]) -> str:
    lines = [f"{name}", f"{'kind':<15}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}   strict P/R"]
    for kind in KINDS:
        r = result[kind]
        lines.append(
            f"{kind:<15}{r['gold']:>6}{r['predicted']:>6}{r['matched']:>7}{r['precision']:>7.2f}{r['recall']:>7.2f}"
            f"{r['f1']:>7.2f}   {r['strict_precision']:.2f}/{r['strict_recall']:.2f}"
        )
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold files (default: tests/data/gold/*.gold.json)")
    ap.add_argument("--items", help="predicted items (JSON array, `danvan extract --format items`); one gold file only")
    ap.add_argument("--cli", help="run this `danvan` program instead of the Python package")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 when a kind is below the issue's targets")
    args = ap.parse_args(argv)

    files = [pathlib.Path(g) for g in args.gold] or sorted(GOLD_DIR.glob("*.gold.json"))
    if args.items and len(files) != 1:
        ap.error("--items needs exactly one gold file")
    results, failed = {}, []
    for f in files:
        gold, text = load_gold(f)
        if args.items:
            pred = json.loads(pathlib.Path(args.items).read_text(encoding="utf-8"))
        elif args.cli:
            pred = predict_cli(args.cli, text_path(f, gold))
        else:
            pred = predict_python(text)
        r = score(gold, pred)
        results[f.name] = r
        for kind, (tp, tr) in TARGETS.items():
            if r[kind]["precision"] + 1e-9 < tp or r[kind]["recall"] + 1e-9 < tr:
                failed.append(f"{f.name}: {kind} P={r[kind]['precision']:.2f} R={r[kind]['recall']:.2f} "
                              f"(target {tp:.2f}/{tr:.2f})")
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(table(name, r) for name, r in results.items()))
    if args.check and failed:
        print("\nbelow target:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
