// Group commit in ProfileStore on a real SQLite file: writes that arrive
// while another transaction is being written share the next one, each write
// still succeeds or fails on its own, and reads are not held up by writes.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "profile_store.h"
#include "store_schema.h"
#include "store_test_support.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::MakeProfile;
using testing::OpenStore;
using testing::TempDir;

// Polls `done` until it holds; false after a generous deadline.
bool WaitFor(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Holds the store's write lock from another connection (another process, as
// far as SQLite is concerned) until Release().
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) : db_(OpenStoreDatabase(path).value()) {
    db_->exec("BEGIN IMMEDIATE");
  }
  void Release() { db_->exec("ROLLBACK"); }

 private:
  std::unique_ptr<SQLite::Database> db_;
};

struct GroupRun {
  std::vector<std::optional<Result<WriteOutcome>>> outcomes;
  std::vector<std::thread> threads;
};

// Starts `writes[0]` (which becomes the leader and waits for the lock held by
// `holder`), then the rest, which queue behind it; releases the lock once
// they all have queued and waits for every write.
void RunQueuedBehindLeader(ProfileStore& store, WriteLockHolder& holder,
                           const std::vector<std::function<Result<WriteOutcome>()>>& writes,
                           GroupRun& run) {
  run.outcomes.resize(writes.size());
  auto start = [&](size_t i) {
    run.threads.emplace_back([&, i] { run.outcomes[i] = writes[i](); });
  };
  start(0);
  const bool leading = WaitFor([&] { return store.write_stats().in_flight == 1; });
  for (size_t i = 1; i < writes.size(); ++i) start(i);
  const bool queued = WaitFor(
      [&] { return store.write_stats().queued == static_cast<int64_t>(writes.size()) - 1; });
  holder.Release();
  for (auto& thread : run.threads) thread.join();
  REQUIRE(leading);
  REQUIRE(queued);
}

TEST_CASE("writes queued behind a transaction in progress are committed together, in one") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  auto store = OpenStore(path);
  WriteLockHolder holder(path);
  constexpr int kWrites = 8;
  std::vector<std::function<Result<WriteOutcome>()>> writes;
  for (int i = 0; i < kWrites; ++i) {
    writes.emplace_back([&, i] {
      return store->Upsert(MakeProfile("p" + std::to_string(i), "Name " + std::to_string(i)),
                           "writer", 0);
    });
  }
  GroupRun run;
  RunQueuedBehindLeader(*store, holder, writes, run);

  const WriteStats stats = store->write_stats();
  CHECK(stats.transactions == 2);  // the leader alone, then the seven queued behind it
  CHECK(stats.writes == kWrites);
  CHECK(stats.queued == 0);
  for (int i = 0; i < kWrites; ++i) {
    REQUIRE(run.outcomes[i]->ok());
    CHECK(run.outcomes[i]->value().kind == WriteKind::kCreated);
    Result<StoredProfile> stored = store->Get("p" + std::to_string(i));
    REQUIRE(stored.ok());
    CHECK(stored.value().profile.name == "Name " + std::to_string(i));
  }
  CHECK(store->PendingOutbox(100).value().size() == kWrites);
  // What was acknowledged is in the file for any other connection, too.
  SQLite::Database other(path, SQLite::OPEN_READONLY);
  CHECK(other.execAndGet("SELECT count(*) FROM revisions").getInt64() == kWrites);
}

TEST_CASE("in one group, a failing or unchanged write is rolled back alone") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  auto store = OpenStore(path);
  REQUIRE(store->Upsert(MakeProfile("kept", "Same"), "setup").ok());
  REQUIRE(store->Upsert(MakeProfile("stale", "Before"), "setup").ok());
  REQUIRE(store->AckOutbox(store->PendingOutbox(10).value().back().seq).ok());

  WriteLockHolder holder(path);
  std::vector<std::function<Result<WriteOutcome>()>> writes = {
      [&] { return store->Upsert(MakeProfile("first", "First"), "w"); },
      // 412: the profile is at version 1.
      [&] { return store->Upsert(MakeProfile("stale", "Lost"), "w", 7); },
      [&] { return store->Upsert(MakeProfile("new", "New"), "w", 0); },
      // Unchanged: no revision, no outbox row.
      [&] { return store->Upsert(MakeProfile("kept", "Same"), "w"); },
      // Two writes of one profile in one group: the second sees the first.
      [&] { return store->Upsert(MakeProfile("twice", "One"), "w"); },
      [&] { return store->Unpublish("missing", "w"); },
  };
  GroupRun run;
  RunQueuedBehindLeader(*store, holder, writes, run);
  REQUIRE(store->Upsert(MakeProfile("twice", "Two"), "w", 1).ok());

  // Setup (two writes and the ack), the leader alone, the five queued, "Two".
  CHECK(store->write_stats().transactions == 6);
  REQUIRE(run.outcomes[0]->ok());
  REQUIRE_FALSE(run.outcomes[1]->ok());
  CHECK(run.outcomes[1]->error().status == 412);
  CHECK(store->Get("stale").value().profile.name == "Before");
  CHECK(store->History("stale").value().size() == 1);
  REQUIRE(run.outcomes[2]->ok());
  CHECK(run.outcomes[2]->value().kind == WriteKind::kCreated);
  REQUIRE(run.outcomes[3]->ok());
  CHECK(run.outcomes[3]->value().kind == WriteKind::kUnchanged);
  CHECK(store->History("kept").value().size() == 1);
  REQUIRE_FALSE(run.outcomes[5]->ok());
  CHECK(run.outcomes[5]->error().status == 404);
  CHECK(store->Get("twice").value().version == 2);

  std::vector<std::string> pending;
  const Result<std::vector<OutboxEntry>> rows = store->PendingOutbox(100);
  for (const OutboxEntry& entry : rows.value()) {
    pending.push_back(entry.profile_id);
  }
  std::sort(pending.begin(), pending.end());  // the queued writes' order is theirs to race
  CHECK(pending == std::vector<std::string>{"first", "new", "twice", "twice"});
}

TEST_CASE("reads do not wait for a write in progress") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  auto store = OpenStore(path);
  REQUIRE(store->Upsert(MakeProfile("a", "Ann"), "setup").ok());
  WriteLockHolder holder(path);
  std::optional<Result<WriteOutcome>> write;
  std::thread writer([&] { write = store->Upsert(MakeProfile("a", "Anna"), "w"); });
  const bool writing = WaitFor([&] { return store->write_stats().in_flight == 1; });
  // The write is stuck behind the lock; reads answer with the committed state.
  const auto reads_start = std::chrono::steady_clock::now();
  const std::string name = store->Get("a").value().profile.name;
  const size_t pending = store->PendingOutbox(10).value().size();
  const size_t revisions = store->History("a").value().size();
  const bool still_writing = store->write_stats().in_flight == 1;
  const auto reads_took = std::chrono::steady_clock::now() - reads_start;
  holder.Release();
  writer.join();
  REQUIRE(writing);
  CHECK(still_writing);  // so the reads above really overlapped the write
  CHECK(reads_took < std::chrono::seconds(StoreOpenOptions{}.busy_timeout_ms / 1000));
  CHECK(name == "Ann");
  CHECK(pending == 1);
  CHECK(revisions == 1);
  REQUIRE(write->ok());
  CHECK(store->Get("a").value().profile.name == "Anna");
}

}  // namespace
}  // namespace rapport
