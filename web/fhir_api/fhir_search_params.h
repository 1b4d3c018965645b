// FHIR searches (docs/interop.md §7.2), read from outside input: every
// parameter is checked, and one the server cannot answer exactly is refused
// (400 not-supported) rather than ignored.
//
// - A filter search of PractitionerRole is translated into the parameters of
//   /api/v1/search, so the same SearchService answers it with the same
//   meaning (no second index).
// - An id search names its resources: PractitionerRole?_id= and
//   ?practitioner=, Practitioner?_id= and ?identifier= (NPI), Location?_id=;
//   the handler reads those profiles by id or NPI.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "http_types.h"
#include "nppes_taxonomy.h"

namespace rapport {

// Unknown parameters: refused (Rapport's rule), or ignored with a warning
// (FHIR's default, asked for with `Prefer: handling=lenient`).
enum class FhirHandling { kStrict, kLenient };

// A resource an id search names: by its FHIR id (the searched type's), or a
// Practitioner by NPI.
struct FhirNamedResource {
  enum class By { kId, kNpi };
  By by = By::kId;
  std::string value;
};

struct FhirSearch {
  std::string type;  // the searched resource type: its links and match entries
  // Set: an id search of these resources, in the order named (no /api/v1/search).
  std::vector<FhirNamedResource> named;
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

// Reads the query of GET /fhir/PractitionerRole: a filter search, or an id
// search with _id or practitioner (which take no filter beside them). 400
// Errors carry a FHIR issue code (operation_outcome.h) and name the parameter.
[[nodiscard]] Result<FhirSearch> ParseFhirRoleSearch(const QueryPairs& query,
                                                     const NuccTaxonomy& taxonomy,
                                                     FhirHandling handling);

// Reads the query of GET /fhir/Practitioner (identifier: an NPI, as
// `http://hl7.org/fhir/sid/us-npi|N` or bare; or _id) or GET /fhir/Location
// (_id): always an id search.
[[nodiscard]] Result<FhirSearch> ParseFhirIdSearch(std::string_view type, const QueryPairs& query,
                                                   FhirHandling handling);

// `_format` of any /fhir request: OK for JSON (absent, json, application/json,
// application/fhir+json), 406 for XML, 400 otherwise.
[[nodiscard]] Status CheckFhirFormat(const QueryPairs& query);

}  // namespace rapport
