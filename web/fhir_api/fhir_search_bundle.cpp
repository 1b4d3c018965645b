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

bool Includes(const FhirRoleSearch& search, std::string_view target) {
  return std::find(search.includes.begin(), search.includes.end(), target) != search.includes.end();
}

std::string PageUrl(const FhirRoleSearch& search, const FhirUrls& urls, int offset) {
  std::string url = urls.ServiceRoot() + "/PractitionerRole?";
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

void IncludedResources(const FhirRoleSearch& search, const RenderedProfile& rendered,
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

Result<std::string> SearchBundleJson(const FhirRoleSearch& search, const SearchResult& result,
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
  w.Int64(result.total);
  w.Key("link");
  w.StartArray();
  Link(w, "self", PageUrl(search, urls, search.offset));
  if (search.offset > 0) {
    Link(w, "previous", PageUrl(search, urls, std::max(0, search.offset - search.count)));
  }
  const long next = static_cast<long>(search.offset) + search.count;
  if (next < result.total && next <= kParamLimits.max_offset) {
    Link(w, "next", PageUrl(search, urls, static_cast<int>(next)));
  }
  w.EndArray();
  w.Key("entry");
  w.StartArray();
  EntryWriter entries(w, urls);
  for (const SearchHit& hit : result.hits) {
    if (!hit.profile) return Error::Internal("a search hit without its profile");
    auto rendered = renderer.Render(*hit.profile);
    if (!rendered) return rendered.error();
    entries.Add(rendered.value().role, "match");
    IncludedResources(search, rendered.value(), renderer, entries);
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
