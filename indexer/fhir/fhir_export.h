// `rapport-index export --format fhir DIR` (docs/interop.md §8): every
// published profile as FHIR R4 bulk-export NDJSON, one file per resource type
// (Practitioner, PractitionerRole, Location, HealthcareService, Organization),
// rendered by the same FhirRenderer as the /fhir API. Each file is written as
// NAME.ndjson.tmp and renamed when complete; DIR is created if missing and a
// non-empty DIR is refused without --force.
#pragma once

#include <string>
#include <vector>

#include "index_commands.h"

namespace rapport {

// Profiles between two progress lines on stderr.
inline constexpr long kExportProgressEvery = 100000;

// Exit status: 0 written, 1 the store or a file failed, 2 usage or a non-empty DIR.
int RunExport(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rapport
