#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a libFuzzer seed corpus for fuzz_expr from the conformance expressions:
one file per record, `EXPR\nENV_JSON` (funcmap records get the \\x01 prefix the target uses).
Usage: make_expr_seeds.py SHARED_DIR OUT_DIR [--max N]"""
import hashlib, json, os, sys

shared, out = sys.argv[1], sys.argv[2]
limit = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else 5000
os.makedirs(out, exist_ok=True)
count = 0
for name in ("public.jsonl", "upstream_cases.jsonl", "upstream_generated.jsonl"):
    path = os.path.join(shared, "conformance", "expr", name)
    if not os.path.exists(path):
        continue
    with open(path, encoding="utf-8") as f:
        for line in f:
            if count >= limit:
                break
            rec = json.loads(line)
            prefix = "\x01" if rec.get("mode") == "funcmap" else ""
            data = (prefix + rec["expr"].replace("\n", " ") + "\n" + json.dumps(rec.get("env", {}))).encode()
            with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as o:
                o.write(data)
            count += 1
print(f"{count} seeds in {out}")
