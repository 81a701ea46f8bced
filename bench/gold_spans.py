#!/usr/bin/env python3
"""Gold annotations written as quotes, turned into exact code-point spans.

    python3 bench/gold_spans.py build bench/gold/plan-bacninh-2024.spec     # writes plan-bacninh-2024.gold.json
    python3 bench/gold_spans.py check bench/gold/*.gold.json [--show]       # well-formed? --show prints each span's text

Counting code points by hand is where annotations go wrong, so a gold file is written
as a spec: one item a line, `KIND | QUOTE | LABEL [| key=value ...]`, where QUOTE is
the annotated text itself. The quote must occur exactly once in the text; when it does
not, mark it inside a longer context that does (`Ban Dân vận Tỉnh ủy [[chủ trì]], phối
hợp`) or add ` #N` to take its N-th occurrence. `\\n` stands for a line break.

    @text plan-bacninh-2024.txt        # the text, next to the spec
    @title ...                         # what the text is
    @text_kind plan                    # plan, report, joint_program, news, summary, notice
    document | Kết luận số 43-KL/TW ngày 07/01/2019 | 43-KL/TW
    role | Ban Dân vận Tỉnh ủy [[chủ trì]] | lead | org=bdvtu
    role | [[phối hợp]] với Ủy ban | coordinate | org=mttq snv     # one item per organization
    task | [[kiểm tra việc thực hiện dân chủ ở cơ sở]] | inspection | roles=bdvtu:lead mttq:coordinate
         | period=2024-04/2024-06 | areas=gia-binh luong-tai | due=2024-09-30 | implements=16-CT/TU

(a task is one line; it is wrapped here). The gold format and the rules of annotation
are in docs/extraction.md#gold-annotation; `check` is what tests/python/test_gold.py runs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import re
import sys
import unicodedata
from typing import Dict, List, Optional, Tuple

ROOT = pathlib.Path(__file__).resolve().parent.parent

#: Item kinds in the order a gold file lists them.
KIND_ORDER = ("document", "period", "program", "district", "organization", "role", "task")
TEXT_KINDS = ("plan", "report", "joint_program", "news", "summary", "notice")
ITEM_KEYS = {"kind", "span", "label", "org", "note"}
TASK_KEYS = ITEM_KEYS | {"roles", "period", "due", "areas", "implements"}
_RECURRENCES = ("daily", "weekly", "monthly", "quarterly", "yearly")
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PERIOD_RE = re.compile(rf"(?:{_DATE}|\.\.)(?:/(?:{_DATE}|\.\.))?|" + "|".join(_RECURRENCES))
DATE_RE = re.compile(_DATE)
KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


def _vocabulary() -> Dict[str, set]:
    """Labels a gold file may use, read from the project's schema and gazetteer."""
    schema = json.loads((ROOT / "schema" / "danvan.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    cues = json.loads((ROOT / "data" / "gazetteer" / "roles.json").read_text(encoding="utf-8"))
    roles = set(defs["roleDefinition"]["properties"]["name"]["allOf"][1]["not"]["enum"])
    roles |= {c["role"] for c in cues["role_cues"]}
    return {
        "program": set(defs["program"]["properties"]["kind"]["enum"]),
        "task": set(defs["task"]["properties"]["kind"]["enum"]),
        "role": roles,
    }


VOCABULARY = _vocabulary()


class SpecError(ValueError):
    pass


# ---- build ---------------------------------------------------------------------------------


def locate(text: str, quote: str) -> Tuple[int, int]:
    """Code-point span of QUOTE (see the module's doc) in TEXT."""
    quote = quote.replace("\\n", "\n")
    nth = None
    m = re.fullmatch(r"(.*) #(\d+)", quote, re.S)
    if m:
        quote, nth = m.group(1), int(m.group(2))
    lead, inner = 0, quote
    if "[[" in quote:
        before, rest = quote.split("[[", 1)
        inner, after = rest.split("]]", 1)
        context, lead = before + inner + after, len(before)
    else:
        context = quote
    if not inner:
        raise SpecError(f"empty quote {quote!r}")
    hits = [m.start() for m in re.finditer(re.escape(context), text)]
    if nth is None and len(hits) != 1:
        where = ", ".join(str(h) for h in hits[:5])
        raise SpecError(f"{context!r} occurs {len(hits)} times ({where}); give a longer context or #N")
    if nth is not None and not 1 <= nth <= len(hits):
        raise SpecError(f"{context!r} occurs {len(hits)} times, not {nth}")
    b = hits[(nth or 1) - 1] + lead
    return b, b + len(inner)


def _fields(parts: List[str]) -> Dict[str, str]:
    out = {}
    for p in parts:
        key, sep, value = p.partition("=")
        if not sep:
            raise SpecError(f"expected key=value, got {p!r}")
        out[key.strip()] = value.strip()
    return out


def build(spec_file: pathlib.Path) -> dict:
    """The gold file a spec describes."""
    head: Dict[str, str] = {}
    items: List[dict] = []
    text = None
    for n, line in enumerate(spec_file.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("  #", 1)[0].rstrip() if "  #" in line else line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if line.startswith("@"):
                key, _, value = line[1:].partition(" ")
                head[key] = value.strip()
                if key == "text":
                    text = (spec_file.parent / head["text"]).read_text(encoding="utf-8")
                continue
            if text is None:
                raise SpecError("@text must come first")
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                raise SpecError("expected KIND | QUOTE | LABEL")
            kind, quote, label = parts[:3]
            extra = _fields(parts[3:])
            span = list(locate(text, quote))
            if kind == "role":
                for org in extra.pop("org").split():
                    items.append({"kind": kind, "span": span, "label": label, "org": org})
            elif kind == "task":
                item = {"kind": kind, "span": span, "label": label, "roles": []}
                for r in extra.pop("roles", "").split():
                    org, _, role = r.partition(":")
                    item["roles"].append({"org": org, "role": role})
                for key in ("period", "due"):
                    if key in extra:
                        item[key] = extra.pop(key)
                for key in ("areas", "implements"):
                    if key in extra:
                        item[key] = extra.pop(key).split()
                items.append(item)
            else:
                items.append({"kind": kind, "span": span, "label": label})
            if extra:
                raise SpecError(f"unknown fields {sorted(extra)}")
        except (SpecError, KeyError) as e:
            raise SpecError(f"{spec_file}:{n}: {e}") from None
    if text is None:
        raise SpecError(f"{spec_file}: no @text")
    raw = (spec_file.parent / head["text"]).read_bytes()
    items.sort(key=lambda i: (KIND_ORDER.index(i["kind"]) if i["kind"] in KIND_ORDER else 99, i["span"]))
    gold = {
        "gold": "1",
        "title": head.get("title", ""),
        "text": head["text"],
        "text_kind": head.get("text_kind", ""),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "length": len(text),
        "guidelines": "docs/extraction.md#gold-annotation",
        "tasks": True,
        "items": items,
    }
    problems = check(gold, text)
    if problems:
        raise SpecError(f"{spec_file}: " + "; ".join(problems))
    return gold


def dumps(gold: dict) -> str:
    """One item a line, as the gold files are written."""
    head = {k: v for k, v in gold.items() if k != "items"}
    lines = json.dumps(head, ensure_ascii=False, indent=2)[:-2].rstrip() + ',\n  "items": [\n'
    lines += ",\n".join("    " + json.dumps(i, ensure_ascii=False) for i in gold["items"])
    return lines + "\n  ]\n}\n"


# ---- check -----------------------------------------------------------------------------------


def check(gold: dict, text: str) -> List[str]:
    """What is wrong with a gold file for its text (empty when it is well-formed)."""
    out = []
    if gold.get("gold") != "1":
        out.append('"gold" must be "1"')
    if gold.get("length") != len(text):
        out.append(f"length {gold.get('length')} but the text has {len(text)} code points")
    if not unicodedata.is_normalized("NFC", text):
        out.append("the text is not NFC")
    if "text_kind" in gold and gold["text_kind"] not in TEXT_KINDS:
        out.append(f"unknown text_kind {gold['text_kind']!r}")
    items = gold.get("items", [])
    org_keys = {i["label"] for i in items if i.get("kind") == "organization"}
    for n, item in enumerate(items):
        kind, label = item.get("kind"), item.get("label", "")
        where = f"item {n} ({kind} {label!r})"
        allowed = TASK_KEYS if kind == "task" else ITEM_KEYS
        if not set(item) <= allowed:
            out.append(f"{where}: unknown keys {sorted(set(item) - allowed)}")
        span = item.get("span")
        if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(text)):
            out.append(f"{where}: span {span} outside the text")
        elif text[span[0]:span[1]] != text[span[0]:span[1]].strip():
            out.append(f"{where}: span {span} starts or ends with white space")
        if not isinstance(label, str) or not label or len(label) > 40:
            out.append(f"{where}: label must be a short string")
        elif kind == "period" and not PERIOD_RE.fullmatch(label):
            out.append(f"{where}: not an ISO period or recurrence")
        elif kind in ("district", "organization") and not KEY_RE.fullmatch(label):
            out.append(f"{where}: a key is lower-case letters, digits and dashes")
        elif kind == "document" and not re.search(r"\d", label):
            out.append(f"{where}: a document's label is its number")
        elif kind in VOCABULARY and label not in VOCABULARY[kind]:
            out.append(f"{where}: unknown label")
        elif kind not in KIND_ORDER:
            out.append(f"{where}: unknown kind")
        if kind == "role" and item.get("org") not in org_keys:
            out.append(f"{where}: org {item.get('org')!r} is no organization's key")
        if kind == "task":
            for r in item.get("roles", []):
                if r.get("org") not in org_keys or r.get("role") not in VOCABULARY["role"]:
                    out.append(f"{where}: role {r} names an unknown organization or role")
            if "period" in item and not PERIOD_RE.fullmatch(item["period"]):
                out.append(f"{where}: period {item['period']!r} is not ISO")
            if "due" in item and not DATE_RE.fullmatch(item["due"]):
                out.append(f"{where}: due {item['due']!r} is not an ISO date")
            for a in item.get("areas", []):
                if not KEY_RE.fullmatch(a):
                    out.append(f"{where}: area {a!r} is not a key")
    return out


def load(gold_file: pathlib.Path) -> Tuple[dict, str]:
    """A gold file and its text, the text's SHA-256 checked (also `seeds:` texts)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import extract_score

    return extract_score.load_gold(gold_file)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write SPEC's gold file next to it")
    b.add_argument("spec", nargs="+", type=pathlib.Path)
    c = sub.add_parser("check", help="check gold files")
    c.add_argument("gold", nargs="+", type=pathlib.Path)
    c.add_argument("--show", action="store_true", help="print each item with the text of its span")
    args = ap.parse_args(argv)
    status = 0
    if args.command == "build":
        for spec in args.spec:
            try:
                gold = build(spec)
            except (SpecError, OSError) as e:
                print(e, file=sys.stderr)
                status = 1
                continue
            out = spec.with_suffix(".gold.json")
            out.write_text(dumps(gold), encoding="utf-8")
            print(f"{out}: {len(gold['items'])} items")
        return status
    for f in args.gold:
        gold, text = load(f)
        problems = check(gold, text)
        for p in problems:
            print(f"{f}: {p}", file=sys.stderr)
        status |= bool(problems)
        if args.show:
            for i in gold["items"]:
                extra = i.get("org") or " ".join(f"{r['org']}:{r['role']}" for r in i.get("roles", []))
                print(f"{i['kind']:<13}{i['label']:<18}{extra:<28}{text[i['span'][0]:i['span'][1]]!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
