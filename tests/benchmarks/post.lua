-- wrk script: POST one line per request from a file of "<cookie>\t<body>" lines.
-- Each wrk thread takes its own lines (thread k of n takes lines k, k+n, ...), so no two
-- requests share a voter unless the file runs out (then it wraps and counts "wrapped").
-- Usage: wrk -t N ... -s post.lua URL -- LINES_FILE N [collect]
-- With LINES_FILE "-" every request is the same small POST (the bare insert view).
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- statuses, receipts and wrapped are globals: done() reads them with thread:get().
local lines, position, step, collect

function init(args)
  lines = {}
  if args[1] == "-" then
    lines = nil
  else
    for line in io.lines(args[1]) do
      local cookie, body = line:match("^(.-)\t(.*)$")
      if cookie then lines[#lines + 1] = { cookie, body } end
    end
  end
  step = tonumber(args[2])
  collect = args[3] == "collect"
  position = id  -- set by thread:set("id", ...) in setup()
  statuses = {}
  receipts = {}
  wrapped = 0
end

local bare = nil

function request()
  if lines == nil then
    if bare == nil then
      bare = wrk.format("POST", nil, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
      }, "row=1")
    end
    return bare
  end
  local entry = lines[position]
  if entry == nil then
    wrapped = wrapped + 1
    position = ((position - 1) % step) + 1
    entry = lines[position]
  end
  position = position + step
  return wrk.format("POST", nil, {
    ["Cookie"] = entry[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, entry[2])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if collect and status == 200 then
    local code = body:match('id="receipt%-code">([A-Z0-9%-]+)<')
    if code then receipts[#receipts + 1] = code end
  end
end

function done(summary, latency, requests)
  local all = {}
  local codes = {}
  local wrapped_total = 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      all[status] = (all[status] or 0) + n
    end
    for _, code in ipairs(thread:get("receipts")) do codes[#codes + 1] = code end
    wrapped_total = wrapped_total + thread:get("wrapped")
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = string.format('"%d": %d', status, n) end
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"timeouts": %d, "connect_errors": %d, "read_errors": %d, "wrapped": %d, '
      .. '"statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.timeout, summary.errors.connect, summary.errors.read,
    wrapped_total, table.concat(parts, ", ")))
  if #codes > 0 then io.write("RECEIPTS " .. table.concat(codes, ",") .. "\n") end
end
