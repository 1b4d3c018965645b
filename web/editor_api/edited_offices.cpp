// Which office precisions an editor's write keeps (edited_offices.h).
#include "edited_offices.h"

#include <algorithm>
#include <cmath>

namespace rapport {
namespace {

// Coordinates read back from JSON may differ in the last bits; far below the
// 1e-4 degree (~10 m) of the shipped tables.
constexpr double kSamePointDegrees = 1e-9;

bool SameCoordinate(const std::optional<double>& a, const std::optional<double>& b) {
  return a && b && std::abs(*a - *b) < kSamePointDegrees;
}

bool ImportPlaced(const Office& office, const Profile* stored) {
  if (stored == nullptr) return false;
  return std::any_of(stored->offices.begin(), stored->offices.end(), [&](const Office& before) {
    return before.geo_precision == office.geo_precision && SameCoordinate(before.lat, office.lat) &&
           SameCoordinate(before.lon, office.lon);
  });
}

}  // namespace

void DropEditorPlacedPrecisions(const Profile* stored, Profile* edited) {
  for (Office& office : edited->offices) {
    if (!office.geo_precision.empty() && !ImportPlaced(office, stored))
      office.geo_precision.clear();
  }
}

}  // namespace rapport
