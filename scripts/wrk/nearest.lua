-- wrk script: nearest-open-station queries from seeded random points in central Beijing,
-- with one amenity filter, as a worker's app would send them.
-- The 1000 requests are formatted once in init(); request() only hands them out, so the load
-- generator spends the same per request here as with healthz.lua (the comparison is of the server).
local requests = {}
local amenities = { "drinking_water", "toilet", "heating", "phone_charging", "seating" }

-- Optional script argument: a local time for every query ("2026-11-23T10:00"); default: now.
function init(args)
  math.randomseed(20261121)
  local at = args[1] and ("&at=" .. args[1]) or ""
  for i = 1, 1000 do
    local lon = 116.20 + math.random() * 0.40
    local lat = 39.80 + math.random() * 0.25
    requests[i] = wrk.format("GET", string.format("/v1/stations/nearest?lon=%.5f&lat=%.5f&limit=5&amenities=%s%s",
      lon, lat, amenities[(i % #amenities) + 1], at))
  end
end

local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
