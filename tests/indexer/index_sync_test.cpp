// `rapport-index sync` / IndexWriter: outbox rows reach the live index, are
// acked only after the index commit, and a crash between the store commit
// and the index commit loses nothing.
#include "index_writer.h"

#include <sstream>
#include <vector>

#include <doctest/doctest.h>

#include "change_log.h"
#include "document_builder.h"
#include "index_checker.h"
#include "index_layout.h"
#include "index_metadata.h"
#include "index_reader.h"
#include "index_rebuilder.h"
#include "index_stub.h"
#include "index_test_support.h"
#include "rebuild_claim.h"

namespace rapport {
namespace {

using testing::IndexFixtureProfile;
using testing::IndexTestEnv;
using testing::ShippedCompacts;
using testing::ShippedVocabulary;

int Sync(IndexTestEnv& env, int max_rows = 100) {
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  Result<int> applied = writer.ApplyPending(*env.store, max_rows);
  REQUIRE_MESSAGE(applied.ok(), (applied.ok() ? "" : applied.error().message));
  return applied.value();
}

Xapian::doccount SpellingFrequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

size_t Pending(IndexTestEnv& env) { return env.store->PendingOutbox(1000).value().size(); }

TEST_CASE(
    "a store write not yet synced (crash before the index commit) is applied by the next "
    "sync, and only then leaves the outbox") {
  IndexTestEnv env;
  CHECK(Sync(env) == 0);  // nothing pending: no index needed yet
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-james"));
  // The process "died" here: store committed, index never touched.
  CHECK(Pending(env) == 2);

  CHECK(Sync(env) == 2);  // creates the live index on first use
  CHECK(env.IndexedVersion("t-maria") == "1");
  CHECK(env.IndexedVersion("t-james") == "1");
  CHECK(Pending(env) == 0);
  CHECK(Sync(env) == 0);
}

TEST_CASE("after_commit runs once the index has the rows, before the store acks them") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-james"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  int calls = 0;
  std::string indexed_then;
  size_t pending_then = 0;
  Result<int> applied = writer.ApplyPending(*env.store, 100, [&] {
    ++calls;
    indexed_then = env.IndexedVersion("t-james");
    pending_then = Pending(env);
  });
  REQUIRE(applied.ok());
  CHECK(applied.value() == 2);
  CHECK(calls == 1);
  CHECK(indexed_then == "1");  // readers can already see the commit
  CHECK(pending_then == 2);    // and the rows are still pending until the ack
  CHECK(Pending(env) == 0);
  // Nothing pending: no commit, no call.
  REQUIRE(writer.ApplyPending(*env.store, 100, [&] { ++calls; }).ok());
  CHECK(calls == 1);
}

TEST_CASE("a crash after the index commit but before the ack re-applies idempotently") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  CHECK(Sync(env) == 1);
  Profile maria = IndexFixtureProfile("t-maria");
  maria.name = "Maria Alvarez-Ruiz";
  env.Put(maria);

  // Apply and commit like the writer does, then "die" before AckOutbox.
  {
    Result<Xapian::WritableDatabase> db =
        OpenLiveIndexForWriting(env.data_dir, ShippedVocabulary());
    REQUIRE(db.ok());
    DocumentBuilder builder(ShippedVocabulary(), ShippedCompacts(), 2026);
    Result<int64_t> seq =
        ApplyOutboxEntries(db.value(), *env.store, builder, env.store->PendingOutbox(100).value());
    REQUIRE(seq.ok());
    db.value().commit();
  }
  CHECK(env.IndexedVersion("t-maria") == "2");
  CHECK(Pending(env) == 1);

  CHECK(Sync(env) == 1);
  CHECK(Pending(env) == 0);
  Xapian::Database db(env.data_dir.IndexPath());
  CHECK(db.get_doccount() == 1);
  CHECK(testing::VersionIn(db, "t-maria") == "2");
  CHECK(AppliedOutboxSeq(db) > 0);
}

TEST_CASE("while another writer holds the index, sync fails with index_busy and keeps the rows") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  CHECK(Sync(env) == 1);
  env.Put(IndexFixtureProfile("t-lee"));
  const std::string live = ReadIndexStub(env.data_dir).value();
  {
    Xapian::WritableDatabase other(IndexFolderPath(env.data_dir, live), Xapian::DB_OPEN);
    IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
    Result<int> busy = writer.ApplyPending(*env.store, 100);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().status == 503);
    CHECK(busy.error().code == "index_busy");
    CHECK(Pending(env) == 1);
  }
  CHECK(Sync(env) == 1);
  CHECK(env.IndexedVersion("t-lee") == "1");
}

TEST_CASE("while a rebuild has claimed its turn, sync backs off and keeps the rows") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  CHECK(Sync(env) == 1);
  env.Put(IndexFixtureProfile("t-lee"));
  {
    std::ostringstream progress;
    Result<RebuildClaim> claim =
        RebuildClaim::Take(env.data_dir, RebuildClaim::Clock::now(), progress);
    REQUIRE(claim.ok());
    CHECK(RebuildClaimed(env.data_dir));
    IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
    Result<int> busy = writer.ApplyPending(*env.store, 100);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().code == "index_busy");
    CHECK(Pending(env) == 1);
    // A second rebuild waits for the first one's claim, and gives up at its deadline.
    Result<RebuildClaim> second =
        RebuildClaim::Take(env.data_dir, RebuildClaim::Clock::now(), progress);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == "index_busy");
  }
  CHECK_FALSE(RebuildClaimed(env.data_dir));
  CHECK(Sync(env) == 1);
  CHECK(env.IndexedVersion("t-lee") == "1");
}

TEST_CASE("unpublish removes the document and its spelling words, restore brings it back") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-lee"));
  CHECK(Sync(env) == 2);
  REQUIRE(env.store->Unpublish("t-lee", "test").ok());
  CHECK(Sync(env) == 1);
  CHECK(env.IndexedVersion("t-lee").empty());
  CHECK(env.IndexedVersion("t-maria") == "1");
  {
    Xapian::Database db(env.data_dir.IndexPath());
    CHECK(db.get_doccount() == 1);
    CHECK(SpellingFrequency(db, "gottman") == 0);
    CHECK(SpellingFrequency(db, "alvarez") == 1);
  }
  REQUIRE(env.store->Restore("t-lee", 1, "test").ok());
  CHECK(Sync(env) == 1);
  CHECK(env.IndexedVersion("t-lee") == "3");
}

// The docid holding `id` in the live index, 0 when none does.
Xapian::docid DocidOf(IndexTestEnv& env, const std::string& id) {
  Xapian::Database db(env.data_dir.IndexPath());
  const std::string term = std::string(layout::kIdPrefix) + id;
  Xapian::PostingIterator posting = db.postlist_begin(term);
  return posting == db.postlist_end(term) ? 0 : *posting;
}

TEST_CASE("an edit replaces the document in place: same docid, no docid growth, logged once") {
  IndexTestEnv env;
  Profile maria = IndexFixtureProfile("t-maria");
  env.Put(maria);
  env.Put(IndexFixtureProfile("t-lee"));
  CHECK(Sync(env) == 2);
  const Xapian::docid docid = DocidOf(env, "t-maria");
  REQUIRE(docid != 0);
  const auto last_docid = [&] {
    return Xapian::Database(env.data_dir.IndexPath()).get_lastdocid();
  };
  const Xapian::docid last_before = last_docid();
  const auto change_seq = [&] { return ChangeLogSeq(Xapian::Database(env.data_dir.IndexPath())); };

  for (int edit = 0; edit < 3; ++edit) {
    maria.bio += " More words.";
    maria.fee = Fee{80 + edit, 150, true};
    env.Put(maria);
    const uint64_t seq = change_seq();
    CHECK(Sync(env) == 1);
    CHECK(DocidOf(env, "t-maria") == docid);
    Xapian::Database db(env.data_dir.IndexPath());
    CHECK(*ChangedDocidsBetween(db, seq, seq + 1) == std::vector<uint32_t>{docid});
  }
  CHECK(last_docid() == last_before);
  CHECK(env.IndexedVersion("t-maria") == "4");

  // Unpublish deletes it; restore adds it again under a new docid.
  REQUIRE(env.store->Unpublish("t-maria", "test").ok());
  CHECK(Sync(env) == 1);
  CHECK(DocidOf(env, "t-maria") == 0);
  REQUIRE(env.store->Restore("t-maria", 4, "test").ok());
  CHECK(Sync(env) == 1);
  CHECK(DocidOf(env, "t-maria") == last_before + 1);
}

TEST_CASE("an edit replaces the profile's spelling words: the old bio's go, the new bio's come") {
  IndexTestEnv env;
  Profile maria = IndexFixtureProfile("t-maria");
  maria.bio = "Gentle work with quillfeathered grief.";
  env.Put(maria);
  CHECK(Sync(env) == 1);
  maria.bio = "Gentle work with brightwatered grief.";
  env.Put(maria);
  CHECK(Sync(env) == 1);
  Xapian::Database db(env.data_dir.IndexPath());
  CHECK(SpellingFrequency(db, "quillfeathered") == 0);
  CHECK(SpellingFrequency(db, "brightwatered") == 1);
  CHECK(SpellingFrequency(db, "gentle") == 1);
  CHECK(SpellingFrequency(db, "alvarez") == 1);
}

TEST_CASE(
    "an edit that leaves the free text alone keeps the spelling counts, a text edit moves them") {
  IndexTestEnv env;
  Profile maria = IndexFixtureProfile("t-maria");
  env.Put(maria);
  env.Put(IndexFixtureProfile("t-lee"));
  CHECK(Sync(env) == 2);
  auto counts = [&] {
    Xapian::Database db(env.data_dir.IndexPath());
    return std::vector<Xapian::doccount>{SpellingFrequency(db, "alvarez"),
                                         SpellingFrequency(db, "grief"),
                                         SpellingFrequency(db, "quillfeathered")};
  };
  const std::vector<Xapian::doccount> before = counts();
  CHECK(before[0] == 1);

  Profile fee_only = maria;
  fee_only.fee = Fee{90, 160, true};
  fee_only.accepting_new_clients = !maria.accepting_new_clients.value_or(false);
  CHECK(DocumentBuilder::SameFreeText(maria, fee_only));
  env.Put(fee_only);
  CHECK(Sync(env) == 1);
  CHECK(counts() == before);

  Profile renamed = fee_only;
  renamed.name = "Maria Quillfeathered";
  CHECK_FALSE(DocumentBuilder::SameFreeText(fee_only, renamed));
  env.Put(renamed);
  CHECK(Sync(env) == 1);
  CHECK(counts() == std::vector<Xapian::doccount>{0, before[1], 1});

  Profile retagged = renamed;
  retagged.specialties.push_back("eating-disorders");
  CHECK_FALSE(DocumentBuilder::SameFreeText(renamed, retagged));
}

TEST_CASE("an index written with another layout version is neither written nor read") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  CHECK(Sync(env) == 1);
  {
    Xapian::WritableDatabase db(env.data_dir.IndexPath());
    db.set_metadata(std::string(layout::kMetaLayoutVersion), "1");
    db.commit();
  }
  env.Put(IndexFixtureProfile("t-lee"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  Result<int> applied = writer.ApplyPending(*env.store, 100);
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().code == "index_outdated");
  CHECK(applied.error().message.find("rapport-index rebuild") != std::string::npos);
  CHECK(Pending(env) == 1);
  Result<std::unique_ptr<IndexReader>> reader = IndexReader::Open(env.data_dir.IndexPath());
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.error().code == "index_outdated");
  Result<CheckReport> checked = CheckIndex(env.data_dir, *env.store);
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error().code == "index_outdated");

  std::ostringstream progress;
  REQUIRE(RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(), ShippedCompacts(),
                       RebuildOptions{}, progress)
              .ok());
  CHECK(IndexReader::Open(env.data_dir.IndexPath()).ok());
  CHECK(env.IndexedVersion("t-lee") == "1");
}

TEST_CASE("the writer follows the stub to the folder a rebuild switched to") {
  IndexTestEnv env;
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts());
  env.Put(IndexFixtureProfile("t-maria"));
  REQUIRE(writer.ApplyPending(*env.store, 100).ok());
  const std::string before = ReadIndexStub(env.data_dir).value();

  std::ostringstream progress;
  REQUIRE(RebuildIndex(env.data_dir, *env.store, ShippedVocabulary(), ShippedCompacts(),
                       RebuildOptions{}, progress)
              .ok());
  const std::string after = ReadIndexStub(env.data_dir).value();
  REQUIRE(after != before);

  env.Put(IndexFixtureProfile("t-ana"));
  Result<int> applied = writer.ApplyPending(*env.store, 100);
  REQUIRE(applied.ok());
  CHECK(applied.value() == 1);
  CHECK(testing::VersionIn(Xapian::Database(IndexFolderPath(env.data_dir, after)), "t-ana") == "1");
  CHECK(
      testing::VersionIn(Xapian::Database(IndexFolderPath(env.data_dir, before)), "t-ana").empty());
}

TEST_CASE("rapport-index sync applies what was stored and reports the count") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-ana"));
  const testing::CommandOutput synced =
      testing::RunCommand({testing::CommandPath("rapport-index"), "--data-dir", env.data_dir.root,
                           "--data-files", testing::SourcePath("data"), "sync"});
  CHECK(synced.exit_code == 0);
  CHECK(synced.out == "synced 2 outbox rows\n");
  CHECK(env.IndexedVersion("t-ana") == "1");
  CHECK(Pending(env) == 0);
}

}  // namespace
}  // namespace rapport
