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
