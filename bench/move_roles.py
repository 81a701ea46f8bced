#!/usr/bin/env python3
"""Writes a copy of a network file with a share of its task roles moved to another
organization, for the diff benchmark:

    /usr/bin/python3 bench/move_roles.py bench/out/L-1.json bench/out/L-1-moved.json --share 0.01
"""
from __future__ import annotations

import argparse
import json
import random


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--share", type=float, default=0.01, help="share of task roles moved (default 0.01)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.source, encoding="utf-8") as f:
        doc = json.load(f)
    rng = random.Random(args.seed)
    orgs = [o["id"] for o in doc["organizations"] if "valid_to" not in o and "valid_from" not in o]
    roles = [r for t in doc.get("tasks", []) for r in t.get("roles", [])]
    moved = rng.sample(range(len(roles)), int(len(roles) * args.share))
    for i in moved:
        roles[i]["org"] = rng.choice(orgs)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(json.dumps({"roles": len(roles), "moved": len(moved), "out": args.out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
