-- GET a Customer API path with "Authorization: Bearer", each request taking the next access
-- token of the thread's share of the pool (so no single credential carries the whole load).
-- Arguments after --: POOL_FILE THREADS
-- The pool file (one token a line) is split between wrk's threads: thread k of n takes every
-- n-th line from line k. setup() runs in wrk's main Lua state and numbers the threads.
local next_id = 0
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local function load_pool(path, thread_count)
  local tokens = {}
  local i = 0
  for line in io.lines(path) do
    if line ~= "" then
      if i % thread_count == thread_id then tokens[#tokens + 1] = line end
      i = i + 1
    end
  end
  assert(#tokens > 0, "no tokens for thread " .. tostring(thread_id) .. " in " .. path)
  return tokens
end

local tokens, i

function init(args)
  tokens = load_pool(args[1], tonumber(args[2]))
  i = 0
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[i]})
end
