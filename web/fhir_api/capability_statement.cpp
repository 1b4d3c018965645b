// GET /fhir/metadata (capability_statement.h).
#include "capability_statement.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// The day this statement last changed (FHIR requires a date).
constexpr const char* kStatementDate = "2026-12-04";
constexpr const char* kFhirVersion = "4.0.1";

struct SearchParam {
  const char* name;
  const char* type;
  const char* plan_net_definition;  // nullptr: Rapport's own
  const char* documentation;
};
constexpr SearchParam kRoleSearchParams[] = {
    {"specialty", "token", "practitionerrole-specialty",
     "NUCC code: its profession and the facets it implies; commas (OR) only for codes naming "
     "just a profession"},
    {"location.address-state", "string", nullptr, "an office in this state (USPS code)"},
    {"service.delivery-method", "token", nullptr, "virtual (telehealth) or physical (an office)"},
    {"licensed-state", "token", nullptr,
     "may see a client in this state by telehealth: licensed or compact-covered there"},
    {"network", "reference", "practitionerrole-network", "Organization/network-<payer>"},
    {"_count", "number", nullptr, "page size, 1 to 100 (default 20)"},
    {"_offset", "number", nullptr, "Rapport's paging, written into next/previous links"},
};
constexpr const char* kRoleIncludes[] = {"PractitionerRole:practitioner",
                                         "PractitionerRole:location", "PractitionerRole:service",
                                         "PractitionerRole:network"};
constexpr const char* kReadOnlyTypes[] = {"Location", "HealthcareService", "Organization"};

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
  w.StartObject();
  Resource(w, "Practitioner", "plannet-Practitioner");
  Interactions(w, {"read"});
  w.EndObject();
  w.StartObject();
  Resource(w, "PractitionerRole", nullptr);
  Interactions(w, {"read", "search-type"});
  w.Key("searchInclude");
  w.StartArray();
  for (const char* include : kRoleIncludes) w.String(include);
  w.EndArray();
  w.Key("searchParam");
  w.StartArray();
  for (const auto& param : kRoleSearchParams) {
    w.StartObject();
    w.Key("name");
    w.String(param.name);
    if (param.plan_net_definition) {
      w.Key("definition");
      w.String(std::string(kPlanNetBase) + "/SearchParameter/" + param.plan_net_definition);
    } else if (std::string(param.name) == "licensed-state") {
      w.Key("definition");
      w.String(urls.SearchParameter("practitionerrole-licensed-state"));
    }
    w.Key("type");
    w.String(param.type);
    w.Key("documentation");
    w.String(param.documentation);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
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
