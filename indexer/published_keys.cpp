// Partner keys carried in the index (published_keys.h).
#include "published_keys.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>

#include "bounded_json.h"
#include "index_layout.h"

namespace rapport {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteFilters(JsonWriter& writer, const KeyFilters& filters) {
  writer.StartObject();
  for (const auto& [facet, values] : filters) {
    writer.Key(facet.c_str(), static_cast<rapidjson::SizeType>(facet.size()));
    writer.StartArray();
    for (const auto& value : values) writer.String(value);
    writer.EndArray();
  }
  writer.EndObject();
}

void WriteStrings(JsonWriter& writer, const std::vector<std::string>& strings) {
  writer.StartArray();
  for (const auto& text : strings) writer.String(text);
  writer.EndArray();
}

KeyFilters FiltersOf(const rapidjson::Value& object) {
  KeyFilters filters;
  if (!object.IsObject()) return filters;
  for (const auto& member : object.GetObject()) {
    if (!member.value.IsArray()) continue;
    auto& values = filters[std::string(member.name.GetString(), member.name.GetStringLength())];
    for (const auto& value : member.value.GetArray()) {
      if (value.IsString()) values.emplace_back(value.GetString(), value.GetStringLength());
    }
  }
  return filters;
}

std::vector<std::string> StringsOf(const rapidjson::Value& array) {
  std::vector<std::string> strings;
  if (!array.IsArray()) return strings;
  for (const auto& value : array.GetArray()) {
    if (value.IsString()) strings.emplace_back(value.GetString(), value.GetStringLength());
  }
  return strings;
}

std::string EntryJson(const PublishedKey& key) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("format");
  writer.Int(layout::kApiKeyFormat);
  writer.Key("id");
  writer.Int64(key.id);
  writer.Key("partner");
  writer.String(key.partner);
  writer.Key("hash");
  writer.String(key.hash_hex);
  writer.Key("rate_per_second");
  writer.Double(key.rate_per_second);
  writer.Key("burst");
  writer.Int(key.burst);
  writer.Key("filters");
  WriteFilters(writer, key.filters);
  writer.Key("search_only");
  writer.Bool(key.search_only);
  writer.Key("origins");
  WriteStrings(writer, key.origins);
  writer.Key("expires_at");
  writer.String(key.expires_at);
  writer.EndObject();
  return buffer.GetString();
}

// The member `name` of `object` when it has type `is`, else nullptr.
template <typename IsType>
const rapidjson::Value* Member(const rapidjson::Value& object, const char* name, IsType is) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !is(found->value)) return nullptr;
  return &found->value;
}

std::optional<PublishedKey> ParseEntry(std::string prefix, std::string_view json) {
  rapidjson::Document doc;
  if (!ParseJsonBounded(json, JsonLimits{}, doc).ok() || !doc.IsObject()) return std::nullopt;
  const auto is_string = [](const rapidjson::Value& v) { return v.IsString(); };
  const auto format = Member(doc, "format", [](const rapidjson::Value& v) { return v.IsInt(); });
  const auto id = Member(doc, "id", [](const rapidjson::Value& v) { return v.IsInt64(); });
  const auto partner = Member(doc, "partner", is_string);
  const auto hash = Member(doc, "hash", is_string);
  const auto rate =
      Member(doc, "rate_per_second", [](const rapidjson::Value& v) { return v.IsNumber(); });
  const auto burst = Member(doc, "burst", [](const rapidjson::Value& v) { return v.IsInt(); });
  const auto search_only =
      Member(doc, "search_only", [](const rapidjson::Value& v) { return v.IsBool(); });
  const auto expires_at = Member(doc, "expires_at", is_string);
  if (format == nullptr || format->GetInt() != layout::kApiKeyFormat || id == nullptr ||
      partner == nullptr || hash == nullptr || rate == nullptr || burst == nullptr ||
      search_only == nullptr || expires_at == nullptr) {
    return std::nullopt;
  }
  PublishedKey key;
  key.id = id->GetInt64();
  key.prefix = std::move(prefix);
  key.partner.assign(partner->GetString(), partner->GetStringLength());
  key.hash_hex.assign(hash->GetString(), hash->GetStringLength());
  key.rate_per_second = rate->GetDouble();
  key.burst = burst->GetInt();
  const auto filters = doc.FindMember("filters");
  if (filters != doc.MemberEnd()) key.filters = FiltersOf(filters->value);
  key.search_only = search_only->GetBool();
  const auto origins = doc.FindMember("origins");
  if (origins != doc.MemberEnd()) key.origins = StringsOf(origins->value);
  key.expires_at.assign(expires_at->GetString(), expires_at->GetStringLength());
  return key;
}

}  // namespace

std::string KeyFiltersJson(const KeyFilters& filters) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteFilters(writer, filters);
  return buffer.GetString();
}

KeyFilters KeyFiltersFromJson(std::string_view json) {
  rapidjson::Document doc;
  if (!ParseJsonBounded(json, JsonLimits{}, doc).ok()) return {};
  return FiltersOf(doc);
}

std::string KeyStringsJson(const std::vector<std::string>& strings) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteStrings(writer, strings);
  return buffer.GetString();
}

std::vector<std::string> KeyStringsFromJson(std::string_view json) {
  rapidjson::Document doc;
  if (!ParseJsonBounded(json, JsonLimits{}, doc).ok()) return {};
  return StringsOf(doc);
}

std::string HexOf(const unsigned char* bytes, size_t length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  constexpr unsigned kNibbleBits = 4;
  constexpr unsigned kNibbleMask = 0xf;
  std::string hex;
  hex.reserve(length * 2);
  for (size_t i = 0; i < length; ++i) {
    hex += kDigits[bytes[i] >> kNibbleBits];
    hex += kDigits[bytes[i] & kNibbleMask];
  }
  return hex;
}

int64_t PublishedKeysVersion(const Xapian::Database& db) {
  const std::string text = db.get_metadata(std::string(layout::kMetaApiKeysVersion));
  try {
    return text.empty() ? 0 : std::stoll(text);
  } catch (const std::exception&) {
    return 0;  // unreadable: published anew
  }
}

void WritePublishedKeys(Xapian::WritableDatabase& db, const KeySet& keys) {
  const std::string key_prefix(layout::kMetaApiKeyPrefix);
  std::map<std::string, std::string> wanted;
  for (const PublishedKey& key : keys.keys) wanted[key_prefix + key.prefix] = EntryJson(key);
  std::vector<std::string> stale;
  for (auto it = db.metadata_keys_begin(key_prefix); it != db.metadata_keys_end(key_prefix); ++it) {
    if (wanted.count(*it) == 0) stale.push_back(*it);
  }
  // An empty value deletes a metadata entry.
  for (const std::string& name : stale) db.set_metadata(name, "");
  for (const auto& [name, json] : wanted) {
    if (db.get_metadata(name) != json) db.set_metadata(name, json);
  }
  db.set_metadata(std::string(layout::kMetaApiKeysVersion), std::to_string(keys.version));
}

std::vector<PublishedKey> ReadPublishedKeys(const Xapian::Database& db) {
  const std::string key_prefix(layout::kMetaApiKeyPrefix);
  std::vector<PublishedKey> keys;
  for (auto it = db.metadata_keys_begin(key_prefix); it != db.metadata_keys_end(key_prefix); ++it) {
    const std::string name = *it;
    std::optional<PublishedKey> key =
        ParseEntry(name.substr(key_prefix.size()), db.get_metadata(name));
    if (key) keys.push_back(std::move(*key));
  }
  return keys;
}

}  // namespace rapport
