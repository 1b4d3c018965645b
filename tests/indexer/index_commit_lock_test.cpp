// The index commit lock (index_commit_lock.h): a sync's commit waits while a
// replication conversation holds DATA_DIR/index.commit-lock shared, commits
// once it is released, and goes ahead unlocked (counted) after its bound.
#include "index_commit_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "index_test_support.h"
#include "index_writer.h"

namespace rapport {
namespace {

using Clock = std::chrono::steady_clock;
using testing::IndexFixtureProfile;
using testing::IndexTestEnv;
using testing::ShippedCompacts;
using testing::ShippedVocabulary;

constexpr std::chrono::milliseconds kShortBound{300};
constexpr std::chrono::milliseconds kLongBound{30000};
constexpr std::chrono::milliseconds kHoldFor{400};

// The lock held shared, as the replication gate holds it for a conversation.
class SharedHolder {
 public:
  explicit SharedHolder(const DataDir& data_dir)
      : fd_(::open(IndexCommitLockPath(data_dir).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    REQUIRE(fd_ >= 0);
    REQUIRE(::flock(fd_, LOCK_SH) == 0);
  }
  ~SharedHolder() { Release(); }
  SharedHolder(const SharedHolder&) = delete;
  SharedHolder& operator=(const SharedHolder&) = delete;
  void Release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

TEST_CASE("a commit waits for a replication conversation holding the commit lock") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts(), kLongBound);
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 1);  // creates the live index
  env.Put(IndexFixtureProfile("t-james"));

  SharedHolder conversation(env.data_dir);
  std::string indexed_before_release = "unset";
  Clock::time_point released;
  std::thread ender([&] {
    std::this_thread::sleep_for(kHoldFor);
    indexed_before_release = env.IndexedVersion("t-james");
    released = Clock::now();
    conversation.Release();
  });
  Result<int> applied = writer.ApplyPending(*env.store, 100);
  const Clock::time_point returned = Clock::now();
  ender.join();
  REQUIRE(applied.ok());
  CHECK(applied.value() == 1);
  CHECK(indexed_before_release.empty());  // not committed while the conversation ran
  CHECK(returned >= released);
  CHECK(env.IndexedVersion("t-james") == "1");
  CHECK(writer.commit_lock_counts().waited == 1);
  CHECK(writer.commit_lock_counts().without_lock == 0);
}

TEST_CASE("a commit goes ahead without the commit lock after its bound, and is counted") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  IndexWriter writer(env.data_dir, ShippedVocabulary(), ShippedCompacts(), kShortBound);
  REQUIRE(writer.ApplyPending(*env.store, 100).value() == 1);
  CHECK(writer.commit_lock_counts().waited == 0);
  env.Put(IndexFixtureProfile("t-james"));

  SharedHolder long_copy(env.data_dir);
  const Clock::time_point start = Clock::now();
  Result<int> applied = writer.ApplyPending(*env.store, 100);
  REQUIRE(applied.ok());
  CHECK(Clock::now() - start >= kShortBound);
  CHECK(env.IndexedVersion("t-james") == "1");
  CHECK(writer.commit_lock_counts().waited == 1);
  CHECK(writer.commit_lock_counts().without_lock == 1);
}

}  // namespace
}  // namespace rapport
