-- wrk script: GET with the Cookie given as the first argument ("-" for none); reports one
-- RESULT line of JSON (requests, duration, p50/p95/p99 and statuses).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses = {}
  if args[1] and args[1] ~= "-" then wrk.headers["Cookie"] = args[1] end
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"timeouts": %d, '
      .. '"errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99),
    summary.errors.timeout, summary.errors.connect + summary.errors.read + summary.errors.write,
    table.concat(parts, ", ")))
end
