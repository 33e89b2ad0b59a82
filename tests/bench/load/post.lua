-- SPDX-License-Identifier: Apache-2.0
-- wrk script: POST an event to Argo's events endpoint.
-- BODY_FILE (env) names a payload file (e.g. the 7 KB GitHub push); without it a small JSON body.
-- EVENT_PATH (env) overrides the path (default /api/v1/events/argo/).
wrk.method = "POST"
wrk.path = os.getenv("EVENT_PATH") or "/api/v1/events/argo/"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-GitHub-Event"] = "push"
local file = os.getenv("BODY_FILE")
if file and file ~= "" then
  local f = assert(io.open(file, "rb"))
  wrk.body = f:read("*a")
  f:close()
else
  wrk.body = '{"message":"hello","n":1}'
end

local codes = {}
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

-- wrk's per-thread state is separate: report what the last thread saw, which is enough to see
-- whether 503s (queue full) appear.
-- ok_rps counts 2xx answers only: in async mode a 503 (queue full) is an answer but not an event.
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d rps=%.0f ok_rps=%.0f p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    (summary.requests - summary.errors.status) / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
