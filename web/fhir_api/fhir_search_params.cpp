// FHIR PractitionerRole search parameters (fhir_search_params.h).
#include "fhir_search_params.h"

#include <algorithm>
#include <cctype>

#include "fhir_renderer.h"
#include "fhir_urls.h"
#include "npi_number.h"
#include "operation_outcome.h"
#include "search_params.h"

namespace rapport {
namespace {

constexpr std::string_view kSpecialty = "specialty";
constexpr std::string_view kAddressState = "location.address-state";
constexpr std::string_view kDeliveryMethod = "service.delivery-method";
constexpr std::string_view kLicensedState = "licensed-state";
constexpr std::string_view kNetwork = "network";
constexpr std::string_view kCount = "_count";
constexpr std::string_view kOffsetParam = "_offset";
constexpr std::string_view kInclude = "_include";
constexpr std::string_view kFormat = "_format";
constexpr std::string_view kIdParam = "_id";
constexpr std::string_view kPractitionerParam = "practitioner";
constexpr std::string_view kIdentifier = "identifier";
constexpr std::string_view kPractitionerPrefix = "Practitioner/";
constexpr std::string_view kIncludePrefix = "PractitionerRole:";
constexpr std::string_view kOrganizationPrefix = "Organization/";
constexpr std::string_view kNuccPrefix = "http://nucc.org/provider-taxonomy|";
constexpr size_t kStateCodeLength = 2;

// The filter parameters in the canonical order of `self` links.
constexpr std::string_view kFilterParams[] = {kSpecialty, kAddressState, kDeliveryMethod,
                                              kLicensedState, kNetwork};

// What each searchable type takes besides _count, _offset and _format.
struct SearchSpec {
  std::string_view type;
  std::vector<std::string_view> filters;  // translated for /api/v1/search
  std::vector<std::string_view> naming;   // an id search; at most one, alone
  bool includes;                          // _include
};
const SearchSpec kSearchSpecs[] = {
    {"PractitionerRole",
     {std::begin(kFilterParams), std::end(kFilterParams)},
     {kIdParam, kPractitionerParam},
     true},
    {"Practitioner", {}, {kIdentifier, kIdParam}, false},
    {"Location", {}, {kIdParam}, false},
};
constexpr std::string_view kIncludeTargets[] = {"practitioner", "location", "service", "network"};
constexpr std::string_view kJsonFormats[] = {"json", "application/json", "application/fhir+json"};
constexpr std::string_view kXmlFormats[] = {"xml", "text/xml", "application/xml",
                                            "application/fhir+xml"};

Error Invalid(std::string_view param, std::string message) {
  return Error{400, std::string(fhir_issue::kInvalid), std::move(message), std::string(param)};
}
// A parameter without a name ("?=x") is named as the JSON API names it: the query string.
Error NotSupported(std::string_view param, std::string message) {
  return Error{400, std::string(fhir_issue::kNotSupported), std::move(message),
               std::string(param.empty() ? kQueryStringField : param)};
}

std::vector<std::string> SplitCommas(const std::string& value) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    items.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
  return joined;
}

// A whole number in [min, max]; nullopt for anything else.
std::optional<long> WholeNumber(const std::string& text) {
  if (text.empty() || text.size() > std::to_string(kParamLimits.max_offset).size() + 1) {
    return std::nullopt;
  }
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stol(text);
}

Result<std::string> StateCode(std::string_view param, const std::string& value) {
  if (value.size() != kStateCodeLength || !std::all_of(value.begin(), value.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      })) {
    return Invalid(param, std::string(param) + " must be a two-letter US state code");
  }
  std::string upper = value;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  return upper;
}

// Builds the translation while the parameters are read.
class Translation {
 public:
  // A pair two FHIR parameters both imply is added once.
  void Add(std::string_view fhir_param, std::string_view param, std::string value) {
    for (const auto& [name, existing] : out.search) {
      if (name == param && existing == value) return;
    }
    out.search.emplace_back(std::string(param), std::move(value));
    out.origin[std::string(param)] = std::string(fhir_param);
  }
  // Each facet filter once: values of one code's implications OR together.
  void AddList(std::string_view fhir_param, std::string_view param,
               const std::vector<std::string>& values) {
    if (!values.empty()) Add(fhir_param, param, Joined(values));
  }
  FhirSearch out;
};

Status TranslateSpecialty(const std::string& value, const NuccTaxonomy& taxonomy, Translation& t) {
  std::vector<const NuccCode*> codes;
  for (std::string item : SplitCommas(value)) {
    if (item.rfind(kNuccPrefix, 0) == 0) item.erase(0, kNuccPrefix.size());
    if (item.find('|') != std::string::npos) {
      return Invalid(kSpecialty, "specialty takes NUCC taxonomy codes (system " +
                                     std::string(kNuccSystem) + ")");
    }
    const NuccCode* code = taxonomy.Find(item);
    if (!code) {
      return Error{400, std::string(fhir_issue::kCodeInvalid),
                   "not a behavioural health NUCC taxonomy code this directory lists",
                   std::string(kSpecialty)};
    }
    codes.push_back(code);
  }
  if (codes.size() == 1) {
    const NuccCode& code = *codes.front();
    if (!code.profession.empty()) t.Add(kSpecialty, "profession", code.profession);
    t.AddList(kSpecialty, "specialty", code.implies.specialties);
    t.AddList(kSpecialty, "population", code.implies.populations);
    t.AddList(kSpecialty, "modality", code.implies.modalities);
    t.AddList(kSpecialty, "session_format", code.implies.session_formats);
    return Status::Ok();
  }
  std::vector<std::string> professions;
  for (const NuccCode* code : codes) {
    const ImpliedValues& implies = code->implies;
    if (code->profession.empty() || !implies.specialties.empty() || !implies.populations.empty() ||
        !implies.modalities.empty() || !implies.session_formats.empty()) {
      return NotSupported(kSpecialty,
                          "several specialty codes are supported only when each just names a "
                          "profession; search one code at a time");
    }
    if (std::find(professions.begin(), professions.end(), code->profession) == professions.end()) {
      professions.push_back(code->profession);
    }
  }
  t.AddList(kSpecialty, "profession", professions);
  return Status::Ok();
}

Status TranslateNetwork(const std::string& value, Translation& t) {
  std::vector<std::string> payers;
  for (std::string item : SplitCommas(value)) {
    if (item.rfind(kOrganizationPrefix, 0) == 0) item.erase(0, kOrganizationPrefix.size());
    if (item.rfind(kNetworkIdPrefix, 0) != 0 || item.size() == kNetworkIdPrefix.size()) {
      return Invalid(kNetwork, "network takes Organization/network-<payer> references");
    }
    payers.push_back(item.substr(kNetworkIdPrefix.size()));
  }
  t.AddList(kNetwork, "insurance", payers);
  return Status::Ok();
}

Status TranslateFilter(std::string_view name, const std::string& value,
                       const NuccTaxonomy& taxonomy, Translation& t) {
  if (name == kSpecialty) return TranslateSpecialty(value, taxonomy, t);
  if (name == kNetwork) return TranslateNetwork(value, t);
  if (name == kDeliveryMethod) {
    if (value == "virtual") {
      t.Add(name, params::kVirtual, "true");
    } else if (value == "physical") {
      t.Add(name, params::kInPerson, "true");
    } else {
      return Invalid(name, "service.delivery-method is virtual or physical");
    }
    return Status::Ok();
  }
  auto state = StateCode(name, value);
  if (!state) return state.error();
  t.Add(name, params::kState, state.value());
  t.Add(name, name == kAddressState ? params::kInPerson : params::kVirtual, "true");
  return Status::Ok();
}

Status ReadPaging(const std::string& name, const std::string& value, FhirSearch& out) {
  const auto number = WholeNumber(value);
  if (name == kCount) {
    if (!number || *number < 1) return Invalid(kCount, "_count must be a whole number from 1");
    out.count = static_cast<int>(std::min<long>(*number, kParamLimits.max_limit));
    if (*number > kParamLimits.max_limit) {
      out.warnings.push_back(
          Invalid(kCount, "_count is capped at " + std::to_string(kParamLimits.max_limit)));
    }
    return Status::Ok();
  }
  if (!number) return Invalid(kOffsetParam, "_offset must be a whole number");
  if (*number > kParamLimits.max_offset) {
    return Error{400, std::string(fhir_issue::kTooCostly),
                 "_offset is at most " + std::to_string(kParamLimits.max_offset),
                 std::string(kOffsetParam)};
  }
  out.offset = static_cast<int>(*number);
  return Status::Ok();
}

Status ReadInclude(const std::string& value, FhirSearch& out) {
  const bool known =
      value.rfind(kIncludePrefix, 0) == 0 &&
      std::find(std::begin(kIncludeTargets), std::end(kIncludeTargets),
                std::string_view(value).substr(kIncludePrefix.size())) != std::end(kIncludeTargets);
  if (!known) {
    return NotSupported(kInclude,
                        "_include takes PractitionerRole:practitioner, :location, "
                        ":service or :network");
  }
  const std::string target = value.substr(kIncludePrefix.size());
  if (std::find(out.includes.begin(), out.includes.end(), target) == out.includes.end()) {
    out.includes.push_back(target);
  }
  return Status::Ok();
}

const SearchSpec* SpecOf(std::string_view type) {
  for (const auto& spec : kSearchSpecs) {
    if (spec.type == type) return &spec;
  }
  return nullptr;
}

bool Listed(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The resources `value` of naming parameter `param` names, each once, in order.
Result<std::vector<FhirNamedResource>> NamedResources(std::string_view param,
                                                      const std::string& value) {
  const std::vector<std::string> items = SplitCommas(value);
  if (items.size() > static_cast<size_t>(kParamLimits.max_filter_values)) {
    return Invalid(param, std::string(param) + " takes at most " +
                              std::to_string(kParamLimits.max_filter_values) + " values");
  }
  const std::string npi_prefix = std::string(kNpiSystem) + "|";
  std::vector<FhirNamedResource> named;
  for (std::string item : items) {
    FhirNamedResource resource;
    if (param == kIdentifier) {
      if (item.rfind(npi_prefix, 0) == 0) {
        item.erase(0, npi_prefix.size());
      } else if (item.find('|') != std::string::npos) {
        return Error{400, std::string(fhir_issue::kCodeInvalid),
                     "identifier takes NPIs (system " + std::string(kNpiSystem) + ")",
                     std::string(param)};
      }
      if (!IsValidNpi(item)) {
        return Invalid(param, "identifier must be an NPI: ten digits with a valid check digit");
      }
      resource.by = FhirNamedResource::By::kNpi;
    } else if (param == kPractitionerParam && item.rfind(kPractitionerPrefix, 0) == 0) {
      item.erase(0, kPractitionerPrefix.size());
    }
    if (item.empty() || item.find('/') != std::string::npos) {
      return Invalid(param, param == kPractitionerParam
                                ? "practitioner takes Practitioner/<id> references"
                                : std::string(param) + " takes resource ids");
    }
    resource.value = std::move(item);
    const bool seen = std::any_of(named.begin(), named.end(), [&](const FhirNamedResource& r) {
      return r.by == resource.by && r.value == resource.value;
    });
    if (!seen) named.push_back(std::move(resource));
  }
  return named;
}

void AddIncludes(FhirSearch& out) {
  for (const auto& target : out.includes) {
    out.accepted.emplace_back(std::string(kInclude), std::string(kIncludePrefix) + target);
  }
}

// Reads `query` against `spec`: _format, _include, paging and each parameter
// once; filters go to `given` (the caller translates them); an id search's
// naming parameter, alone among the filters, fills out.named.
Status ReadParams(const SearchSpec* spec, const QueryPairs& query, FhirHandling handling,
                  FhirSearch& out, std::map<std::string, std::string, std::less<>>& given) {
  out.type = std::string(spec->type);
  out.count = kParamLimits.default_limit;
  for (const auto& [name, value] : query) {
    if (name == kFormat) continue;
    if (name == kInclude && spec->includes) {
      if (Status read = ReadInclude(value, out); !read) return read.error();
      continue;
    }
    const bool paging = name == kCount || name == kOffsetParam;
    if (!paging && !Listed(spec->filters, name) && !Listed(spec->naming, name)) {
      Error unknown =
          NotSupported(name, "parameter not supported here; /fhir/metadata lists the supported");
      if (handling == FhirHandling::kStrict) return unknown;
      out.warnings.push_back(std::move(unknown));
      continue;
    }
    if (given.count(name) > 0 ||
        (paging && std::count_if(query.begin(), query.end(), [&name = name](const auto& pair) {
                     return pair.first == name;
                   }) > 1)) {
      return NotSupported(name, "give each parameter once (use commas for OR)");
    }
    if (paging) {
      if (Status read = ReadPaging(name, value, out); !read) return read.error();
      continue;
    }
    given.emplace(name, value);
  }
  for (auto naming : spec->naming) {
    auto it = given.find(naming);
    if (it == given.end()) continue;
    if (given.size() > 1) {
      return NotSupported(
          naming, std::string(naming) + " names resources: it takes no other filter beside it");
    }
    auto named = NamedResources(naming, it->second);
    if (!named) return named.error();
    out.named = std::move(named).value();
    out.accepted.emplace_back(it->first, it->second);
    AddIncludes(out);
  }
  return Status::Ok();
}

}  // namespace

Status CheckFhirFormat(const QueryPairs& query) {
  for (const auto& [name, value] : query) {
    if (name != kFormat) continue;
    if (std::find(std::begin(kJsonFormats), std::end(kJsonFormats), value) !=
        std::end(kJsonFormats)) {
      continue;
    }
    if (std::find(std::begin(kXmlFormats), std::end(kXmlFormats), value) != std::end(kXmlFormats)) {
      return Error{406, std::string(fhir_issue::kNotSupported), "this server answers JSON only",
                   std::string(kFormat)};
    }
    return Invalid(kFormat, "_format must be json, application/json or application/fhir+json");
  }
  return Status::Ok();
}

Result<FhirSearch> ParseFhirRoleSearch(const QueryPairs& query, const NuccTaxonomy& taxonomy,
                                       FhirHandling handling) {
  Translation t;
  std::map<std::string, std::string, std::less<>> given;
  if (Status read = ReadParams(SpecOf("PractitionerRole"), query, handling, t.out, given); !read) {
    return read.error();
  }
  if (!t.out.named.empty()) return std::move(t.out);
  if (given.count(kAddressState) > 0 && given.count(kLicensedState) > 0) {
    return NotSupported(kLicensedState,
                        "licensed-state and location.address-state cannot be combined");
  }
  for (auto name : kFilterParams) {
    auto it = given.find(name);
    if (it == given.end()) continue;
    if (Status translated = TranslateFilter(name, it->second, taxonomy, t); !translated) {
      return translated.error();
    }
    t.out.accepted.emplace_back(std::string(name), it->second);
  }
  // /api/v1/search reads virtual=true with in_person=true as either way (OR);
  // FHIR parameters combine with AND, which the engine cannot say.
  if (t.out.origin.count(std::string(params::kVirtual)) > 0 &&
      t.out.origin.count(std::string(params::kInPerson)) > 0) {
    return NotSupported(t.out.origin[std::string(params::kVirtual)],
                        "telehealth and in-person conditions cannot be combined in one search");
  }
  AddIncludes(t.out);
  t.Add(kCount, params::kLimit, std::to_string(t.out.count));
  t.Add(kOffsetParam, params::kOffset, std::to_string(t.out.offset));
  return std::move(t.out);
}

Result<FhirSearch> ParseFhirIdSearch(std::string_view type, const QueryPairs& query,
                                     FhirHandling handling) {
  const SearchSpec* spec = SpecOf(type);
  if (!spec || spec->includes) return Error::Internal("no id search of " + std::string(type));
  Translation t;
  std::map<std::string, std::string, std::less<>> given;
  if (Status read = ReadParams(spec, query, handling, t.out, given); !read) return read.error();
  if (t.out.named.empty()) {
    std::string names;
    for (auto name : spec->naming) names += (names.empty() ? "" : " or ") + std::string(name);
    return NotSupported(kQueryStringField, "search " + std::string(type) + " by " + names +
                                               "; PractitionerRole takes the other parameters");
  }
  return std::move(t.out);
}

}  // namespace rapport
