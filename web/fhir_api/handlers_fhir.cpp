// The /fhir handlers (handlers_fhir.h).
#include "handlers_fhir.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>

#include "capability_statement.h"
#include "data_dir.h"
#include "fhir_renderer.h"
#include "fhir_search_bundle.h"
#include "fhir_search_params.h"
#include "operation_outcome.h"
#include "search_answer.h"

namespace rapport {
namespace {

constexpr std::string_view kFormatParam = "_format";
constexpr std::string_view kLenientPreference = "handling=lenient";

HttpResponse FhirJson(std::string body) {
  HttpResponse response = HttpResponse::Json(std::move(body));
  response.content_type = std::string(kFhirJsonType);
  return response;
}

Error NotFound(const std::string& what) {
  return Error{404, std::string(fhir_issue::kNotFound), "no " + what, ""};
}

// The NUCC taxonomy, read once from the shipped data files.
Result<const NuccTaxonomy*> Taxonomy() {
  static const Result<NuccTaxonomy> taxonomy =
      NuccTaxonomy::Load(DefaultDataFilesDir() + "/nucc_taxonomy.json");
  if (!taxonomy) return taxonomy.error();
  return &taxonomy.value();
}

// `_format` only: reads take no other parameter.
Status CheckReadQuery(const QueryPairs& query) {
  if (Status format = CheckFhirFormat(query); !format) return format;
  for (const auto& [name, value] : query) {
    if (name != kFormatParam) {
      return Error{400, std::string(fhir_issue::kNotSupported), "a read takes no parameters", name};
    }
  }
  return Status::Ok();
}

const FhirResource* FindResource(const RenderedProfile& rendered, std::string_view type,
                                 std::string_view id) {
  if (type == "Practitioner") return &rendered.practitioner;
  if (type == "PractitionerRole") return &rendered.role;
  for (const auto* list : {&rendered.locations, &rendered.services}) {
    for (const auto& resource : *list) {
      if (resource.type == type && resource.id == id) return &resource;
    }
  }
  return nullptr;
}

HttpResponse ReadOrganization(const FhirRenderer& renderer, std::string_view id) {
  Result<FhirResource> organization = NotFound("Organization " + std::string(id));
  if (id.rfind(kPayerIdPrefix, 0) == 0) {
    organization = renderer.PayerOrganization(id.substr(kPayerIdPrefix.size()));
  } else if (id.rfind(kNetworkIdPrefix, 0) == 0) {
    organization = renderer.NetworkOrganization(id.substr(kNetworkIdPrefix.size()));
  }
  if (!organization) return OperationOutcomeResponse(NotFound("Organization " + std::string(id)));
  return FhirJson(std::move(organization.value().json));
}

}  // namespace

HttpResponse HandleFhirMetadata(const HttpRequest& request, ServerState& state) {
  if (Status query = CheckReadQuery(request.query); !query) {
    return OperationOutcomeResponse(query.error());
  }
  return FhirJson(CapabilityStatementJson(FhirUrls{state.config().public_base_url}));
}

HttpResponse HandleFhirRead(const HttpRequest& request, ServerState& state) {
  if (Status query = CheckReadQuery(request.query); !query) {
    return OperationOutcomeResponse(query.error());
  }
  auto service = state.Search();
  if (!service) return OperationOutcomeResponse(service.error());
  auto taxonomy = Taxonomy();
  if (!taxonomy) return OperationOutcomeResponse(taxonomy.error());
  const FhirUrls urls{state.config().public_base_url};
  const FhirRenderer renderer(service.value()->vocabulary(), *taxonomy.value(), urls);
  const std::string type = request.PathParam("type");
  const std::string id = request.PathParam("id");
  if (type == "Organization") return ReadOrganization(renderer, id);
  const std::string profile_id = ProfileIdOf(type, id);
  const std::string missing = type + "/" + id;
  if (profile_id.empty()) return OperationOutcomeResponse(NotFound(missing));
  auto profile = service.value()->Profile(profile_id);
  // A restricted partner must not learn of profiles outside its filter.
  if (!profile || (request.key && !ProfileVisibleToKey(profile.value(), *request.key))) {
    return OperationOutcomeResponse(NotFound(missing));
  }
  rapidjson::Document doc;
  doc.Parse(profile.value().c_str());
  if (doc.HasParseError() || !doc.IsObject()) {
    return OperationOutcomeResponse(Error::Internal("stored profile is not a JSON object"));
  }
  auto rendered = renderer.Render(doc);
  if (!rendered) return OperationOutcomeResponse(rendered.error());
  const FhirResource* resource = FindResource(rendered.value(), type, id);
  if (!resource) return OperationOutcomeResponse(NotFound(missing));
  HttpResponse response = FhirJson(resource->json);
  if (doc.HasMember("version") && doc["version"].IsInt64()) {
    response.SetHeader("ETag", "W/\"" + std::to_string(doc["version"].GetInt64()) + "\"");
  }
  return response;
}

HttpResponse HandleFhirRoleSearch(const HttpRequest& request, ServerState& state) {
  if (Status format = CheckFhirFormat(request.query); !format) {
    return OperationOutcomeResponse(format.error());
  }
  auto service = state.Search();
  if (!service) return OperationOutcomeResponse(service.error());
  auto taxonomy = Taxonomy();
  if (!taxonomy) return OperationOutcomeResponse(taxonomy.error());
  const FhirHandling handling =
      request.Header("prefer").find(kLenientPreference) != std::string::npos
          ? FhirHandling::kLenient
          : FhirHandling::kStrict;
  auto search = ParseFhirRoleSearch(request.query, *taxonomy.value(), handling);
  if (!search) return OperationOutcomeResponse(search.error());
  auto result = AnswerSearch(search.value().search, request, *service.value(), state);
  if (!result) {
    Error error = result.error();
    // Name the FHIR parameter the failing search parameter came from.
    auto origin = search.value().origin.find(error.field);
    if (origin != search.value().origin.end()) error.field = origin->second;
    return OperationOutcomeResponse(error);
  }
  const FhirUrls urls{state.config().public_base_url};
  const FhirRenderer renderer(service.value()->vocabulary(), *taxonomy.value(), urls);
  auto bundle = SearchBundleJson(search.value(), result.value(), renderer);
  if (!bundle) return OperationOutcomeResponse(bundle.error());
  return FhirJson(std::move(bundle.value()));
}

}  // namespace rapport
