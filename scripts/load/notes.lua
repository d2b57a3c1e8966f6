-- POSTs each prepared notification once (NOTES = a Lua file returning { {headers=, body=}, ... }), spread over
-- wrk's threads; a thread stops when its share is used up, so every request pays a different order.
-- REPLAY=1: the same (already applied) notification over and over, until wrk's duration ends.
-- With REPLAY=0 a thread stops early while wrk's clock runs on to the end of the duration, so wrk's own
-- Requests/sec would understate the rate: each thread times its first request and last response (monotonic clock
-- through LuaJIT's ffi) and done() prints "Applied/sec:" over that span, which scripts/load.sh reads instead.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clk_id, load_timespec *tp);
]]
local ts = ffi.new("load_timespec")
local function now()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end
local threads_seen = {}
local notes = dofile(os.getenv("NOTES"))
local replay = os.getenv("REPLAY") == "1"
local threads = tonumber(os.getenv("WRK_THREADS") or "2")
local counter = 0

function setup(thread)
  table.insert(threads_seen, thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  next_index = tid
  sent = 0
  done = 0
  share = math.floor(#notes / threads)
end

function request()
  if not first then
    first = now()
  end
  local n
  if replay then
    n = notes[1]
  else
    n = notes[(next_index % #notes) + 1]
    next_index = next_index + threads
  end
  sent = sent + 1
  return wrk.format("POST", "/api/pay/notify", n.headers, n.body)
end

function response(status, headers, body)
  done = done + 1
  last = now()
  if not replay and done >= share then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  if replay then
    return
  end
  local from, to, n = nil, nil, 0
  for _, t in ipairs(threads_seen) do
    local f, l = t:get("first"), t:get("last")
    if f and l then
      from = from and math.min(from, f) or f
      to = to and math.max(to, l) or l
      n = n + t:get("done")
    end
  end
  if from and to > from then
    io.write(string.format("Applied/sec: %.0f (%d in %.2f s)\n", n / (to - from), n, to - from))
  end
end
