#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# CPU time per request of the hosted endpoint (user + system, all threads, from /proc), which
# varies far less than throughput on a busy machine: `bindery-cli serve` driven by wrk (keep-alive,
# CONNECTIONS connections) for DURATION seconds; also prints wrk's own rate and p99 as a sanity check.
#
#   tests/bench/load/cpu.sh BINDERY_CLI MODE [-- extra serve options]
#   MODE: async | sync.  env: DURATION (s, default 5), CONNECTIONS (32), BODY_FILE (payload)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="$1"
mode="$2"
shift 2
[[ "${1:-}" == "--" ]] && shift
duration="${DURATION:-5}"
connections="${CONNECTIONS:-32}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$cli" serve --listen 127.0.0.1:0 "--$mode" --queue-size "${QUEUE_SIZE:-1024}" --quiet "$@" 2>"$log" &
pid=$!
for _ in $(seq 200); do grep -q 'listening on' "$log" && break; sleep 0.05; done
port="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$')"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
utime() { awk '{print $14}' "/proc/$pid/stat"; }
t0="$(ticks)"; u0="$(utime)"
cs0="$(grep -h ctxt_switches /proc/$pid/task/*/status | awk '{s+=$2} END {print s}')"
out="$(BODY_FILE="${BODY_FILE:-}" wrk -t2 -c"$connections" -d"${duration}s" -s "$here/post.lua" "http://127.0.0.1:$port/" 2>&1)"
t1="$(ticks)"; u1="$(utime)"
cs1="$(grep -h ctxt_switches /proc/$pid/task/*/status | awk '{s+=$2} END {print s}')"
kill -INT "$pid"
wait "$pid" || true
requests="$(grep -o 'stopped after [0-9]*' "$log" | grep -o '[0-9]*$')"
hz="$(getconf CLK_TCK)"
result="$(grep '^RESULT' <<<"$out" || true)"
non2xx="$(grep -o 'Non-2xx[^\n]*' <<<"$out" || echo 'all 2xx')"
awk -v t="$((t1 - t0))" -v u="$((u1 - u0))" -v hz="$hz" -v r="$requests" -v cs="$((cs1 - cs0))" -v m="$mode" \
  'BEGIN {printf "mode=%s requests=%d cpu_us_per_request=%.1f (user %.1f) ctx_switches_per_request=%.2f\n", m, r, t * 1e6 / hz / r, u * 1e6 / hz / r, cs / r}'
echo "  wrk: $result ($non2xx)"
