// CityGazetteer: city-centre coordinates of the shipped gazetteer
// (data/cities.json). The importers look a city up by name and state to place
// an office approximately (docs/interop.md §4.1, §4.3); the search reads
// "in Oakland" in a client's words as a place (query/filter_words.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rapport {

struct GazetteerPoint {
  double lat = 0;
  double lon = 0;
};

struct GazetteerCity {
  std::string city;   // as the gazetteer spells it: "Oakland"
  std::string state;  // USPS code: "CA"
  GazetteerPoint centre;
};

class CityGazetteer {
 public:
  // Reads cities.json ([{"city", "state", "lat", "lon", ...}]); a 500 Error
  // naming the problem otherwise.
  [[nodiscard]] static Result<CityGazetteer> Load(const std::string& path);

  // The centre of `city` in `state` ("oakland", "CA"), if the gazetteer has it.
  [[nodiscard]] std::optional<GazetteerPoint> Find(std::string_view city,
                                                   std::string_view state) const;

  // Every city, in the file's order.
  [[nodiscard]] const std::vector<GazetteerCity>& cities() const { return cities_; }

 private:
  std::vector<GazetteerCity> cities_;
  std::map<std::string, GazetteerPoint, std::less<>> points_;  // by Key(city, state)
};

}  // namespace rapport
