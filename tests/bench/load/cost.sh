#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# CPU cost per request of the hosted endpoint, independent of how busy the machine is: runs
# `bindery-cli serve` under callgrind (instrumentation switched on only once it listens), drives it
# with wrk (keep-alive, CONNECTIONS connections) for DURATION seconds, and divides the instructions
# executed by the server (all threads: I/O, workers) by the requests it answered.
#
#   tests/bench/load/cost.sh BINDERY_CLI MODE [-- extra serve options, e.g. -f bindings-10.yaml]
#   MODE: async | sync.  env: DURATION (s, default 10), CONNECTIONS (32), BODY_FILE (payload)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="$1"
mode="$2"
shift 2
[[ "${1:-}" == "--" ]] && shift
duration="${DURATION:-10}"
connections="${CONNECTIONS:-32}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/cg.out" \
  "$cli" serve --listen 127.0.0.1:0 "--$mode" --queue-size "${QUEUE_SIZE:-1024}" --quiet "$@" 2>"$out/log" &
pid=$!
for _ in $(seq 600); do grep -q 'listening on' "$out/log" && break; sleep 0.1; done
port="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$out/log" | grep -o '[0-9]*$')"
callgrind_control -i on "$pid" >/dev/null
BODY_FILE="${BODY_FILE:-}" wrk -t2 -c"$connections" -d"${duration}s" -s "$here/post.lua" "http://127.0.0.1:$port/" >"$out/wrk" 2>&1 || true
callgrind_control -i off "$pid" >/dev/null
kill -INT "$pid"
wait "$pid" || true
requests="$(grep -o 'stopped after [0-9]*' "$out/log" | grep -o '[0-9]*$')"
processed="$(grep -o '[0-9]* processed' "$out/log" | grep -o '^[0-9]*')"
callgrind_annotate "$out/cg.out" >"$out/annotate" 2>/dev/null
instr="$(grep -m1 'PROGRAM TOTALS' "$out/annotate" | awk '{gsub(",","",$1); print $1}')"
echo "mode=$mode requests=$requests processed=$processed instructions=$instr per_request=$((instr / requests))"
if [[ -n "${KEEP_PROFILE:-}" ]]; then cp "$out/cg.out" "$KEEP_PROFILE"; fi
