// Catalog: what the generator draws from, read from the data folder:
// vocab.json (values and labels), cities.json (real places) and compacts.json.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "error.h"

namespace rapport::generator {

struct City {
  std::string city;
  std::string state;
  double lat = 0;
  double lon = 0;
  double population = 0;
};

struct Compact {
  std::string value;
  bool operational = false;
  std::set<std::string> professions;
  std::set<std::string> member_states;
};

struct FacetValue {
  std::string value;
  std::string label;
  std::vector<std::string> credentials;  // professions only
};

struct Catalog {
  // Facet name -> values in file order (the generator treats file order as popularity order).
  std::map<std::string, std::vector<FacetValue>> facets;
  std::vector<City> cities;
  std::vector<Compact> compacts;
  // State code -> label ("CA" -> "California").
  std::map<std::string, std::string> state_names;

  const std::vector<FacetValue>& Facet(const std::string& name) const;
};

// Reads DIR/vocab.json, DIR/cities.json and DIR/compacts.json.
Result<Catalog> LoadCatalog(const std::string& dir);

}  // namespace rapport::generator
