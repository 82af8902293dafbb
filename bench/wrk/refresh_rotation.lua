-- POST the token endpoint with grant_type=refresh_token, rotating: each refresh token is sent
-- once, and the refresh token of the answer goes back into the thread's pool. A connection has
-- one request in flight, so a pool larger than the connections of a thread never runs dry
-- (a refused refresh loses its token: the pool shrinks, and wrk counts the non-2xx answer).
-- Arguments after --: POOL_FILE THREADS (see token_pool.lua)
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local pool = dofile(here .. "token_pool.lua")
setup = pool.setup

local queue, head, tail

function init(args)
  queue = pool.load(args)
  head, tail = 1, #queue
end

function request()
  local token
  if head <= tail then
    token = queue[head]
    queue[head] = nil
    head = head + 1
  else
    token = "pool-ran-dry"
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"},
                    "grant_type=refresh_token&refresh_token=" .. token ..
                    "&client_id=acme-ats&client_secret=acme-secret")
end

function response(status, headers, body)
  local rotated = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if rotated then
    tail = tail + 1
    queue[tail] = rotated
  end
end
