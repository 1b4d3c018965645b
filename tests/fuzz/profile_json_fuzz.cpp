// Fuzzes profile JSON validation: a create/update body through
// ReadProfileBody (the editor API's parse and editor-mode validation), the
// same document in import mode, and what an accepted profile becomes.
//
// Invariants: a refusal is a 400 or 422 JSON error (valid UTF-8) naming a
// field, and every listed problem names its field and quotes little; a document the editor API
// accepts is also accepted on import, as the same profile; an accepted profile is a fixed point:
// its canonical JSON validates again to the same canonical JSON, reads back from the store's form
// unchanged, and the document GET answers for it can be sent back with PUT as is.
#include <ctime>

#include <rapidjson/document.h>

#include "editor_bodies.h"
#include "editor_responses.h"
#include "fuzz_support.h"
#include "index_test_support.h"
#include "profile_json.h"
#include "server_config.h"

namespace rapport::fuzz {
namespace {

// A field path and a reason quote at most a few short names and values.
constexpr size_t kMaxProblemBytes = 256;

// The limits the server parses request bodies with.
JsonLimits Limits() { return BodyJsonLimits(ServerConfig{}); }

const ProfileValidator& Validator() {
  static const ProfileValidator validator(testing::ShippedVocabulary(), testing::ShippedCompacts(),
                                          std::time(nullptr));
  return validator;
}

void CheckRefusal(const HttpResponse& failure) {
  FUZZ_CHECK(failure.status == 400 || failure.status == 422,
             std::to_string(failure.status) + " " + failure.body);
  if (failure.status != 422) {
    CheckErrorResponse(failure, "profile body", FieldRule::kRequired);
    return;
  }
  FUZZ_CHECK(IsValidJsonText(failure.body), "the 422 answer is not valid JSON: " + failure.body);
  rapidjson::Document answer;
  answer.Parse(failure.body.c_str(), failure.body.size());
  const rapidjson::Value& details = answer["error"]["details"];
  FUZZ_CHECK(details.IsArray() && !details.Empty(), failure.body);
  // The message lists every "field: reason" of the details, each short.
  CheckErrorResponse(failure, "profile body", FieldRule::kRequired,
                     details.Size() * (2 * kMaxProblemBytes + 2));
  for (const auto& problem : details.GetArray()) {
    const size_t field = problem["field"].GetStringLength();
    const size_t reason = problem["reason"].GetStringLength();
    FUZZ_CHECK(field > 0 && reason > 0, failure.body);
    FUZZ_CHECK(field <= kMaxProblemBytes && reason <= kMaxProblemBytes,
               "a problem quotes too much: " + std::string(problem["field"].GetString()));
  }
}

// The profile the same document gives in import mode (updated_at cleared, as
// the editor path clears it).
std::string ImportCanonical(const std::string& body) {
  rapidjson::Document document;
  FUZZ_CHECK(ParseJsonBody(body, Limits(), document).ok(), "editor path parsed it");
  ValidationOutcome outcome = Validator().Validate(document, ValidationMode::kImport);
  FUZZ_CHECK(outcome.ok(), "editor accepts it, import refuses: " + outcome.errors.front().field +
                               ": " + outcome.errors.front().reason);
  outcome.profile.updated_at.clear();
  return ToCanonicalJson(outcome.profile);
}

void CheckFixedPoint(const Profile& profile, const std::string& body) {
  const std::string canonical = ToCanonicalJson(profile);
  FUZZ_CHECK(ImportCanonical(body) == canonical, "import reads another profile");

  BodyProfile again = ReadProfileBody(canonical, Limits(), Validator());
  FUZZ_CHECK(again.profile.has_value(), "canonical JSON refused: " + again.failure.body);
  FUZZ_CHECK(ToCanonicalJson(*again.profile) == canonical, "canonical JSON is not a fixed point");

  Result<Profile> stored = ProfileFromStoredJson(canonical);
  FUZZ_CHECK(stored.ok(), "store form unreadable: " + stored.error().message);
  FUZZ_CHECK(ToCanonicalJson(stored.value()) == canonical, "store form reads back differently");

  const StoredProfile row{profile, canonical, 1, ProfileStatus::kPublished};
  const HttpResponse read = ProfileResponse(row, testing::ShippedCompacts());
  FUZZ_CHECK(read.status == 200, read.body);
  BodyProfile put_back = ReadProfileBody(read.body, Limits(), Validator());
  FUZZ_CHECK(put_back.profile.has_value(), "GET answer refused on PUT: " + put_back.failure.body);
  FUZZ_CHECK(ToCanonicalJson(*put_back.profile) == canonical, "GET then PUT changes the profile");
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string body(AsText(data, size));
  BodyProfile read = ReadProfileBody(body, Limits(), Validator());
  if (!read.profile) {
    CheckRefusal(read.failure);
    return 0;
  }
  CheckFixedPoint(*read.profile, body);
  return 0;
}
