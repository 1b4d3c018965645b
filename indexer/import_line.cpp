// One line of a bulk file (import_line.h).
#include "import_line.h"

namespace rapport {

ImportLineOutcome ReadImportLine(const NdjsonLine& line, const JsonLimits& limits,
                                 const ProfileValidator& validator,
                                 rapidjson::MemoryPoolAllocator<>& values) {
  ImportLineOutcome outcome;
  if (line.too_long) {
    outcome.errors.push_back(
        {"(line)", "line too long (more than " + std::to_string(limits.max_bytes) + " bytes)"});
    return outcome;
  }
  rapidjson::Document doc(&values);
  if (Status parsed = ParseJsonBounded(line.text, limits, doc); !parsed) {
    outcome.errors.push_back({"(line)", parsed.error().message});
    return outcome;
  }
  ValidationOutcome validated = validator.Validate(doc, ValidationMode::kImport);
  outcome.warnings = std::move(validated.warnings);
  if (!validated.ok()) {
    outcome.errors = std::move(validated.errors);
    return outcome;
  }
  outcome.profile = std::move(validated.profile);
  return outcome;
}

}  // namespace rapport
