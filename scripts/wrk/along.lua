-- wrk script for scripts/bench_http_along.sh. Arguments: "healthz" or "along", then for along the
-- percent-encoded polyline of the benchmark route (AlongBench polyline) and an optional local time.
-- Like wrk/requests.lua, every request is formatted once in init() and handed out by request(), so the
-- load generator spends the same per request on either route.
local requests = {}

function init(args)
  local route = args[1] or "along"
  if route == "healthz" then
    requests[1] = wrk.format("GET", "/healthz")
    return
  end
  local polyline = args[2]
  local at = args[3] and ("&at=" .. args[3]) or ""
  -- Departures through the day, and the two open policies, as riders' apps would ask.
  local hours = { "04:00", "08:00", "10:00", "13:00", "18:00", "22:00" }
  for i, h in ipairs(hours) do
    local when = args[3] and at or ("&at=2026-11-23T" .. h)
    requests[#requests + 1] = wrk.format("GET", "/v1/stations/along?polyline=" .. polyline .. when)
    requests[#requests + 1] = wrk.format("GET", "/v1/stations/along?open=now&polyline=" .. polyline .. when)
  end
end

local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
