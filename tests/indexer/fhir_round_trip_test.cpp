// The FHIR round trip of issue 16: profiles → `rapport-index export --format
// fhir` (the renderer the API serves) → `rapport-index import --format fhir`
// into a fresh store, and each profile compared with its original as JSON,
// whole (every member at every depth), so a field added to profiles later is
// covered without touching this test. The only differences allowed are those
// kRoundTripChanges names, and docs/interop.md §6.2 holds the same list.
//
// Inputs: the whole shipped sample and tests/data/fhir/round-trip-edges.ndjson
// (every optional field; several offices, licenses and payers; no office;
// telehealth without since-year; a license without type; unicode names).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include "profile_json.h"
#include "profile_store.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandOutput;
using testing::CommandPath;
using testing::RunCommand;
using testing::SourcePath;
using testing::TempDir;

// How a member may differ after the round trip.
enum class Change {
  kAddedWhenAbsent,  // absent in the original, the import may fill it in
};

struct RoundTripChange {
  const char* path;  // members as "a.b", array elements as "[]"
  Change change;
  const char* why;
};

// Every difference the round trip may show; docs/interop.md §6.2 lists the
// same paths between its round-trip markers.
constexpr RoundTripChange kRoundTripChanges[] = {
    {"offices[].lat", Change::kAddedWhenAbsent,
     "an office without coordinates gets its ZIP's or city's point (§4.3)"},
    {"offices[].lon", Change::kAddedWhenAbsent,
     "an office without coordinates gets its ZIP's or city's point (§4.3)"},
    {"offices[].geo_precision", Change::kAddedWhenAbsent,
     "zip or city for a point the import looked up; address for an editor's point (§6.2)"},
};

const RoundTripChange* AllowedChange(const std::string& path) {
  for (const auto& allowed : kRoundTripChanges) {
    if (path == allowed.path) return &allowed;
  }
  return nullptr;
}

std::string JsonText(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

// Collects the differences of `after` from `before`, member by member.
class JsonDiff {
 public:
  void Compare(const rapidjson::Value* before, const rapidjson::Value* after,
               const std::string& path, const std::string& pattern) {
    if (before && after && before->IsObject() && after->IsObject()) {
      std::set<std::string> names;
      for (const auto& member : before->GetObject()) names.insert(member.name.GetString());
      for (const auto& member : after->GetObject()) names.insert(member.name.GetString());
      for (const auto& name : names) {
        const std::string prefix = path.empty() ? "" : path + ".";
        const std::string pattern_prefix = pattern.empty() ? "" : pattern + ".";
        Compare(Find(*before, name), Find(*after, name), prefix + name, pattern_prefix + name);
      }
      return;
    }
    if (before && after && before->IsArray() && after->IsArray() &&
        before->Size() == after->Size()) {
      for (rapidjson::SizeType i = 0; i < before->Size(); ++i) {
        Compare(&(*before)[i], &(*after)[i], path + "[" + std::to_string(i) + "]", pattern + "[]");
      }
      return;
    }
    if (before && after && *before == *after) return;
    const RoundTripChange* allowed = AllowedChange(pattern);
    if (allowed && allowed->change == Change::kAddedWhenAbsent && !before) return;
    differences.push_back(path + ": " + (before ? JsonText(*before) : "(absent)") + " became " +
                          (after ? JsonText(*after) : "(absent)"));
  }

  std::vector<std::string> differences;

 private:
  static const rapidjson::Value* Find(const rapidjson::Value& object, const std::string& name) {
    auto it = object.FindMember(name.c_str());
    return it == object.MemberEnd() ? nullptr : &it->value;
  }
};

// Canonical JSON of every published profile of the store in `data_dir`, by id.
std::map<std::string, std::string> StoredProfiles(const std::string& data_dir) {
  auto store = ProfileStore::Open(data_dir + "/rapport.sqlite");
  REQUIRE(store.ok());
  std::map<std::string, std::string> profiles;
  REQUIRE(store.value()
              ->ForEachPublished([&](const StoredProfile& stored) {
                profiles[stored.profile.id] = ToCanonicalJson(stored.profile);
              })
              .ok());
  return profiles;
}

size_t LineCount(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// The paths docs/interop.md lists between its round-trip markers: the first
// cell of each table row, in backticks.
std::set<std::string> DocumentedPaths() {
  std::istringstream doc(testing::ReadFile(SourcePath("docs/interop.md")));
  std::set<std::string> paths;
  bool inside = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.find("<!-- round-trip changes: begin -->") != std::string::npos) inside = true;
    if (line.find("<!-- round-trip changes: end -->") != std::string::npos) inside = false;
    const size_t cell = line.find_first_not_of(' ');
    if (!inside || cell == std::string::npos || line.compare(cell, 3, "| `") != 0) continue;
    const size_t start = cell + 3;
    const size_t end = line.find('`', start);
    if (end != std::string::npos) paths.insert(line.substr(start, end - start));
  }
  return paths;
}

// One run of the whole round trip over the sample and the edge profiles.
struct RoundTrip {
  RoundTrip() {
    const std::string sample = testing::ReadFile(SourcePath("data/sample/profiles.ndjson"));
    const std::string edges =
        testing::ReadFile(SourcePath("tests/data/fhir/round-trip-edges.ndjson"));
    input_lines = LineCount(sample) + LineCount(edges);
    testing::WriteFile(dir.File("profiles.ndjson"), sample + edges);
    const std::vector<std::string> data_files = {"--data-files", SourcePath("data")};
    auto command = [&](const std::string& data_dir, std::vector<std::string> args) {
      std::vector<std::string> argv = {CommandPath("rapport-index"), "--data-dir", data_dir};
      argv.insert(argv.end(), data_files.begin(), data_files.end());
      argv.insert(argv.end(), args.begin(), args.end());
      return RunCommand(argv);
    };
    load = command(dir.File("original"), {"import", dir.File("profiles.ndjson")});
    exported = command(dir.File("original"), {"export", "--format", "fhir", dir.File("fhir")});
    std::vector<std::string> import = {"import", "--format", "fhir"};
    for (const auto& entry : std::filesystem::directory_iterator(dir.File("fhir"))) {
      import.push_back(entry.path().string());
    }
    imported = command(dir.File("round-trip"), import);
  }

  TempDir dir;
  size_t input_lines = 0;
  CommandOutput load, exported, imported;
};

TEST_CASE("FHIR round trip: every profile comes back equal as JSON but for the listed changes") {
  const RoundTrip trip;
  CAPTURE(trip.load.err);
  CAPTURE(trip.exported.err);
  CAPTURE(trip.imported.out);
  CAPTURE(trip.imported.err);
  REQUIRE(trip.load.exit_code == 0);
  REQUIRE(trip.exported.exit_code == 0);
  CHECK(trip.imported.exit_code == 0);
  const auto originals = StoredProfiles(trip.dir.File("original"));
  const auto round_tripped = StoredProfiles(trip.dir.File("round-trip"));
  REQUIRE(originals.size() == trip.input_lines);
  std::vector<std::string> differences;
  for (const auto& [id, json] : originals) {
    auto back = round_tripped.find(id);
    if (back == round_tripped.end()) {
      differences.push_back(id + ": did not come back");
      continue;
    }
    rapidjson::Document before, after;
    before.Parse(json.c_str());
    after.Parse(back->second.c_str());
    JsonDiff diff;
    diff.Compare(&before, &after, "", "");
    for (const auto& difference : diff.differences) differences.push_back(id + ": " + difference);
  }
  for (const auto& [id, json] : round_tripped) {
    if (originals.count(id) == 0) differences.push_back(id + ": appeared from nowhere");
  }
  std::string shown;
  for (size_t i = 0; i < std::min<size_t>(differences.size(), 40); ++i) {
    shown += differences[i] + "\n";
  }
  INFO(differences.size() << " differences, the first:\n" << shown);
  CHECK(differences.empty());
}

// The edge profiles by id, as the file writes them.
std::map<std::string, std::string> EdgeProfiles() {
  std::istringstream edges(
      testing::ReadFile(SourcePath("tests/data/fhir/round-trip-edges.ndjson")));
  std::map<std::string, std::string> by_id;
  for (std::string line; std::getline(edges, line);) {
    rapidjson::Document profile;
    profile.Parse(line.c_str());
    REQUIRE(profile.IsObject());
    by_id[profile["id"].GetString()] = line;
  }
  return by_id;
}

TEST_CASE("FHIR round trip: the edge profiles hold the cases they are there for") {
  const auto edges = EdgeProfiles();
  rapidjson::Document full;
  full.Parse(edges.at("rt-every-field").c_str());
  const auto offices = full["offices"].GetArray();
  CHECK(offices.Size() > 1);
  CHECK(std::any_of(offices.begin(), offices.end(),
                    [](const rapidjson::Value& office) { return !office.HasMember("lat"); }));
  CHECK(full["licenses"].Size() > 1);
  CHECK(full["insurance"].Size() > 1);
  CHECK(full["telehealth"].HasMember("since"));
  CHECK(std::any_of(full["licenses"].GetArray().begin(), full["licenses"].GetArray().end(),
                    [](const rapidjson::Value& license) { return !license.HasMember("type"); }));
  rapidjson::Document telehealth_only;
  telehealth_only.Parse(edges.at("rt-telehealth-only").c_str());
  CHECK_FALSE(telehealth_only.HasMember("offices"));
  CHECK_FALSE(telehealth_only["telehealth"].HasMember("since"));
  rapidjson::Document comma;
  comma.Parse(edges.at("rt-fee-no-office").c_str());
  CHECK(std::string(comma["name"].GetString()).find(',') != std::string::npos);
}

TEST_CASE("FHIR round trip: docs/interop.md lists the same changes as the test") {
  std::set<std::string> listed;
  for (const auto& change : kRoundTripChanges) listed.insert(change.path);
  const std::set<std::string> documented = DocumentedPaths();
  auto joined = [](const std::set<std::string>& paths) {
    std::string text;
    for (const auto& path : paths) text += path + " ";
    return text;
  };
  CHECK_MESSAGE(documented == listed,
                "docs/interop.md: " << joined(documented) << "; the test: " << joined(listed));
}

}  // namespace
}  // namespace rapport
