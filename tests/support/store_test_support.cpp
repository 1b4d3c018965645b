// Fixture data and validation shortcuts for the store helper's tests.
#include "store_test_support.h"

#include <stdexcept>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "test_support.h"

namespace rapport::testing {

std::string StoreFixtureDir() { return SourcePath("tests/data/store"); }

const Vocabulary& FixtureVocabulary() {
  static const Vocabulary vocabulary = [] {
    auto loaded = Vocabulary::Load(StoreFixtureDir() + "/vocab.json");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return loaded.value();
  }();
  return vocabulary;
}

const Compacts& FixtureCompacts() {
  static const Compacts compacts = [] {
    auto loaded = Compacts::Load(StoreFixtureDir() + "/compacts.json");
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return loaded.value();
  }();
  return compacts;
}

std::string ValidProfileJson(const std::string& id) {
  return R"({"id":")" + id +
         R"(","npi":"1234567893","name":"Maria Alvarez",)"
         R"("credentials":["PsyD"],"profession":"psychologist","pronouns":"she/her",)"
         R"("gender":"female","bio":"Warm, direct.\nEvening hours.",)"
         R"("specialties":["anxiety","trauma"],"modalities":["cbt","emdr"],)"
         R"("populations":["adults","teens"],"session_formats":["individual","couples"],)"
         R"("languages":["en","es"],"insurance":["aetna","medicaid"],)"
         R"("fee":{"min":90,"max":160,"sliding_scale":true},"accepting_new_clients":true,)"
         R"("offices":[{"city":"Oakland","state":"CA","zip":"94612","lat":37.8044,"lon":-122.2712}],)"
         R"("licenses":[{"state":"CA","type":"LMFT","number":"123456"}],"compacts":["psypact"],)"
         R"("telehealth":{"modes":["video","phone"],"platforms":["zoom","doxy.me"],"since":2016,)"
         R"("group_therapy":false,"devices":["desktop","smartphone"]},)"
         R"("contact":{"phone":"+15105550123","email":"maria@example.org",)"
         R"("website":"https://example.org","booking_url":"https://example.org/book"},)"
         R"("availability_confirmed_at":"2026-11-20T00:00:00Z",)"
         R"("updated_at":"2026-10-01T12:00:00Z","verified_at":"2026-09-15T00:00:00Z"})";
}

std::string PatchedProfileJson(const std::string& patch) {
  rapidjson::Document doc, changes;
  doc.Parse(ValidProfileJson().c_str());
  changes.Parse(patch.c_str());
  if (changes.HasParseError() || !changes.IsObject()) throw std::runtime_error("bad patch");
  for (auto& m : changes.GetObject()) {
    rapidjson::Value name(m.name, doc.GetAllocator());
    rapidjson::Value value(m.value, doc.GetAllocator());
    doc.RemoveMember(m.name);
    doc.AddMember(name, value, doc.GetAllocator());
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

ValidationOutcome ValidateJson(const std::string& json, ValidationMode mode) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError()) throw std::runtime_error("test JSON does not parse: " + json);
  const ProfileValidator validator(FixtureVocabulary(), FixtureCompacts(), kFixtureNow);
  return validator.Validate(doc, mode);
}

std::vector<std::string> Lines(const std::vector<FieldError>& errors) {
  std::vector<std::string> lines;
  for (const auto& e : errors) lines.push_back(e.field + ": " + e.reason);
  return lines;
}

Profile MakeProfile(const std::string& id, const std::string& name) {
  Profile profile;
  profile.id = id;
  profile.name = name;
  profile.profession = "psychologist";
  profile.modalities = {"cbt"};
  return profile;
}

std::unique_ptr<ProfileStore> OpenStore(const std::string& path) {
  auto store = ProfileStore::Open(path);
  REQUIRE_MESSAGE(store.ok(), (store.ok() ? "" : store.error().message));
  return std::move(store).value();
}

}  // namespace rapport::testing
