-- wrk script: /healthz through the same request() path as nearest.lua (1000 requests formatted
-- once, handed out in turn), so both runs cost the load generator the same per request.
local requests = {}

function init(args)
  for i = 1, 1000 do
    requests[i] = wrk.format("GET", "/healthz")
  end
end

local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
