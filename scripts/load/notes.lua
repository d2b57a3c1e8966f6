-- POSTs each prepared notification once (NOTES = a Lua file returning { {headers=, body=}, ... }), spread over
-- wrk's threads; a thread stops when its share is used up, so every request pays a different order.
-- REPLAY=1: the same (already applied) notification over and over, until wrk's duration ends.
local notes = dofile(os.getenv("NOTES"))
local replay = os.getenv("REPLAY") == "1"
local threads = tonumber(os.getenv("WRK_THREADS") or "2")
local counter = 0

function setup(thread)
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
  if not replay and done >= share then
    wrk.thread:stop()
  end
end
