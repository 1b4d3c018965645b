// The lookup order of imported offices' coordinates (office_geocoder.h).
#include "office_geocoder.h"

#include <utility>

#include "geo_precision.h"

namespace rapport {

OfficeGeocoder::OfficeGeocoder(CityGazetteer cities, ZipGazetteer zips)
    : cities_(std::move(cities)), zips_(std::move(zips)) {}

Result<OfficeGeocoder> OfficeGeocoder::Load(const std::string& data_files_dir) {
  auto cities = CityGazetteer::Load(data_files_dir + "/cities.json");
  if (!cities) return cities.error();
  auto zips = ZipGazetteer::Load(data_files_dir + "/zip_centroids.tsv");
  if (!zips) return zips.error();
  return OfficeGeocoder(std::move(cities).value(), std::move(zips).value());
}

std::optional<OfficePlace> OfficeGeocoder::Locate(const OfficeAddress& address,
                                                  const std::optional<OfficePlace>& given) const {
  if (given) return given;
  if (auto centroid = zips_.Find(address.zip)) {
    return OfficePlace{*centroid, kGeoPrecisionZip};
  }
  if (auto centre = cities_.Find(address.city, address.state)) {
    return OfficePlace{*centre, kGeoPrecisionCity};
  }
  return std::nullopt;
}

}  // namespace rapport
