-- wrk script for tests/bench/cost_bench.sh: one client address sending
-- ATTACK_PATH over and over, each connection pausing PACE_MS between its
-- requests; prints how many answers came back with each status.
local path = os.getenv("ATTACK_PATH")
local pace = tonumber(os.getenv("PACE_MS"))
local threads = {}
wrk.headers["X-Real-IP"] = "203.0.113.66"

setup = function(thread)
  table.insert(threads, thread)
end

init = function()
  statuses = {}
end

request = function()
  return wrk.format("GET", path)
end

delay = function()
  return pace
end

response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      total[status] = (total[status] or 0) + count
    end
  end
  local line = "attacker answers:"
  for status, count in pairs(total) do
    line = line .. string.format(" %d x%d", status, count)
  end
  print(line)
end
