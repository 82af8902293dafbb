-- wrk script for scripts/load: sends the request described by the LOAD_* environment
-- variables and counts every status it gets back, printing one summary line at the end:
--   statuses 200=123456 errors=0
wrk.method = os.getenv("LOAD_METHOD") or "GET"
wrk.body = os.getenv("LOAD_BODY")
wrk.headers["Content-Type"] = os.getenv("LOAD_CONTENT_TYPE")
wrk.headers["Authorization"] = os.getenv("LOAD_AUTHORIZATION")

local threads = {}
counts = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "statuses"
  for status, n in pairs(total) do
    line = line .. string.format(" %d=%d", status, n)
  end
  local e = summary.errors
  io.write(string.format("%s errors=%d\n", line, e.connect + e.read + e.write + e.timeout))
end
