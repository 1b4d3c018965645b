// The shipped ZIP table (data/zip_centroids.tsv, docs/data.md) checked on its
// own terms, read here with plain stream parsing, not through the loader; then
// the loader (data/schema/zip_gazetteer.h) and the lookup order both imports
// use (indexer/office_geocoder.h, docs/interop.md §4.3).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "geo_precision.h"
#include "office_geocoder.h"
#include "test_support.h"
#include "zip_gazetteer.h"

namespace rapport {
namespace {

using testing::SourcePath;

struct ZipRow {
  std::string code;
  double lat = 0;
  double lon = 0;
};

std::vector<ZipRow> ShippedRows() {
  std::istringstream lines(testing::ReadFile(SourcePath("data/zip_centroids.tsv")));
  lines.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  std::vector<ZipRow> rows;
  ZipRow row;
  while (lines >> row.code >> row.lat >> row.lon) rows.push_back(row);
  return rows;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kPi = 3.14159265358979323846;
  constexpr double kRadians = kPi / 180;
  const double dlat = (lat2 - lat1) * kRadians, dlon = (lon2 - lon1) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

const ZipRow* Row(const std::vector<ZipRow>& rows, const std::string& code) {
  for (const ZipRow& row : rows) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

TEST_CASE("the shipped ZIP table has a ZCTA point near every city of the city gazetteer") {
  const std::vector<ZipRow> rows = ShippedRows();
  // The 2010 Census ZCTA gazetteer has 33,120 ZCTAs.
  CHECK(rows.size() == 33120);
  rapidjson::Document cities;
  cities.Parse(testing::ReadFile(SourcePath("data/cities.json")).c_str());
  REQUIRE(cities.IsArray());
  // A swapped lat/lon or a shifted column puts every point far from its city.
  // The farthest city today is Elko, NV (28 km: its ZCTA is vast).
  constexpr double kNearKm = 30;
  for (const auto& city : cities.GetArray()) {
    double nearest = std::numeric_limits<double>::max();
    for (const ZipRow& row : rows) {
      nearest = std::min(
          nearest, DistanceKm(city["lat"].GetDouble(), city["lon"].GetDouble(), row.lat, row.lon));
    }
    CAPTURE(city["city"].GetString());
    CHECK(nearest < kNearKm);
  }
}

TEST_CASE("known ZIP codes sit where they are") {
  const std::vector<ZipRow> rows = ShippedRows();
  struct Known {
    const char* code;
    const char* place;
    double lat;
    double lon;
  };
  // Points read off a map near each ZIP's middle; a ZCTA's internal point
  // lies within a couple of km of them.
  const Known known[] = {
      {"94612", "downtown Oakland, CA (docs/interop.md §4.2)", 37.8085, -122.2685},
      {"10001", "Chelsea, Manhattan, NY", 40.7506, -73.9972},
      {"60601", "the Loop, Chicago, IL", 41.8858, -87.6229},
      {"96813", "downtown Honolulu, HI", 21.3099, -157.8581},
      {"00901", "Old San Juan, PR", 18.4655, -66.1057},
  };
  constexpr double kWithinKm = 3;
  for (const Known& k : known) {
    CAPTURE(k.place);
    const ZipRow* row = Row(rows, k.code);
    REQUIRE(row != nullptr);
    CHECK(DistanceKm(row->lat, row->lon, k.lat, k.lon) < kWithinKm);
  }
  // No ZCTA for an unused code or a PO-box-only ZIP.
  CHECK(Row(rows, "99999") == nullptr);
}

TEST_CASE("the ZIP loader finds a point by the first 5 digits, as the file has it") {
  const ZipGazetteer zips = ZipGazetteer::Load(SourcePath("data/zip_centroids.tsv")).value();
  const std::vector<ZipRow> rows = ShippedRows();
  CHECK(zips.size() == rows.size());
  for (const ZipRow& row : {rows.front(), rows[rows.size() / 2], rows.back()}) {
    CAPTURE(row.code);
    const auto point = zips.Find(row.code);
    REQUIRE(point.has_value());
    CHECK(point->lat == doctest::Approx(row.lat));
    CHECK(point->lon == doctest::Approx(row.lon));
  }
  const auto oakland = zips.Find("94612").value();
  for (const char* zip : {"94612-1234", "946121234"}) {
    CAPTURE(zip);
    REQUIRE(zips.Find(zip).has_value());
    CHECK(zips.Find(zip)->lat == oakland.lat);
  }
  for (const char* zip : {"", "9461", "9461x", "99999", "abcde"}) {
    CAPTURE(zip);
    CHECK_FALSE(zips.Find(zip).has_value());
  }
}

TEST_CASE("a malformed ZIP table is refused naming its line") {
  testing::TempDir dir;
  const std::string path = dir.File("zips.tsv");
  const auto error_of = [&](const std::string& text) {
    testing::WriteFile(path, text);
    auto loaded = ZipGazetteer::Load(path);
    return loaded ? std::string() : loaded.error().message;
  };
  const std::string header = "zcta\tlat\tlon\n";
  CHECK(error_of(header + "94612\t37.8088\t-122.2692\n") == "");
  CHECK(error_of("zcta\tlon\tlat\n") != "");
  CHECK(error_of(header + "9461\t37.8\t-122.2\n") == path + ":2: the code is not 5 digits");
  CHECK(error_of(header + "94612\t97.8\t-122.2\n") ==
        path + ":2: the point is not a latitude and longitude");
  CHECK(error_of(header + "94612\t37.8\n") == path + ":2: expected three columns");
  CHECK(error_of(header + "94612\t37.8\t-122.2\n94612\t37.8\t-122.2\n") ==
        path + ":3: codes must ascend, without repeats");
  CHECK(error_of(header + "94612\t37.8\t-122.2\r\n") ==
        path + ":2: the point is not a latitude and longitude");
}

TEST_CASE("an office is placed by its given point, else its ZIP, else its city") {
  const OfficeGeocoder geocoder = OfficeGeocoder::Load(SourcePath("data")).value();
  const GazetteerPoint zip_point = geocoder.zips().Find("94612").value();
  const GazetteerPoint chicago = geocoder.cities().Find("Chicago", "IL").value();

  GazetteerPoint street;
  street.lat = 37.8049;
  street.lon = -122.2708;
  const auto given =
      geocoder.Locate({"94612", "Oakland", "CA"}, OfficePlace{street, kGeoPrecisionAddress});
  REQUIRE(given.has_value());
  CHECK(given->precision == kGeoPrecisionAddress);
  CHECK(given->point.lat == street.lat);

  const auto by_zip = geocoder.Locate({"94612-1234", "Oakland", "CA"});
  REQUIRE(by_zip.has_value());
  CHECK(by_zip->precision == kGeoPrecisionZip);
  CHECK(by_zip->point.lat == zip_point.lat);
  CHECK(by_zip->point.lon == zip_point.lon);

  const auto by_city = geocoder.Locate({"99999", "chicago", "il"});
  REQUIRE(by_city.has_value());
  CHECK(by_city->precision == kGeoPrecisionCity);
  CHECK(by_city->point.lat == chicago.lat);

  CHECK_FALSE(geocoder.Locate({"", "Nowhere", "IL"}).has_value());
}

}  // namespace
}  // namespace rapport
