-- wrk script: GET /account as a different member on each request, cycling through the session
-- ids of bench/http/members.py (the file named by the SIDS environment variable). Each of the
-- PARTS wrk threads starts at its own share of the list, so that no two ask as one member at once.
local made = 0

function setup(thread)
  thread:set("part", made)
  made = made + 1
end

function init(args)
  ids = {}
  for line in io.lines(os.getenv("SIDS")) do ids[#ids + 1] = line end
  next_id = math.floor(#ids * part / tonumber(os.getenv("PARTS")))
end

function request()
  next_id = next_id % #ids + 1
  return wrk.format("GET", "/account", { ["Cookie"] = "sid=" .. ids[next_id] })
end
