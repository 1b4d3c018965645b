// The CapabilityStatement of GET /fhir/metadata (docs/interop.md §7.4):
// exactly the interactions, search parameters and includes /fhir serves.
#pragma once

#include <string>

#include "fhir_urls.h"

namespace rapport {

[[nodiscard]] std::string CapabilityStatementJson(const FhirUrls& urls);

}  // namespace rapport
