// Fuzzes the NDJSON body of POST /api/v1/therapists:batch through
// ReadProfileBatch and the answer ProfileBatchAnswer writes (every valid line
// answered as created, the way a store that took them would).
//
// Invariants: a refused body is a 4xx (413 past the line limit, else 400
// naming body); an accepted one has a result for each non-blank line, in
// order, counted independently here; an invalid line lists problems that
// each name a field, a valid one is exactly a profile to write; the answer
// is JSON in valid UTF-8 whose counts add up to the lines.
#include <ctime>

#include <rapidjson/document.h>

#include "fuzz_support.h"
#include "index_test_support.h"
#include "profile_batch.h"
#include "server_config.h"

namespace rapport::fuzz {
namespace {

// Small, so that the fuzzer reaches the limit with short inputs.
constexpr size_t kMaxLines = 8;

const ProfileValidator& Validator() {
  static const ProfileValidator validator(testing::ShippedVocabulary(), testing::ShippedCompacts(),
                                          std::time(nullptr));
  return validator;
}

// Lines with anything but spaces and tabs (after a trailing \r is dropped).
size_t NonBlankLines(std::string_view body) {
  size_t count = 0;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) ++count;
    start = end + 1;
  }
  return count;
}

void CheckAnswer(const ProfileBatch& batch) {
  std::vector<WriteOutcome> outcomes(batch.profiles.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    outcomes[i].kind = WriteKind::kCreated;
    outcomes[i].stored.version = static_cast<int64_t>(i) + 1;
  }
  const std::string answer = ProfileBatchAnswer(batch, outcomes);
  FUZZ_CHECK(IsValidJsonText(answer), "the answer is not valid JSON");
  rapidjson::Document document;
  document.Parse(answer.c_str(), answer.size());
  FUZZ_CHECK(document["results"].Size() == batch.lines.size(), answer);
  FUZZ_CHECK(document["created"].GetInt() == static_cast<int>(batch.profiles.size()), answer);
  FUZZ_CHECK(document["invalid"].GetInt() + document["created"].GetInt() ==
                 static_cast<int>(batch.lines.size()),
             answer);
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string_view body = AsText(data, size);
  const size_t lines = NonBlankLines(body);
  Result<ProfileBatch> batch =
      ReadProfileBatch(body, BodyJsonLimits(ServerConfig{}), Validator(), kMaxLines);
  if (!batch) {
    CheckClientError(batch.error(), "batch", FieldRule::kOptional);
    FUZZ_CHECK(batch.error().status == (lines > kMaxLines ? 413 : 400),
               std::to_string(batch.error().status) + " for " + std::to_string(lines) + " lines");
    if (batch.error().status == 400) FUZZ_CHECK(batch.error().field == "body", "field");
    return 0;
  }
  FUZZ_CHECK(batch.value().lines.size() == lines, std::to_string(batch.value().lines.size()) +
                                                      " results for " + std::to_string(lines) +
                                                      " lines");
  size_t valid = 0;
  int previous_line = 0;
  for (const BatchLine& line : batch.value().lines) {
    FUZZ_CHECK(line.line > previous_line, "lines out of order");
    previous_line = line.line;
    for (const FieldError& problem : line.errors) {
      FUZZ_CHECK(!problem.field.empty() && !problem.reason.empty(), "a problem names no field");
    }
    if (!line.errors.empty()) continue;
    FUZZ_CHECK(line.profile_index == valid, "profiles out of order");
    FUZZ_CHECK(batch.value().profiles[valid].id == line.id, "the result names another id");
    ++valid;
  }
  FUZZ_CHECK(valid == batch.value().profiles.size(), "profiles without a line");
  CheckAnswer(batch.value());
  return 0;
}
