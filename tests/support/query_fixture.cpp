// Query test fixtures: builds indexes with the real commands and reads the
// NDJSON profiles into ProfileFacts for brute-force expectations.
#include "query_fixture.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <mutex>
#include <sstream>

#include "compacts.h"

namespace rapport::testing {

namespace {

const std::map<std::string, std::string> kListFacets = {
    {"modalities", "modality"},    {"specialties", "specialty"},
    {"populations", "population"}, {"session_formats", "session_format"},
    {"languages", "language"},     {"insurance", "insurance"},
};

std::string ExperienceOf(int since) {
  if (since < 2020) return "before-2020";
  if (since < 2022) return "2020-2021";
  return "2022-or-later";
}

void AddStrings(const rapidjson::Value& list, std::set<std::string>& into) {
  if (!list.IsArray()) return;
  for (const auto& item : list.GetArray()) {
    if (item.IsString()) into.insert(item.GetString());
  }
}

ProfileFacts ReadFacts(const rapidjson::Document& doc, const Compacts& compacts) {
  ProfileFacts facts;
  facts.id = doc["id"].GetString();
  for (const auto& [field, facet] : kListFacets) {
    if (doc.HasMember(field.c_str())) AddStrings(doc[field.c_str()], facts.facets[facet]);
  }
  for (const char* field : {"gender", "profession"}) {
    if (doc.HasMember(field) && doc[field].IsString())
      facts.facets[field].insert(doc[field].GetString());
  }
  if (doc.HasMember("accepting_new_clients") && doc["accepting_new_clients"].IsBool()) {
    facts.accepting = doc["accepting_new_clients"].GetBool();
    facts.facets["accepting"].insert(facts.accepting ? "true" : "false");
  }
  if (doc.HasMember("fee") && doc["fee"].IsObject()) {
    const auto& fee = doc["fee"];
    if (fee.HasMember("min") && fee["min"].IsInt()) facts.fee_min = fee["min"].GetInt();
    facts.sliding_scale = fee.HasMember("sliding_scale") && fee["sliding_scale"].IsBool() &&
                          fee["sliding_scale"].GetBool();
  }
  if (doc.HasMember("offices") && doc["offices"].IsArray()) {
    for (const auto& office : doc["offices"].GetArray()) {
      OfficeFacts o;
      if (office.HasMember("state") && office["state"].IsString())
        o.state = office["state"].GetString();
      if (office.HasMember("lat") && office["lat"].IsNumber()) o.lat = office["lat"].GetDouble();
      if (office.HasMember("lon") && office["lon"].IsNumber()) o.lon = office["lon"].GetDouble();
      facts.offices.push_back(o);
    }
  }
  if (doc.HasMember("licenses") && doc["licenses"].IsArray()) {
    for (const auto& license : doc["licenses"].GetArray()) {
      if (license.HasMember("state") && license["state"].IsString()) {
        facts.licensed_states.insert(license["state"].GetString());
      }
    }
  }
  if (doc.HasMember("telehealth") && doc["telehealth"].IsObject()) {
    const auto& tele = doc["telehealth"];
    if (tele.HasMember("modes")) AddStrings(tele["modes"], facts.facets["mode"]);
    if (tele.HasMember("platforms")) AddStrings(tele["platforms"], facts.facets["platform"]);
    if (tele.HasMember("devices")) AddStrings(tele["devices"], facts.facets["device"]);
    if (tele.HasMember("since") && tele["since"].IsInt()) {
      facts.telehealth_since = tele["since"].GetInt();
      facts.facets["telehealth_experience"].insert(ExperienceOf(*facts.telehealth_since));
    }
    facts.offers_telehealth = !facts.facets["mode"].empty();
  }
  if (facts.offers_telehealth) {
    facts.virtual_states = facts.licensed_states;
    if (doc.HasMember("compacts") && doc["compacts"].IsArray()) {
      for (const auto& compact : doc["compacts"].GetArray()) {
        for (const auto& state : compacts.CoveredStates(compact.GetString())) {
          facts.virtual_states.insert(state);
        }
      }
    }
  }
  return facts;
}

}  // namespace

QueryIndex::QueryIndex(const std::string& ndjson_path) {
  auto compacts = Compacts::Load(SourcePath("data/compacts.json"));
  REQUIRE(compacts);
  std::istringstream lines(ReadFile(ndjson_path));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    profiles_.push_back(ReadFacts(doc, compacts.value()));
  }
  CopyPreparedDataDir(ReadFile(ndjson_path), dir_.path());
  auto service = SearchService::Open(dir_.File("index"), {});
  REQUIRE(service);
  service_ = std::move(service.value());
}

int QueryIndex::RunIndexCommand(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {CommandPath("rapport-index"), "--data-dir", dir_.path(),
                                   "--data-files", SourcePath("data")};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandOutput output = RunCommand(argv);
  if (output.exit_code != 0) MESSAGE("rapport-index failed: " << output.err);
  return output.exit_code;
}

QueryIndex& SampleIndex() { return FixtureIndex("../../data/sample/profiles.ndjson"); }

QueryIndex& FixtureIndex(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<QueryIndex>> built;
  std::lock_guard<std::mutex> lock(mutex);
  auto& index = built[name];
  if (!index) index = std::make_unique<QueryIndex>(SourcePath("tests/data/" + name));
  return *index;
}

std::vector<std::string> SearchIds(SearchService& service, const SearchRequest& request) {
  auto result = service.Search(request);
  REQUIRE_MESSAGE(result, (result ? "" : result.error().message));
  std::vector<std::string> ids;
  for (const auto& hit : result.value().hits) ids.push_back(hit.id);
  return ids;
}

}  // namespace rapport::testing
