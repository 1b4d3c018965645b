// End-to-end tests of the rapport-query command: a data folder built by the
// real rapport-index commands, the command run as a process, its JSON parsed.
#include <fstream>
#include <set>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "query2_data_dir.h"
#include "search_params.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandOutput;
using testing::TempDir;

constexpr const char* kFixture = "tests/data/query2/suggest_profiles.ndjson";

const TempDir& DataDir() {
  static const TempDir dir;
  static const bool built = (testing::BuildDataDirFrom(dir, testing::SourcePath(kFixture)), true);
  REQUIRE(built);
  return dir;
}

CommandOutput Query(std::vector<std::string> args, const std::string& data_dir = "") {
  args.insert(args.begin(), {testing::CommandPath("rapport-query"), "--data-dir",
                             data_dir.empty() ? DataDir().path() : data_dir});
  return testing::RunCommand(args);
}

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  REQUIRE_FALSE(document.HasParseError());
  REQUIRE(document.IsObject());
  return document;
}

// Fixture profiles as parsed JSON objects, one per line.
std::vector<rapidjson::Document> FixtureProfiles() {
  std::vector<rapidjson::Document> profiles;
  std::ifstream in(testing::SourcePath(kFixture));
  for (std::string line; std::getline(in, line);) profiles.push_back(ParseJson(line));
  return profiles;
}

std::set<std::string> ResultIds(const rapidjson::Document& answer) {
  std::set<std::string> ids;
  for (const auto& result : answer["results"].GetArray()) ids.insert(result["id"].GetString());
  return ids;
}

TEST_CASE("rapport-query prints the API's search JSON") {
  const CommandOutput output = Query({"q=anxiety", "facets=specialty,profession", "limit=2"});
  CAPTURE(output.err);
  REQUIRE(output.exit_code == 0);
  const rapidjson::Document answer = ParseJson(output.out);
  REQUIRE(answer["total"].IsInt64());
  CHECK(answer["total"].GetInt64() >= 2);
  CHECK(answer["offset"].GetInt() == 0);
  CHECK(answer["limit"].GetInt() == 2);
  REQUIRE(answer["results"].IsArray());
  REQUIRE(answer["results"].Size() == 2);
  for (const auto& result : answer["results"].GetArray()) {
    for (const char* field : {"id", "name", "profession", "snippet"}) {
      CAPTURE(field);
      CHECK(result[field].IsString());
    }
    for (const char* field :
         {"credentials", "modalities", "specialties", "languages", "session_formats", "offices"}) {
      CAPTURE(field);
      CHECK(result[field].IsArray());
    }
    for (const char* field : {"accepting_new_clients", "fee", "telehealth", "telehealth_years"}) {
      CAPTURE(field);
      CHECK(result.HasMember(field));
    }
    CHECK_FALSE(result.HasMember("distance_km"));  // no near
  }
  REQUIRE(answer["facets"].IsObject());
  REQUIRE(answer["facets"]["specialty"].IsArray());
  const auto& anxiety = answer["facets"]["specialty"][0];
  CHECK(anxiety["value"].GetString() == std::string("anxiety"));
  CHECK(anxiety["label"].GetString() == std::string("Anxiety"));
  CHECK(anxiety["count"].IsInt64());
  CHECK(answer["facets"]["profession"].IsArray());
  CHECK(answer["did_you_mean"].IsNull());
  CHECK(answer["took_ms"].IsNumber());
}

TEST_CASE("rapport-query: no parameters count every profile and a facet filter keeps its matches") {
  const std::vector<rapidjson::Document> profiles = FixtureProfiles();
  const rapidjson::Document all = ParseJson(Query({}).out);
  CHECK(all["total"].GetInt64() == static_cast<int64_t>(profiles.size()));

  std::set<std::string> expected;
  for (const auto& profile : profiles) {
    for (const auto& specialty : profile["specialties"].GetArray()) {
      if (specialty.GetString() == std::string("depression")) {
        expected.insert(profile["id"].GetString());
      }
    }
  }
  const CommandOutput output = Query({"specialty=depression,grief", "specialty=Depression"});
  REQUIRE(output.exit_code == 0);
  std::set<std::string> depression_or_grief = expected;
  for (const auto& profile : profiles) {
    for (const auto& specialty : profile["specialties"].GetArray()) {
      if (specialty.GetString() == std::string("grief")) {
        depression_or_grief.insert(profile["id"].GetString());
      }
    }
  }
  CHECK(ResultIds(ParseJson(output.out)) == depression_or_grief);
  CHECK(ResultIds(ParseJson(Query({"specialty=depression"}).out)) == expected);
}

TEST_CASE("rapport-query: a bad parameter prints the JSON error and exits 2") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"limit=0"}, "limit"},          {{"colour=blue"}, "colour"},
      {{"state=California"}, "state"}, {{"near=north"}, "near"},
      {{"q=a", "q=b"}, "q"},           {{"anxiety"}, "anxiety"},  // not PARAM=VALUE
  };
  for (const auto& [args, field] : cases) {
    CAPTURE(field);
    const CommandOutput output = Query(args);
    CHECK(output.exit_code == 2);
    const rapidjson::Document error = ParseJson(output.out);
    REQUIRE(error["error"].IsObject());
    CHECK(error["error"]["code"].GetString() == std::string("invalid_parameter"));
    CHECK(error["error"]["field"].GetString() == field);
    CHECK(error["error"]["message"].GetStringLength() > 0);
  }
}

TEST_CASE("rapport-query without an index prints the JSON error and exits 1") {
  TempDir empty;
  const CommandOutput output = Query({"q=anxiety"}, empty.path());
  CHECK(output.exit_code == 1);
  const rapidjson::Document error = ParseJson(output.out);
  REQUIRE(error["error"].IsObject());
  CHECK(error["error"]["message"].GetStringLength() > 0);
}

TEST_CASE("rapport-query suggest prints the API's suggestions JSON") {
  const CommandOutput output = Query({"suggest", "anx"});
  REQUIRE(output.exit_code == 0);
  const rapidjson::Document answer = ParseJson(output.out);
  REQUIRE(answer["suggestions"].IsArray());
  REQUIRE(answer["suggestions"].Size() >= 2);
  const auto& first = answer["suggestions"][0];
  CHECK(first["text"].GetString() == std::string("Anxiety"));
  CHECK(first["kind"].GetString() == std::string("specialty"));
  CHECK(first["value"].GetString() == std::string("anxiety"));

  const rapidjson::Document one = ParseJson(Query({"suggest", "anx", "limit=1"}).out);
  CHECK(one["suggestions"].Size() == 1);
  const rapidjson::Document word = ParseJson(Query({"suggest", "brea"}).out);
  REQUIRE(word["suggestions"].Size() >= 1);
  CHECK(word["suggestions"][0]["value"].IsNull());  // a word names no value

  CHECK(Query({"suggest"}).exit_code == 2);
  CHECK(Query({"suggest", "anx", "limit=50"}).exit_code == 2);
}

TEST_CASE("rapport-query --help lists every search parameter") {
  const CommandOutput output =
      testing::RunCommand({testing::CommandPath("rapport-query"), "--help"});
  CHECK(output.exit_code == 0);
  for (const ParamSpec& spec : SearchParamTable()) {
    CAPTURE(spec.name);
    CHECK(output.out.find(" " + std::string(spec.name)) != std::string::npos);
  }
}

}  // namespace
}  // namespace rapport
