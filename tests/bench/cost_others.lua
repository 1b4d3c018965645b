-- wrk script for tests/bench/cost_bench.sh: the search mix of http_mix.lua
-- (HTTP_MIX names the file) sent from many client addresses, a new one for
-- each request, each connection pausing PACE_MS between its requests.
dofile(os.getenv("HTTP_MIX"))
local mix_request = request
local pace = tonumber(os.getenv("PACE_MS"))
local addresses = 10000
local sent = 0

request = function()
  sent = sent + 1
  local n = (sent * 7919 + math.random(0, addresses)) % addresses
  wrk.headers["X-Real-IP"] = string.format("10.0.%d.%d", math.floor(n / 256), n % 256)
  return mix_request()
end

delay = function()
  return pace
end
