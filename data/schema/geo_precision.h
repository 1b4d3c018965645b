// GeoPrecision: how exact an office's coordinates are (offices[].geo_precision,
// docs/data.md "offices"). The one list of the values the model accepts; the
// validator, the importers, the FHIR mapping and the pages all read it here.
#pragma once

#include <array>
#include <string_view>

namespace rapport {

// A point for the street address (a FHIR Location.position).
inline constexpr std::string_view kGeoPrecisionAddress = "address";
// The centroid of the office's ZIP code (data/zip_centroids.tsv).
inline constexpr std::string_view kGeoPrecisionZip = "zip";
// The centre of the office's city (data/cities.json).
inline constexpr std::string_view kGeoPrecisionCity = "city";

inline constexpr std::array<std::string_view, 3> kGeoPrecisions = {
    kGeoPrecisionAddress, kGeoPrecisionZip, kGeoPrecisionCity};

// True when `value` is one of kGeoPrecisions.
[[nodiscard]] constexpr bool IsGeoPrecision(std::string_view value) {
  for (std::string_view known : kGeoPrecisions) {
    if (known == value) return true;
  }
  return false;
}

}  // namespace rapport
