// One parameter's JSON Schema from its ParamSpec (openapi_param_schema.h).
#include "openapi_param_schema.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteType(Writer& w, const char* type) {
  w.Key("type");
  w.String(type);
}

void WriteChoices(Writer& w, const ParamSpec& spec) {
  w.Key("enum");
  w.StartArray();
  for (std::string_view choice : spec.choices) {
    w.String(choice.data(), static_cast<rapidjson::SizeType>(choice.size()));
  }
  w.EndArray();
}

// {"lat": …, "lon": …} or the "lat,lon" text a query string carries.
void WritePoint(Writer& w, ParamForm form) {
  if (form == ParamForm::kQueryString) {
    WriteType(w, "string");
    w.Key("pattern");
    w.String("^-?[0-9.]+,-?[0-9.]+$");
    return;
  }
  WriteType(w, "object");
  w.Key("additionalProperties");
  w.Bool(false);
  w.Key("required");
  w.StartArray();
  w.String("lat");
  w.String("lon");
  w.EndArray();
  w.Key("properties");
  w.StartObject();
  w.Key("lat");
  w.StartObject();
  WriteType(w, "number");
  w.EndObject();
  w.Key("lon");
  w.StartObject();
  WriteType(w, "number");
  w.EndObject();
  w.EndObject();
}

// Facet names: comma-separated in a query string (the parameter schema is
// an array, not exploded), a list in a JSON body.
void WriteFacetNames(Writer& w, const ParamSpec& spec) {
  WriteType(w, "array");
  w.Key("items");
  w.StartObject();
  WriteType(w, "string");
  WriteChoices(w, spec);
  w.EndObject();
}

}  // namespace

std::string ParamValueSchemaJson(const ParamSpec& spec, ParamForm form) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  switch (spec.type) {
    case ParamType::kText:
    case ParamType::kFacetValue:
      WriteType(w, "string");
      break;
    case ParamType::kFacetNames:
      WriteFacetNames(w, spec);
      break;
    case ParamType::kBoolean:
      WriteType(w, "boolean");
      break;
    case ParamType::kInteger:
      WriteType(w, "integer");
      if (spec.minimum) w.Key("minimum"), w.Int64(static_cast<int64_t>(*spec.minimum));
      if (spec.maximum) w.Key("maximum"), w.Int64(static_cast<int64_t>(*spec.maximum));
      break;
    case ParamType::kNumber:
      WriteType(w, "number");
      if (spec.minimum) w.Key("exclusiveMinimum"), w.Double(*spec.minimum);
      if (spec.maximum) w.Key("maximum"), w.Double(*spec.maximum);
      break;
    case ParamType::kLatLon:
      WritePoint(w, form);
      break;
    case ParamType::kStateCode:
      WriteType(w, "string");
      w.Key("pattern");
      w.String("^[A-Za-z]{2}$");
      break;
    case ParamType::kChoice:
      WriteType(w, "string");
      WriteChoices(w, spec);
      break;
  }
  if (!spec.default_value.empty() && spec.type != ParamType::kBoolean &&
      form == ParamForm::kQueryString) {
    w.Key("default");
    if (spec.type == ParamType::kInteger) {
      w.Int64(std::stoll(spec.default_value));
    } else if (spec.type == ParamType::kNumber) {
      w.Double(std::stod(spec.default_value));
    } else {
      w.String(spec.default_value);
    }
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace rapport
