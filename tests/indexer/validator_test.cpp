// ProfileValidator, rule by rule: each bad value is rejected with its field
// path and reason, and every problem of a document is reported at once.
#include <doctest/doctest.h>

#include "geo_precision.h"
#include "profile_json.h"
#include "profile_validator.h"
#include "store_test_support.h"

namespace rapport {
namespace {

using testing::Lines;
using testing::PatchedProfileJson;
using testing::ValidateJson;
using Errors = std::vector<std::string>;

Errors ErrorsOf(const std::string& patch, ValidationMode mode = ValidationMode::kEditor) {
  return Lines(ValidateJson(PatchedProfileJson(patch), mode).errors);
}

TEST_CASE("a complete valid profile is accepted with every field kept") {
  const ValidationOutcome outcome = ValidateJson(testing::ValidProfileJson());
  REQUIRE(Lines(outcome.errors) == Errors{});
  const Profile& p = outcome.profile;
  CHECK(p.id == "t-0000123");
  CHECK(p.npi == "1234567893");
  CHECK(p.bio == "Warm, direct.\nEvening hours.");
  CHECK(p.modalities == std::vector<std::string>{"cbt", "emdr"});
  REQUIRE(p.fee.has_value());
  CHECK(*p.fee->min == 90);
  CHECK(*p.fee->sliding_scale);
  REQUIRE(p.offices.size() == 1);
  CHECK(*p.offices[0].lat == doctest::Approx(37.8044));
  CHECK(p.licenses[0].type == "LMFT");
  REQUIRE(p.telehealth.has_value());
  CHECK(*p.telehealth->since == 2016);
  CHECK(p.telehealth->platforms == std::vector<std::string>{"zoom", "doxy.me"});
  CHECK(p.verified_at == "2026-09-15T00:00:00Z");
}

TEST_CASE("canonical JSON is deterministic and reads back to the same profile") {
  const Profile p = ValidateJson(testing::ValidProfileJson()).profile;
  const std::string json = ToCanonicalJson(p);
  auto back = ProfileFromStoredJson(json);
  REQUIRE(back.ok());
  CHECK(ToCanonicalJson(back.value()) == json);
  // Member order in the input does not change the canonical form.
  const std::string reordered = R"({"profession":"psychologist","name":"A B","id":"x"})";
  const std::string ordered = R"({"id":"x","name":"A B","profession":"psychologist"})";
  CHECK(ToCanonicalJson(ValidateJson(reordered).profile) ==
        ToCanonicalJson(ValidateJson(ordered).profile));
  CHECK(ToCanonicalJson(ValidateJson(ordered).profile) == ordered);
}

TEST_CASE("required fields") {
  CHECK(Lines(ValidateJson("{}").errors) ==
        Errors{"id: is required", "name: is required", "profession: is required"});
  CHECK(Lines(ValidateJson(R"({"id":null,"name":"A","profession":"mft"})").errors) ==
        Errors{"id: is required"});
  CHECK(Lines(ValidateJson("[1,2]").errors) == Errors{"(document): expected a JSON object"});
}

TEST_CASE("id: 1 to 64 of a-z 0-9 - _") {
  CHECK(ErrorsOf(R"({"id":""})") == Errors{"id: must not be empty"});
  CHECK(ErrorsOf(R"({"id":"T-1"})") == Errors{"id: may contain only a-z, 0-9, - and _"});
  CHECK(ErrorsOf(R"({"id":"a b"})") == Errors{"id: may contain only a-z, 0-9, - and _"});
  CHECK(ErrorsOf(R"({"id":")" + std::string(65, 'a') + "\"}") ==
        Errors{"id: is longer than 64 characters"});
  CHECK(ErrorsOf(R"({"id":")" + std::string(64, 'a') + "\"}") == Errors{});
  CHECK(ErrorsOf(R"({"id":7})") == Errors{"id: expected a string"});
}

TEST_CASE("name: 1 to 200 characters, no control characters") {
  CHECK(ErrorsOf(R"({"name":""})") == Errors{"name: must not be empty"});
  CHECK(ErrorsOf(R"({"name":"   "})") == Errors{"name: must not be empty"});
  CHECK(ErrorsOf(R"({"name":")" + std::string(201, 'a') + "\"}") ==
        Errors{"name: is longer than 200 characters"});
  // 200 two-byte characters are 200 characters, not 400.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";
  CHECK(ErrorsOf(R"({"name":")" + accents + "\"}") == Errors{});
  CHECK(ErrorsOf(R"({"name":"Ann\u0007"})") == Errors{"name: contains a control character"});
  CHECK(ErrorsOf(R"({"name":"Ann\nLee"})") == Errors{"name: contains a control character"});
  CHECK(ErrorsOf(R"({"name":["Ann"]})") == Errors{"name: expected a string"});
}

TEST_CASE("npi: 10 digits with a valid Luhn check digit") {
  CHECK(ErrorsOf(R"({"npi":"1234567890"})") ==
        Errors{"npi: check digit does not match (not a valid NPI)"});
  CHECK(ErrorsOf(R"({"npi":"12345"})") == Errors{"npi: must be 10 digits"});
  CHECK(ErrorsOf(R"({"npi":"12345678a3"})") == Errors{"npi: must be 10 digits"});
  CHECK(ErrorsOf(R"({"npi":1234567893})") == Errors{"npi: expected a string"});
  CHECK(ErrorsOf(R"({"npi":"1245319599"})") == Errors{});
}

TEST_CASE("vocabulary arrays: unknown values, duplicates and wrong types, each by index") {
  CHECK(ErrorsOf(R"({"modalities":["cbt","yoga","cbt",5]})") ==
        Errors{"modalities[1]: unknown modality \"yoga\"", "modalities[2]: duplicate value \"cbt\"",
               "modalities[3]: expected a string"});
  CHECK(ErrorsOf(R"({"modalities":"cbt"})") == Errors{"modalities: expected an array of strings"});
  CHECK(ErrorsOf(R"({"specialties":["Anxiety"]})") ==
        Errors{"specialties[0]: unknown specialty \"Anxiety\""});
  CHECK(ErrorsOf(R"({"populations":["toddlers"]})") ==
        Errors{"populations[0]: unknown population \"toddlers\""});
  CHECK(ErrorsOf(R"({"session_formats":["group"]})") ==
        Errors{"session_formats[0]: unknown session_format \"group\""});
  CHECK(ErrorsOf(R"({"languages":["english"]})") ==
        Errors{"languages[0]: unknown language \"english\""});
  CHECK(ErrorsOf(R"({"insurance":["aetna","aetna"]})") ==
        Errors{"insurance[1]: duplicate value \"aetna\""});
  CHECK(ErrorsOf(R"({"telehealth":{"modes":["fax"],"platforms":["skype"],"devices":["tv"]}})") ==
        Errors{"telehealth.modes[0]: unknown mode \"fax\"",
               "telehealth.platforms[0]: unknown platform \"skype\"",
               "telehealth.devices[0]: unknown device \"tv\""});
}

TEST_CASE("offices: geo_precision is one of the values, and only with coordinates") {
  for (std::string_view precision : kGeoPrecisions) {
    const std::string doc = R"({"offices":[{"lat":37.8,"lon":-122.3,"geo_precision":")" +
                            std::string(precision) + "\"}]}";
    CHECK(ErrorsOf(doc) == Errors{});
  }
  CHECK(
      ErrorsOf(
          R"({"offices":[{"lat":37.8,"lon":-122.3},{"lat":1,"lon":2,"geo_precision":"street"}]})") ==
      Errors{"offices[1].geo_precision: must be one of address, zip, city"});
  CHECK(ErrorsOf(R"({"offices":[{"state":"CA","geo_precision":"zip"}]})") ==
        Errors{"offices[0].geo_precision: is allowed only with lat and lon"});
  CHECK(ErrorsOf(R"({"offices":[{"lat":1,"lon":2,"geo_precision":3}]})") ==
        Errors{"offices[0].geo_precision: expected a string"});
  // Kept in the canonical (stored) JSON and read back from it.
  const Profile p =
      ValidateJson(PatchedProfileJson(R"({"offices":[{"lat":1,"lon":2,"geo_precision":"city"}]})"))
          .profile;
  REQUIRE(p.offices.size() == 1);
  CHECK(p.offices[0].geo_precision == "city");
  const std::string json = ToCanonicalJson(p);
  CHECK(json.find(R"("geo_precision":"city")") != std::string::npos);
  CHECK(ProfileFromStoredJson(json).value().offices[0].geo_precision == "city");
}

TEST_CASE("single vocabulary values: profession and gender") {
  CHECK(ErrorsOf(R"({"profession":"wizard"})") ==
        Errors{"profession: unknown profession \"wizard\""});
  CHECK(ErrorsOf(R"({"gender":"Female"})") == Errors{"gender: unknown gender \"Female\""});
  CHECK(ErrorsOf(R"({"gender":1})") == Errors{"gender: expected a string"});
}

TEST_CASE("offices: state, zip, coordinates and city") {
  CHECK(ErrorsOf(R"({"offices":[{"state":"ZZ","zip":"1234","lat":91,"city":5}]})") ==
        Errors{"offices[0].state: unknown state \"ZZ\"",
               "offices[0].zip: must be 5 digits or ZIP+4 (12345-6789)",
               "offices[0].lat: must be between -90 and 90", "offices[0].city: expected a string",
               "offices[0].lon: is required when lat is set"});
  CHECK(ErrorsOf(R"({"offices":[{"state":"CA"},{"lat":10,"lon":-180.5,"zip":"94612-12"}]})") ==
        Errors{"offices[1].lon: must be between -180 and 180",
               "offices[1].zip: must be 5 digits or ZIP+4 (12345-6789)"});
  CHECK(ErrorsOf(R"({"offices":[{"state":"CA"},{"lat":10,"lon":-180.5}]})") ==
        Errors{"offices[1].lon: must be between -180 and 180"});
  CHECK(ErrorsOf(R"({"offices":[{"lon":10}]})") ==
        Errors{"offices[0].lat: is required when lon is set"});
  CHECK(ErrorsOf(R"({"offices":[{"zip":"94612-1234","lat":"37"}]})") ==
        Errors{"offices[0].lat: expected a number", "offices[0].lon: is required when lat is set"});
  CHECK(ErrorsOf(R"({"offices":[{"city":")" + std::string(101, 'x') + "\"}]}") ==
        Errors{"offices[0].city: is longer than 100 characters"});
  CHECK(ErrorsOf(R"({"offices":[]})") == Errors{});
  CHECK(ErrorsOf(R"({"offices":{"state":"CA"}})") ==
        Errors{"offices: expected an array of objects"});
  CHECK(ErrorsOf(R"({"offices":["CA"]})") == Errors{"offices[0]: expected an object"});
}

TEST_CASE("fee: integers 0 to 10000, min not above max, sliding_scale boolean") {
  CHECK(ErrorsOf(R"({"fee":{"min":200,"max":100}})") == Errors{"fee.min: must not exceed fee.max"});
  CHECK(ErrorsOf(R"({"fee":{"min":-1,"max":10001}})") ==
        Errors{"fee.min: must be between 0 and 10000", "fee.max: must be between 0 and 10000"});
  CHECK(ErrorsOf(R"({"fee":{"min":1.5,"max":"100","sliding_scale":"yes"}})") ==
        Errors{"fee.min: expected an integer", "fee.max: expected an integer",
               "fee.sliding_scale: expected true or false"});
  CHECK(ErrorsOf(R"({"fee":{"min":1e30}})") == Errors{"fee.min: must be between 0 and 10000"});
  CHECK(ErrorsOf(R"({"fee":{"min":90.0}})") == Errors{});
  CHECK(ErrorsOf(R"({"fee":100})") == Errors{"fee: expected an object"});
}

TEST_CASE("booleans") {
  CHECK(ErrorsOf(R"({"accepting_new_clients":"true"})") ==
        Errors{"accepting_new_clients: expected true or false"});
  CHECK(ErrorsOf(R"({"telehealth":{"group_therapy":1}})") ==
        Errors{"telehealth.group_therapy: expected true or false"});
}

TEST_CASE("credentials and licenses: short codes, numbers and states") {
  CHECK(ErrorsOf(R"({"credentials":["LMFT<b>","PsyD","PsyD",")" + std::string(21, 'A') + "\"]}") ==
        Errors{"credentials[0]: may contain only letters, digits, spaces and . - / ( ) &",
               "credentials[2]: duplicate value \"PsyD\"",
               "credentials[3]: is longer than 20 characters"});
  CHECK(ErrorsOf(R"({"credentials":["Ph.D. (Clin) M/S & A-B"]})") ==
        Errors{"credentials[0]: is longer than 20 characters"});
  CHECK(ErrorsOf(R"({"credentials":["M.A. (Clin) & LPC-S"]})") == Errors{});
  CHECK(ErrorsOf(R"({"licenses":[{"type":"LMFT;","number":")" + std::string(41, '1') +
                 R"("},{"state":"XX"}]})") ==
        Errors{"licenses[0].type: may contain only letters, digits, spaces and . - / ( ) &",
               "licenses[0].number: is longer than 40 characters", "licenses[0].state: is required",
               "licenses[1].state: unknown state \"XX\""});
}

TEST_CASE("compacts must be listed in compacts.json") {
  CHECK(ErrorsOf(R"({"compacts":["psypact","nlc"]})") ==
        Errors{"compacts[1]: unknown compact \"nlc\""});
  CHECK(ErrorsOf(R"({"compacts":["psypact","psypact"]})") ==
        Errors{"compacts[1]: duplicate value \"psypact\""});
}

TEST_CASE("telehealth.since: an integer year from 1990 to this year") {
  CHECK(ErrorsOf(R"({"telehealth":{"since":2027}})") ==
        Errors{"telehealth.since: year is in the future"});
  CHECK(ErrorsOf(R"({"telehealth":{"since":1989}})") ==
        Errors{"telehealth.since: must be between 1990 and 2026"});
  CHECK(ErrorsOf(R"({"telehealth":{"since":"2016"}})") ==
        Errors{"telehealth.since: expected an integer"});
  CHECK(ErrorsOf(R"({"telehealth":{"since":2026}})") == Errors{});
  CHECK(ErrorsOf(R"({"telehealth":"yes"})") == Errors{"telehealth: expected an object"});
}

TEST_CASE("timestamps: ISO 8601 UTC, real dates, not in the future") {
  const std::string kShape =
      "expected an ISO 8601 UTC time with a real date, like 2026-10-01T12:00:00Z";
  CHECK(ErrorsOf(R"({"updated_at":"2026-02-30T00:00:00Z"})") == Errors{"updated_at: " + kShape});
  CHECK(ErrorsOf(R"({"updated_at":"2026-10-01"})") == Errors{"updated_at: " + kShape});
  CHECK(ErrorsOf(R"({"updated_at":"2026-10-01T12:00:00+02:00"})") ==
        Errors{"updated_at: " + kShape});
  CHECK(ErrorsOf(R"({"verified_at":"2026-10-01T24:00:00Z"})") == Errors{"verified_at: " + kShape});
  CHECK(ErrorsOf(R"({"availability_confirmed_at":"2027-01-01T00:00:00Z"})") ==
        Errors{"availability_confirmed_at: is in the future"});
  CHECK(ErrorsOf(R"({"updated_at":"2024-02-29T23:59:59Z"})") == Errors{});
  CHECK(ErrorsOf(R"({"updated_at":"2023-02-29T00:00:00Z"})") == Errors{"updated_at: " + kShape});
  CHECK(ErrorsOf(R"({"updated_at":20261001})") == Errors{"updated_at: expected a string"});
}

TEST_CASE("text limits and characters: bio, pronouns") {
  CHECK(ErrorsOf(R"({"bio":")" + std::string(5001, 'b') + "\"}") ==
        Errors{"bio: is longer than 5000 characters"});
  CHECK(ErrorsOf(R"({"bio":"line one\nline two"})") == Errors{});
  CHECK(ErrorsOf(R"({"bio":"tab\there"})") == Errors{"bio: contains a control character"});
  CHECK(ErrorsOf(R"({"bio":"nul\u0000here"})") == Errors{"bio: contains a control character"});
  CHECK(ErrorsOf(R"({"pronouns":")" + std::string(41, 'p') + "\"}") ==
        Errors{"pronouns: is longer than 40 characters"});
}

TEST_CASE("strings that are not valid UTF-8 are rejected") {
  // Parsed without encoding validation, as a careless caller might.
  CHECK(ErrorsOf("{\"name\":\"Ann \xC3\x28\"}") == Errors{"name: is not valid UTF-8"});
  CHECK(ErrorsOf("{\"bio\":\"\xED\xA0\x80\"}") == Errors{"bio: is not valid UTF-8"});
  CHECK(ErrorsOf("{\"modalities\":[\"\xFF\"]}") == Errors{"modalities[0]: is not valid UTF-8"});
}

TEST_CASE("unknown fields: errors for editors, warnings for import") {
  const std::string patch = R"({"favourite_color":"blue","fee":{"min":1,"currency":"usd"}})";
  CHECK(ErrorsOf(patch) == Errors{"favourite_color: unknown field", "fee.currency: unknown field"});
  const ValidationOutcome imported =
      ValidateJson(PatchedProfileJson(patch), ValidationMode::kImport);
  CHECK(imported.ok());
  CHECK(Lines(imported.warnings) ==
        Errors{"favourite_color: unknown field, skipped", "fee.currency: unknown field, skipped"});
  CHECK(ToCanonicalJson(imported.profile).find("currency") == std::string::npos);
  // Found by tests/fuzz/profile_json_fuzz: an empty name gave an empty field path.
  CHECK(ErrorsOf(R"({"":1,"fee":{"":2}})") ==
        Errors{"\"\": unknown field", "fee.\"\": unknown field"});
  CHECK(Lines(ValidateJson(PatchedProfileJson(R"({"":1})"), ValidationMode::kImport).warnings) ==
        Errors{"\"\": unknown field, skipped"});
}

TEST_CASE("read-only fields of a GET response are accepted and ignored in both modes") {
  const std::string patch =
      R"({"version":3,"status":"published","telehealth_years":10,"virtual_states":["CA"],)"
      R"("created_at":"2026-01-01T00:00:00Z"})";
  for (auto mode : {ValidationMode::kEditor, ValidationMode::kImport}) {
    const ValidationOutcome outcome = ValidateJson(PatchedProfileJson(patch), mode);
    CHECK(outcome.ok());
    CHECK(outcome.warnings.empty());
    CHECK(ToCanonicalJson(outcome.profile) ==
          ToCanonicalJson(ValidateJson(testing::ValidProfileJson()).profile));
  }
}

TEST_CASE("null means not set") {
  const ValidationOutcome outcome = ValidateJson(
      R"({"id":"a","name":"A","profession":"mft","npi":null,"fee":null,"offices":null,)"
      R"("telehealth":null,"bio":null,"accepting_new_clients":null})");
  REQUIRE(outcome.ok());
  CHECK(ToCanonicalJson(outcome.profile) == R"({"id":"a","name":"A","profession":"mft"})");
}

TEST_CASE("every problem of a document is reported at once") {
  const ValidationOutcome outcome =
      ValidateJson(R"({"id":"Bad Id","name":"","profession":"wizard","npi":"1234567890",)"
                   R"("fee":{"min":300,"max":200},"offices":[{"lat":100,"lon":0}],)"
                   R"("telehealth":{"since":2099},"name":"again"})");
  CHECK(Lines(outcome.errors) ==
        Errors{"id: may contain only a-z, 0-9, - and _", "name: must not be empty",
               "profession: unknown profession \"wizard\"",
               "npi: check digit does not match (not a valid NPI)",
               "fee.min: must not exceed fee.max", "offices[0].lat: must be between -90 and 90",
               "telehealth.since: year is in the future", "name: appears more than once"});
  CHECK(outcome.profile.id.empty());
  const Error error = ValidationFailure(outcome.errors);
  CHECK(error.status == 422);
  CHECK(error.code == "validation_failed");
  CHECK(error.field == "id");
  CHECK(error.message.find("fee.min: must not exceed fee.max") != std::string::npos);
}

}  // namespace
}  // namespace rapport
