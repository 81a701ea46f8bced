#!/usr/bin/env python3
"""Writes a synthetic danvan network (format version 1, docs/format.md) for benchmarks.

    /usr/bin/python3 bench/generate.py --scale M --seed 1 --out bench/out/M-1.json

Scales (organizations / tasks; about five roles a task):

    S      200 /   2,000   (~10 thousand roles)
    M    2,000 /  50,000   (~250 thousand roles)
    L   20,000 / 500,000   (~2.5 million roles)

The same scale and seed always give the same bytes. The shape imitates a
province's coordination network:

* organizations are picked with a Zipf-like skew (weight 1/rank), so a few
  (the Party committee's commissions, the Fatherland Front, ...) are very central;
* a task has 0, 1 or 2 leads (mostly 1), 1 to 6 coordinators and sometimes a few
  other roles (advise, direct, guide, participate, host, inform, subject and one
  declared role);
* programs group most tasks; tasks and documents carry topics and areas (the
  province, its districts and some communes);
* documents implement and continue older ones, some declare review obligations
  (sơ kết / tổng kết) and some have no implementing task or program at all;
* a few reorganization events merge organizations; a little data is `internal`.

The file is written as it is generated (one entity per line), so even L needs
little memory and takes well under a minute. Generated files are not committed:
write them under bench/out/ (git-ignored).
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import sys
import time

SCALES = {
    #      orgs    tasks  programs  documents  districts  communes
    "S": (200, 2_000, 40, 100, 6, 30),
    "M": (2_000, 50_000, 800, 1_500, 12, 200),
    "L": (20_000, 500_000, 8_000, 12_000, 12, 1_000),
}

ORG_KINDS = [
    # (kind, id stem, name stem, share)
    ("party_commission", "ban", "Ban", 0.10),
    ("party_committee", "dang-uy", "Đảng ủy", 0.08),
    ("front", "mttq", "Ủy ban MTTQ", 0.08),
    ("sociopolitical", "doan-the", "Hội", 0.20),
    ("association", "hoi", "Hội", 0.07),
    ("state_agency", "so", "Sở", 0.17),
    ("people_committee", "ubnd", "UBND", 0.12),
    ("police", "cong-an", "Công an", 0.05),
    ("military", "quan-su", "Ban Chỉ huy Quân sự", 0.05),
    ("training_center", "trung-tam", "Trung tâm Chính trị", 0.03),
    ("press", "bao", "Báo", 0.02),
    ("other", "to-cong-tac", "Tổ công tác", 0.03),
]
SOCIO_NAMES = ["Liên hiệp Phụ nữ", "Nông dân", "Cựu chiến binh", "Đoàn Thanh niên", "Liên đoàn Lao động"]
TOPICS = [
    ("cong-tac-dan-van", "Công tác dân vận", None),
    ("ton-giao", "Công tác tôn giáo", None),
    ("dan-toc", "Công tác dân tộc", None),
    ("moi-truong", "Bảo vệ môi trường", None),
    ("giai-phong-mat-bang", "Giải phóng mặt bằng", None),
    ("dan-chu-co-so", "Thực hiện dân chủ ở cơ sở", None),
    ("phu-nu", "Công tác phụ nữ", None),
    ("nguoi-cao-tuoi", "Người cao tuổi", None),
    ("cuu-chien-binh", "Cựu chiến binh", None),
    ("chu-thap-do", "Chữ thập đỏ", None),
    ("giao-duc", "Giáo dục", None),
    ("nong-thon-moi", "Xây dựng nông thôn mới", None),
    ("dan-van-kheo", "Phong trào Dân vận khéo", "cong-tac-dan-van"),
    ("doi-thoai", "Tiếp xúc, đối thoại với Nhân dân", "dan-chu-co-so"),
    ("rac-thai", "Xử lý rác thải", "moi-truong"),
    ("tin-nguong", "Tín ngưỡng", "ton-giao"),
]
TASK_KINDS = [("plan", 0.12), ("review", 0.08), ("inspection", 0.12), ("dialogue", 0.08), ("training", 0.10),
              ("briefing", 0.10), ("propaganda", 0.15), ("monitoring", 0.10), ("commemoration", 0.04),
              ("coordination", 0.08), ("other", 0.03)]
TASK_VERBS = {"plan": "Xây dựng kế hoạch", "review": "Sơ kết", "inspection": "Kiểm tra", "dialogue": "Đối thoại về",
              "training": "Tập huấn", "briefing": "Hội nghị giao ban", "propaganda": "Tuyên truyền",
              "monitoring": "Nắm tình hình", "commemoration": "Kỷ niệm", "coordination": "Phối hợp",
              "other": "Nhiệm vụ"}
STATUSES = [("planned", 0.2), ("in_progress", 0.3), ("done", 0.45), ("cancelled", 0.05)]
OTHER_ROLES = [("advise", 0.30), ("direct", 0.20), ("guide", 0.15), ("participate", 0.15), ("host", 0.06),
               ("inform", 0.06), ("subject", 0.04), ("monitor", 0.04)]
DOC_TYPES = [("KH", 0.30), ("CT", 0.12), ("NQ", 0.12), ("KL", 0.08), ("HD", 0.12), ("QĐ", 0.10), ("CTr", 0.08),
             ("TB", 0.04), ("ĐA", 0.04)]
PROGRAM_KINDS = [("joint_program", 0.45), ("plan", 0.25), ("movement", 0.15), ("work_program", 0.15)]


def q(s: str) -> str:
    """A JSON string literal, UTF-8 kept."""
    return json.dumps(s, ensure_ascii=False)


def ids(xs) -> str:
    return "[" + ", ".join('"' + x + '"' for x in xs) + "]"  # ids are plain ASCII


def weighted(rng: random.Random, table):
    words = [w for w, _ in table]
    cum = list(itertools.accumulate(p for _, p in table))
    return lambda: words[bisect.bisect_left(cum, rng.random() * cum[-1])]


class zipf_picker:
    """Draws positions 0..n-1 with probability proportional to 1/(rank+1)**s over a fixed
    random permutation, so that central organizations are spread through the list."""

    def __init__(self, rng: random.Random, n: int, s: float, eligible=None):
        self.rng = rng
        self.items = list(eligible) if eligible is not None else list(range(n))
        rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(self.items))))
        self.total = self.cum[-1]

    def one(self) -> int:
        return self.items[bisect.bisect_left(self.cum, self.rng.random() * self.total)]

    def distinct(self, k: int, taken: set) -> list:
        out = []
        for _ in range(k * 20):  # give up rather than loop forever on tiny networks
            if len(out) == k:
                break
            x = self.one()
            if x not in taken:
                taken.add(x)
                out.append(x)
        return out


def date_text(y: int, m: int = 0, d: int = 0) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


def generate(scale: str, seed: int, out) -> dict:
    n_orgs, n_tasks, n_progs, n_docs, n_districts, n_communes = SCALES[scale]
    rng = random.Random(f"danvan-{scale}-{seed}")
    stats = {"organizations": n_orgs, "tasks": n_tasks, "programs": n_progs, "documents": n_docs, "roles": 0}
    w = out.write

    # ---- header, vocabulary ----
    w('{\n"danvan": "1",\n"meta": {"title": ' + q(f"Mạng phối hợp tổng hợp {scale} (seed {seed})") +
      ', "description": "Synthetic network written by bench/generate.py for benchmarks; not real data.",'
      ' "language": "vi", "classification": "public"},\n')
    w('"roles": [\n{"name": "monitor", "labels": ["giám sát"], "raci": "C", "description": "Monitors the work."}\n],\n')

    # ---- areas: the province, its districts, some communes ----
    areas = ["area:tinh"]
    lines = ['{"id": "area:tinh", "name": "Tỉnh Tổng Hợp", "level": "province", "code": "99"}']
    districts = []
    for d in range(n_districts):
        a = f"area:huyen-{d + 1}"
        districts.append(a)
        lines.append(f'{{"id": "{a}", "name": "Huyện {d + 1}", "level": "district", "code": "{900 + d}", "parent": "area:tinh"}}')
    communes = []
    for c in range(n_communes):
        a = f"area:xa-{c + 1}"
        communes.append(a)
        parent = districts[c % n_districts]
        lines.append(f'{{"id": "{a}", "name": "Xã {c + 1}", "level": "commune", "code": "{10000 + c}", "parent": "{parent}"}}')
    areas += districts + communes
    w('"areas": [\n' + ",\n".join(lines) + "\n],\n")

    # ---- topics ----
    topic_ids = ["topic:" + t for t, _, _ in TOPICS]
    lines = []
    for t, name, parent in TOPICS:
        lines.append(f'{{"id": "topic:{t}", "name": {q(name)}' + (f', "parent": "topic:{parent}"' if parent else "") + "}")
    w('"topics": [\n' + ",\n".join(lines) + "\n],\n")
    topic_pick = zipf_picker(rng, len(topic_ids), 0.8)

    # ---- organizations ----
    # Province bodies first (about 1 in 8), then district and commune ones. Each district
    # and commune body's parent is an earlier province or district body of a like kind.
    kind_of = weighted(rng, [(k, p) for k, _, _, p in ORG_KINDS])
    stems = {k: (i, n) for k, i, n, _ in ORG_KINDS}
    n_merge = max(2, n_orgs // 1000)          # merge events; each makes 2 orgs into 1 new one
    n_successors = n_merge
    org_ids, org_kinds, lines = [], [], []
    first_of_kind_level = {}
    for i in range(n_orgs):
        kind = kind_of()
        id_stem, name_stem = stems[kind]
        if i < max(12, n_orgs // 8):
            level, area = "province", "area:tinh"
        elif i < n_orgs // 2 or not communes:
            level, area = "district", districts[i % n_districts]
        else:
            level, area = "commune", communes[i % n_communes]
        oid = f"org:{id_stem}-{i + 1}"
        sub = SOCIO_NAMES[i % len(SOCIO_NAMES)] + " " if kind == "sociopolitical" else ""
        name = f"{name_stem} {sub}{level_word(level)} số {i + 1}"
        fields = [f'"id": "{oid}"', f'"name": {q(name)}', f'"kind": "{kind}"', f'"level": "{level}"', f'"area": "{area}"']
        parent = first_of_kind_level.get((kind, "province" if level != "province" else None))
        if parent is not None and rng.random() < 0.7:
            fields.append(f'"parent": "{parent}"')
        first_of_kind_level.setdefault((kind, level), oid)
        if i >= n_orgs - n_successors:
            fields.append(f'"valid_from": "{date_text(2025, 3, 1)}"')
        if rng.random() < 0.01:
            fields.append('"classification": "internal"')
        org_ids.append(oid)
        org_kinds.append(kind)
        lines.append("{" + ", ".join(fields) + "}")
    # Merged predecessors end on 2025-02-28: rewrite their lines with valid_to.
    merges = []
    candidates = list(range(n_orgs // 2, n_orgs - n_successors))
    rng.shuffle(candidates)
    for e in range(n_merge):
        a, b = candidates[2 * e], candidates[2 * e + 1]
        to = n_orgs - n_successors + e
        merges.append((a, b, to))
        for x in (a, b):
            lines[x] = lines[x][:-1] + f', "valid_to": "{date_text(2025, 2, 28)}"}}'
    w('"organizations": [\n' + ",\n".join(lines) + "\n],\n")
    del lines

    # Leads are drawn more steeply than coordinators: a few bodies lead a lot.
    lead_pick = zipf_picker(rng, n_orgs, 1.1)
    any_pick = zipf_picker(rng, n_orgs, 0.9)
    other_role = weighted(rng, OTHER_ROLES)

    # ---- documents: about 1 in 8 has no implementing program or task ----
    doc_type = weighted(rng, DOC_TYPES)
    doc_ids, doc_years, reviewable = [], [], []
    implemented_docs = []
    lines = []
    for i in range(n_docs):
        did = f"doc:vb-{i + 1}"
        dtype = doc_type()
        year = 2010 + (i * 15) // max(1, n_docs)  # older documents first
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        precision = rng.random()
        dt = date_text(year, month, day) if precision < 0.8 else date_text(year, month) if precision < 0.95 else date_text(year)
        issuer_i = lead_pick.one()
        fields = [f'"id": "{did}"', f'"name": {q(f"{dtype} số {i + 1}")}', f'"type": {q(dtype)}', f'"number": "{i + 1}"',
                  '"issuer": "TU"', f'"issued_by": "{org_ids[issuer_i]}"', f'"date": "{dt}"',
                  f'"title": {q("về " + TOPICS[topic_pick.one()][1].lower())}']
        if i > 0 and rng.random() < 0.4:
            older = sorted({rng.randrange(i) for _ in range(rng.randint(1, 2))})
            fields.append(f'"implements": {ids(doc_ids[j] for j in older)}')
        if i > 0 and rng.random() < 0.1:
            fields.append(f'"continues": ["{doc_ids[rng.randrange(i)]}"]')
        fields.append(f'"topics": {ids(sorted({topic_ids[topic_pick.one()] for _ in range(rng.randint(1, 2))}))}')
        if rng.random() < 0.3:
            fields.append(f'"areas": ["{rng.choice(districts)}"]')
        if dtype in ("CT", "NQ", "KL") and rng.random() < 0.7:
            reviews = [f'{{"kind": "preliminary", "years": {rng.choice([3, 5])}}}']
            if rng.random() < 0.5:
                reviews.append('{"kind": "final", "years": 10}')
            fields.append(f'"reviews": [{", ".join(reviews)}]')
            reviewable.append(i)
        doc_ids.append(did)
        doc_years.append(year)
        if rng.random() >= 0.125:
            implemented_docs.append(i)
        lines.append("{" + ", ".join(fields) + "}")
    w('"documents": [\n' + ",\n".join(lines) + "\n],\n")
    del lines
    stats["documents_without_work"] = n_docs - len(implemented_docs)
    doc_pick = zipf_picker(rng, len(implemented_docs), 0.7, eligible=implemented_docs)
    reviewable_set = set(reviewable) & set(implemented_docs)
    reviewable = sorted(reviewable_set)

    def roles_text(lead_n: int, coord_n: int, other_n: int) -> str:
        taken: set = set()
        parts = []
        for o in lead_pick.distinct(lead_n, taken):
            parts.append(f'{{"org": "{org_ids[o]}", "role": "lead"}}')
        for o in any_pick.distinct(coord_n, taken):
            parts.append(f'{{"org": "{org_ids[o]}", "role": "coordinate"}}')
        for o in any_pick.distinct(other_n, taken):
            parts.append(f'{{"org": "{org_ids[o]}", "role": "{other_role()}"}}')
        stats["roles"] += len(parts)
        return "[" + ", ".join(parts) + "]"

    # ---- programs ----
    prog_kind = weighted(rng, PROGRAM_KINDS)
    prog_ids, prog_periods = [], []
    lines = []
    for i in range(n_progs):
        pid = f"prog:ct-{i + 1}"
        start = rng.randint(2016, 2024)
        end = start + rng.randint(0, 4)
        kind = prog_kind()
        fields = [f'"id": "{pid}"', f'"name": {q(f"Chương trình phối hợp số {i + 1} giai đoạn {start} – {end}")}',
                  f'"kind": "{kind}"', f'"period": {{"start": "{start}", "end": "{end}"}}',
                  f'"implements": ["{doc_ids[doc_pick.one()]}"]',
                  f'"topics": ["{topic_ids[topic_pick.one()]}"]']
        area = "area:tinh" if rng.random() < 0.5 else rng.choice(districts)
        fields.append(f'"areas": ["{area}"]')
        signers = rng.randint(1, 4) if kind == "joint_program" else 0
        taken: set = set()
        parts = [f'{{"org": "{org_ids[o]}", "role": "lead"}}' for o in lead_pick.distinct(1, taken)]
        parts += [f'{{"org": "{org_ids[o]}", "role": "sign"}}' for o in any_pick.distinct(signers, taken)]
        parts += [f'{{"org": "{org_ids[o]}", "role": "guide"}}' for o in any_pick.distinct(rng.randint(0, 2), taken)]
        stats["roles"] += len(parts)
        fields.append(f'"roles": [{", ".join(parts)}]')
        prog_ids.append(pid)
        prog_periods.append((start, end))
        lines.append("{" + ", ".join(fields) + "}")
    w('"programs": [\n' + ",\n".join(lines) + "\n],\n")
    del lines

    # ---- tasks, streamed in chunks ----
    task_kind = weighted(rng, TASK_KINDS)
    status_of = weighted(rng, STATUSES)
    leads_of = weighted(rng, [(0, 0.05), (1, 0.88), (2, 0.07)])
    coordinators_of = weighted(rng, [(1, 0.22), (2, 0.22), (3, 0.20), (4, 0.15), (5, 0.11), (6, 0.10)])
    others_of = weighted(rng, [(0, 0.40), (1, 0.35), (2, 0.17), (3, 0.08)])
    prog_pick = zipf_picker(rng, n_progs, 0.6)
    w('"tasks": [\n')
    chunk = []
    for i in range(n_tasks):
        kind = task_kind()
        tid = f"task:nv-{i + 1}"
        t = topic_pick.one()
        topic = topic_ids[t]
        fields = [f'"id": "{tid}"', f'"name": {q(f"{TASK_VERBS[kind]} {TOPICS[t][1].lower()} ({i + 1})")}',
                  f'"kind": "{kind}"']
        r = rng.random()
        start, end = 2018 + i % 8, None
        if r < 0.8:
            p = prog_pick.one()
            fields.append(f'"program": "{prog_ids[p]}"')
            start, end = prog_periods[p]
        if kind == "review" and reviewable:
            fields.append(f'"implements": ["{doc_ids[reviewable[rng.randrange(len(reviewable))]]}"]')
        elif rng.random() < 0.5:
            fields.append(f'"implements": ["{doc_ids[doc_pick.one()]}"]')
        fields.append(f'"topics": ["{topic}"]')
        a = rng.random()
        area = "area:tinh" if a < 0.3 else rng.choice(districts) if a < 0.75 or not communes else rng.choice(communes)
        fields.append(f'"areas": ["{area}"]')
        if rng.random() < 0.5:
            y = rng.randint(start, end or start)
            m = rng.randint(1, 12)
            fields.append(f'"period": {{"start": "{date_text(y, m)}", "end": "{date_text(y, min(12, m + rng.randint(0, 3)))}"}}')
        else:
            y = rng.randint(start, end or start + 1)
            fields.append(f'"due": "{date_text(y, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.6 else date_text(y)}"')
        fields.append(f'"status": "{status_of()}"')
        if rng.random() < 0.005:
            fields.append('"classification": "internal"')
        fields.append(f'"roles": {roles_text(leads_of(), coordinators_of(), others_of())}')
        chunk.append("{" + ", ".join(fields) + "}")
        if len(chunk) == 10_000:
            w(",\n".join(chunk) + (",\n" if i + 1 < n_tasks else ""))
            chunk = []
    if chunk:
        w(",\n".join(chunk))
    w("\n],\n")

    # ---- events: merges of two bodies into a new one on 2025-03-01 ----
    lines = []
    for e, (a, b, to) in enumerate(merges):
        lines.append(f'{{"id": "event:hop-nhat-{e + 1}", "name": {q(f"Hợp nhất số {e + 1}")}, "kind": "merge", '
                     f'"date": "2025-03-01", "from": ["{org_ids[a]}", "{org_ids[b]}"], "to": ["{org_ids[to]}"]}}')
    w('"events": [\n' + ",\n".join(lines) + "\n],\n")
    stats["events"] = len(merges)

    # ---- one source ----
    w('"sources": [\n{"id": "src:tong-hop", "name": "Dữ liệu tổng hợp", "kind": "file", '
      f'"title": "bench/generate.py --scale {scale} --seed {seed}"}}\n]\n}}\n')
    return stats


def level_word(level: str) -> str:
    return {"province": "tỉnh", "district": "huyện", "commune": "xã"}[level]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=sorted(SCALES), required=True, help="S, M or L")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="file to write, e.g. bench/out/M-1.json ('-' for stdout)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    if args.out == "-":
        stats = generate(args.scale, args.seed, sys.stdout)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
            stats = generate(args.scale, args.seed, f)
        os.replace(tmp, args.out)
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    stats.update(scale=args.scale, seed=args.seed, out=args.out)
    print(json.dumps(stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
