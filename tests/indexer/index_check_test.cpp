// `rapport-index check`: every disagreement between store and index is
// reported (missing, stale, extra) and the exit code says whether any exist.
#include "index_checker.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "index_test_support.h"
#include "index_writer.h"

namespace rapport {
namespace {

using testing::IndexFixtureProfile;
using testing::IndexTestEnv;

void Sync(IndexTestEnv& env) {
  IndexWriter writer(env.data_dir, testing::ShippedVocabulary(), testing::ShippedCompacts());
  REQUIRE(writer.ApplyPending(*env.store, 100).ok());
}

CheckReport Check(const IndexTestEnv& env) {
  Result<CheckReport> report = CheckIndex(env.data_dir, *env.store);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  return report.value();
}

testing::CommandOutput RunCheckCommand(const IndexTestEnv& env) {
  return testing::RunCommand(
      {testing::CommandPath("rapport-index"), "--data-dir", env.data_dir.root, "check"});
}

TEST_CASE("check agrees with a synced index and exits 0 with a summary") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-lee"));
  Sync(env);
  const CheckReport report = Check(env);
  CHECK(report.disagreements.empty());
  CHECK(report.published == 2);
  CHECK(report.indexed == 2);
  const testing::CommandOutput output = RunCheckCommand(env);
  CHECK(output.exit_code == 0);
  CHECK(output.out == "ok: 2 published profiles, 2 documents, all at their current version\n");
}

TEST_CASE("check reports a missing profile, a stale version and an unpublished one still indexed") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  env.Put(IndexFixtureProfile("t-lee"));
  Sync(env);
  env.Put(IndexFixtureProfile("t-james"));  // never synced: missing
  Profile maria = IndexFixtureProfile("t-maria");
  maria.bio = "Updated bio.";
  env.Put(maria);                                       // version 2 in the store, 1 in the index
  REQUIRE(env.store->Unpublish("t-lee", "test").ok());  // still in the index

  CheckReport report = Check(env);
  std::sort(report.disagreements.begin(), report.disagreements.end());
  CHECK(report.disagreements ==
        std::vector<std::string>{"t-james: published at version 1 but missing from the index",
                                 "t-lee: in the index (version 1) but not published in the store",
                                 "t-maria: indexed at version 1, store has version 2"});
  CHECK(report.pending_outbox == 3);

  const testing::CommandOutput output = RunCheckCommand(env);
  CHECK(output.exit_code == 1);
  CHECK(output.out.find("t-james: published at version 1 but missing from the index\n") !=
        std::string::npos);
  CHECK(output.out.find("3 disagreements between store and index") != std::string::npos);

  Sync(env);
  CHECK(Check(env).disagreements.empty());
  CHECK(RunCheckCommand(env).exit_code == 0);
}

TEST_CASE("check without an index is an error, not agreement") {
  IndexTestEnv env;
  env.Put(IndexFixtureProfile("t-maria"));
  Result<CheckReport> report = CheckIndex(env.data_dir, *env.store);
  REQUIRE_FALSE(report.ok());
  CHECK(report.error().status == 404);
  CHECK(RunCheckCommand(env).exit_code == 1);
}

}  // namespace
}  // namespace rapport
