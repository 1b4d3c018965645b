// Fuzzes partner-key filter strings (`rapport-admin keys create --filter
// FACET=VALUE`, one per input line) through ParseKeyFilters, and what a key
// with the accepted filters sees: its fixed search filters on a small real
// index, and the profile check by id (ProfileVisibleToKey).
//
// Invariants: a refused filter is a 400 naming --filter; an accepted one
// holds only vocabulary values, at most one state, and only facets the specs
// named; a search with the key's filters counts exactly the profiles the
// by-id check lets the key see, so search and profile look-ups agree on what
// a restricted partner may read.
#include <algorithm>

#include "api_keys.h"
#include "fuzz_support.h"
#include "search_params.h"

namespace rapport::fuzz {
namespace {

constexpr char kStateFacet[] = "state";

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The public JSON of every indexed profile, read once.
const std::vector<std::string>& PublicProfiles() {
  static const std::vector<std::string> profiles = [] {
    std::vector<std::string> all;
    SearchRequest every;
    every.limit = kParamLimits.max_limit;
    const SearchService& service = *SharedIndex().service;
    for (long offset = 0;; offset += every.limit) {
      every.offset = static_cast<int>(offset);
      Result<SearchResult> page = service.Search(every);
      FUZZ_CHECK(page.ok(), "listing the index");
      for (const SearchHit& hit : page.value().hits) all.push_back(service.Profile(hit.id).value());
      if (offset + every.limit >= page.value().total) break;
    }
    return all;
  }();
  return profiles;
}

void CheckFilters(const KeyFilters& filters, const std::vector<std::string>& specs,
                  const Vocabulary& vocabulary) {
  for (const auto& [facet, values] : filters) {
    const std::string prefix = facet + "=";
    const bool named = std::any_of(specs.begin(), specs.end(), [&](const std::string& spec) {
      return spec.rfind(prefix, 0) == 0;
    });
    FUZZ_CHECK(named, "a facet no spec named: " + facet);
    FUZZ_CHECK(facet != kStateFacet || values.size() <= 1, "two states");
    for (const std::string& value : values) {
      FUZZ_CHECK(vocabulary.Contains(facet, value), facet + "=" + value + " is not in vocab.json");
    }
  }
}

void CheckSearchAgreesWithLookups(const KeyIdentity& key) {
  long visible = 0;
  for (const std::string& profile : PublicProfiles()) visible += ProfileVisibleToKey(profile, key);
  SearchRequest request;
  request.fixed_filters = key.fixed_filters;
  request.fixed_licensed_state = key.fixed_licensed_state;
  Result<SearchResult> result = SharedIndex().service->Search(request);
  FUZZ_CHECK(result.ok(), "search with the key's filters failed: " + result.error().message);
  FUZZ_CHECK(result.value().total == visible, "search counts " +
                                                  std::to_string(result.value().total) +
                                                  ", look-ups allow " + std::to_string(visible));
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const Vocabulary& vocabulary = SharedIndex().service->vocabulary();
  const std::vector<std::string> specs = Lines(AsText(data, size));
  Result<KeyFilters> filters = ParseKeyFilters(specs, vocabulary);
  if (!filters) {
    // Operator input on the command line: the message quotes the argument
    // as typed (any bytes, any length), so only the error's shape is checked.
    const Error& error = filters.error();
    FUZZ_CHECK(error.status == 400 && error.field == "--filter" && !error.message.empty(),
               error.message);
    return 0;
  }
  CheckFilters(filters.value(), specs, vocabulary);
  KeyIdentity key;
  ApplyKeyFilters(filters.value(), &key);
  CheckSearchAgreesWithLookups(key);
  return 0;
}
