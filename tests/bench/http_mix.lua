-- wrk script for tests/bench/http_bench.sh: cycles through a mixed search
-- workload (the query classes of the search benchmark, with facets).
local paths = {
  "/api/v1/search?q=anxiety&facets=modality,specialty,insurance",
  "/api/v1/search?q=couples+counseling&state=CA&facets=modality",
  "/api/v1/search?state=NY&virtual=true&facets=modality,specialty,language",
  "/api/v1/search?near=37.80,-122.27&radius_km=25&sort=distance&facets=insurance",
  "/api/v1/search?modality=cbt&modality=emdr&specialty=trauma&facets=modality,specialty",
  "/api/v1/search?q=%22eating+disorders%22&accepting=true",
  "/api/v1/search?q=anxeity+depresion",
  "/api/v1/search?insurance=aetna&language=es&facets=specialty,population",
  "/api/v1/search?state=TX&in_person=true&sort=fee&fee_max=150",
  "/api/v1/search?telehealth_since_before=2020&mode=video&facets=telehealth_experience",
  "/api/v1/search?q=grief&offset=40&limit=20",
  "/api/v1/suggest?q=anx",
}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- One machine-readable line after the run (tests/bench/http_fair_bench.sh
-- reads it): every error wrk counts, and per-request latency percentiles.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "mix-summary requests=%d errors=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
