// GET /fhir/metadata (capability_statement.h).
#include "capability_statement.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <vector>

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The day this statement last changed (FHIR requires a date).
constexpr const char* kStatementDate = "2026-12-04";
constexpr const char* kFhirVersion = "4.0.1";

// Where a search parameter's definition lives.
enum class Definition { kNone, kFhirCore, kPlanNet, kRapport };

struct SearchParam {
  const char* name;
  const char* type;
  Definition definition;
  const char* definition_name;  // the SearchParameter's name there
  const char* documentation;
};

constexpr const char* kFhirCoreBase = "http://hl7.org/fhir/SearchParameter/";

const SearchParam kIdParam = {"_id", "token", Definition::kFhirCore, "Resource-id",
                              "resource ids, commas for OR; alone with paging"};
const SearchParam kCountParam = {"_count", "number", Definition::kNone, nullptr,
                                 "page size, 1 to 100 (default 20)"};
const SearchParam kOffsetParam = {"_offset", "number", Definition::kNone, nullptr,
                                  "Rapport's paging, written into next/previous links"};

// A resource type the API searches: its parameters and includes.
struct SearchableResource {
  const char* type;
  const char* plan_net_profile;  // nullptr: none claimed
  std::vector<SearchParam> params;
  std::vector<const char*> includes;
};

const SearchableResource kSearchable[] = {
    {"Practitioner",
     "plannet-Practitioner",
     {{"identifier", "token", Definition::kFhirCore, "Practitioner-identifier",
       "an NPI: http://hl7.org/fhir/sid/us-npi|N or the bare number; commas for OR"},
      kIdParam,
      kCountParam,
      kOffsetParam},
     {}},
    {"PractitionerRole",
     nullptr,
     {{"specialty", "token", Definition::kPlanNet, "practitionerrole-specialty",
       "NUCC code: its profession and the facets it implies; commas (OR) only for codes naming "
       "just a profession"},
      {"location.address-state", "string", Definition::kNone, nullptr,
       "an office in this state (USPS code)"},
      {"service.delivery-method", "token", Definition::kNone, nullptr,
       "virtual (telehealth) or physical (an office)"},
      {"licensed-state", "token", Definition::kRapport, "practitionerrole-licensed-state",
       "may see a client in this state by telehealth: licensed or compact-covered there"},
      {"network", "reference", Definition::kPlanNet, "practitionerrole-network",
       "Organization/network-<payer>"},
      {"practitioner", "reference", Definition::kFhirCore, "PractitionerRole-practitioner",
       "Practitioner/<id>, commas for OR; alone with _include and paging"},
      kIdParam,
      kCountParam,
      kOffsetParam},
     {"PractitionerRole:practitioner", "PractitionerRole:location", "PractitionerRole:service",
      "PractitionerRole:network"}},
    {"Location", nullptr, {kIdParam, kCountParam, kOffsetParam}, {}},
};
constexpr const char* kReadOnlyTypes[] = {"HealthcareService", "Organization"};

void Interactions(Writer& w, std::initializer_list<const char*> codes) {
  w.Key("interaction");
  w.StartArray();
  for (const char* code : codes) {
    w.StartObject();
    w.Key("code");
    w.String(code);
    w.EndObject();
  }
  w.EndArray();
}

void Resource(Writer& w, const char* type, const char* plan_net_profile) {
  w.Key("type");
  w.String(type);
  if (plan_net_profile) {
    w.Key("profile");
    w.String(FhirUrls::PlanNet(plan_net_profile));
  }
}

std::string DefinitionUrl(const SearchParam& param, const FhirUrls& urls) {
  switch (param.definition) {
    case Definition::kFhirCore:
      return std::string(kFhirCoreBase) + param.definition_name;
    case Definition::kPlanNet:
      return std::string(kPlanNetBase) + "/SearchParameter/" + param.definition_name;
    case Definition::kRapport:
      return urls.SearchParameter(param.definition_name);
    case Definition::kNone:
      break;
  }
  return "";
}

void SearchableResourceEntry(Writer& w, const SearchableResource& resource, const FhirUrls& urls) {
  w.StartObject();
  Resource(w, resource.type, resource.plan_net_profile);
  Interactions(w, {"read", "search-type"});
  if (!resource.includes.empty()) {
    w.Key("searchInclude");
    w.StartArray();
    for (const char* include : resource.includes) w.String(include);
    w.EndArray();
  }
  w.Key("searchParam");
  w.StartArray();
  for (const auto& param : resource.params) {
    w.StartObject();
    w.Key("name");
    w.String(param.name);
    if (const std::string url = DefinitionUrl(param, urls); !url.empty()) {
      w.Key("definition");
      w.String(url);
    }
    w.Key("type");
    w.String(param.type);
    w.Key("documentation");
    w.String(param.documentation);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string CapabilityStatementJson(const FhirUrls& urls) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("resourceType");
  w.String("CapabilityStatement");
  w.Key("status");
  w.String("active");
  w.Key("date");
  w.String(kStatementDate);
  w.Key("kind");
  w.String("instance");
  w.Key("software");
  w.StartObject();
  w.Key("name");
  w.String("Rapport");
  w.EndObject();
  w.Key("implementation");
  w.StartObject();
  w.Key("description");
  w.String("Rapport therapist directory: read-only FHIR R4 provider directory");
  w.Key("url");
  w.String(urls.ServiceRoot());
  w.EndObject();
  w.Key("fhirVersion");
  w.String(kFhirVersion);
  w.Key("format");
  w.StartArray();
  w.String("json");
  w.EndArray();
  w.Key("rest");
  w.StartArray();
  w.StartObject();
  w.Key("mode");
  w.String("server");
  w.Key("security");
  w.StartObject();
  w.Key("cors");
  w.Bool(true);
  w.Key("description");
  w.String(
      "Open without a key at a per-address rate; partner keys (Authorization: Bearer) "
      "raise the rate and may fix filters, as on /api/v1.");
  w.EndObject();
  w.Key("resource");
  w.StartArray();
  for (const auto& resource : kSearchable) SearchableResourceEntry(w, resource, urls);
  for (const char* type : kReadOnlyTypes) {
    w.StartObject();
    Resource(w, type, nullptr);
    Interactions(w, {"read"});
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace rapport
