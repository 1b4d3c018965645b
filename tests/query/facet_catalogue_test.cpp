// The facet catalogue (facet_catalogue.h) against the real index of the
// sample profiles: every entry is indexed, filterable, counted and usable as
// `field:value` in q where it says so, each compared with counts taken here
// from the NDJSON itself (query_fixture.h reads it without the catalogue).
// tests/web/openapi_test.cpp checks that every entry is documented.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include <xapian.h>

#include "data_dir.h"
#include "facet_catalogue.h"
#include "query_fixture.h"

namespace rapport::testing {
namespace {

// The values of `facet` a sample profile has, read independently.
std::set<std::string> ValuesOf(const ProfileFacts& profile, const FacetSpec& facet) {
  if (facet.name == "state") return profile.licensed_states;
  const auto found = profile.facets.find(std::string(facet.name));
  return found == profile.facets.end() ? std::set<std::string>{} : found->second;
}

// How many sample profiles have each value of `facet`.
std::map<std::string, long> BruteForceCounts(const FacetSpec& facet) {
  std::map<std::string, long> counts;
  for (const ProfileFacts& profile : SampleIndex().profiles()) {
    for (const std::string& value : ValuesOf(profile, facet)) ++counts[value];
  }
  return counts;
}

long Total(const SearchRequest& request) {
  SearchRequest paged = request;
  paged.limit = 1;
  auto result = SampleIndex().service().Search(paged);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  return result.value().total;
}

// The client search page lists the panel facets in panel order
// (web/static/js/vocab.js PanelFacets): each position once, counting up
// from 1 with no gap, and each panel facet one a client can filter by and
// see counted.
TEST_CASE("the catalogue's panel positions are 1..N, each once, on filterable counted facets") {
  std::set<int> positions;
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (facet.panel_position == FacetSpec::kNotOnPanel) continue;
    CAPTURE(facet.name);
    CHECK(facet.filterable);
    CHECK(facet.counted);
    CHECK(!facet.label.empty());
    CHECK(positions.insert(facet.panel_position).second);
  }
  REQUIRE(!positions.empty());
  CHECK(*positions.begin() == 1);
  CHECK(*positions.rbegin() == static_cast<int>(positions.size()));
}

TEST_CASE("every catalogue facet is indexed: a profile's values are its terms, and only those") {
  Xapian::Database db(DataDir{SampleIndex().data_dir()}.IndexPath());
  for (const FacetSpec& facet : FacetCatalogue()) {
    CAPTURE(facet.name);
    const std::map<std::string, long> want = BruteForceCounts(facet);
    CHECK_FALSE(want.empty());  // the sample exercises every facet
    std::map<std::string, long> got;
    const std::string prefix(facet.term_prefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      got[(*term).substr(prefix.size())] = term.get_termfreq();
    }
    CHECK(got == want);
    for (const ProfileFacts& profile : SampleIndex().profiles()) {
      const auto docid = db.postlist_begin("Q" + profile.id);
      REQUIRE(docid != db.postlist_end("Q" + profile.id));
      const Xapian::Document document = db.get_document(*docid);
      for (const std::string& value : ValuesOf(profile, facet)) {
        auto term = document.termlist_begin();
        term.skip_to(prefix + value);
        CHECK_MESSAGE((term != document.termlist_end() && *term == prefix + value),
                      profile.id << " lacks " << prefix + value);
      }
    }
  }
}

TEST_CASE("every filterable facet's filter narrows to the profiles with that value") {
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.filterable) continue;
    for (const auto& [value, count] : BruteForceCounts(facet)) {
      CAPTURE(facet.name);
      CAPTURE(value);
      SearchRequest request;
      request.filters[std::string(facet.name)] = {value};
      CHECK(Total(request) == count);
    }
  }
}

TEST_CASE("every counted facet is counted as brute force counts it") {
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.counted) continue;
    CAPTURE(facet.name);
    SearchRequest request;
    request.limit = 1;
    request.facets = {std::string(facet.name)};
    auto result = SampleIndex().service().Search(request);
    REQUIRE(result.ok());
    std::map<std::string, long> got;
    for (const FacetCount& count : result.value().facets[std::string(facet.name)]) {
      got[count.value] = count.count;
    }
    CHECK(got == BruteForceCounts(facet));
  }
}

TEST_CASE("every facet marked as a q field works as field:value, and matches the filter") {
  int fields = 0;
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.query_field) continue;
    ++fields;
    for (const auto& [value, count] : BruteForceCounts(facet)) {
      CAPTURE(facet.name);
      CAPTURE(value);
      SearchRequest request;
      request.q = std::string(facet.name) + ":" + value;
      CHECK(Total(request) == count);
    }
  }
  CHECK(fields > 0);
}

}  // namespace
}  // namespace rapport::testing
