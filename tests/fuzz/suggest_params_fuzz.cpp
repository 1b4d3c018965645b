// Fuzzes GET /api/v1/suggest: a raw query string → ParseQueryString →
// ParseSuggestParams → SearchService::Suggest on a small real index, and the
// normal form suggestions are matched in.
//
// Invariants: a refusal is a 4xx naming the parameter; an accepted request
// gets at most `limit` suggestions, none twice, none for a prefix without a
// letter or digit, in a JSON answer that is valid UTF-8; the normal form is
// valid UTF-8 and normalising it again changes nothing.
#include <set>

#include "fuzz_support.h"
#include "query_string.h"
#include "search_params.h"
#include "search_result_json.h"
#include "suggest_normalize.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const FuzzIndex& index = SharedIndex();

  Result<QueryPairs> pairs = ParseQueryString(AsText(data, size));
  if (!pairs) {
    CheckClientError(pairs.error(), "query string", FieldRule::kRequired);
    return 0;
  }
  Result<SuggestRequest> request = ParseSuggestParams(pairs.value());
  if (!request) {
    CheckClientError(request.error(), "suggest parameters", FieldRule::kRequired);
    return 0;
  }
  const std::string& prefix = request.value().q;
  const bool keep_trailing_space = false;
  const std::string normal = NormalizeForSuggest(prefix, keep_trailing_space);
  FUZZ_CHECK(IsValidUtf8(normal), "normal form is not UTF-8");
  FUZZ_CHECK(NormalizeForSuggest(normal, keep_trailing_space) == normal,
             "normal form is not stable: " + normal);

  const std::vector<Suggestion> suggestions = index.service->Suggest(prefix, request.value().limit);
  FUZZ_CHECK(suggestions.size() <= static_cast<size_t>(request.value().limit),
             std::to_string(suggestions.size()) + " suggestions");
  FUZZ_CHECK(!normal.empty() || suggestions.empty(), "suggestions for a prefix without words");
  std::set<std::pair<std::string, std::string>> seen;
  for (const Suggestion& suggestion : suggestions) {
    const std::string& key = suggestion.value.empty() ? suggestion.text : suggestion.value;
    FUZZ_CHECK(seen.emplace(suggestion.kind, key).second, "suggested twice: " + key);
  }
  FUZZ_CHECK(IsValidJsonText(SuggestionsToJson(suggestions)), "suggest answer is not valid JSON");
  return 0;
}
