// Implementation of the index test helpers (index_test_support.h).
#include "index_test_support.h"

#include <ctime>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>

#include "index_layout.h"
#include "profile_validator.h"

namespace rapport::testing {

const Vocabulary& ShippedVocabulary() {
  static const Vocabulary vocabulary = [] {
    Result<Vocabulary> loaded = Vocabulary::Load(SourcePath("data/vocab.json"));
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return loaded.value();
  }();
  return vocabulary;
}

const Compacts& ShippedCompacts() {
  static const Compacts compacts = [] {
    Result<Compacts> loaded = Compacts::Load(SourcePath("data/compacts.json"));
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return loaded.value();
  }();
  return compacts;
}

std::string IndexFixturePath() { return SourcePath("tests/data/index/profiles.ndjson"); }

Profile IndexFixtureProfile(const std::string& id) {
  std::istringstream lines(ReadFile(IndexFixturePath()));
  const ProfileValidator validator(ShippedVocabulary(), ShippedCompacts(), std::time(nullptr));
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document document;
    document.Parse(line.c_str());
    if (document.HasParseError() || !document.IsObject()) continue;
    auto found = document.FindMember("id");
    if (found == document.MemberEnd() || found->value.GetString() != id) continue;
    ValidationOutcome outcome = validator.Validate(document, ValidationMode::kEditor);
    if (!outcome.ok()) {
      throw std::runtime_error(id + ": " + outcome.errors.front().field + ": " +
                               outcome.errors.front().reason);
    }
    return outcome.profile;
  }
  throw std::runtime_error("no fixture profile " + id);
}

IndexTestEnv::IndexTestEnv() : data_dir{temp.path()} {
  Result<std::unique_ptr<ProfileStore>> opened = ProfileStore::Open(data_dir.StorePath());
  if (!opened) throw std::runtime_error(opened.error().message);
  store = std::move(opened.value());
}

int64_t IndexTestEnv::Put(const Profile& profile) {
  Result<WriteOutcome> written = store->Upsert(profile, "test");
  if (!written) throw std::runtime_error(written.error().message);
  return written.value().stored.version;
}

std::string VersionIn(const Xapian::Database& db, const std::string& id) {
  const std::string term = std::string(layout::kIdPrefix) + id;
  Xapian::PostingIterator posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) return "";
  return db.get_document(*posting).get_value(layout::kSlotVersion);
}

std::string IndexTestEnv::IndexedVersion(const std::string& id) const {
  return VersionIn(Xapian::Database(data_dir.IndexPath()), id);
}

}  // namespace rapport::testing
