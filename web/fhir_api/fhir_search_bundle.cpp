// Searchset Bundles (fhir_search_bundle.h).
#include "fhir_search_bundle.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "operation_outcome.h"
#include "search_params.h"

namespace rapport {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr unsigned kNibbleBits = 4;
constexpr unsigned kNibbleMask = 0xF;

bool Includes(const FhirSearch& search, std::string_view target) {
  return std::find(search.includes.begin(), search.includes.end(), target) != search.includes.end();
}

std::string PageUrl(const FhirSearch& search, const FhirUrls& urls, int offset) {
  std::string url = urls.ServiceRoot() + "/" + search.type + "?";
  for (const auto& [name, value] : search.accepted) {
    url += QueryEncoded(name) + "=" + QueryEncoded(value) + "&";
  }
  url += "_count=" + std::to_string(search.count);
  if (offset > 0) url += "&_offset=" + std::to_string(offset);
  return url;
}

void Link(Writer& w, const char* relation, const std::string& url) {
  w.StartObject();
  w.Key("relation");
  w.String(relation);
  w.Key("url");
  w.String(url);
  w.EndObject();
}

// Writes included resources once per page.
class EntryWriter {
 public:
  EntryWriter(Writer& w, const FhirUrls& urls) : w_(w), urls_(urls) {}

  void Add(const FhirResource& resource, const char* mode) {
    if (!seen_.insert(resource.type + "/" + resource.id).second) return;
    w_.StartObject();
    w_.Key("fullUrl");
    w_.String(urls_.ServiceRoot() + "/" + resource.type + "/" + resource.id);
    w_.Key("resource");
    w_.RawValue(resource.json.data(), resource.json.size(), rapidjson::kObjectType);
    w_.Key("search");
    w_.StartObject();
    w_.Key("mode");
    w_.String(mode);
    w_.EndObject();
    w_.EndObject();
  }

 private:
  Writer& w_;
  const FhirUrls& urls_;
  std::set<std::string> seen_;
};

void IncludedResources(const FhirSearch& search, const RenderedProfile& rendered,
                       const FhirRenderer& renderer, EntryWriter& entries) {
  constexpr const char* kInclude = "include";
  if (Includes(search, "practitioner")) entries.Add(rendered.practitioner, kInclude);
  if (Includes(search, "location")) {
    for (const auto& location : rendered.locations) entries.Add(location, kInclude);
  }
  if (Includes(search, "service")) {
    for (const auto& service : rendered.services) entries.Add(service, kInclude);
  }
  if (Includes(search, "network")) {
    for (const auto& payer : rendered.payers) {
      if (auto network = renderer.NetworkOrganization(payer))
        entries.Add(network.value(), kInclude);
    }
  }
}

}  // namespace

std::string QueryEncoded(std::string_view text) {
  std::string encoded;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHexDigits[byte >> kNibbleBits];
      encoded += kHexDigits[byte & kNibbleMask];
    }
  }
  return encoded;
}

const FhirResource* FindRendered(const RenderedProfile& rendered, std::string_view type,
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

Result<std::string> SearchBundleJson(const FhirSearch& search, long total,
                                     const std::vector<FhirPageMatch>& page,
                                     const FhirRenderer& renderer) {
  const FhirUrls& urls = renderer.urls();
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("resourceType");
  w.String("Bundle");
  w.Key("type");
  w.String("searchset");
  w.Key("total");
  w.Int64(total);
  w.Key("link");
  w.StartArray();
  Link(w, "self", PageUrl(search, urls, search.offset));
  if (search.offset > 0) {
    Link(w, "previous", PageUrl(search, urls, std::max(0, search.offset - search.count)));
  }
  const long next = static_cast<long>(search.offset) + search.count;
  if (next < total && next <= kParamLimits.max_offset) {
    Link(w, "next", PageUrl(search, urls, static_cast<int>(next)));
  }
  w.EndArray();
  // FHIR JSON has no empty arrays: a search that found nothing has no entry.
  if (page.empty() && search.warnings.empty()) {
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  w.Key("entry");
  w.StartArray();
  EntryWriter entries(w, urls);
  for (const FhirPageMatch& match : page) {
    const FhirResource* resource = FindRendered(match.rendered, search.type, match.id);
    if (!resource) return Error::Internal("a match without its " + search.type);
    entries.Add(*resource, "match");
    IncludedResources(search, match.rendered, renderer, entries);
  }
  for (const Error& warning : search.warnings) {
    w.StartObject();
    w.Key("resource");
    const std::string outcome = OperationOutcomeJson(warning, "warning");
    w.RawValue(outcome.data(), outcome.size(), rapidjson::kObjectType);
    w.Key("search");
    w.StartObject();
    w.Key("mode");
    w.String("outcome");
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace rapport
