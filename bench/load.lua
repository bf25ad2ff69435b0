-- wrk script for bench/load.py: one optional header (session cookie or API token) from the
-- environment, and a machine-readable summary line at the end.
local header = os.getenv("BENCH_HEADER")
if header ~= nil and header ~= "" then
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "bytes": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
