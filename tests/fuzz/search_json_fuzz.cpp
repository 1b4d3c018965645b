// Fuzzes the JSON body of POST /api/v1/search and each search of
// POST /api/v1/multi-search: bytes → ParseJsonBounded → ParamPairsFromJson →
// ParseSearchParams → SearchService::Search on a small real index.
//
// Invariants: a refusal is a 4xx naming the member (or the body); every pair
// taken from an accepted object is named by one of its members and is valid
// UTF-8; a search its parameters accept is answered, or refused only for a
// `q` over a size bound, in a JSON answer that is valid UTF-8.
#include <set>

#include "bounded_json.h"
#include "fuzz_support.h"
#include "search_params.h"
#include "search_params_json.h"
#include "search_result_json.h"
#include "utf8_check.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const FuzzIndex& index = SharedIndex();

  rapidjson::Document body;
  if (Status parsed = ParseJsonBounded(AsText(data, size), JsonLimits{}, body); !parsed) {
    CheckClientError(parsed.error(), "JSON body", FieldRule::kOptional);
    return 0;
  }
  Result<ParamPairs> pairs = ParamPairsFromJson(body, SearchParamTable(), "body");
  if (!pairs) {
    CheckClientError(pairs.error(), "JSON search parameters", FieldRule::kRequired);
    return 0;
  }
  std::set<std::string> members;
  for (const auto& member : body.GetObject())
    members.insert(std::string(member.name.GetString(), member.name.GetStringLength()));
  for (const auto& [name, value] : pairs.value()) {
    FUZZ_CHECK(members.count(name) == 1, "a pair no member names: " + name);
    FUZZ_CHECK(IsValidUtf8(value), "a value that is not UTF-8 for " + name);
  }
  Result<SearchRequest> request = ParseSearchParams(pairs.value(), index.service->vocabulary());
  if (!request) {
    CheckClientError(request.error(), "search parameters", FieldRule::kRequired);
    return 0;
  }
  Result<SearchResult> result = index.service->Search(request.value());
  if (!result) {
    CheckSearchRefusal(result.error(), "search");
    return 0;
  }
  FUZZ_CHECK(IsValidJsonText(SearchResultToJson(result.value())), "answer is not valid JSON");
  return 0;
}
