// GeoFilter: cell-term candidates, then a chord test that the exact
// great-circle check decides near the circle.
#include "geo_filter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "index_layout.h"
#include "term_cursor.h"

namespace rapport {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMaxLat = 90;
constexpr double kMaxLon = 180;

double Radians(double degrees) { return degrees * kPi / 180; }
double Degrees(double radians) { return radians * 180 / kPi; }

// Haversine's intermediate value a for two points, given cos(lat1): the
// distance is 2R·asin(√a). Each sine once: with errno-setting libm calls the
// compiler may not merge repeated calls.
double HaversineA(double cos_lat1, double lat1, double lon1, double lat2, double lon2) {
  const double sin_half_dlat = std::sin(Radians(lat2 - lat1) / 2);
  const double sin_half_dlon = std::sin(Radians(lon2 - lon1) / 2);
  return sin_half_dlat * sin_half_dlat +
         cos_lat1 * std::cos(Radians(lat2)) * sin_half_dlon * sin_half_dlon;
}

struct CellRange {
  long lat_first, lat_last, lon_first, lon_last;
  long Count() const { return (lat_last - lat_first + 1) * (lon_last - lon_first + 1); }
};

// Cells (of `size` degrees) covering the bounding box of the circle.
CellRange CoveringCells(const GeoPoint& centre, double radius_km, double size) {
  const double angular = radius_km / kEarthRadiusKm;
  const double dlat = Degrees(angular);
  const double lat_low = std::max(-kMaxLat, centre.lat - dlat);
  const double lat_high = std::min(kMaxLat, centre.lat + dlat);
  double dlon = kMaxLon;
  const double cos_lat = std::cos(Radians(centre.lat));
  if (lat_high < kMaxLat && lat_low > -kMaxLat && std::sin(angular) < cos_lat) {
    dlon = Degrees(std::asin(std::sin(angular) / cos_lat));
  }
  const double lon_low = std::max(-kMaxLon, centre.lon - dlon);
  const double lon_high = std::min(kMaxLon, centre.lon + dlon);
  auto index = [size](double degrees, double offset) {
    return static_cast<long>(std::floor((degrees + offset) / size));
  };
  return {index(lat_low, kMaxLat), index(lat_high, kMaxLat), index(lon_low, kMaxLon),
          index(lon_high, kMaxLon)};
}

// The chord between an office's UnitVector, as stored (floats), and a point's
// is within kChordError of the chord to the office's exact UnitVector: the
// floats move it by at most √3·kUnitVectorError ≈ 5.2e-8, doubled here to
// cover double rounding with room to spare.
constexpr double kSqrt3 = 1.7320508075688772;
constexpr double kChordError = 2 * kSqrt3 * OfficePoint::kUnitVectorError;

double ChordSquared(const UnitVector& point, const OfficePoint& office) {
  const double dx = office.x - point.x;
  const double dy = office.y - point.y;
  const double dz = office.z - point.z;
  return dx * dx + dy * dy + dz * dz;
}

// Whether an office is within `radius_km` of `centre`. The great-circle
// distance is 2R·asin(c/2) for the chord c between the two UnitVectors, so
// the chord decides, with no trigonometry, every office farther than
// kChordError (and a relative 1e-9 for the exact test's own rounding) from
// the circle; only the offices within that band (a metre or so) get the
// exact GreatCircleKm <= radius_km test, so the answer is that test's.
class CircleTest {
 public:
  CircleTest(const GeoPoint& centre, double radius_km)
      : centre_(centre),
        unit_centre_(UnitVector::Of(centre.lat, centre.lon)),
        radius_km_(radius_km) {
    if (radius_km > kChordDecidesUpToKm) return;  // every office gets the exact test
    const double chord = 2 * std::sin(radius_km / (2 * kEarthRadiusKm));
    const double inner = chord * (1 - kRoundingMargin) - kChordError;
    const double outer = chord * (1 + kRoundingMargin) + kChordError;
    if (inner > 0) inner_squared_ = inner * inner;
    outer_squared_ = outer * outer;
  }

  bool Contains(const OfficePoint& office) const {
    const double chord_squared = ChordSquared(unit_centre_, office);
    if (chord_squared < inner_squared_) return true;
    if (chord_squared > outer_squared_) return false;
    return GreatCircleKm(centre_.lat, centre_.lon, office.lat, office.lon) <= radius_km_;
  }

 private:
  static constexpr double kRoundingMargin = 1e-9;
  // Towards the antipode haversine's own rounding outgrows kRoundingMargin;
  // beyond this radius (the API allows 1,000 km) only the exact test decides.
  static constexpr double kChordDecidesUpToKm = 5000;
  GeoPoint centre_;
  UnitVector unit_centre_;
  double radius_km_;
  double inner_squared_ = -1;  // a chord² below this is inside
  double outer_squared_ = std::numeric_limits<double>::infinity();  // above this, outside
};

bool WithinRadius(const FacetStore& store, uint32_t docid, const CircleTest& circle) {
  auto [begin, end] = store.Offices(docid);
  for (auto office = begin; office != end; ++office) {
    if (circle.Contains(*office)) return true;
  }
  return false;
}

}  // namespace

double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  const double a = HaversineA(std::cos(Radians(lat1)), lat1, lon1, lat2, lon2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::optional<double> NearestOfficeKm(const FacetStore& store, uint32_t docid,
                                      const GeoPoint& centre) {
  std::optional<double> nearest;
  auto [begin, end] = store.Offices(docid);
  for (auto office = begin; office != end; ++office) {
    const double km = GreatCircleKm(centre.lat, centre.lon, office->lat, office->lon);
    if (!nearest || km < *nearest) nearest = km;
  }
  return nearest;
}

double NearestOfficeKmLowerBound(const FacetStore& store, uint32_t docid,
                                 const UnitVector& centre) {
  // asin(x) >= x, so a great circle 2R·asin(c/2) is at least R·c for its
  // chord c, and c is at least the stored chord less kChordError.
  constexpr double kRoundingAllowance = 1 - 1e-9;
  double nearest_squared = std::numeric_limits<double>::infinity();
  auto [begin, end] = store.Offices(docid);
  for (auto office = begin; office != end; ++office) {
    nearest_squared = std::min(nearest_squared, ChordSquared(centre, *office));
  }
  if (nearest_squared == std::numeric_limits<double>::infinity()) return nearest_squared;
  const double chord = std::max(0.0, std::sqrt(nearest_squared) - kChordError);
  return kEarthRadiusKm * chord * kRoundingAllowance;
}

Result<DocSet> GeoFilter(Xapian::Database& db, const FacetStore& store, const GeoPoint& centre,
                         double radius_km, PostingCache* cache, const GeoLimits& limits) {
  DocSet result(store.bound());
  const CircleTest circle(centre, radius_km);
  std::string_view prefix = layout::kFineCellPrefix;
  CellRange cells = CoveringCells(centre, radius_km, layout::kFineCellDegrees);
  if (cells.Count() > limits.max_fine_cells) {
    prefix = layout::kCoarseCellPrefix;
    cells = CoveringCells(centre, radius_km, layout::kCoarseCellDegrees);
  }
  if (cells.Count() > limits.max_coarse_cells) {
    store.live().ForEach([&](uint32_t docid) {
      if (WithinRadius(store, docid, circle)) result.Insert(docid);
    });
    return result;
  }
  try {
    std::vector<uint32_t> candidates;
    for (long lat = cells.lat_first; lat <= cells.lat_last; ++lat) {
      for (long lon = cells.lon_first; lon <= cells.lon_last; ++lon) {
        const std::string term =
            std::string(prefix) + std::to_string(lat) + "_" + std::to_string(lon);
        candidates.clear();
        for (TermCursor cell(db, term, cache); !cell.AtEnd(); cell.Next()) {
          const uint32_t docid = cell.Doc();
          if (docid < store.bound() && !result.Contains(docid)) candidates.push_back(docid);
        }
        store.ForEachWithOffices(candidates, [&](uint32_t docid) {
          if (WithinRadius(store, docid, circle)) result.Insert(docid);
        });
      }
    }
  } catch (const Xapian::Error& e) {
    return Error::IndexUnavailable("cannot read the index: " + e.get_msg());
  }
  result.IntersectWith(store.live());
  return result;
}

}  // namespace rapport
