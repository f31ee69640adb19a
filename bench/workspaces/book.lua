-- wrk script: POST /api/v1/bookings for successive half-hour slots of weekdays, in UTC times that
-- fall inside the demo opening hours in both winter and summer (08:30-10:30Z, 12:30-15:30Z).
-- Environment (read by run.sh and passed as arguments): TOKEN, RESOURCES (comma list), SHARE
-- (how many consecutive requests ask for the same slot: the contention), START (epoch of a
-- Monday 00:00Z at least a day ahead) and, optionally, THREADS (wrk's -t, when it is not 2).
local token, resources, share, start
local counter = 0
created, conflicts, others = 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads - 1)
  thread:set("nthreads", 2)
end

function init(args)
  token = args[1]
  resources = {}
  for r in string.gmatch(args[2], "[^,]+") do table.insert(resources, r) end
  share = tonumber(args[3])
  start = tonumber(args[4])
  if args[5] then nthreads = tonumber(args[5]) end
end

local slots = { 8 * 60 + 30, 9 * 60, 9 * 60 + 30, 10 * 60, 12 * 60 + 30, 13 * 60, 13 * 60 + 30, 14 * 60, 14 * 60 + 30, 15 * 60 }

local function slot_time(n)
  local per_day = #slots
  local day = math.floor(n / per_day)
  local week, weekday = math.floor(day / 5), day % 5
  local t = start + (week * 7 + weekday) * 86400 + slots[(n % per_day) + 1] * 60
  return t
end

function request()
  local n = math.floor(counter / share)
  counter = counter + 1
  -- With SHARE 1 each wrk thread takes its own resources (no contention at all); otherwise every
  -- thread asks for the same slots.
  local pool = resources
  if share == 1 and #resources >= nthreads then
    pool = {}
    for i, r in ipairs(resources) do
      if (i - 1) % nthreads == index then table.insert(pool, r) end
    end
  end
  local resource = pool[(n % #pool) + 1]
  local t = slot_time(math.floor(n / #pool))
  local body = string.format('{"resource_id":%s,"start":"%s","end":"%s"}', resource,
    os.date("!%Y-%m-%dT%H:%M:%SZ", t), os.date("!%Y-%m-%dT%H:%M:%SZ", t + 1800))
  return wrk.format("POST", "/api/v1/bookings", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  else others = others + 1 end
end

function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflicts"); o = o + t:get("others")
  end
  io.write(string.format("RESULT created=%d conflicts=%d others=%d seconds=%.3f\n", c, k, o, summary.duration / 1e6))
end
