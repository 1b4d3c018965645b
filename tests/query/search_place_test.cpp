// Telehealth eligibility, in-person and geographic filters, and distance
// sorting, on tests/data/query-small.ndjson.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "query_fixture.h"

namespace rapport::testing {
namespace {

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

SearchService& Small() { return FixtureIndex("query-small.ndjson").service(); }

SearchRequest InState(const std::string& state, bool virtual_only, bool in_person_only) {
  SearchRequest request;
  request.state = state;
  request.virtual_only = virtual_only;
  request.in_person_only = in_person_only;
  request.limit = 100;
  return request;
}

SearchRequest Near(double lat, double lon, double radius_km) {
  SearchRequest request;
  request.near = GeoPoint{lat, lon};
  request.radius_km = radius_km;
  request.limit = 100;
  return request;
}

TEST_CASE("virtual in a state: licensed there or compact-covered, and offering telehealth") {
  auto ca_virtual = SearchIds(Small(), InState("CA", true, false));
  CHECK(Has(ca_virtual, "t-ca-virtual"));
  CHECK_FALSE(Has(ca_virtual, "t-elsewhere"));       // office in CA, licensed only in NY
  CHECK_FALSE(Has(ca_virtual, "t-ca-office-only"));  // licensed in CA, no telehealth
  auto az_virtual = SearchIds(Small(), InState("AZ", true, false));
  CHECK(az_virtual == std::vector<std::string>{"t-compact"});  // PSYPACT covers AZ
  CHECK(SearchIds(Small(), InState("NY", true, false)) == std::vector<std::string>{"t-elsewhere"});
}

TEST_CASE("in person in a state means an office there, state alone means either way") {
  auto ca_office = SearchIds(Small(), InState("CA", false, true));
  CHECK(Has(ca_office, "t-elsewhere"));
  CHECK(Has(ca_office, "t-ca-office-only"));
  CHECK_FALSE(Has(ca_office, "t-ca-virtual"));
  auto ca_either = SearchIds(Small(), InState("CA", false, false));
  auto ca_both = SearchIds(Small(), InState("CA", true, true));
  CHECK(ca_either == ca_both);
  CHECK(Has(ca_either, "t-ca-virtual"));
  CHECK(Has(ca_either, "t-elsewhere"));
  CHECK(ca_either.size() == ca_office.size() + 1);
}

TEST_CASE("telehealth_since_before keeps earlier telehealth starts, years are reported") {
  SearchRequest request;
  request.telehealth_since_before = 2020;
  auto result = Small().Search(request);
  REQUIRE(result);
  REQUIRE(result.value().hits.size() == 1);
  CHECK(result.value().hits[0].id == "t-compact");
  REQUIRE(result.value().hits[0].telehealth_years);
  CHECK(*result.value().hits[0].telehealth_years >= 9);
  request.telehealth_since_before = 2022;
  CHECK(SearchIds(Small(), request).size() == 2);
}

TEST_CASE("a radius keeps offices just inside and drops those just outside") {
  const double lat = 37.99, lon = -122.01;
  auto ids = SearchIds(Small(), Near(lat, lon, 40));
  CHECK(Has(ids, "g-in"));         // 39.85 km north
  CHECK_FALSE(Has(ids, "g-out"));  // 40.15 km north
  CHECK(Has(ids, "g-edge"));       // across a fine-cell corner
  CHECK(Has(SearchIds(Small(), Near(lat, lon, 40.3)), "g-out"));
  auto tiny = SearchIds(Small(), Near(38.0004, -121.9996, 0.5));
  CHECK(tiny == std::vector<std::string>{"g-edge"});
  auto near_corner = SearchIds(Small(), Near(37.9999, -122.0001, 1));
  CHECK(near_corner == std::vector<std::string>{"g-edge"});
}

TEST_CASE("Alaska and Hawaii: high latitude and island distances") {
  auto anchorage = SearchIds(Small(), Near(61.2181, -149.9003, 40));
  CHECK(Has(anchorage, "g-ak-in"));
  CHECK_FALSE(Has(anchorage, "g-ak-out"));
  auto honolulu = SearchIds(Small(), Near(21.3069, -157.8583, 40));
  CHECK(honolulu == std::vector<std::string>{"g-hi-kailua"});
  auto big = SearchIds(Small(), Near(21.3069, -157.8583, 400));  // coarse cells
  CHECK(Has(big, "g-hi-hilo"));
  auto huge = SearchIds(Small(), Near(40, -100, 1000));  // many cells: every office checked
  CHECK(Has(huge, "t-compact"));                         // Denver
  CHECK_FALSE(Has(huge, "g-hi-hilo"));
}

TEST_CASE("sort=distance orders by the nearest office and reports distance_km") {
  SearchRequest request = Near(37.99, -122.01, 200);
  request.sort = SortOrder::kDistance;
  auto result = Small().Search(request);
  REQUIRE(result);
  const auto& hits = result.value().hits;
  REQUIRE(hits.size() >= 4);
  CHECK(hits[0].id == "g-edge");
  for (size_t i = 0; i < hits.size(); ++i) {
    REQUIRE(hits[i].distance_km);
    CHECK(*hits[i].distance_km <= 200);
    if (i > 0) CHECK(*hits[i - 1].distance_km <= *hits[i].distance_km);
  }
  CHECK(Has(SearchIds(Small(), request), "t-elsewhere"));  // Oakland, ~30 km
}

TEST_CASE("in_person with near and a state combine, virtual with near keeps either way") {
  SearchRequest request = Near(37.99, -122.01, 40);
  request.state = "CA";
  request.in_person_only = true;
  auto ids = SearchIds(Small(), request);
  CHECK(Has(ids, "g-in"));
  CHECK_FALSE(Has(ids, "t-ca-virtual"));
  request.virtual_only = true;  // both: a CA telehealth therapist or an office within 40 km
  auto both = SearchIds(Small(), request);
  CHECK(Has(both, "t-ca-virtual"));
  CHECK(Has(both, "g-in"));
  CHECK_FALSE(Has(both, "g-out"));
}

TEST_CASE("practical filters: accepting, sliding scale, fee_max, and sorts") {
  SearchRequest request;
  request.limit = 100;
  request.sort = SortOrder::kTelehealthExperience;
  auto by_experience = SearchIds(Small(), request);
  REQUIRE(by_experience.size() >= 3);
  CHECK(by_experience[0] == "t-compact");     // since 2017
  CHECK(by_experience[1] == "t-elsewhere");   // since 2021
  CHECK(by_experience[2] == "t-ca-virtual");  // since 2023
  request.accepting = true;
  CHECK(SearchIds(Small(), request).size() == FixtureIndex("query-small.ndjson").profiles().size());
  request.fee_max = 100;
  CHECK(SearchIds(Small(), request).empty());  // no fees in this fixture
  request.fee_max.reset();
  request.sliding_scale = true;
  CHECK(SearchIds(Small(), request).empty());
}

}  // namespace
}  // namespace rapport::testing
