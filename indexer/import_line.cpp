// One line of a bulk file (import_line.h).
#include "import_line.h"

#include <rapidjson/error/en.h>

namespace rapport {

ImportLineOutcome ReadImportLine(const NdjsonLine& line, size_t max_line_bytes,
                                 const ProfileValidator& validator,
                                 rapidjson::MemoryPoolAllocator<>& values) {
  ImportLineOutcome outcome;
  if (line.too_long) {
    outcome.errors.push_back(
        {"(line)", "line too long (more than " + std::to_string(max_line_bytes) + " bytes)"});
    return outcome;
  }
  rapidjson::Document doc(&values);
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.text.data(), line.text.size());
  if (doc.HasParseError()) {
    outcome.errors.push_back({"(line)", "invalid JSON at offset " +
                                            std::to_string(doc.GetErrorOffset()) + ": " +
                                            rapidjson::GetParseError_En(doc.GetParseError())});
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
