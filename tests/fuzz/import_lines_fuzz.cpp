// Fuzzes `rapport-index import`'s reading of a bulk file: the input is a
// whole NDJSON file, read by NdjsonReader from a memory file and each line
// through ReadImportLine, as the command does (without the store).
//
// Invariants: the reader yields exactly the lines an independent split finds
// (numbers, text without a trailing \r, blank lines skipped, over-long lines
// flagged and not held); a rejected line names a field for every problem; an
// accepted line's profile validates again, from its canonical JSON, to the
// same profile.
#include <ctime>

#include <rapidjson/document.h>

#include "fuzz_support.h"
#include "import_line.h"
#include "index_test_support.h"
#include "profile_json.h"

namespace rapport::fuzz {
namespace {

// Short, so that the fuzzer reaches it; sample profiles are shorter.
constexpr size_t kMaxLineBytes = 2048;

// The import command's limits, with lines cut at kMaxLineBytes.
JsonLimits Limits() {
  JsonLimits limits;
  limits.max_bytes = kMaxLineBytes;
  return limits;
}

const ProfileValidator& Validator() {
  static const ProfileValidator validator(testing::ShippedVocabulary(), testing::ShippedCompacts(),
                                          std::time(nullptr));
  return validator;
}

// The lines NdjsonReader must yield, found by splitting at '\n' here.
std::vector<NdjsonLine> ExpectedLines(std::string_view file) {
  std::vector<NdjsonLine> lines;
  int64_t number = 0;
  for (size_t start = 0; start < file.size();) {
    size_t end = file.find('\n', start);
    if (end == std::string_view::npos) end = file.size();
    std::string_view text = file.substr(start, end - start);
    start = end + 1;
    ++number;
    if (text.size() > kMaxLineBytes) {
      lines.push_back({number, "", true});
      continue;
    }
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    lines.push_back({number, std::string(text), false});
  }
  return lines;
}

void CheckLine(const NdjsonLine& line) {
  rapidjson::MemoryPoolAllocator<> values;
  const ImportLineOutcome outcome = ReadImportLine(line, Limits(), Validator(), values);
  for (const FieldError& warning : outcome.warnings) {
    FUZZ_CHECK(!warning.field.empty(), "a warning names no field");
  }
  if (!outcome.profile) {
    FUZZ_CHECK(!outcome.errors.empty(), "rejected without a reason");
    for (const FieldError& error : outcome.errors) {
      FUZZ_CHECK(!error.field.empty() && !error.reason.empty(), "a problem names no field");
    }
    return;
  }
  FUZZ_CHECK(outcome.errors.empty(), "accepted with errors");
  const std::string canonical = ToCanonicalJson(*outcome.profile);
  rapidjson::Document document;
  document.Parse(canonical.c_str(), canonical.size());
  const ValidationOutcome again = Validator().Validate(document, ValidationMode::kImport);
  FUZZ_CHECK(again.ok() && ToCanonicalJson(again.profile) == canonical,
             "an accepted profile does not validate again to itself: " + canonical);
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string_view file = AsText(data, size);
  const std::vector<NdjsonLine> expected = ExpectedLines(file);
  const MemoryFile memory(file);
  auto reader = NdjsonReader::Open(memory.path(), kMaxLineBytes);
  FUZZ_CHECK(reader.ok(), "cannot open the memory file");
  size_t count = 0;
  for (NdjsonLine line; reader.value()->Next(&line); ++count) {
    FUZZ_CHECK(count < expected.size(), "more lines than the file has");
    const NdjsonLine& want = expected[count];
    FUZZ_CHECK(
        line.number == want.number && line.too_long == want.too_long && line.text == want.text,
        "line " + std::to_string(line.number) + " read as another, expected line " +
            std::to_string(want.number));
    CheckLine(line);
  }
  FUZZ_CHECK(reader.value()->status().ok(), "read error");
  FUZZ_CHECK(count == expected.size(), "lines missing");
  return 0;
}
