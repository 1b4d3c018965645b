// Catalog: loading the generator's data files with RapidJSON (see catalog.h).
#include "catalog.h"

#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace rapport::generator {
namespace {

// Facets every generated profile draws from; a vocab.json without them is unusable.
const char* const kRequiredFacets[] = {"modality", "specialty", "population", "session_format",
                                       "language", "insurance", "gender",     "profession",
                                       "mode",     "platform",  "device",     "state"};

Result<rapidjson::Document> ReadJson(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (doc.HasParseError()) {
    return Error::Internal(path + ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  return doc;
}

std::vector<std::string> Strings(const rapidjson::Value& object, const char* member) {
  std::vector<std::string> out;
  auto it = object.FindMember(member);
  if (it == object.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& item : it->value.GetArray()) {
    if (item.IsString()) out.emplace_back(item.GetString());
  }
  return out;
}

Status ReadVocabulary(const std::string& path, Catalog* catalog) {
  Result<rapidjson::Document> doc = ReadJson(path);
  if (!doc) return doc.error();
  if (!doc.value().IsObject()) return Error::Internal(path + ": not an object");
  for (const auto& facet : doc.value().GetObject()) {
    if (!facet.value.IsArray()) return Error::Internal(path + ": a facet is not a list");
    auto& values = catalog->facets[facet.name.GetString()];
    for (const auto& entry : facet.value.GetArray()) {
      if (!entry.IsObject() || !entry.HasMember("value") || !entry["value"].IsString() ||
          !entry.HasMember("label") || !entry["label"].IsString()) {
        return Error::Internal(path + ": an entry lacks a string value or label");
      }
      values.push_back(
          {entry["value"].GetString(), entry["label"].GetString(), Strings(entry, "credentials")});
    }
  }
  for (const char* facet : kRequiredFacets) {
    if (catalog->Facet(facet).empty()) {
      return Error::Internal(path + ": facet \"" + facet + "\" is missing or empty");
    }
  }
  for (const auto& state : catalog->Facet("state")) catalog->state_names[state.value] = state.label;
  return Status::Ok();
}

Status ReadCities(const std::string& path, Catalog* catalog) {
  Result<rapidjson::Document> doc = ReadJson(path);
  if (!doc) return doc.error();
  if (!doc.value().IsArray()) return Error::Internal(path + ": not a list");
  for (const auto& entry : doc.value().GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("city") || !entry["city"].IsString() ||
        !entry.HasMember("state") || !entry["state"].IsString() || !entry.HasMember("lat") ||
        !entry["lat"].IsNumber() || !entry.HasMember("lon") || !entry["lon"].IsNumber() ||
        !entry.HasMember("population") || !entry["population"].IsNumber()) {
      return Error::Internal(path + ": every city needs city, state, lat, lon and population");
    }
    City city{entry["city"].GetString(), entry["state"].GetString(), entry["lat"].GetDouble(),
              entry["lon"].GetDouble(), entry["population"].GetDouble()};
    if (catalog->state_names.count(city.state) == 0) {
      return Error::Internal(path + ": " + city.city + " has an unknown state " + city.state);
    }
    catalog->cities.push_back(std::move(city));
  }
  if (catalog->cities.empty()) return Error::Internal(path + ": no cities");
  return Status::Ok();
}

Status ReadCompacts(const std::string& path, Catalog* catalog) {
  Result<rapidjson::Document> doc = ReadJson(path);
  if (!doc) return doc.error();
  if (!doc.value().IsObject() || !doc.value().HasMember("compacts") ||
      !doc.value()["compacts"].IsArray()) {
    return Error::Internal(path + ": needs a \"compacts\" list");
  }
  for (const auto& entry : doc.value()["compacts"].GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("value") || !entry["value"].IsString()) {
      return Error::Internal(path + ": every compact needs a string value");
    }
    Compact compact;
    compact.value = entry["value"].GetString();
    compact.operational = entry.HasMember("operational") && entry["operational"].IsBool() &&
                          entry["operational"].GetBool();
    for (auto& profession : Strings(entry, "professions")) compact.professions.insert(profession);
    for (auto& state : Strings(entry, "member_states")) compact.member_states.insert(state);
    catalog->compacts.push_back(std::move(compact));
  }
  return Status::Ok();
}

}  // namespace

const std::vector<FacetValue>& Catalog::Facet(const std::string& name) const {
  static const std::vector<FacetValue> kNone;
  auto it = facets.find(name);
  return it == facets.end() ? kNone : it->second;
}

Result<Catalog> LoadCatalog(const std::string& dir) {
  Catalog catalog;
  Status status = ReadVocabulary(dir + "/vocab.json", &catalog);
  if (status) status = ReadCities(dir + "/cities.json", &catalog);
  if (status) status = ReadCompacts(dir + "/compacts.json", &catalog);
  if (!status) return status.error();
  return catalog;
}

}  // namespace rapport::generator
