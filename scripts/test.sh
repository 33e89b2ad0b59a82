#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick-start command 2: set up the machine, build (Debug, warnings as errors) and run every test.
# Exits non-zero on any failure. Idempotent; fast when nothing changed (ccache, build/dev).
# Extra arguments go to ctest (e.g. -R expr, --output-junit results.xml).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Let ccache share objects between clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
jobs=$(nproc)
[ -f build/dev/CMakeCache.txt ] || cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
cd build/dev
ctest --output-on-failure -j "$jobs" --no-tests=error "$@"
