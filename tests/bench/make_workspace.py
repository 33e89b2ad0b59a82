#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a workspace with N events (the example's events cycled) for memory and start-up
measurements: make_workspace.py OUT_DIR [N]. Then: bindery --measure-startup OUT_DIR."""
import pathlib
import shutil
import sys

out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
example = pathlib.Path(__file__).resolve().parents[2] / "resources" / "example-workspace"
if out.exists():
    shutil.rmtree(out)
shutil.copytree(example, out, ignore=shutil.ignore_patterns("events"))
(out / "events").mkdir()
samples = sorted((example / "events").glob("*.yaml"))
for i in range(count):
    text = samples[i % len(samples)].read_text()
    (out / "events" / f"e{i:05d}.yaml").write_text(text.replace("name: ", f"name: {i} ", 1))
print(f"{out}: {count} events")
