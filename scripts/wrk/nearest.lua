-- wrk script: nearest-open-station queries from seeded random points in central Beijing,
-- with one amenity filter, as a worker's app would send them.
local points = {}
local amenities = { "drinking_water", "toilet", "heating", "phone_charging", "seating" }

function init(args)
  math.randomseed(20261121 + (tonumber(args[1]) or 0))
  for i = 1, 1000 do
    local lon = 116.20 + math.random() * 0.40
    local lat = 39.80 + math.random() * 0.25
    points[i] = string.format("/v1/stations/nearest?lon=%.5f&lat=%.5f&limit=5&amenities=%s",
      lon, lat, amenities[(i % #amenities) + 1])
  end
end

local n = 0
function request()
  n = n + 1
  return wrk.format("GET", points[(n % #points) + 1])
end
