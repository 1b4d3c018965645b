// FhirRoleSearch: a FHIR search of PractitionerRole (docs/interop.md §7.2)
// translated into the parameters of /api/v1/search, so the same
// SearchService answers it with the same meaning (no second index). Reads
// outside input: every parameter is checked, and one the translation cannot
// express exactly is refused (400 not-supported) rather than ignored.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "error.h"
#include "http_types.h"
#include "nppes_taxonomy.h"

namespace rapport {

// Unknown parameters: refused (Rapport's rule), or ignored with a warning
// (FHIR's default, asked for with `Prefer: handling=lenient`).
enum class FhirHandling { kStrict, kLenient };

struct FhirRoleSearch {
  QueryPairs search;  // /api/v1/search parameters, limit and offset included
  // The /api/v1/search parameter each FHIR parameter became, to name the FHIR
  // one in an error the search raises ("state" → "location.address-state").
  std::map<std::string, std::string> origin;
  QueryPairs accepted;  // the FHIR parameters taken, canonical order, without _count/_offset
  std::vector<std::string> includes;  // "practitioner", "location", "service", "network"
  int count = 0;
  int offset = 0;
  std::vector<Error> warnings;  // _count capped; parameters ignored (lenient)
};

// Translates the query of GET /fhir/PractitionerRole. 400 Errors carry a FHIR
// issue code (operation_outcome.h) and name the parameter.
[[nodiscard]] Result<FhirRoleSearch> ParseFhirRoleSearch(const QueryPairs& query,
                                                         const NuccTaxonomy& taxonomy,
                                                         FhirHandling handling);

// `_format` of any /fhir request: OK for JSON (absent, json, application/json,
// application/fhir+json), 406 for XML, 400 otherwise.
[[nodiscard]] Status CheckFhirFormat(const QueryPairs& query);

}  // namespace rapport
