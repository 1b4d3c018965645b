// Fuzzes the /fhir search parameters: a raw query string → ParseQueryString
// → CheckFhirFormat and ParseFhirRoleSearch (strict and lenient) with the
// shipped NUCC taxonomy → the /api/v1/search parser the translation feeds,
// and ParseFhirIdSearch of Practitioner and Location
// (web/fhir_api/fhir_search_params.h).
//
// Invariants: a refusal is a 4xx naming the parameter; an accepted search
// has 1 ≤ _count ≤ 100 and _offset ≤ 10,000, names the FHIR parameter behind
// each search parameter, and never asks for virtual and in-person together (the
// JSON API reads that as OR); lenient handling accepts whatever strict
// accepts, with the same translation; when the search parser refuses the
// translation, the field it names came from a FHIR parameter. An id search
// (role, Practitioner, Location) names at least one resource, each a
// non-empty id without '/' or an NPI with a valid check digit, and a role
// id search carries no filter.
#include "fhir_search_params.h"
#include "fuzz_support.h"
#include "npi_number.h"
#include "query_string.h"
#include "search_params.h"
#include "test_support.h"

namespace rapport::fuzz {
namespace {

void CheckPaging(const FhirSearch& search) {
  FUZZ_CHECK(search.count >= 1 && search.count <= kParamLimits.max_limit,
             "_count out of range: " + std::to_string(search.count));
  FUZZ_CHECK(search.offset >= 0 && search.offset <= kParamLimits.max_offset,
             "_offset out of range: " + std::to_string(search.offset));
}

void CheckNamed(const FhirSearch& search) {
  for (const FhirNamedResource& named : search.named) {
    FUZZ_CHECK(!named.value.empty() && named.value.find('/') == std::string::npos,
               "a named resource id that is empty or holds '/': " + named.value);
    if (named.by == FhirNamedResource::By::kNpi) {
      FUZZ_CHECK(IsValidNpi(named.value), "a named NPI that fails the check: " + named.value);
    }
  }
}

// Practitioner and Location searches: always by id, with the same bounds.
void CheckIdSearches(const QueryPairs& pairs) {
  for (const char* type : {"Practitioner", "Location"}) {
    for (const FhirHandling handling : {FhirHandling::kStrict, FhirHandling::kLenient}) {
      Result<FhirSearch> search = ParseFhirIdSearch(type, pairs, handling);
      if (!search) {
        CheckClientError(search.error(), "FHIR id search parameters", FieldRule::kRequired);
        continue;
      }
      FUZZ_CHECK(!search.value().named.empty(), "an id search that names nothing");
      FUZZ_CHECK(search.value().type == type, "an id search of another type");
      CheckPaging(search.value());
      CheckNamed(search.value());
    }
  }
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return rapport::fuzz::BuildSharedIndexFirst();
}

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
  CheckIdSearches(pairs.value());
  Result<FhirSearch> strict = ParseFhirRoleSearch(pairs.value(), taxonomy, FhirHandling::kStrict);
  Result<FhirSearch> lenient = ParseFhirRoleSearch(pairs.value(), taxonomy, FhirHandling::kLenient);
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
  const FhirSearch& search = lenient.value();
  CheckPaging(search);
  if (!search.named.empty()) {
    CheckNamed(search);
    FUZZ_CHECK(search.search.empty(), "a role id search with filters");
  }
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
