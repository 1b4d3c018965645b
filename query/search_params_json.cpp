// Search parameters from a JSON object (search_params_json.h).
#include "search_params_json.h"

#include <array>
#include <charconv>

namespace rapport {
namespace {

constexpr std::string_view kLat = "lat";
constexpr std::string_view kLon = "lon";

std::string Str(std::string_view text) { return std::string(text); }

// The shortest decimal text that reads back as `number`.
std::string NumberText(const rapidjson::Value& number) {
  if (number.IsInt64()) return std::to_string(number.GetInt64());
  if (number.IsUint64()) return std::to_string(number.GetUint64());
  std::array<char, 32> buffer{};
  auto [end, error] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), number.GetDouble());
  return error == std::errc() ? std::string(buffer.data(), end) : std::string();
}

// "LAT,LON" from {"lat": …, "lon": …}; 400 naming `name` otherwise.
Result<std::string> LatLonText(const rapidjson::Value& point, std::string_view name) {
  const auto member = [&point](std::string_view key) -> const rapidjson::Value* {
    auto it = point.FindMember(rapidjson::StringRef(key.data(), key.size()));
    return it == point.MemberEnd() || !it->value.IsNumber() ? nullptr : &it->value;
  };
  const rapidjson::Value* lat = member(kLat);
  const rapidjson::Value* lon = member(kLon);
  if (lat == nullptr || lon == nullptr || point.MemberCount() != 2) {
    return Error::BadParameter(Str(name), Str(name) +
                                              " takes {\"lat\": number, \"lon\": number} or "
                                              "\"LAT,LON\"");
  }
  return NumberText(*lat) + "," + NumberText(*lon);
}

// The query-string text of one JSON value of parameter `spec`.
Result<std::string> ValueText(const ParamSpec& spec, const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  switch (spec.type) {
    case ParamType::kBoolean:
      if (value.IsBool()) return std::string(value.GetBool() ? "true" : "false");
      return Error::BadParameter(Str(spec.name), Str(spec.name) + " takes true or false");
    case ParamType::kInteger:
    case ParamType::kNumber:
      if (value.IsNumber()) return NumberText(value);
      return Error::BadParameter(Str(spec.name), Str(spec.name) + " takes a number");
    case ParamType::kLatLon:
      if (value.IsObject()) return LatLonText(value, spec.name);
      return Error::BadParameter(Str(spec.name), Str(spec.name) +
                                                     " takes {\"lat\": number, \"lon\": "
                                                     "number} or \"LAT,LON\"");
    case ParamType::kText:
    case ParamType::kFacetValue:
    case ParamType::kStateCode:
    case ParamType::kChoice:
    case ParamType::kFacetNames:
      break;
  }
  return Error::BadParameter(Str(spec.name), Str(spec.name) + " takes a string");
}

}  // namespace

Result<ParamPairs> ParamPairsFromJson(const rapidjson::Value& object,
                                      const std::vector<ParamSpec>& table, std::string_view field) {
  if (!object.IsObject()) {
    return Error::BadParameter(Str(field), "the search parameters must be a JSON object");
  }
  ParamPairs pairs;
  for (const auto& member : object.GetObject()) {
    std::string name(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& value = member.value;
    if (value.IsNull()) continue;
    const ParamSpec* spec = FindParam(table, name);
    if (spec == nullptr) {
      pairs.emplace_back(std::move(name), std::string());
      continue;
    }
    if (!value.IsArray()) {
      auto text = ValueText(*spec, value);
      if (!text) return text.error();
      pairs.emplace_back(std::move(name), std::move(text.value()));
      continue;
    }
    if (!spec->repeatable) {
      return Error::BadParameter(name, name + " takes one value, not a list");
    }
    for (const rapidjson::Value& element : value.GetArray()) {
      auto text = ValueText(*spec, element);
      if (!text) return text.error();
      pairs.emplace_back(name, std::move(text.value()));
    }
  }
  return pairs;
}

}  // namespace rapport
