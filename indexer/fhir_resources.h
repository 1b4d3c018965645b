// FhirResources: every resource of one or more FHIR inputs (a Bundle, or
// NDJSON of resources as bulk export writes it), held by "Type/id" so that
// references resolve across files (docs/interop.md §5.1). Everything is read
// before anything is mapped; the reader refuses a file over max_bytes.
//
//   FhirResources resources(limits);
//   resources.AddFile("Practitioner.ndjson");
//   const rapidjson::Value* role = resources.Resolve("PractitionerRole/r1");
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "bounded_json.h"
#include "error.h"

namespace rapport {

struct FhirReadLimits {
  uint64_t max_file_bytes = uint64_t{2} << 30;  // larger input files are refused
  size_t max_resource_bytes = 4 << 20;          // one NDJSON line or one Bundle entry
  int max_depth = 32;                           // JSON nesting
};

class FhirResources {
 public:
  explicit FhirResources(const FhirReadLimits& limits) : limits_(limits) {}

  // Reads `path` (Bundle when its first object has resourceType "Bundle",
  // NDJSON otherwise). Unreadable lines or entries are recorded in problems();
  // a 400/413 Error when the file cannot be read at all or is too large.
  [[nodiscard]] Status AddFile(const std::string& path);

  // The resource a reference names: "Type/id", a Bundle fullUrl, or an
  // absolute URL whose last two segments are Type/id; nullptr when absent.
  [[nodiscard]] const rapidjson::Value* Resolve(std::string_view reference) const;

  // Every resource of `type`, in input order.
  [[nodiscard]] std::vector<const rapidjson::Value*> OfType(std::string_view type) const;

  // Resources read, by type (clinical ones included, though not kept).
  [[nodiscard]] const std::map<std::string, int64_t>& counts() const { return counts_; }
  // "Type/id" of each refused clinical resource (Patient, ...).
  [[nodiscard]] const std::vector<std::string>& refused() const { return refused_; }
  // "FILE:LINE: reason" (or FILE:entry N) for each unreadable resource and
  // each one whose Type/id was read before (the first is kept).
  [[nodiscard]] const std::vector<std::string>& problems() const { return problems_; }

 private:
  void AddResource(const rapidjson::Value& resource, const std::string& full_url,
                   const std::string& where);
  void AddText(std::string_view text, const std::string& where);

  FhirReadLimits limits_;
  std::vector<std::unique_ptr<rapidjson::Document>> documents_;
  std::vector<std::pair<std::string, const rapidjson::Value*>> order_;  // type, resource
  std::map<std::string, const rapidjson::Value*, std::less<>> by_key_;
  std::map<std::string, int64_t> counts_;
  std::vector<std::string> refused_;
  std::vector<std::string> problems_;
};

}  // namespace rapport
