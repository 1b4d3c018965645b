// Reading data/cities.json (city_gazetteer.h).
#include "city_gazetteer.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

namespace rapport {
namespace {

std::string Key(std::string_view city, std::string_view state) {
  std::string key;
  for (char c : city) key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  key += '|';
  for (char c : state) key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

Result<CityGazetteer> CityGazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read the gazetteer " + path);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (doc.HasParseError() || !doc.IsArray()) return Error::Internal(path + ": not a JSON list");
  CityGazetteer gazetteer;
  for (const auto& entry : doc.GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("city") || !entry["city"].IsString() ||
        !entry.HasMember("state") || !entry["state"].IsString() || !entry.HasMember("lat") ||
        !entry["lat"].IsNumber() || !entry.HasMember("lon") || !entry["lon"].IsNumber()) {
      return Error::Internal(path + ": every city needs city, state, lat and lon");
    }
    GazetteerCity city;
    city.city = entry["city"].GetString();
    city.state = entry["state"].GetString();
    city.centre.lat = entry["lat"].GetDouble();
    city.centre.lon = entry["lon"].GetDouble();
    gazetteer.points_[Key(city.city, city.state)] = city.centre;
    gazetteer.cities_.push_back(std::move(city));
  }
  return gazetteer;
}

std::optional<GazetteerPoint> CityGazetteer::Find(std::string_view city,
                                                  std::string_view state) const {
  auto it = points_.find(Key(city, state));
  if (it == points_.end()) return std::nullopt;
  return it->second;
}

}  // namespace rapport
