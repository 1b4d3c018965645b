// GeoFilter and the distance sort against brute force on the shipped sample
// index: the radius test (decided on the chord between unit vectors stored as
// floats, exact test only near the circle) keeps exactly the documents whose
// nearest office is within the radius (with cell postings read from the index
// or from the posting cache), also when an office lies exactly on the circle,
// and the distance sort (which skips documents by a chord lower bound) equals
// sorting every match by distance.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "geo_filter.h"
#include "query_fixture.h"
#include "ranking.h"

namespace rapport::testing {
namespace {

TEST_CASE("radius filter and distance sort equal brute force for many centres") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  const RankingConfig config;
  const Booster booster(*store, config, 1795000000);
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lat(25, 48), lon(-123, -71);
  PostingCache cache({0.001, size_t{64} << 20});  // keeps most cells of the sample
  long kept_total = 0;
  for (int i = 0; i < 40; ++i) {
    const GeoPoint centre{lat(rng), lon(rng)};
    for (double radius : {5.0, 40.0, 150.0, 600.0}) {
      CAPTURE(centre.lat);
      CAPTURE(centre.lon);
      CAPTURE(radius);
      auto found = GeoFilter(db, *store, centre, radius);
      REQUIRE(found);
      std::vector<std::pair<double, uint32_t>> by_distance;
      DocSet expected(store->bound());
      store->live().ForEach([&](uint32_t docid) {
        auto km = NearestOfficeKm(*store, docid, centre);
        if (km && *km <= radius) {
          expected.Insert(docid);
          by_distance.emplace_back(*km, docid);
        }
      });
      CHECK(found.value().words() == expected.words());
      auto from_cache = GeoFilter(db, *store, centre, radius, &cache);
      REQUIRE(from_cache);
      CHECK(from_cache.value().words() == expected.words());
      kept_total += expected.Count();
      std::sort(by_distance.begin(), by_distance.end());
      std::vector<uint32_t> nearest;
      for (size_t k = 0; k < std::min<size_t>(20, by_distance.size()); ++k) {
        nearest.push_back(by_distance[k].second);
      }
      CHECK(TopDocs(found.value(), SortOrder::kDistance, 20, *store, booster, centre) == nearest);
    }
  }
  CHECK(kept_total > 1000);
}

TEST_CASE("an office exactly on the circle is inside, one just beyond it outside") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  auto store = FacetStore::Build(db).value();
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> bearing_lat(-0.6, 0.6), bearing_lon(-0.6, 0.6);
  std::vector<uint32_t> with_offices;
  store->live().ForEach([&](uint32_t docid) {
    if (NearestOfficeKm(*store, docid, {0, 0})) with_offices.push_back(docid);
  });
  REQUIRE(with_offices.size() > 100);
  int checked = 0;
  for (size_t i = 0; i < with_offices.size(); i += with_offices.size() / 100) {
    const uint32_t docid = with_offices[i];
    const OfficePoint& office = *store->Offices(docid).first;
    // A centre up to ~70 km away, so that the circle's edge passes through the
    // office (Xapian gives longitudes in [0, 360); requests use [-180, 180]).
    const double office_lon = office.lon > 180 ? office.lon - 360 : office.lon;
    const GeoPoint centre{office.lat + bearing_lat(rng), office_lon + bearing_lon(rng)};
    const double nearest = *NearestOfficeKm(*store, docid, centre);
    CAPTURE(docid);
    CAPTURE(nearest);
    auto on_edge = GeoFilter(db, *store, centre, nearest);
    REQUIRE(on_edge);
    CHECK(on_edge.value().Contains(docid));
    auto just_short = GeoFilter(db, *store, centre, std::nextafter(nearest, 0.0));
    REQUIRE(just_short);
    CHECK_FALSE(just_short.value().Contains(docid));
    const UnitVector unit_centre = UnitVector::Of(centre.lat, centre.lon);
    const double lower = NearestOfficeKmLowerBound(*store, docid, unit_centre);
    CHECK(lower <= nearest);
    CHECK(lower > nearest - 0.01);  // within 10 m: tight enough to prune a distance sort
    ++checked;
  }
  CHECK(checked >= 100);
}

}  // namespace
}  // namespace rapport::testing
