// Fuzzes place input: near=LAT,LON, radius_km, in_person and sort=distance
// (the coordinates the search page resolves a typed city to with the
// gazetteer, or a partner sends), written as text the way clients do,
// through ParseSearchParams and the geographic filter of a small real index.
//
// Invariants: coordinates or radii out of range are a 400 naming the
// parameter; otherwise the total equals a brute-force count of profiles with
// an office within the radius (great-circle distance computed here with
// vectors, independently of the server's haversine; offices within a few
// metres of the edge may count either way), every hit is such a profile, and
// sort=distance pages the nearest first.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include <rapidjson/document.h>

#include "fuzz_support.h"
#include "geo_filter.h"
#include "search_params.h"

namespace rapport::fuzz {
namespace {

// The index keeps office coordinates to about a metre (Xapian's LatLongCoord
// serialisation), so distances may differ by that much: offices this close to
// the edge may count either way.
constexpr double kEdgeKm = 0.005;
constexpr double kDegrees = M_PI / 180;
constexpr int kMaxDigits = 12;
constexpr double kNearbyDegrees = 3;  // centres drawn near an office stray this far

struct Point {
  double lat = 0, lon = 0;
};

// Great-circle distance from the angle between unit vectors.
double VectorKm(Point a, Point b) {
  auto unit = [](Point p) {
    return std::array<double, 3>{std::cos(p.lat * kDegrees) * std::cos(p.lon * kDegrees),
                                 std::cos(p.lat * kDegrees) * std::sin(p.lon * kDegrees),
                                 std::sin(p.lat * kDegrees)};
  };
  const auto u = unit(a), v = unit(b);
  const double cross_x = u[1] * v[2] - u[2] * v[1], cross_y = u[2] * v[0] - u[0] * v[2],
               cross_z = u[0] * v[1] - u[1] * v[0];
  const double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  return kEarthRadiusKm * std::atan2(std::hypot(cross_x, cross_y, cross_z), dot);
}

// Every indexed profile's offices with coordinates, by id.
const std::map<std::string, std::vector<Point>>& OfficesById() {
  static const std::map<std::string, std::vector<Point>> offices = [] {
    std::map<std::string, std::vector<Point>> by_id;
    for (const std::string& line : SharedIndex().profile_lines) {
      rapidjson::Document profile;
      profile.Parse(line.c_str());
      std::vector<Point>& points = by_id[profile["id"].GetString()];
      if (!profile.HasMember("offices") || !profile["offices"].IsArray()) continue;
      for (const auto& office : profile["offices"].GetArray()) {
        if (office.HasMember("lat") && office["lat"].IsNumber()) {
          points.push_back({office["lat"].GetDouble(), office["lon"].GetDouble()});
        }
      }
    }
    return by_id;
  }();
  return offices;
}

std::vector<Point> AllOffices() {
  std::vector<Point> all;
  for (const auto& [id, points] : OfficesById())
    all.insert(all.end(), points.begin(), points.end());
  return all;
}

std::string Decimal(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

// A centre near a real office (most of the time) or anywhere, out of range included.
Point DrawCentre(FuzzedDataProvider& input) {
  static const std::vector<Point> offices = AllOffices();
  if (input.ConsumeBool()) {
    const Point office = offices[input.ConsumeIntegralInRange<size_t>(0, offices.size() - 1)];
    return {office.lat + input.ConsumeFloatingPointInRange(-kNearbyDegrees, kNearbyDegrees),
            office.lon + input.ConsumeFloatingPointInRange(-kNearbyDegrees, kNearbyDegrees)};
  }
  return {input.ConsumeFloatingPointInRange(-95.0, 95.0),
          input.ConsumeFloatingPointInRange(-185.0, 185.0)};
}

struct Expected {
  std::map<std::string, double> within;  // id → nearest office, inside the radius or on the edge
  long surely_inside = 0;                // profiles with an office clearly inside
};

Expected BruteForce(Point centre, double radius_km) {
  Expected expected;
  for (const auto& [id, points] : OfficesById()) {
    double nearest = INFINITY;
    for (const Point& office : points) nearest = std::min(nearest, VectorKm(centre, office));
    if (nearest <= radius_km + kEdgeKm) expected.within[id] = nearest;
    if (nearest < radius_km - kEdgeKm) ++expected.surely_inside;
  }
  return expected;
}

void CheckAnswer(const SearchRequest& request, const SearchResult& result) {
  const Point centre{request.near->lat, request.near->lon};
  const Expected expected = BruteForce(centre, request.radius_km);
  const std::string where = "near " + std::to_string(centre.lat) + "," +
                            std::to_string(centre.lon) + " radius " +
                            std::to_string(request.radius_km);
  FUZZ_CHECK(result.total >= expected.surely_inside &&
                 result.total <= static_cast<long>(expected.within.size()),
             where + ": total " + std::to_string(result.total) + ", brute force " +
                 std::to_string(expected.surely_inside) + ".." +
                 std::to_string(expected.within.size()));
  double farthest_shown = 0;
  for (const SearchHit& hit : result.hits) {
    auto found = expected.within.find(hit.id);
    FUZZ_CHECK(found != expected.within.end(), where + ": " + hit.id + " is outside");
    FUZZ_CHECK(hit.distance_km && std::abs(*hit.distance_km - found->second) < kEdgeKm,
               where + ": " + hit.id + " at " + std::to_string(hit.distance_km.value_or(-1)) +
                   " km, brute force " + std::to_string(found->second));
    if (request.sort == SortOrder::kDistance) {
      FUZZ_CHECK(*hit.distance_km + kEdgeKm >= farthest_shown, where + ": not nearest first");
      farthest_shown = std::max(farthest_shown, *hit.distance_km);
    }
  }
  if (request.sort != SortOrder::kDistance ||
      static_cast<long>(result.hits.size()) == result.total) {
    return;
  }
  for (const auto& candidate : expected.within) {
    const bool shown = std::any_of(result.hits.begin(), result.hits.end(),
                                   [&](const SearchHit& hit) { return hit.id == candidate.first; });
    FUZZ_CHECK(shown || candidate.second + kEdgeKm >= farthest_shown,
               where + ": nearer " + candidate.first + " left out");
  }
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const FuzzIndex& index = SharedIndex();
  FuzzedDataProvider input(data, size);
  const Point centre = DrawCentre(input);
  std::vector<std::pair<std::string, std::string>> params = {
      {"near", Decimal(centre.lat, input.ConsumeIntegralInRange(0, kMaxDigits)) + "," +
                   Decimal(centre.lon, input.ConsumeIntegralInRange(0, kMaxDigits))},
  };
  if (input.ConsumeBool()) {
    params.emplace_back("radius_km", Decimal(input.ConsumeFloatingPointInRange(-10.0, 1100.0),
                                             input.ConsumeIntegralInRange(0, kMaxDigits)));
  }
  if (input.ConsumeBool()) params.emplace_back("in_person", "true");
  if (input.ConsumeBool()) params.emplace_back("sort", "distance");

  Result<SearchRequest> request = ParseSearchParams(params, index.service->vocabulary());
  if (!request) {
    CheckClientError(request.error(), "place parameters", FieldRule::kRequired);
    return 0;
  }
  Result<SearchResult> result = index.service->Search(request.value());
  FUZZ_CHECK(result.ok(), "search failed: " + result.error().message);
  CheckAnswer(request.value(), result.value());
  return 0;
}
