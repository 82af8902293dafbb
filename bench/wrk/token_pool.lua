-- The token pool both pool scripts (bearer_get.lua, refresh_rotation.lua) read, loaded with
-- dofile by each of wrk's Lua states (the main one and one per thread).
-- Arguments after --: POOL_FILE THREADS
-- The pool file (one token a line) is split between wrk's threads: thread k of n takes every
-- n-th line from line k. setup() runs in wrk's main Lua state and numbers the threads; each
-- thread's state then sees its number as the global thread_id.
local pool = {}

local next_id = 0
function pool.setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

-- This thread's share of the pool, given init()'s arguments.
function pool.load(args)
  local path, thread_count = args[1], tonumber(args[2])
  assert(path and thread_count, "usage: wrk -s SCRIPT URL -- POOL_FILE THREADS")
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

return pool
