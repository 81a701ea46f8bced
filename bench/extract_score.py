#!/usr/bin/env python3
"""Precision and recall of danvan's extraction against hand-annotated gold.

    PYTHONPATH=build/python python3 bench/extract_score.py            # every tests/data/gold/*.gold.json
    PYTHONPATH=build/python python3 bench/extract_score.py bench/gold/*.gold.json   # the held-out texts, pooled too
    python3 bench/extract_score.py GOLD.json --items ITEMS.json [--draft DRAFT.json]  # `danvan extract --format items --out DRAFT.json`
    python3 bench/extract_score.py --cli build/danvan --check        # run the CLI; exit 1 below the targets

Gold files (tests/data/gold/*.gold.json, bench/gold/*.gold.json) list items by kind
with code-point spans of their text and a label; the scorer reads the text (a path
next to the gold file, or `seeds:<name>` under $DANVAN_SEEDS_DIR, default
<repo>/../shared/seeds), checks its SHA-256, extracts, and matches one to one:

* documents -- same number (`44-KL/TW`) and overlapping spans;
* periods   -- same value (`2023/2025`, `2023-09-16`, `quarterly`) and overlapping spans;
* organizations, programs, districts -- overlapping spans;
* roles     -- same role, same organization (the predicted role's org_span is
  mapped to the gold organization mention it overlaps), and cues at most
  60 code points apart;
* tasks     -- only in gold files with `"tasks": true`: a drafted task (the draft
  network's tasks, named from the text it cites) matches a gold task whose name
  span it overlaps or whose name it resembles (Jaccard similarity of the words of
  danvan's search keys at least 0.5). Among matched tasks the scorer counts the
  right kind, period and due date (both absent counts as right), and precision and
  recall of their areas, the documents they implement and their roles; a role is
  right when its organization, its role and its task are (roles on programs are
  not task roles). A task's roles are the draft network's: a clause's second
  activity carries the roles of its first.

Each kind is also scored with exact spans ("strict"). With several gold files the
counts are pooled, over all of them and by text kind (plan, report, ...).
See docs/extraction.md.
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
import tempfile
import unicodedata
from collections import defaultdict
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
HELD_OUT_DIR = ROOT / "bench" / "gold"
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
#: Targets of the issue's point 8, on the held-out texts pooled (`--check-pooled`):
#: precision and recall, or for task fields the share of matched tasks that are right.
POOLED_TARGETS = {
    "documents": (0.98, 0.98),
    "organizations": (0.95, 0.95),
    "programs": (0.9, 0.9),
    "tasks": (0.8, 0.8),
    "tasks.roles": (0.9, 0.9),
    "tasks.kind": (0.9, None),
    "tasks.period": (0.9, None),
}
ROLE_WINDOW = 60
#: Least similarity of two task names that do not overlap for them to match.
NAME_SIMILARITY = 0.5
TASK_FIELDS = ("kind", "period", "due", "areas", "implements", "roles")


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


def extract_python(text: str) -> Tuple[List[dict], dict]:
    """The items and the draft network of the Python package."""
    from danvan import extract

    d = extract(text)
    return [i.as_dict() for i in d.items], json.loads(d.dumps())


def predict_python(text: str) -> List[dict]:
    return extract_python(text)[0]


def extract_cli(cli: str, path: pathlib.Path) -> Tuple[List[dict], dict]:
    """The items and the draft network of `danvan extract`."""
    with tempfile.TemporaryDirectory() as tmp:
        draft = pathlib.Path(tmp) / "draft.json"
        out = subprocess.run([cli, "extract", str(path), "--format", "items", "--out", str(draft)],
                             capture_output=True, check=True)
        return json.loads(out.stdout.decode("utf-8")), json.loads(draft.read_text(encoding="utf-8"))


def predict_cli(cli: str, path: pathlib.Path) -> List[dict]:
    return extract_cli(cli, path)[0]


def search_key(text: str) -> str:
    """danvan's search key (lower case, no accents, words of letters and digits)."""
    try:
        from danvan.text import search_key as key
    except ImportError:  # --cli or --items without the Python package: the same key for NFC text
        s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
        return " ".join(re.findall(r"[^\W_]+", s))
    return key(text)


def slug(name: str) -> str:
    return search_key(name).replace(" ", "-")


def drafted_tasks(text: str, items: List[dict], draft: dict) -> List[dict]:
    """The draft's tasks with the span of their name, and the roles, areas and documents
    they carry, in the gold's terms (a role keeps its item for the organization's span)."""
    doc_number = {i["id"]: i["name"] for i in items if i["kind"] == "document"}
    area_slug = {i["id"]: slug(i["name"]) for i in items if i["kind"] in ("district", "province")}
    # A task's roles are its role items and the draft's roles on it (a clause's second
    # activity shares the first's), each found back as the role item of its cue, which
    # carries the organization's span.
    roles = defaultdict(list)
    role_item = {}
    for i in items:
        if i["kind"] == "role":
            roles[i["id"]].append(i)
            role_item[(i.get("org"), i["name"], tuple(i["span"]))] = i

    def task_roles(t):
        out = list(roles.get(t["id"], []))
        for r in t.get("roles", []):
            cues = [tuple(e["span"]) for e in r.get("sources", []) if e.get("span")]
            found = next((role_item[k] for k in ((r["org"], r["role"], c) for c in cues) if k in role_item), None)
            if found is not None and not any(x is found for x in out):
                out.append(found)
        return out
    def iso_period(p):  # a draft's {"start", "end"} as the gold writes it: `2024-04/2024-06`, `2024-09-19`
        start, end = p.get("start", ""), p.get("end", "")
        return start if start == end else f"{start}/{end}"

    out = []
    for t in draft.get("tasks", []):
        spans = [e["span"] for e in t.get("sources", []) if e.get("span")]
        b, e = spans[0] if spans else (0, 0)
        # The task is named from its cue onwards; the draft cites the whole clause.
        at = text.find(t["name"], b, e) if spans else -1
        span = [at, at + len(t["name"])] if at >= 0 else [b, e]
        out.append({
            "id": t["id"],
            "span": span,
            "name": t["name"],
            "kind": t.get("kind", "other"),
            # a task that repeats (`hằng quý`) keeps its recurrence in extra: its period has no room for it
            "period": iso_period(t["period"]) if t.get("period") else (t.get("extra") or {}).get("recurrence"),
            "due": str(t["due"]) if t.get("due") else None,
            "areas": [area_slug.get(a, a.split(":", 1)[-1]) for a in t.get("areas", [])],
            "implements": [doc_number.get(d, d) for d in t.get("implements", [])],
            "roles": task_roles(t),
        })
    return out


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


def rates(c: dict) -> dict:
    """Counts with their precision, recall and F1 (and accuracy, strict rates) added."""
    g, p, m = c["gold"], c["predicted"], c["matched"]
    prec = m / p if p else (1.0 if not g else 0.0)
    rec = m / g if g else 1.0
    out = dict(c, precision=round(prec, 4), recall=round(rec, 4),
               f1=round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0)
    if "strict_matched" in c:
        out["strict_precision"] = round(c["strict_matched"] / p, 4) if p else (1.0 if not g else 0.0)
        out["strict_recall"] = round(c["strict_matched"] / g, 4) if g else 1.0
    if "pairs" in c:
        out["accuracy"] = round(c["right"] / c["pairs"], 4) if c["pairs"] else 1.0
    return out


def name_similarity(a: str, b: str) -> float:
    wa, wb = set(search_key(a).split()), set(search_key(b).split())
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def score_tasks(gold: dict, text: str, tasks: List[dict], gold_orgs: List[dict]) -> dict:
    """Tasks matched by name, then their fields among the matched (see the module's doc)."""
    g = [x for x in gold["items"] if x["kind"] == "task"]
    pairs = []
    for gi, gt in enumerate(g):
        gname = text[gt["span"][0]:gt["span"][1]]
        for pi, pt in enumerate(tasks):
            ov = overlap(gt["span"], pt["span"])
            sim = name_similarity(gname, pt["name"])
            if ov or sim >= NAME_SIMILARITY:
                union = max(gt["span"][1], pt["span"][1]) - min(gt["span"][0], pt["span"][0])
                pairs.append((ov / union + sim, gi, pi))
    matched = greedy(pairs)
    fields = {f: {"gold": 0, "predicted": 0, "matched": 0, "pairs": len(matched), "right": 0} for f in TASK_FIELDS}
    by_kind: Dict[str, dict] = defaultdict(lambda: {"gold": 0, "predicted": 0, "matched": 0})
    for gt in g:
        by_kind[gt["label"]]["gold"] += 1
    for pt in tasks:
        by_kind[pt["kind"]]["predicted"] += 1
    role_sets = {}
    for pi, pt in enumerate(tasks):
        role_sets[pi] = {(org_canon(r.get("org_span"), gold_orgs), r["name"]) for r in pt["roles"]}
    fields["roles"]["gold"] = sum(len({(r["org"], r["role"]) for r in gt.get("roles", [])}) for gt in g)
    fields["roles"]["predicted"] = sum(len(r) for r in role_sets.values())
    for gi, pi in matched:
        gt, pt = g[gi], tasks[pi]
        if gt["label"] == pt["kind"]:
            by_kind[gt["label"]]["matched"] += 1
        values = {
            "kind": (gt["label"], pt["kind"]),
            "period": (gt.get("period"), pt["period"]),
            "due": (gt.get("due"), pt["due"]),
        }
        for f, (gv, pv) in values.items():
            c = fields[f]
            c["right"] += gv == pv
            c["gold"] += gv is not None
            c["predicted"] += pv is not None
            c["matched"] += gv is not None and gv == pv
        sets = {
            "areas": (set(gt.get("areas", [])), set(pt["areas"])),
            "implements": ({norm_code(d) for d in gt.get("implements", [])}, {norm_code(d) for d in pt["implements"]}),
            "roles": ({(r["org"], r["role"]) for r in gt.get("roles", [])}, role_sets[pi]),
        }
        for f, (gs, ps) in sets.items():
            c = fields[f]
            c["right"] += gs == ps
            if f != "roles":  # task roles count over every task, matched or not
                c["gold"] += len(gs)
                c["predicted"] += len(ps)
            c["matched"] += len(gs & ps)
    out = rates({"gold": len(g), "predicted": len(tasks), "matched": len(matched)})
    out["fields"] = {f: rates(c) for f, c in fields.items()}
    out["by_kind"] = {k: rates(c) for k, c in sorted(by_kind.items())}
    return out


def score(gold: dict, pred: List[dict], draft: Optional[dict] = None, text: Optional[str] = None) -> Dict[str, dict]:
    """Scores of one gold file; tasks too when the gold has them and the draft is given."""
    gold_orgs = [g for g in gold["items"] if g["kind"] == "organization"]
    out = {}
    for kind in KINDS:
        g = [x for x in gold["items"] if x["kind"] == ITEM_KIND[kind]]
        p = [x for x in pred if x["kind"] == ITEM_KIND[kind]]
        out[kind] = rates({
            "gold": len(g),
            "predicted": len(p),
            "matched": match_kind(kind, g, p, gold_orgs, strict=False),
            "strict_matched": match_kind(kind, g, p, gold_orgs, strict=True),
        })
    if gold.get("tasks") and draft is not None and text is not None:
        out["tasks"] = score_tasks(gold, text, drafted_tasks(text, pred, draft), gold_orgs)
    return out


def pool(results: Iterable[Dict[str, dict]]) -> Dict[str, dict]:
    """The counts of several files added up, rates recomputed."""
    def add(into: dict, c: dict) -> None:
        for k, v in c.items():
            if isinstance(v, int) and not isinstance(v, bool):
                into[k] = into.get(k, 0) + v

    sums: Dict[str, dict] = defaultdict(dict)
    task_fields: Dict[str, dict] = defaultdict(dict)
    task_kinds: Dict[str, dict] = defaultdict(dict)
    for r in results:
        for kind, c in r.items():
            add(sums[kind], c)
            if kind == "tasks":
                for f, fc in c["fields"].items():
                    add(task_fields[f], fc)
                for k, kc in c["by_kind"].items():
                    add(task_kinds[k], kc)
    out = {kind: rates(c) for kind, c in sums.items()}
    if "tasks" in out:
        out["tasks"]["fields"] = {f: rates(c) for f, c in task_fields.items()}
        out["tasks"]["by_kind"] = {k: rates(c) for k, c in sorted(task_kinds.items())}
    return out


def below_pooled_targets(result: Dict[str, dict]) -> List[str]:
    failed = []
    for name, (tp, tr) in POOLED_TARGETS.items():
        kind, _, field = name.partition(".")
        if kind not in result:
            failed.append(f"{name}: not scored")
            continue
        r = result[kind]["fields"][field] if field else result[kind]
        if tr is None:
            if r["accuracy"] + 1e-9 < tp:
                failed.append(f"{name}: {r['accuracy']:.2f} of matched tasks right (target {tp:.2f})")
        elif r["precision"] + 1e-9 < tp or r["recall"] + 1e-9 < tr:
            failed.append(f"{name}: P={r['precision']:.2f} R={r['recall']:.2f} (target {tp:.2f}/{tr:.2f})")
    return failed


def _row(name: str, r: dict, tail: str = "") -> str:
    return (f"{name:<15}{r['gold']:>6}{r['predicted']:>6}{r['matched']:>7}{r['precision']:>7.2f}{r['recall']:>7.2f}"
            f"{r['f1']:>7.2f}   {tail}").rstrip()


def table(name: str, result: Dict[str, dict]) -> str:
    lines = [f"{name}", f"{'kind':<15}{'gold':>6}{'pred':>6}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}   strict P/R"]
    for kind in KINDS:
        r = result[kind]
        lines.append(_row(kind, r, f"{r['strict_precision']:.2f}/{r['strict_recall']:.2f}"))
    if "tasks" in result:
        t = result["tasks"]
        lines.append(_row("tasks", t, "(matched by name)"))
        lines.append(f"  of the {t['matched']} matched tasks, right: " + ", ".join(
            f"{f} {t['fields'][f]['accuracy']:.2f}" for f in TASK_FIELDS))
        for f in TASK_FIELDS:
            lines.append(_row(f"  {f}", t["fields"][f], "(roles: organization, role and task; all tasks)" if f == "roles" else ""))
        lines.append("  by kind (P/R, same kind): " + ", ".join(
            f"{k} {c['matched']}/{c['gold']}g/{c['predicted']}p {c['precision']:.2f}/{c['recall']:.2f}"
            for k, c in t["by_kind"].items()))
    return "\n".join(lines)


def text_kind_table(by_text_kind: Dict[str, Dict[str, dict]]) -> str:
    """Precision / recall of each kind, one row per text kind."""
    cols = list(KINDS) + ["tasks", "task kind", "task period"]
    lines = ["by text kind (P/R; for task kind and period, the share of matched tasks right)",
             f"{'text kind':<15}" + "".join(f"{c:>15}" for c in cols)]
    for tk, r in by_text_kind.items():
        cells = [f"{r[k]['precision']:.2f}/{r[k]['recall']:.2f}" for k in KINDS]
        if "tasks" in r:
            t = r["tasks"]
            cells += [f"{t['precision']:.2f}/{t['recall']:.2f}", f"{t['fields']['kind']['accuracy']:.2f}",
                      f"{t['fields']['period']['accuracy']:.2f}"]
        lines.append(f"{tk:<15}" + "".join(f"{c:>15}" for c in cells))
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold files (default: tests/data/gold/*.gold.json)")
    ap.add_argument("--items", help="predicted items (JSON array, `danvan extract --format items`); one gold file only")
    ap.add_argument("--draft", help="with --items: the draft network (`--out DRAFT.json`), for the tasks")
    ap.add_argument("--cli", help="run this `danvan` program instead of the Python package")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--check", action="store_true", help="exit 1 when a file is below the targets of each file")
    ap.add_argument("--check-pooled", action="store_true",
                    help="exit 1 when the files pooled are below the targets of the held-out texts")
    args = ap.parse_args(argv)

    files = [pathlib.Path(g) for g in args.gold] or sorted(GOLD_DIR.glob("*.gold.json"))
    if args.items and len(files) != 1:
        ap.error("--items needs exactly one gold file")
    if args.draft and not args.items:
        ap.error("--draft goes with --items")
    results, text_kinds, failed = {}, {}, []
    for f in files:
        gold, text = load_gold(f)
        draft = None
        if args.items:
            pred = json.loads(pathlib.Path(args.items).read_text(encoding="utf-8"))
            if args.draft:
                draft = json.loads(pathlib.Path(args.draft).read_text(encoding="utf-8"))
        elif args.cli:
            pred, draft = extract_cli(args.cli, text_path(f, gold))
        else:
            pred, draft = extract_python(text)
        r = score(gold, pred, draft, text)
        results[f.name] = r
        text_kinds[f.name] = gold.get("text_kind") or "unspecified"
        for kind, (tp, tr) in TARGETS.items():
            if r[kind]["precision"] + 1e-9 < tp or r[kind]["recall"] + 1e-9 < tr:
                failed.append(f"{f.name}: {kind} P={r[kind]['precision']:.2f} R={r[kind]['recall']:.2f} "
                              f"(target {tp:.2f}/{tr:.2f})")
    report = dict(results)
    if len(results) > 1:
        # Tasks are pooled over the files that annotate them, the other kinds over all.
        report["all"] = pool(results.values())
        groups = defaultdict(list)
        for name, r in results.items():
            groups[text_kinds[name]].append(r)
        report["by_text_kind"] = {tk: pool(rs) for tk, rs in sorted(groups.items())}
    pooled_failed = below_pooled_targets(report.get("all", next(iter(results.values()))))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        parts = [table(name, r) for name, r in results.items()]
        if len(results) > 1:
            parts.append(table(f"all {len(results)} files pooled", report["all"]))
            parts.append(text_kind_table(report["by_text_kind"]))
        print("\n\n".join(parts))
    status = 0
    if args.check and failed:
        print("\nbelow target:\n  " + "\n  ".join(failed), file=sys.stderr)
        status = 1
    if args.check_pooled and pooled_failed:
        print("\nbelow the pooled targets:\n  " + "\n  ".join(pooled_failed), file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
