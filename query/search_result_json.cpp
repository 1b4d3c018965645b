// Writes search results, suggestions and errors as the API's JSON
// (search_result_json.h).
#include "search_result_json.h"

#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Decimal places of took_ms and distance_km: enough for sub-millisecond
// timings and metre precision, short enough to read.
constexpr int kMaxDecimalPlaces = 3;

// Profile fields a search result shows, in output order, and whether an
// absent field is written as [] (a list) or null.
struct ResultField {
  const char* name;
  bool is_list;
};
constexpr ResultField kLeadingFields[] = {
    {"name", false}, {"credentials", true}, {"profession", false}};
constexpr ResultField kTrailingFields[] = {{"modalities", true},
                                           {"specialties", true},
                                           {"languages", true},
                                           {"session_formats", true},
                                           {"insurance", true},
                                           {"licenses", true},
                                           {"virtual_states", true},
                                           {"accepting_new_clients", false},
                                           {"fee", false},
                                           {"telehealth", false},
                                           {"offices", true},
                                           {"contact", false},
                                           {"availability_confirmed_at", false},
                                           {"verified_at", false}};

void Key(Writer& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void String(Writer& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void CopyField(Writer& writer, const rapidjson::Document& profile, const ResultField& field) {
  Key(writer, field.name);
  if (profile.IsObject()) {
    auto it = profile.FindMember(field.name);
    if (it != profile.MemberEnd() && !it->value.IsNull()) {
      it->value.Accept(writer);
      return;
    }
  }
  if (field.is_list) {
    writer.StartArray();
    writer.EndArray();
  } else {
    writer.Null();
  }
}

void WriteHit(Writer& writer, const SearchHit& hit) {
  static const rapidjson::Document kNoProfile(rapidjson::kObjectType);
  const rapidjson::Document& profile = hit.profile ? *hit.profile : kNoProfile;
  writer.StartObject();
  Key(writer, "id");
  String(writer, hit.id);
  for (const ResultField& field : kLeadingFields) CopyField(writer, profile, field);
  Key(writer, "snippet");
  String(writer, hit.snippet);
  for (const ResultField& field : kTrailingFields) CopyField(writer, profile, field);
  if (hit.distance_km) {
    Key(writer, "distance_km");
    writer.Double(*hit.distance_km);
  }
  Key(writer, "telehealth_years");
  if (hit.telehealth_years) {
    writer.Int(*hit.telehealth_years);
  } else {
    writer.Null();
  }
  writer.EndObject();
}

void WriteFacets(Writer& writer, const SearchResult& result) {
  writer.StartObject();
  for (const auto& [name, counts] : result.facets) {
    Key(writer, name);
    writer.StartArray();
    for (const FacetCount& count : counts) {
      writer.StartObject();
      Key(writer, "value");
      String(writer, count.value);
      Key(writer, "label");
      String(writer, count.label);
      Key(writer, "count");
      writer.Int64(count.count);
      writer.EndObject();
    }
    writer.EndArray();
  }
  writer.EndObject();
}

}  // namespace

std::string SearchResultToJson(const SearchResult& result) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.SetMaxDecimalPlaces(kMaxDecimalPlaces);
  writer.StartObject();
  Key(writer, "total");
  writer.Int64(result.total);
  Key(writer, "offset");
  writer.Int(result.offset);
  Key(writer, "limit");
  writer.Int(result.limit);
  Key(writer, "results");
  writer.StartArray();
  for (const SearchHit& hit : result.hits) WriteHit(writer, hit);
  writer.EndArray();
  Key(writer, "facets");
  WriteFacets(writer, result);
  Key(writer, "did_you_mean");
  if (result.did_you_mean) {
    String(writer, *result.did_you_mean);
  } else {
    writer.Null();
  }
  Key(writer, "dropped_words");
  writer.StartArray();
  for (const std::string& word : result.dropped_words) String(writer, word);
  writer.EndArray();
  Key(writer, "interpreted");
  if (result.interpreted) {
    writer.StartObject();
    Key(writer, "q");
    String(writer, result.interpreted->q);
    Key(writer, "filters");
    writer.StartArray();
    for (const InterpretedFilter& filter : result.interpreted->filters) {
      writer.StartObject();
      Key(writer, "words");
      String(writer, filter.words);
      Key(writer, "param");
      String(writer, filter.param);
      Key(writer, "value");
      String(writer, filter.value);
      Key(writer, "label");
      String(writer, filter.label);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  } else {
    writer.Null();
  }
  Key(writer, "crisis");
  writer.Bool(result.crisis);
  if (result.walking) {
    Key(writer, "next_cursor");
    if (result.next_cursor) {
      String(writer, *result.next_cursor);
    } else {
      writer.Null();
    }
  }
  Key(writer, "took_ms");
  writer.Double(result.took_ms);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string SuggestionsToJson(const std::vector<Suggestion>& suggestions) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "suggestions");
  writer.StartArray();
  for (const Suggestion& suggestion : suggestions) {
    writer.StartObject();
    Key(writer, "text");
    String(writer, suggestion.text);
    Key(writer, "kind");
    String(writer, suggestion.kind);
    Key(writer, "value");
    if (suggestion.value.empty()) {
      writer.Null();
    } else {
      String(writer, suggestion.value);
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ErrorToJson(const Error& error) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "error");
  writer.StartObject();
  Key(writer, "code");
  String(writer, error.code);
  Key(writer, "message");
  String(writer, error.message);
  if (!error.field.empty()) {
    Key(writer, "field");
    String(writer, error.field);
  }
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace rapport
