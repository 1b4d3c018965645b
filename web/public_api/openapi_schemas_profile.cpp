// A profile's fields (DESIGN.md §2, data/schema/profile.h), the public
// profile (indexer/public_profile.h adds version, telehealth_years and
// virtual_states), the directory contact and the vocab answer
// (vocab_answer.h) in the OpenAPI document (openapi_schemas.h). The string
// limits are the profile validator's.
#include "openapi_schemas.h"

#include "geo_precision.h"
#include "profile_validator.h"

namespace rapport {
namespace {

// A string schema with `format` no longer than `max_chars`.
std::string BoundedString(const char* format, size_t max_chars, const char* extra = "") {
  return std::string(R"({"type":"string","format":")") + format + R"(","maxLength":)" +
         std::to_string(max_chars) + extra + "}";
}

// ["address","zip","city"]: the values of offices[].geo_precision.
std::string GeoPrecisionEnum() {
  std::string list = "[";
  for (std::string_view value : kGeoPrecisions) {
    if (list.size() > 1) list += ",";
    list += "\"" + std::string(value) + "\"";
  }
  return list + "]";
}

}  // namespace

std::string OpenApiProfileComponents() {
  const std::string geo_precisions = GeoPrecisionEnum();
  const ValidationLimits limits;
  const std::string https_url =
      BoundedString("uri", limits.url_max_chars, R"(,"pattern":"^https://")");
  const std::string email = BoundedString("email", limits.email_max_chars);
  const std::string id = R"({"type":"string","pattern":"^[a-z0-9_-]+$","maxLength":)" +
                         std::to_string(limits.id_max_length) + R"(,"examples":["t-0000001"]})";
  return R"json({
"schemas": {
  "ProfileId": )json" +
         id + R"json(,
  "Slugs": {"type": "array", "items": {"type": "string"}, "description": "Vocabulary values (GET /api/v1/vocab)"},
  "StateCode": {"type": "string", "pattern": "^[A-Z]{2}$", "examples": ["CA"]},
  "Timestamp": {"type": "string", "format": "date-time", "examples": ["2026-10-01T12:00:00Z"]},
  "Fee": {"type": "object", "additionalProperties": false, "description": "Per-session fee in US dollars",
    "properties": {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0},
                   "sliding_scale": {"type": "boolean"}}},
  "Office": {"type": "object", "additionalProperties": false,
    "properties": {"city": {"type": "string"}, "state": {"$ref": "#/components/schemas/StateCode"},
                   "zip": {"type": "string"}, "lat": {"type": "number", "minimum": -90, "maximum": 90},
                   "lon": {"type": "number", "minimum": -180, "maximum": 180},
                   "geo_precision": {"type": "string", "enum": )json" +
         geo_precisions + R"json(,
                     "description": "How exact lat/lon are: address (a point for the street address), zip (the ZIP code's centroid), city (the city centre). Set by imports; absent when there are no coordinates or an editor placed them, and removed when an editor changes lat/lon."}}},
  "License": {"type": "object", "additionalProperties": false,
    "properties": {"state": {"$ref": "#/components/schemas/StateCode"}, "type": {"type": "string", "examples": ["LMFT"]},
                   "number": {"type": "string"}}},
  "Telehealth": {"type": "object", "additionalProperties": false,
    "properties": {"modes": {"$ref": "#/components/schemas/Slugs"}, "platforms": {"$ref": "#/components/schemas/Slugs"},
                   "devices": {"$ref": "#/components/schemas/Slugs"}, "since": {"type": "integer", "description": "Year telehealth began"},
                   "group_therapy": {"type": "boolean"}}},
  "Contact": {"type": "object", "additionalProperties": false,
    "description": "How a client reaches the therapist. Every member is optional; not full-text searchable.",
    "properties": {"phone": {"type": "string", "pattern": "^\\+[1-9][0-9]{6,14}$", "description": "E.164, e.g. +15105550123"},
                   "email": )json" +
         email + R"json(, "website": )json" + https_url + R"json(, "booking_url": )json" +
         https_url + R"json(}},
  "ProfileFields": {
    "type": "object",
    "description": "A therapist profile (DESIGN.md §2). On write, version, telehealth_years, virtual_states and status are ignored.",
    "required": ["id", "name"],
    "properties": {
      "id": {"$ref": "#/components/schemas/ProfileId"},
      "npi": {"type": "string", "pattern": "^[0-9]{10}$"},
      "name": {"type": "string"},
      "credentials": {"type": "array", "items": {"type": "string"}},
      "profession": {"type": "string"},
      "pronouns": {"type": "string"},
      "gender": {"type": "string"},
      "bio": {"type": "string"},
      "specialties": {"$ref": "#/components/schemas/Slugs"},
      "modalities": {"$ref": "#/components/schemas/Slugs"},
      "populations": {"$ref": "#/components/schemas/Slugs"},
      "session_formats": {"$ref": "#/components/schemas/Slugs"},
      "languages": {"$ref": "#/components/schemas/Slugs"},
      "insurance": {"$ref": "#/components/schemas/Slugs"},
      "fee": {"$ref": "#/components/schemas/Fee"},
      "accepting_new_clients": {"type": "boolean"},
      "offices": {"type": "array", "items": {"$ref": "#/components/schemas/Office"}},
      "licenses": {"type": "array", "items": {"$ref": "#/components/schemas/License"}},
      "compacts": {"$ref": "#/components/schemas/Slugs"},
      "telehealth": {"$ref": "#/components/schemas/Telehealth"},
      "contact": {"$ref": "#/components/schemas/Contact"},
      "availability_confirmed_at": {"$ref": "#/components/schemas/Timestamp"},
      "updated_at": {"$ref": "#/components/schemas/Timestamp"},
      "verified_at": {"$ref": "#/components/schemas/Timestamp"},
      "version": {"type": "integer", "minimum": 1, "readOnly": true, "description": "The store version; the ETag names it"},
      "telehealth_years": {"type": "integer", "minimum": 0, "readOnly": true},
      "virtual_states": {"type": "array", "readOnly": true, "items": {"$ref": "#/components/schemas/StateCode"},
        "description": "States it may see clients in by video: licenses plus the states its compacts cover"}
    }
  },
  "Profile": {"$ref": "#/components/schemas/ProfileFields", "unevaluatedProperties": false,
    "description": "A published profile, as GET /api/v1/therapists/{id} answers it"},
  "Directory": {"type": "object", "additionalProperties": false, "required": ["contact"],
    "properties": {"contact": {"type": "object", "additionalProperties": false, "required": ["email"],
      "properties": {"email": )json" +
         email + R"json(, "website": )json" + https_url + R"json(}}}},
  "VocabEntry": {"type": "object", "required": ["value", "label"],
    "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                   "synonyms": {"type": "array", "items": {"type": "string"}},
                   "credentials": {"type": "array", "items": {"type": "string"}}}},
  "ValueLabel": {"type": "object", "additionalProperties": false, "required": ["value", "label"],
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}}},
  "CatalogueEntry": {"type": "object", "additionalProperties": false,
    "required": ["name", "label", "vocabulary", "profile_path", "filterable", "repeatable", "counted", "panel_position", "values"],
    "properties": {
      "name": {"type": "string", "description": "The search parameter and facets= name"},
      "label": {"type": "string", "description": "What clients read: panel heading and filter chip"},
      "vocabulary": {"type": "string", "description": "The member of this answer that lists the values with synonyms"},
      "profile_path": {"type": ["string", "null"], "description": "Where a profile keeps the values (\"telehealth.modes\"); null when computed"},
      "filterable": {"type": "boolean", "description": "Search filters by its values"},
      "repeatable": {"type": "boolean", "description": "Its search parameter repeats, once per value (OR)"},
      "counted": {"type": "boolean", "description": "It may be named in facets="},
      "panel_position": {"type": "integer", "minimum": 0, "description": "Its place among the search page's filter panels (1 = first); 0: no panel"},
      "values": {"type": "array", "items": {"$ref": "#/components/schemas/ValueLabel"}}
    }},
  "Vocab": {"type": "object", "required": ["catalogue"],
    "description": "Each vocabulary's values with labels and synonyms, by vocabulary name, and the facet catalogue",
    "properties": {"catalogue": {"type": "array", "description": "Every facet, in API order, with its values in vocabulary order",
                                 "items": {"$ref": "#/components/schemas/CatalogueEntry"}}},
    "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/VocabEntry"}}}
}
})json";
}

}  // namespace rapport
