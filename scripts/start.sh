#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick-start command 1: set up the machine, build Release and start the studio on the example
# workspace. Idempotent; fast when nothing changed (ccache, build/release).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
# Only what the studio needs: tests and benchmarks are the other command's business.
cmake --build --preset release -j "$(nproc)" --target bindery bindery-cli bindery_example_workspace
app=build/release/bin/bindery
example=build/release/resources/example-workspace
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
  echo "start: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open." >&2
  echo "start: to run it on a virtual X server instead:" >&2
  echo "  xvfb-run -a -s '-screen 0 1600x1000x24' $app $example" >&2
  exit 1
fi
exec "$app" "$example" "$@"
