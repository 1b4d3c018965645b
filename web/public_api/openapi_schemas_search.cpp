// Search, multi-search and suggest in the OpenAPI document
// (openapi_schemas.h). The search parameters' schemas come from the one
// parameter table (query/search_params.h): the query parameters
// (openapi.cpp) and the JSON body (SearchParameters, docs/search-api.md,
// "JSON bodies") read the same ParamSpec. The answers are those of
// query/search_result_json.h.
#include "openapi_schemas.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "openapi_param_schema.h"
#include "search_params.h"

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Raw(Writer& w, std::string_view json) {
  w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

// The JSON-body form of a parameter: its typed value, the text a query
// string would carry, a list for a repeatable one, or null (left out).
void WriteBodyMember(Writer& w, const ParamSpec& spec) {
  w.StartObject();
  w.Key("description");
  w.String(spec.description);
  w.Key("anyOf");
  w.StartArray();
  const std::string value = ParamValueSchemaJson(spec, ParamForm::kJsonBody);
  Raw(w, value);
  if (spec.repeatable && spec.type != ParamType::kFacetNames) {
    Raw(w, R"({"type":"array","items":)" + value + "}");
  }
  if (value != R"({"type":"string"})") Raw(w, R"({"type":"string"})");
  Raw(w, R"({"type":"null"})");
  w.EndArray();
  w.EndObject();
}

// {"type":"object","properties":{…every search parameter…}}.
std::string SearchParametersSchema() {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("additionalProperties");
  w.Bool(false);
  w.Key("description");
  w.String(
      "The search parameters as a JSON object: the same names, meanings and errors as the query "
      "parameters of GET /api/v1/search (docs/search-api.md, JSON bodies).");
  w.Key("properties");
  w.StartObject();
  for (const ParamSpec& spec : SearchParamTable()) {
    w.Key(spec.name.data(), static_cast<rapidjson::SizeType>(spec.name.size()));
    WriteBodyMember(w, spec);
  }
  w.EndObject();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string OpenApiSearchComponents(const ServerConfig& config) {
  return R"json({
"schemas": {
  "SearchParameters": )json" +
         SearchParametersSchema() + R"json(,
  "MultiSearchRequest": {"type": "object", "additionalProperties": false, "required": ["searches"],
    "properties": {"searches": {"type": "array", "minItems": 1, "maxItems": )json" +
         std::to_string(config.max_multi_searches) + R"json(,
      "description": "The searches, answered in order (at most rapport-server --max-multi-searches)",
      "items": {"$ref": "#/components/schemas/SearchParameters"}}}},
  "MultiSearchResponse": {"type": "object", "additionalProperties": false, "required": ["results"],
    "properties": {"results": {"type": "array", "description": "One entry per search, in order",
      "items": {"oneOf": [{"$ref": "#/components/schemas/SearchResponse"},
                          {"$ref": "#/components/schemas/MultiSearchError"}]}}}},
  "MultiSearchError": {"type": "object", "additionalProperties": false, "required": ["status", "error"],
    "description": "One search's own failure: the status and error GET /api/v1/search would answer",
    "properties": {"status": {"type": "integer", "minimum": 400, "maximum": 599},
                   "error": {"$ref": "#/components/schemas/ErrorBody"}}},
  "FacetCount": {"type": "object", "additionalProperties": false, "required": ["value", "label", "count"],
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}},
  "SearchHit": {"type": "object", "additionalProperties": false,
    "description": "What a result card shows: the profile's fields (null or [] when not set) plus the snippet",
    "required": ["id", "name", "credentials", "profession", "snippet", "modalities", "specialties", "languages",
                 "session_formats", "insurance", "licenses", "virtual_states", "accepting_new_clients", "fee",
                 "telehealth", "offices", "contact", "availability_confirmed_at", "verified_at", "telehealth_years"],
    "properties": {
      "id": {"$ref": "#/components/schemas/ProfileId"},
      "name": {"type": ["string", "null"]},
      "credentials": {"type": "array", "items": {"type": "string"}},
      "profession": {"type": ["string", "null"]},
      "snippet": {"type": "string", "description": "A piece of the bio around the matched words"},
      "modalities": {"$ref": "#/components/schemas/Slugs"},
      "specialties": {"$ref": "#/components/schemas/Slugs"},
      "languages": {"$ref": "#/components/schemas/Slugs"},
      "session_formats": {"$ref": "#/components/schemas/Slugs"},
      "insurance": {"$ref": "#/components/schemas/Slugs"},
      "licenses": {"type": "array", "items": {"$ref": "#/components/schemas/License"}},
      "virtual_states": {"type": "array", "items": {"$ref": "#/components/schemas/StateCode"}},
      "accepting_new_clients": {"type": ["boolean", "null"]},
      "fee": {"anyOf": [{"$ref": "#/components/schemas/Fee"}, {"type": "null"}]},
      "telehealth": {"anyOf": [{"$ref": "#/components/schemas/Telehealth"}, {"type": "null"}]},
      "offices": {"type": "array", "items": {"$ref": "#/components/schemas/Office"}},
      "contact": {"anyOf": [{"$ref": "#/components/schemas/Contact"}, {"type": "null"}]},
      "availability_confirmed_at": {"anyOf": [{"$ref": "#/components/schemas/Timestamp"}, {"type": "null"}]},
      "verified_at": {"anyOf": [{"$ref": "#/components/schemas/Timestamp"}, {"type": "null"}]},
      "distance_km": {"type": "number", "minimum": 0, "description": "Only with near="},
      "telehealth_years": {"type": ["integer", "null"], "minimum": 0}
    }},
  "SearchResponse": {"type": "object", "additionalProperties": false,
    "required": ["total", "offset", "limit", "results", "facets", "did_you_mean", "dropped_words", "interpreted", "crisis", "took_ms"],
    "properties": {
      "total": {"type": "integer", "minimum": 0, "description": "Every match, not only this page"},
      "offset": {"type": "integer", "minimum": 0},
      "limit": {"type": "integer", "minimum": 1},
      "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
      "facets": {"type": "object", "description": "Counts of each facet named in facets=, by facet name",
        "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetCount"}}},
      "did_you_mean": {"type": ["string", "null"], "description": "A corrected q when the words look misspelled"},
      "dropped_words": {"type": "array", "items": {"type": "string"},
        "description": "Words of q left out so the search finds someone (docs/search-api.md)"},
      "interpreted": {"anyOf": [{"$ref": "#/components/schemas/Interpreted"}, {"type": "null"}],
        "description": "With interpret=true: the filter words of q searched as filters; null otherwise"},
      "crisis": {"type": "boolean", "description": "The search names suicide or self-harm (its text or a specialty filter; data/crisis_terms.json): show the 988 Suicide & Crisis Lifeline and 911 prominently."},
      "next_cursor": {"type": ["string", "null"], "description": "Only with cursor=: the cursor of the next page; null after the last"},
      "took_ms": {"type": "number", "minimum": 0}
    }},
  "Interpreted": {"type": "object", "additionalProperties": false, "required": ["q", "filters"],
    "properties": {
      "q": {"type": "string", "description": "The words of q left after the filter words"},
      "filters": {"type": "array", "items": {"type": "object", "additionalProperties": false,
        "required": ["words", "param", "value", "label"],
        "properties": {"words": {"type": "string", "description": "The words of q read as this filter"},
                       "param": {"type": "string", "description": "The search parameter they stand for"},
                       "value": {"type": "string"}, "label": {"type": "string"}}}}}},
  "SuggestResponse": {"type": "object", "additionalProperties": false, "required": ["suggestions"],
    "properties": {"suggestions": {"type": "array", "items": {"type": "object", "additionalProperties": false,
      "required": ["text", "kind", "value"],
      "properties": {"text": {"type": "string"},
                     "kind": {"type": "string", "description": "name, a facet name (specialty, modality, ...) or word"},
                     "value": {"type": ["string", "null"], "description": "The profile id or vocabulary value the text names"}}}}}}
}
})json";
}

}  // namespace rapport
