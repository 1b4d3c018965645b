// Fuzzes GET /fhir/PractitionerRole's parameters: a raw query string →
// ParseQueryString → CheckFhirFormat and ParseFhirRoleSearch (strict and
// lenient) with the shipped NUCC taxonomy → the /api/v1/search parser the
// translation feeds (web/fhir_api/fhir_search_params.h).
//
// Invariants: a refusal is a 4xx naming the parameter; an accepted search
// has 1 ≤ _count ≤ 100 and _offset ≤ 10,000, names the FHIR parameter behind
// each search parameter, and never asks for virtual and in-person together (the
// JSON API reads that as OR); lenient handling accepts whatever strict
// accepts, with the same translation; when the search parser refuses the
// translation, the field it names came from a FHIR parameter.
#include "fhir_search_params.h"
#include "fuzz_support.h"
#include "query_string.h"
#include "search_params.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  static const NuccTaxonomy taxonomy =
      NuccTaxonomy::Load(rapport::testing::SourcePath("data/nucc_taxonomy.json")).value();
  const FuzzIndex& index = SharedIndex();

  Result<QueryPairs> pairs = ParseQueryString(AsText(data, size));
  if (!pairs) return 0;
  if (Status format = CheckFhirFormat(pairs.value()); !format) {
    CheckClientError(format.error(), "_format", FieldRule::kRequired);
  }
  Result<FhirRoleSearch> strict =
      ParseFhirRoleSearch(pairs.value(), taxonomy, FhirHandling::kStrict);
  Result<FhirRoleSearch> lenient =
      ParseFhirRoleSearch(pairs.value(), taxonomy, FhirHandling::kLenient);
  if (!strict) CheckClientError(strict.error(), "FHIR parameters", FieldRule::kRequired);
  if (!lenient) {
    CheckClientError(lenient.error(), "FHIR parameters (lenient)", FieldRule::kRequired);
    FUZZ_CHECK(!strict, "lenient refused what strict accepted");
    return 0;
  }
  if (strict) {
    FUZZ_CHECK(strict.value().search == lenient.value().search,
               "strict and lenient translate differently");
  }
  const FhirRoleSearch& search = lenient.value();
  FUZZ_CHECK(search.count >= 1 && search.count <= kParamLimits.max_limit,
             "_count out of range: " + std::to_string(search.count));
  FUZZ_CHECK(search.offset >= 0 && search.offset <= kParamLimits.max_offset,
             "_offset out of range: " + std::to_string(search.offset));
  bool is_virtual = false;
  bool in_person = false;
  for (const auto& [name, value] : search.search) {
    FUZZ_CHECK(search.origin.count(name) == 1, "no FHIR parameter behind " + name);
    is_virtual |= name == params::kVirtual;
    in_person |= name == params::kInPerson;
  }
  FUZZ_CHECK(!(is_virtual && in_person), "virtual and in_person together");
  Result<SearchRequest> request = ParseSearchParams(search.search, index.service->vocabulary());
  if (!request) {
    CheckClientError(request.error(), "translated search parameters", FieldRule::kRequired);
    FUZZ_CHECK(search.origin.count(request.error().field) == 1,
               "search refused a field no FHIR parameter gave: " + request.error().field);
  }
  return 0;
}
