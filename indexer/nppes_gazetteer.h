// CityGazetteer: city-centre coordinates of the shipped gazetteer
// (data/cities.json), looked up by city and state without regard to case, to
// place an imported office approximately (docs/interop.md §4.1, §4.3).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "error.h"

namespace rapport {

struct GazetteerPoint {
  double lat = 0;
  double lon = 0;
};

class CityGazetteer {
 public:
  // Reads cities.json ([{"city", "state", "lat", "lon", ...}]); a 500 Error
  // naming the problem otherwise.
  [[nodiscard]] static Result<CityGazetteer> Load(const std::string& path);

  // The centre of `city` in `state` ("oakland", "CA"), if the gazetteer has it.
  [[nodiscard]] std::optional<GazetteerPoint> Find(std::string_view city,
                                                   std::string_view state) const;

 private:
  std::map<std::string, GazetteerPoint, std::less<>> points_;  // by Key(city, state)
};

}  // namespace rapport
