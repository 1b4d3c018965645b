// Helpers for the indexer's index tests (document builder, rebuild, sync,
// check): the shipped vocabularies, the hand-built profiles of
// tests/data/index/profiles.ndjson, and a data folder with a real store.
#pragma once

#include <memory>
#include <string>

#include <xapian.h>

#include "compacts.h"
#include "data_dir.h"
#include "profile.h"
#include "profile_store.h"
#include "test_support.h"
#include "vocabulary.h"

namespace rapport::testing {

// data/vocab.json and data/compacts.json, loaded once.
const Vocabulary& ShippedVocabulary();
const Compacts& ShippedCompacts();

// Path of tests/data/index/profiles.ndjson.
std::string IndexFixturePath();

// The validated profile with `id` from tests/data/index/profiles.ndjson
// (t-maria, t-james, t-lee, t-ana); throws if it is missing or invalid.
Profile IndexFixtureProfile(const std::string& id);

// A temporary data folder with an open store.
struct IndexTestEnv {
  IndexTestEnv();
  TempDir temp;
  DataDir data_dir;
  std::unique_ptr<ProfileStore> store;

  // Upserts a fixture profile (or `profile`) as "test"; throws on failure.
  int64_t Put(const Profile& profile);
  // Whether the live index (opened fresh through the stub) holds `id`, and the
  // version slot of its document ("" when absent).
  std::string IndexedVersion(const std::string& id) const;
};

// Version slot of the document with `id` in `db`, "" when absent.
std::string VersionIn(const Xapian::Database& db, const std::string& id);

}  // namespace rapport::testing
