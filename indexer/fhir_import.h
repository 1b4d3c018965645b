// `rapport-index import --format fhir FILE...`: reads FHIR Plan-Net resources
// (Bundles or NDJSON, several files resolved together), maps each
// Practitioner to a profile (fhir_mapper.h), validates it as an NDJSON line
// is (import mode) and writes it with the actor "import:fhir". Fields whose
// latest change was made by another actor (an editor, the NPPES import) are
// kept (docs/interop.md §5.2). Prints a report on stdout, notes on stderr.
#pragma once

#include <string>
#include <vector>

#include "fhir_resources.h"
#include "index_commands.h"

namespace rapport {

// The actor the FHIR import writes its revisions with.
constexpr const char* kFhirActor = "import:fhir";

struct FhirImportOptions {
  FhirReadLimits read;
  // The canonical base Rapport's own extensions are read under (fhir_urls.h):
  // the export's; empty: the documented default.
  std::string public_base_url;
};

// The --help text of the FHIR import's options.
[[nodiscard]] std::string FhirImportUsage(const FhirImportOptions& options);

// Imports `files`; returns the exit status (0 done, 1 a practitioner rejected
// by validation, a clinical resource refused or the store failed, 2 an
// unreadable file).
[[nodiscard]] int RunFhirImport(const CommandContext& context,
                                const std::vector<std::string>& files,
                                const FhirImportOptions& options);

}  // namespace rapport
