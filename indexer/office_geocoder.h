// OfficeGeocoder: the one lookup that gives an imported office its
// coordinates and their precision (docs/interop.md §4.3), shared by the NPPES
// and FHIR imports. Order: a point that came with the address (a valid FHIR
// Location.position) as given; else the ZIP code's centroid (precision zip);
// else the city centre (precision city); else no coordinates.
//
//   auto geocoder = OfficeGeocoder::Load(data_files_dir);
//   if (auto place = geocoder.value().Locate({zip, city, state})) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "city_gazetteer.h"
#include "error.h"
#include "zip_gazetteer.h"

namespace rapport {

// A point and how exact it is (a value of kGeoPrecisions).
struct OfficePlace {
  GazetteerPoint point;
  std::string_view precision;
};

struct OfficeAddress {
  std::string_view zip;  // "94612", "94612-1234"; empty when unknown
  std::string_view city;
  std::string_view state;  // USPS code
};

class OfficeGeocoder {
 public:
  OfficeGeocoder() = default;  // empty tables: Locate finds only `given`
  OfficeGeocoder(CityGazetteer cities, ZipGazetteer zips);

  // Reads cities.json and zip_centroids.tsv from the shipped data folder; the
  // loader's 500 Error otherwise.
  [[nodiscard]] static Result<OfficeGeocoder> Load(const std::string& data_files_dir);

  // `given` when there is one; else the ZIP centroid; else the city centre;
  // else nothing.
  [[nodiscard]] std::optional<OfficePlace> Locate(
      const OfficeAddress& address, const std::optional<OfficePlace>& given = std::nullopt) const;

  [[nodiscard]] const CityGazetteer& cities() const { return cities_; }
  [[nodiscard]] const ZipGazetteer& zips() const { return zips_; }

 private:
  CityGazetteer cities_;
  ZipGazetteer zips_;
};

}  // namespace rapport
