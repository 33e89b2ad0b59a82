#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load benchmark of the hosted endpoint: wrk (32 connections) against `bindery-cli serve`, in async
# and sync mode, with a small payload and the 7 KB GitHub push payload. Each case runs RUNS times
# and the median throughput (all answers, and events/s = 2xx answers) and p99 latency are printed.
# Wall-clock figures swing widely on a shared machine: cost.sh (callgrind instructions per request)
# and cpu.sh (CPU time per request) measure the same server independently of the load around it.
#
#   tests/bench/load/run.sh [BINDERY_CLI] [-- extra serve options, e.g. -f manifests.yaml]
#   env: DURATION (s, default 10), RUNS (default 2), CONNECTIONS (32), THREADS (wrk threads, 2),
#        PAYLOAD_7K (default ../shared/argo/testdata/github-webhook-payload.json)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="${1:-$root/build/release/bin/bindery-cli}"
shift || true
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
duration="${DURATION:-10}"
runs="${RUNS:-2}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
payload7k="${PAYLOAD_7K:-$root/../shared/argo/testdata/github-webhook-payload.json}"
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
[[ -x "$cli" ]] || { echo "no bindery-cli at $cli (cmake --preset release && cmake --build build/release)" >&2; exit 2; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

run_case() { # mode payload-name payload-file
  local mode="$1" name="$2" file="$3" log port rps=() ok=() p99=()
  for ((i = 1; i <= runs; i++)); do
    log="$(mktemp)"
    "$cli" serve --listen 127.0.0.1:0 "--$mode" --queue-size "${QUEUE_SIZE:-1024}" --quiet "${extra[@]}" 2>"$log" &
    local pid=$!
    for _ in $(seq 100); do grep -q 'listening on' "$log" && break; sleep 0.05; done
    port="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$')"
    local out
    out="$(BODY_FILE="$file" wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$here/post.lua" "http://127.0.0.1:$port/" 2>&1)"
    kill -INT "$pid"; wait "$pid" || true
    local result; result="$(grep '^RESULT' <<<"$out")"
    rps+=("$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$result")")
    ok+=("$(sed -E 's/.*ok_rps=([0-9]+).*/\1/' <<<"$result")")
    p99+=("$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$result")")
    echo "  run $i: $result ($(grep -o 'Non-2xx[^\n]*' <<<"$out" || echo 'all 2xx'))" >&2
    tail -1 "$log" >&2
    rm -f "$log"
  done
  # events/s = 2xx answers per second (503s from a full queue are answers, not events)
  printf '%-6s %-6s rps(median)=%s events_per_s(median)=%s p99_us(median)=%s\n' "$mode" "$name" \
    "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${ok[@]}" | median)" "$(printf '%s\n' "${p99[@]}" | median)"
}

for mode in async sync; do
  run_case "$mode" small ""
  if [[ -f "$payload7k" ]]; then run_case "$mode" 7k "$payload7k"; fi
done
