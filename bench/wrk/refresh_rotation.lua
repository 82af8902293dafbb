-- POST the token endpoint with grant_type=refresh_token, rotating: each refresh token is sent
-- once, and the refresh token of the answer goes back into the thread's pool. A connection has
-- one request in flight, so a pool larger than the connections of a thread never runs dry
-- (a refused refresh loses its token: the pool shrinks, and wrk counts the non-2xx answer).
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

local queue, head, tail

function init(args)
  queue = load_pool(args[1], tonumber(args[2]))
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
