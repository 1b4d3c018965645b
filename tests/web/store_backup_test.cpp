// Backups and restore (indexer/store_backup.h) through the real commands: a
// backup taken with `rapport-admin backup` while editors rename profiles
// through the real server holds every edit acknowledged before it began;
// `rapport-admin restore --rebuild` brings it up in an empty folder where
// the real server serves it and `rapport-index check` passes; and every
// refusal (an existing backup, a non-empty folder, a foreign or damaged
// backup) leaves the folders as they were.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "data_dir.h"
#include "editor_test_support.h"
#include "load_clients.h"
#include "profile_store.h"
#include "server_process.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kWriters = 2;
constexpr auto kEditsBeforeBackup = std::chrono::milliseconds(400);
constexpr auto kEditsAfterBackup = std::chrono::milliseconds(200);

// True when a revision of `edit.id` in `store` is `edit` (its version and name).
bool Holds(ProfileStore& store, const AcknowledgedEdit& edit) {
  auto history = store.History(edit.id);
  if (!history) return false;
  for (const Revision& revision : history.value()) {
    if (revision.version == edit.version &&
        revision.json.find("\"" + edit.name + "\"") != std::string::npos) {
      return true;
    }
  }
  return false;
}

int Mode(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 0777);
}

// A folder with one backup of a few sample profiles.
struct Backup {
  Backup() : data(5) {
    taken = Admin(data.path, {"backup", "--to", folder()});
    REQUIRE_MESSAGE(taken.exit_code == 0, taken.err);
  }
  std::string folder() const { return temp.File("backup"); }
  TempDir temp;
  EditorDataDir data;
  CommandOutput taken;
};

TEST_CASE("a backup taken while edits flow holds every edit acknowledged before it began") {
  EditorDataDir data(12);
  CommandOutput token =
      Admin(data.path, {"tokens", "create", "--email", kEditorEmail, "--name", "backup-test"});
  REQUIRE_MESSAGE(token.exit_code == 0, token.err);
  TempDir temp;
  const std::string backup = temp.File("nightly");
  std::vector<AcknowledgedEdit> before;
  CommandOutput taken;
  {
    ServerProcess server(data.path);
    BackgroundRenamer renamer(server.port(), token.out.substr(0, token.out.find('\n')), data.ids,
                              kWriters);
    std::this_thread::sleep_for(kEditsBeforeBackup);
    before = renamer.AcknowledgedSoFar();
    taken = Admin(data.path, {"backup", "--to", backup});
    std::this_thread::sleep_for(kEditsAfterBackup);
    renamer.Stop();
    CHECK(renamer.AcknowledgedSoFar().size() > before.size());  // edits went on meanwhile
  }
  REQUIRE_MESSAGE(taken.exit_code == 0, taken.err);
  REQUIRE(!before.empty());
  CHECK(taken.err.find("pages (100%)") != std::string::npos);  // progress was printed
  CHECK(Mode(backup) == 0700);
  CHECK(Mode(backup + "/rapport.sqlite") == 0600);
  CHECK(Mode(backup + "/manifest.json") == 0600);
  CHECK(!fs::exists(backup + "/rapport.sqlite.tmp"));
  CHECK(!fs::exists(backup + "/rapport.sqlite-wal"));

  const std::string restored = temp.File("restored");
  CommandOutput restore = Admin(restored, {"restore", "--from", backup, "--rebuild"});
  REQUIRE_MESSAGE(restore.exit_code == 0, restore.err);
  {
    auto store = ProfileStore::Open(DataDir{restored}.StorePath());
    REQUIRE(store);
    size_t held = 0;
    for (const AcknowledgedEdit& edit : before) held += Holds(*store.value(), edit) ? 1 : 0;
    CHECK(held == before.size());
  }
  CommandOutput check = RunCommand({CommandPath("rapport-index"), "--data-dir", restored, "check"});
  CHECK_MESSAGE(check.exit_code == 0, (check.out + check.err));
  // The restored folder serves: the last name a backed-up edit gave is found.
  ServerProcess server(restored);
  auto store = ProfileStore::Open(DataDir{restored}.StorePath());
  REQUIRE(store);
  auto current = store.value()->Get(before.back().id);
  REQUIRE(current);
  const std::string& name = current.value().profile.name;
  HttpResult search =
      Get(server.port(), "/api/v1/search?q=" + UrlEncode(name.substr(name.rfind(' ') + 1)));
  CHECK(search.status == 200);
  CHECK(search.body.find("\"id\":\"" + before.back().id + "\"") != std::string::npos);
}

TEST_CASE("backup refuses a folder that already holds a backup and a data folder with no store") {
  Backup made;
  const std::string manifest = ReadFile(made.folder() + "/manifest.json");
  CommandOutput again = Admin(made.data.path, {"backup", "--to", made.folder()});
  CHECK(again.exit_code == 1);
  CHECK(again.err.find("already holds a backup") != std::string::npos);
  CHECK(ReadFile(made.folder() + "/manifest.json") == manifest);

  TempDir empty;
  CommandOutput none = Admin(empty.File("nothing"), {"backup", "--to", empty.File("b")});
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("no store") != std::string::npos);
  CHECK(!fs::exists(empty.File("b")));

  CHECK(Admin(made.data.path, {"backup"}).exit_code == 2);
  CHECK(Admin(made.data.path, {"backup", "--into", made.folder()}).exit_code == 2);
}

TEST_CASE("restore refuses a non-empty folder and leaves it as it was") {
  Backup made;
  TempDir target;
  WriteFile(target.File("keep.txt"), "mine");
  CommandOutput restore = Admin(target.path(), {"restore", "--from", made.folder()});
  CHECK(restore.exit_code == 1);
  CHECK(restore.err.find("not empty") != std::string::npos);
  CHECK(ReadFile(target.File("keep.txt")) == "mine");
  CHECK(!fs::exists(target.File("rapport.sqlite")));
}

TEST_CASE("restore refuses a backup that is not one, or does not match its manifest") {
  Backup made;
  TempDir work;
  const std::string copy = work.File("copy");
  fs::copy(made.folder(), copy);
  const std::string manifest = ReadFile(copy + "/manifest.json");
  const auto restore_into_new = [&work](const std::string& from, const std::string& name) {
    CommandOutput restore = Admin(work.File(name), {"restore", "--from", from});
    CHECK(!fs::exists(work.File(name) + "/rapport.sqlite"));
    return restore;
  };
  const auto with_manifest = [&copy](const std::string& text) {
    WriteFile(copy + "/manifest.json", text);
  };
  const auto replace = [&manifest](const std::string& from, const std::string& to) {
    std::string text = manifest;
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };

  SUBCASE("no manifest") {
    fs::remove(copy + "/manifest.json");
    CommandOutput restore = restore_into_new(copy, "a");
    CHECK(restore.exit_code == 1);
    CHECK(restore.err.find("no backup manifest") != std::string::npos);
  }
  SUBCASE("not JSON") {
    with_manifest("{\"format\":");
    CHECK(restore_into_new(copy, "b").exit_code == 2);
  }
  SUBCASE("another format") {
    with_manifest(replace("\"format\":1", "\"format\":2"));
    CommandOutput restore = restore_into_new(copy, "c");
    CHECK(restore.exit_code == 2);
    CHECK(restore.err.find("format 1") != std::string::npos);
  }
  SUBCASE("a schema newer than this program") {
    with_manifest(replace("\"schema_version\":", "\"schema_version\":9"));
    CommandOutput restore = restore_into_new(copy, "d");
    CHECK(restore.exit_code == 2);
    CHECK(restore.err.find("newer than this program") != std::string::npos);
  }
  SUBCASE("a page count that is not the file's") {
    with_manifest(replace("\"pages\":", "\"pages\":1"));
    CommandOutput restore = restore_into_new(copy, "e");
    CHECK(restore.exit_code == 2);
    CHECK(restore.err.find("pages") != std::string::npos);
  }
  SUBCASE("a store file that is not a database") {
    WriteFile(copy + "/rapport.sqlite", std::string(4096, 'x'));
    CHECK(restore_into_new(copy, "f").exit_code == 2);
  }
}

}  // namespace
}  // namespace rapport::testing
