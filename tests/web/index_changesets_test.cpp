// Changesets (XAPIAN_MAX_CHANGESETS, docs/scaling.md): `rapport-index sync`
// writes one per commit when the variable is set, and `rapport-index rebuild`
// writes none even when it is (its folder reaches replicas as a full copy).
#include <doctest/doctest.h>

#include <filesystem>

#include "editor_test_support.h"
#include "index_stub.h"
#include "replication_processes.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

constexpr const char* kEditedProfile =
    R"({"id":"t-changeset","name":"Changeset Probe","profession":"counselor",)"
    R"("modalities":["cbt"],"accepting_new_clients":true})";

// Changeset files in the live index folder of `data_dir`.
int ChangesetFiles(const std::string& data_dir) {
  const DataDir dir{data_dir};
  const Result<std::string> folder = ReadIndexStub(dir);
  REQUIRE(folder.ok());
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(IndexFolderPath(dir, folder.value()))) {
    if (entry.path().filename().string().rfind("changes", 0) == 0) ++count;
  }
  return count;
}

TEST_CASE("a rebuild writes no changesets, a sync does, with XAPIAN_MAX_CHANGESETS set") {
  EditorDataDir data;
  ScopedEnv changesets(std::map<std::string, std::string>{{"XAPIAN_MAX_CHANGESETS", "50"}});
  const CommandOutput rebuilt = RebuildIndex(data.path);
  REQUIRE_MESSAGE(rebuilt.exit_code == 0, rebuilt.err);
  CHECK(ChangesetFiles(data.path) == 0);

  const std::string lines = data.temp.File("edit.ndjson");
  WriteFile(lines, std::string(kEditedProfile) + "\n");
  const std::string index = CommandPath("rapport-index");
  const std::string files = SourcePath("data");
  REQUIRE(RunCommand({index, "--data-dir", data.path, "--data-files", files, "import", lines})
              .exit_code == 0);
  REQUIRE(RunCommand({index, "--data-dir", data.path, "--data-files", files, "sync"}).exit_code ==
          0);
  CHECK(ChangesetFiles(data.path) == 1);
}

}  // namespace
}  // namespace rapport::testing
