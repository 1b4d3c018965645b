// Query test fixtures: an index built through the real commands
// (`rapport-index import` + `rebuild`) in a TempDir, the SearchService on it,
// and the profiles of the NDJSON file read independently of the indexer, so
// tests can compute expected answers by brute force.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "search_service.h"
#include "test_support.h"

namespace rapport::testing {

struct OfficeFacts {
  std::string state;
  std::optional<double> lat, lon;
};

// One profile as the tests see it, straight from the NDJSON line.
struct ProfileFacts {
  std::string id;
  std::map<std::string, std::set<std::string>> facets;  // API facet name → values
  std::vector<OfficeFacts> offices;
  std::set<std::string> licensed_states;
  std::set<std::string> virtual_states;  // licensed or compact-covered, when offering telehealth
  bool offers_telehealth = false;
  std::optional<int> telehealth_since;
  std::optional<int> fee_min;
  bool sliding_scale = false;
  bool accepting = false;
};

class QueryIndex {
 public:
  // Imports and rebuilds `ndjson_path` in a new TempDir; fails the test on error.
  explicit QueryIndex(const std::string& ndjson_path);

  SearchService& service() { return *service_; }
  const std::vector<ProfileFacts>& profiles() const { return profiles_; }
  const std::string& data_dir() const { return dir_.path(); }
  // Runs `rapport-index --data-dir <dir> <args>`; returns its exit code.
  int RunIndexCommand(const std::vector<std::string>& args) const;

 private:
  TempDir dir_;
  std::vector<ProfileFacts> profiles_;
  std::unique_ptr<SearchService> service_;
};

// The shipped sample data, built once per test binary run.
QueryIndex& SampleIndex();
// tests/data/<name>, built once per test binary run.
QueryIndex& FixtureIndex(const std::string& name);

// Ids of the hits of a search (fails the test when the search fails).
std::vector<std::string> SearchIds(SearchService& service, const SearchRequest& request);

}  // namespace rapport::testing
