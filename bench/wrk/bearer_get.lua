-- GET a Customer API path with "Authorization: Bearer", each request taking the next access
-- token of the thread's share of the pool (so no single credential carries the whole load).
-- Arguments after --: POOL_FILE THREADS (see token_pool.lua)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local pool = dofile(here .. "token_pool.lua")
setup = pool.setup

local tokens, i

function init(args)
  tokens = pool.load(args)
  i = 0
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. tokens[i]})
end
