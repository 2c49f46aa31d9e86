-- wrk script for scripts/bench_http.sh. First argument: "healthz" or "nearest"; for nearest an
-- optional second argument fixes every query's local time ("2026-11-23T10:00"; default: now).
-- Nearest requests come from seeded random points in central Beijing with one amenity filter, as a
-- worker's app would send them. Both kinds are formatted once in init() and handed out in turn by
-- request(), so the load generator spends the same per request on either route and the comparison
-- is of the server.
local requests = {}
local amenities = { "drinking_water", "toilet", "heating", "phone_charging", "seating" }

function init(args)
  local route = args[1] or "nearest"
  math.randomseed(20261121)
  local at = args[2] and ("&at=" .. args[2]) or ""
  for i = 1, 1000 do
    if route == "healthz" then
      requests[i] = wrk.format("GET", "/healthz")
    else
      local lon = 116.20 + math.random() * 0.40
      local lat = 39.80 + math.random() * 0.25
      requests[i] = wrk.format("GET", string.format("/v1/stations/nearest?lon=%.5f&lat=%.5f&limit=5&amenities=%s%s",
        lon, lat, amenities[(i % #amenities) + 1], at))
    end
  end
end

local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
