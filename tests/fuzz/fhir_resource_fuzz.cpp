// Fuzzes the FHIR import's reading and mapping: the input is a whole file
// (Bundle or NDJSON), read by FhirResources from a memory file with small
// limits, and every Practitioner in it mapped as the import maps it.
//
// Invariants: no clinical resource is resolvable once refused; a
// Practitioner mapped to a profile has a string id, and an `npi` it carries
// passes the check digit. Sanitizers catch the rest (RapidJSON asserts on a
// non-object lookup, integer overflow in a cast).
#include "fhir_mapper.h"
#include "fhir_resources.h"
#include "fuzz_support.h"
#include "npi_number.h"

namespace rapport::fuzz {
namespace {

// Small, so that the fuzzer reaches them.
FhirReadLimits Limits() {
  FhirReadLimits limits;
  limits.max_file_bytes = 1 << 16;
  limits.max_resource_bytes = 1 << 12;
  limits.max_depth = 16;
  return limits;
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const ImportReferenceData& reference_data = SharedImportReferenceData();
  const MemoryFile memory(AsText(data, size));
  FhirResources resources(Limits());
  if (!resources.AddFile(memory.path()).ok()) return 0;
  for (const std::string& key : resources.refused()) {
    FUZZ_CHECK(resources.Resolve(key) == nullptr, "a refused resource resolves: " + key);
  }
  const FhirUrls urls;
  const FhirReference reference{urls, reference_data.taxonomy, reference_data.geocoder,
                                reference_data.validation.vocabulary};
  for (const rapidjson::Value* practitioner : resources.OfType("Practitioner")) {
    FhirMapping mapping = MapPractitioner(*practitioner, resources, reference);
    if (mapping.kind != FhirPractitionerKind::kProfile) continue;
    const rapidjson::Document& document = mapping.document;
    FUZZ_CHECK(document.IsObject() && document.HasMember("id") && document["id"].IsString(),
               "a mapped profile without a string id");
    if (document.HasMember("npi")) {
      FUZZ_CHECK(IsValidNpi(document["npi"].GetString()), "a mapped profile kept a bad NPI");
    }
  }
  return 0;
}
