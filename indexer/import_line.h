// ImportLine: one line of a bulk NDJSON file read into a profile, or the
// problems that reject it, as `rapport-index import` reports them
// (FILE:LINE: field: reason). Parsed by ParseJsonBounded (strict UTF-8,
// bounded nesting), validated in import mode (unknown fields are warnings). Kept apart from the
// command (which needs a store) so that tests/fuzz/import_lines_fuzz.cpp can run every line through
// it.
//
//   rapidjson::MemoryPoolAllocator<> values(buffer, sizeof buffer);
//   ImportLineOutcome outcome = ReadImportLine(line, limits, validator, values);
//   if (!outcome.profile) for (const auto& e : outcome.errors) Report(line.number, e);
#pragma once

#include <optional>
#include <vector>

#include <rapidjson/document.h>

#include "bounded_json.h"
#include "ndjson_reader.h"
#include "profile.h"
#include "profile_validator.h"

namespace rapport {

struct ImportLineOutcome {
  std::optional<Profile> profile;    // set when the line is accepted
  std::vector<FieldError> errors;    // why it is rejected: "(line)" for the line as a whole
  std::vector<FieldError> warnings;  // unknown fields, skipped
};

// Reads `line` (which NdjsonReader cut at `limits.max_bytes`). The parsed
// document's values live in `values`, a pool the caller may reuse per line.
[[nodiscard]] ImportLineOutcome ReadImportLine(const NdjsonLine& line, const JsonLimits& limits,
                                               const ProfileValidator& validator,
                                               rapidjson::MemoryPoolAllocator<>& values);

}  // namespace rapport
