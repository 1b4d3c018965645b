// Reading FHIR Bundles and NDJSON into one set of resources by reference.
#include "fhir_resources.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace rapport {
namespace {

// Resource types that hold health information about a person: never stored,
// never printed, only counted and named by id (docs/interop.md §5.2).
constexpr std::string_view kClinicalTypes[] = {
    "Patient",
    "Observation",
    "Condition",
    "Encounter",
    "Procedure",
    "MedicationRequest",
    "MedicationStatement",
    "DiagnosticReport",
    "AllergyIntolerance",
    "Claim",
    "ExplanationOfBenefit",
    "Coverage",
};

bool IsClinical(std::string_view type) {
  return std::find(std::begin(kClinicalTypes), std::end(kClinicalTypes), type) !=
         std::end(kClinicalTypes);
}

std::string StringMember(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// "Type/id" from the last two segments of a reference or URL.
std::string TailKey(std::string_view reference) {
  const size_t last = reference.rfind('/');
  if (last == std::string_view::npos || last == 0) return std::string(reference);
  const size_t before = reference.rfind('/', last - 1);
  const size_t start = before == std::string_view::npos ? 0 : before + 1;
  return std::string(reference.substr(start));
}

// A file is NDJSON when its first non-blank line parses alone as a resource
// other than a Bundle; otherwise the whole file is one Bundle.
bool IsBundleText(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  const size_t end = text.find('\n', first);
  const std::string_view line =
      text.substr(first, end == std::string_view::npos ? std::string_view::npos : end - first);
  rapidjson::Document document;
  document.Parse(line.data(), line.size());
  if (document.HasParseError()) return true;
  return StringMember(document, "resourceType") == "Bundle";
}

}  // namespace

Status FhirResources::AddFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error{400, "unreadable", path + ": cannot open", "file"};
  const auto size = static_cast<uint64_t>(in.tellg());
  if (size > limits_.max_file_bytes) {
    return Error{413, "too_large",
                 path + ": " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(limits_.max_file_bytes),
                 "file"};
  }
  in.seekg(0);
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (IsBundleText(text)) {
    auto document = std::make_unique<rapidjson::Document>();
    JsonLimits limits;
    limits.max_bytes = limits_.max_file_bytes;
    limits.max_depth = limits_.max_depth;
    Status parsed = ParseJsonBounded(text, limits, *document);
    if (!parsed) return Error{400, "invalid_json", path + ": " + parsed.error().message, "file"};
    if (!document->IsObject()) return Error{400, "invalid_json", path + ": not an object", "file"};
    auto entries = document->FindMember("entry");
    if (entries != document->MemberEnd() && entries->value.IsArray()) {
      int index = 0;
      for (const auto& entry : entries->value.GetArray()) {
        const std::string where = path + ":entry " + std::to_string(index++);
        if (!entry.IsObject() || !entry.HasMember("resource")) {
          problems_.push_back(where + ": no resource");
          continue;
        }
        AddResource(entry["resource"], StringMember(entry, "fullUrl"), where);
      }
    }
    documents_.push_back(std::move(document));
    return Status{};
  }
  std::istringstream lines(text);
  std::string line;
  int64_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    AddText(line, path + ":" + std::to_string(number));
  }
  return Status{};
}

void FhirResources::AddText(std::string_view text, const std::string& where) {
  auto document = std::make_unique<rapidjson::Document>();
  JsonLimits limits;
  limits.max_bytes = limits_.max_resource_bytes;
  limits.max_depth = limits_.max_depth;
  Status parsed = ParseJsonBounded(text, limits, *document);
  if (!parsed) {
    problems_.push_back(where + ": " + parsed.error().message);
    return;
  }
  AddResource(*document, "", where);
  documents_.push_back(std::move(document));
}

void FhirResources::AddResource(const rapidjson::Value& resource, const std::string& full_url,
                                const std::string& where) {
  const std::string type = StringMember(resource, "resourceType");
  if (type.empty()) {
    problems_.push_back(where + ": not a resource (no resourceType)");
    return;
  }
  ++counts_[type];
  const std::string key = type + "/" + StringMember(resource, "id");
  if (IsClinical(type)) {
    refused_.push_back(key);
    return;
  }
  if (by_key_.count(key) != 0) {
    problems_.push_back(where + ": " + key + " read before: the first is kept");
    return;
  }
  order_.emplace_back(type, &resource);
  by_key_[key] = &resource;
  if (!full_url.empty()) by_key_[full_url] = &resource;
}

const rapidjson::Value* FhirResources::Resolve(std::string_view reference) const {
  auto it = by_key_.find(reference);
  if (it != by_key_.end()) return it->second;
  it = by_key_.find(TailKey(reference));
  return it == by_key_.end() ? nullptr : it->second;
}

std::vector<const rapidjson::Value*> FhirResources::OfType(std::string_view type) const {
  std::vector<const rapidjson::Value*> found;
  for (const auto& [resource_type, resource] : order_) {
    if (resource_type == type) found.push_back(resource);
  }
  return found;
}

}  // namespace rapport
