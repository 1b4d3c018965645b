// `rapport-index rebuild`: a complete index from the store in a new folder,
// switched atomically while readers stay open, with the outbox acked and the
// search metadata (synonyms, spelling, vocabulary) written.
#include "index_rebuilder.h"

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>

#include "document_builder.h"
#include "index_layout.h"
#include "index_metadata.h"
#include "index_stub.h"
#include "index_test_support.h"
#include "public_profile.h"
#include "utc_time.h"

namespace rapport {
namespace {

using testing::IndexFixtureProfile;
using testing::IndexTestEnv;
using testing::ShippedCompacts;
using testing::ShippedVocabulary;
using testing::VersionIn;

RebuildSummary Rebuild(IndexTestEnv& env) {
  std::ostringstream progress;
  RebuildOptions options;
  options.profiles_per_batch = 2;  // several batches even with a few profiles
  options.flush_documents = 3;
  Result<RebuildSummary> summary = RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(),
                                                ShippedCompacts(), options, progress);
  REQUIRE_MESSAGE(summary.ok(), (summary.ok() ? "" : summary.error().message));
  return summary.value();
}

Xapian::doccount Matches(const Xapian::Database& db, const std::string& term) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  return enquire.get_mset(0, 10).get_matches_estimated();
}

TEST_CASE("rebuild indexes every published profile, acks the outbox and writes metadata") {
  IndexTestEnv env;
  for (const char* id : {"t-maria", "t-james", "t-lee", "t-ana"}) env.Put(IndexFixtureProfile(id));
  REQUIRE(env.store->Unpublish("t-ana", "test").ok());

  const RebuildSummary summary = Rebuild(env);
  CHECK(summary.documents == 3);
  CHECK(summary.folder == ReadIndexStub(env.data_dir).value());
  CHECK(env.store->PendingOutbox(100).value().empty());

  Xapian::Database db(env.data_dir.IndexPath());
  CHECK(db.get_doccount() == 3);
  CHECK(VersionIn(db, "t-maria") == "1");
  CHECK(VersionIn(db, "t-ana").empty());
  CHECK(Matches(db, "XMcbt") == 1);
  CHECK(AppliedOutboxSeq(db) == summary.applied_outbox_seq);
  CHECK(summary.applied_outbox_seq > 0);
  CHECK(db.get_metadata(std::string(layout::kMetaVocabulary)) == ShippedVocabulary().json());
  CHECK(db.get_metadata(std::string(layout::kMetaLayoutVersion)) == layout::kLayoutVersion);
  std::set<std::string> synonyms(db.synonyms_begin("cbt"), db.synonyms_end("cbt"));
  CHECK(synonyms.count("cognitive behavioral therapy") == 1);
  CHECK(db.get_spelling_suggestion("alvarex") == "alvarez");
  CHECK(db.get_spelling_suggestion("greif") == "grief");
}

TEST_CASE("each shard is flushed every flush_documents documents, also inside a batch") {
  IndexTestEnv env;
  std::vector<std::string> ids;
  for (const char* id : {"t-maria", "t-james", "t-lee", "t-ana"}) {
    Profile profile = IndexFixtureProfile(id);
    env.Put(profile);
    ids.push_back(profile.id);
    profile.id += "-copy";
    env.Put(profile);
    ids.push_back(profile.id);
  }
  std::ostringstream progress;
  RebuildOptions options;
  options.builder_threads = 1;
  options.profiles_per_batch = ids.size();  // one batch holding every document
  options.flush_documents = 2;
  Result<RebuildSummary> summary = RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(),
                                                ShippedCompacts(), options, progress);
  REQUIRE(summary.ok());
  CHECK(summary.value().documents == static_cast<int64_t>(ids.size()));
  // A flush after every second document, and the shard's last commit.
  CHECK(summary.value().shard_flushes ==
        static_cast<int64_t>(ids.size() / options.flush_documents + 1));
}

TEST_CASE("a reader open during a rebuild keeps answering, a new reader sees the new index") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-james"));
  const std::string first = Rebuild(env).folder;

  Xapian::Database old_reader(env.data_dir.IndexPath());
  REQUIRE(old_reader.get_doccount() == 2);

  Profile maria = IndexFixtureProfile("t-maria");
  maria.bio = "Now focused on somatic work.";
  env.Put(maria);
  env.Put(IndexFixtureProfile("t-lee"));
  const std::string second = Rebuild(env).folder;
  CHECK(second != first);

  // The open reader still answers from the old folder, consistently.
  CHECK(old_reader.get_doccount() == 2);
  CHECK(VersionIn(old_reader, "t-maria") == "1");
  CHECK(Matches(old_reader, "ZBgrief") == 1);
  CHECK(Matches(old_reader, "XRmft") == 0);

  Xapian::Database new_reader(env.data_dir.IndexPath());
  CHECK(new_reader.get_doccount() == 3);
  CHECK(VersionIn(new_reader, "t-maria") == "2");
  CHECK(Matches(new_reader, "ZBgrief") == 0);
  CHECK(Matches(new_reader, "XRmft") == 1);

  // A third rebuild keeps the previous folder and removes the one before it.
  const std::string third = Rebuild(env).folder;
  const std::vector<std::string> folders = ListIndexFolders(env.data_dir);
  CHECK(folders == std::vector<std::string>{second, third});
  CHECK(ReadIndexStub(env.data_dir).value() == third);
}

TEST_CASE("rebuild removes the folder and shards a killed rebuild left behind") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  const std::string previous = Rebuild(env).folder;
  // What a rebuild killed while building leaves: its folder, numbered after
  // the live one, and its shards (each a Xapian database).
  Result<std::string> abandoned = CreateIndexFolder(env.data_dir);
  REQUIRE(abandoned.ok());
  const std::string abandoned_path = IndexFolderPath(env.data_dir, abandoned.value());
  Xapian::WritableDatabase(abandoned_path + ".shard-0", Xapian::DB_CREATE).commit();
  Xapian::WritableDatabase(abandoned_path + ".shard-1", Xapian::DB_CREATE).commit();

  const std::string live = Rebuild(env).folder;
  CHECK(ListIndexFolders(env.data_dir) == std::vector<std::string>{previous, live});
  CHECK_FALSE(std::filesystem::exists(abandoned_path));
  CHECK_FALSE(std::filesystem::exists(abandoned_path + ".shard-0"));
  CHECK_FALSE(std::filesystem::exists(abandoned_path + ".shard-1"));
  CHECK(Xapian::Database(env.data_dir.IndexPath()).get_doccount() == 1);
}

TEST_CASE(
    "rebuild spelling frequencies count the documents using each word, across batches, "
    "flushes and shards, shards are removed") {
  IndexTestEnv env;
  const char* const ids[] = {"t-maria", "t-james", "t-lee", "t-ana"};
  for (int copy = 0; copy < 5; ++copy) {  // 20 profiles: many batches and flushes per shard
    for (const char* id : ids) {
      Profile profile = IndexFixtureProfile(id);
      profile.id += "-" + std::to_string(copy);
      profile.name += copy % 2 == 0 ? " Quillfeather" : " Brightwater";
      env.Put(profile);
    }
  }
  const RebuildSummary summary = Rebuild(env);
  REQUIRE(summary.documents == 20);
  const std::string folder = IndexFolderPath(env.data_dir, summary.folder);
  CHECK_FALSE(std::filesystem::exists(folder + ".shard-0"));
  CHECK_FALSE(std::filesystem::exists(folder + ".shard-1"));

  // Every word DocumentBuilder finds in a profile is a spelling word whose
  // frequency is the number of profiles using it, and there is no other
  // (Xapian keeps none for one-letter words: "a", "i").
  Xapian::Database db(env.data_dir.IndexPath());
  std::map<std::string, Xapian::doccount> words;
  DocumentBuilder builder(ShippedVocabulary(), ShippedCompacts(), CurrentUtcYear());
  for (int copy = 0; copy < 5; ++copy) {
    for (const char* id : ids) {
      Result<StoredProfile> stored = env.store->Get(std::string(id) + "-" + std::to_string(copy));
      REQUIRE(stored.ok());
      for (const std::string& word : builder.SpellingWords(stored.value().profile)) {
        if (word.size() > 1) ++words[word];
      }
    }
  }
  std::map<std::string, Xapian::doccount> spelling;
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
    spelling[*word] = word.get_termfreq();
  }
  CHECK(spelling == words);
  CHECK(spelling.at("quillfeather") == 12);
  CHECK(spelling.at("brightwater") == 8);
  CHECK(db.get_spelling_suggestion("brightwatr") == "brightwater");
}

TEST_CASE(
    "rebuild waits its turn for a writer holding the live index, and gives up with index_busy "
    "after its wait, changing nothing") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  const std::string live = Rebuild(env).folder;
  env.Put(IndexFixtureProfile("t-lee"));
  const std::vector<std::string> folders = ListIndexFolders(env.data_dir);
  RebuildOptions short_wait;
  short_wait.lock_wait = std::chrono::seconds(1);

  {
    // A writer that never lets go: the rebuild says it waits, then gives up.
    Xapian::WritableDatabase other_writer(IndexFolderPath(env.data_dir, live), Xapian::DB_OPEN);
    std::ostringstream progress;
    Result<RebuildSummary> busy = RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(),
                                               ShippedCompacts(), short_wait, progress);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().status == 503);
    CHECK(busy.error().code == "index_busy");
    CHECK(progress.str().find("waiting for the index write lock") != std::string::npos);
    CHECK(ReadIndexStub(env.data_dir).value() == live);
    CHECK(ListIndexFolders(env.data_dir) == folders);
    CHECK(env.store->PendingOutbox(10).value().size() == 1);
  }

  // A writer that lets go within the wait: the rebuild takes its turn and finishes.
  std::promise<void> locked;
  std::thread writer([&] {
    Xapian::WritableDatabase other_writer(IndexFolderPath(env.data_dir, live), Xapian::DB_OPEN);
    locked.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  });
  locked.get_future().wait();
  std::ostringstream progress;
  RebuildOptions patient;
  patient.lock_wait = std::chrono::seconds(30);
  Result<RebuildSummary> rebuilt = RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(),
                                                ShippedCompacts(), patient, progress);
  writer.join();
  REQUIRE_MESSAGE(rebuilt.ok(), rebuilt.error().message);
  CHECK(rebuilt.value().documents == 2);
  CHECK(env.store->PendingOutbox(10).value().empty());
}

TEST_CASE("rapport-index rebuild imports nothing itself but indexes what import stored") {
  testing::TempDir dir;
  const std::string data_dir = dir.File("var");
  const auto index = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {testing::CommandPath("rapport-index"), "--data-dir", data_dir,
                                     "--data-files", testing::SourcePath("data")};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::RunCommand(argv);
  };
  REQUIRE(index({"import", testing::IndexFixturePath()}).exit_code == 0);
  const testing::CommandOutput rebuilt = index({"rebuild"});
  CHECK(rebuilt.exit_code == 0);
  CHECK(rebuilt.out.find("4 documents") != std::string::npos);
  CHECK(index({"check"}).exit_code == 0);
  CHECK(index({"rebuild", "extra"}).exit_code == 2);
  CHECK(index({"rebuild", "--flush-every", "0"}).exit_code == 2);
  CHECK(index({"rebuild", "--flush-every=x"}).exit_code == 2);
  const testing::CommandOutput flushed_often = index({"rebuild", "--flush-every", "1"});
  CHECK(flushed_often.exit_code == 0);
  CHECK(flushed_often.out.find("4 documents") != std::string::npos);
  Xapian::Database db(data_dir + "/index");
  CHECK(db.get_doccount() == 4);
}

}  // namespace
}  // namespace rapport
