-- wrk script: optional round-robin over several paths/cookies (BENCH_MIX="path|cookie;..."),
-- and one JSON line of results at the end (latencies in microseconds).
local mix = {}
local spec = os.getenv("BENCH_MIX") or ""
for item in string.gmatch(spec, "([^;]+)") do
  local path, cookie = string.match(item, "([^|]*)|(.*)")
  table.insert(mix, {path = path, cookie = cookie})
end
local counter = 0

request = function()
  if #mix == 0 then
    return wrk.format(nil)
  end
  counter = counter + 1
  local item = mix[(counter % #mix) + 1]
  return wrk.format("GET", item.path, {["Cookie"] = "sessionid=" .. item.cookie})
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": %d, ' ..
    '"non2xx": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
