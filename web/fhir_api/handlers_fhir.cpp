// The /fhir handlers (handlers_fhir.h).
#include "handlers_fhir.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <iterator>
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
constexpr int kNotFoundStatus = 404;

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

FhirHandling HandlingOf(const HttpRequest& request) {
  return request.Header("prefer").find(kLenientPreference) != std::string::npos
             ? FhirHandling::kLenient
             : FhirHandling::kStrict;
}

// The public profiles `named` names: by NPI, or by the profile id its FHIR id
// (of `type`) derives from; none for an unknown id.
Result<std::vector<std::string>> NamedProfiles(const SearchService& service, std::string_view type,
                                               const FhirNamedResource& named) {
  if (named.by == FhirNamedResource::By::kNpi) return service.ProfilesWithNpi(named.value);
  const std::string profile_id = ProfileIdOf(type, named.value);
  if (profile_id.empty()) return std::vector<std::string>{};
  auto profile = service.Profile(profile_id);
  if (!profile) {
    if (profile.error().status == kNotFoundStatus) return std::vector<std::string>{};
    return profile.error();
  }
  return std::vector<std::string>{std::move(profile).value()};
}

// Every match of an id search the request's key may see, each once, in the
// order named.
Result<std::vector<FhirPageMatch>> NamedMatches(const FhirSearch& search,
                                                const HttpRequest& request,
                                                const SearchService& service,
                                                const FhirRenderer& renderer) {
  std::vector<FhirPageMatch> matches;
  std::set<std::string> seen;
  for (const FhirNamedResource& named : search.named) {
    auto profiles = NamedProfiles(service, search.type, named);
    if (!profiles) return profiles.error();
    for (const std::string& profile : profiles.value()) {
      // A restricted partner must not learn of profiles outside its filter.
      if (request.key && !ProfileVisibleToKey(profile, *request.key)) continue;
      rapidjson::Document doc;
      doc.Parse(profile.c_str());
      if (doc.HasParseError() || !doc.IsObject()) {
        return Error::Internal("stored profile is not a JSON object");
      }
      auto rendered = renderer.Render(doc);
      if (!rendered) return rendered.error();
      const std::string id =
          named.by == FhirNamedResource::By::kNpi ? rendered.value().practitioner.id : named.value;
      if (!FindRendered(rendered.value(), search.type, id) || !seen.insert(id).second) continue;
      matches.push_back({std::move(rendered).value(), id});
    }
  }
  return matches;
}

// The searchset of an id search: the page `_count` and `_offset` choose.
HttpResponse NamedSearchResponse(const FhirSearch& search, const HttpRequest& request,
                                 const SearchService& service, const FhirRenderer& renderer) {
  auto matches = NamedMatches(search, request, service, renderer);
  if (!matches) return OperationOutcomeResponse(matches.error());
  std::vector<FhirPageMatch>& all = matches.value();
  const long total = static_cast<long>(all.size());
  const auto first = all.begin() + std::min<long>(search.offset, total);
  const auto last =
      all.begin() + std::min<long>(static_cast<long>(search.offset) + search.count, total);
  const std::vector<FhirPageMatch> page(std::make_move_iterator(first),
                                        std::make_move_iterator(last));
  auto bundle = SearchBundleJson(search, total, page, renderer);
  if (!bundle) return OperationOutcomeResponse(bundle.error());
  return FhirJson(std::move(bundle.value()));
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
  const FhirResource* resource = FindRendered(rendered.value(), type, id);
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
  auto search = ParseFhirRoleSearch(request.query, *taxonomy.value(), HandlingOf(request));
  if (!search) return OperationOutcomeResponse(search.error());
  const FhirUrls urls{state.config().public_base_url};
  const FhirRenderer renderer(service.value()->vocabulary(), *taxonomy.value(), urls);
  if (!search.value().named.empty()) {
    return NamedSearchResponse(search.value(), request, *service.value(), renderer);
  }
  auto result = AnswerSearch(search.value().search, request, *service.value(), state);
  if (!result) {
    Error error = result.error();
    // Name the FHIR parameter the failing search parameter came from.
    auto origin = search.value().origin.find(error.field);
    if (origin != search.value().origin.end()) error.field = origin->second;
    return OperationOutcomeResponse(error);
  }
  std::vector<FhirPageMatch> page;
  for (const SearchHit& hit : result.value().hits) {
    if (!hit.profile) return OperationOutcomeResponse(Error::Internal("a hit without its profile"));
    auto rendered = renderer.Render(*hit.profile);
    if (!rendered) return OperationOutcomeResponse(rendered.error());
    const std::string id = rendered.value().role.id;
    page.push_back({std::move(rendered).value(), id});
  }
  auto bundle = SearchBundleJson(search.value(), result.value().total, page, renderer);
  if (!bundle) return OperationOutcomeResponse(bundle.error());
  return FhirJson(std::move(bundle.value()));
}

namespace {

HttpResponse IdSearch(const HttpRequest& request, ServerState& state, std::string_view type) {
  if (Status format = CheckFhirFormat(request.query); !format) {
    return OperationOutcomeResponse(format.error());
  }
  auto search = ParseFhirIdSearch(type, request.query, HandlingOf(request));
  if (!search) return OperationOutcomeResponse(search.error());
  auto service = state.Search();
  if (!service) return OperationOutcomeResponse(service.error());
  auto taxonomy = Taxonomy();
  if (!taxonomy) return OperationOutcomeResponse(taxonomy.error());
  const FhirUrls urls{state.config().public_base_url};  // the renderer holds a reference
  const FhirRenderer renderer(service.value()->vocabulary(), *taxonomy.value(), urls);
  return NamedSearchResponse(search.value(), request, *service.value(), renderer);
}

}  // namespace

HttpResponse HandleFhirPractitionerSearch(const HttpRequest& request, ServerState& state) {
  return IdSearch(request, state, "Practitioner");
}

HttpResponse HandleFhirLocationSearch(const HttpRequest& request, ServerState& state) {
  return IdSearch(request, state, "Location");
}

}  // namespace rapport
