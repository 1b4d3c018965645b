// `rapport-index import` end to end: good and bad lines, exact messages,
// exit codes, idempotent re-import, and a SIGKILL mid-import followed by a
// rerun giving the same store as one clean run. Also the line reader alone.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <algorithm>
#include <chrono>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "child_process.h"
#include "ndjson_reader.h"
#include "profile_store.h"
#include "store_test_support.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandPath;
using testing::RunCommand;
using testing::TempDir;
using testing::ValidProfileJson;
using testing::WriteFile;

testing::CommandOutput Import(const std::string& data_dir, const std::string& file) {
  return RunCommand({CommandPath("rapport-index"), "--data-dir", data_dir, "--data-files",
                     testing::StoreFixtureDir(), "import", file});
}

// Rows of a table as text, in key order, for comparing two stores.
std::string Dump(const std::string& path, const std::string& query) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement select(db, query);
  std::string text;
  while (select.executeStep()) {
    for (int i = 0; i < select.getColumnCount(); ++i) text += select.getColumn(i).getString() + "|";
    text += "\n";
  }
  return text;
}

int64_t CountRows(const std::string& path, const std::string& table) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

TEST_CASE("the line reader numbers lines, strips CR, skips blanks and over-long lines") {
  TempDir dir;
  const std::string path = dir.File("in.ndjson");
  WriteFile(path, "one\r\n\n  \n" + std::string(100, 'x') + "\ntwo\nthree");
  auto reader = NdjsonReader::Open(path, 50);
  REQUIRE(reader.ok());
  std::vector<std::string> seen;
  NdjsonLine line;
  while (reader.value()->Next(&line)) {
    seen.push_back(std::to_string(line.number) + ":" + (line.too_long ? "TOO LONG" : line.text));
  }
  CHECK(reader.value()->status().ok());
  CHECK(seen == std::vector<std::string>{"1:one", "4:TOO LONG", "5:two", "6:three"});
  CHECK(NdjsonReader::Open(dir.File("missing.ndjson"), 50).error().status == 400);
}

TEST_CASE("import keeps the good lines and reports every bad one with its line number") {
  TempDir dir;
  const std::string file = dir.File("mixed.ndjson");
  const std::string huge = R"({"id":"h","name":")" + std::string(1100000, 'x') + "\"}";
  WriteFile(file,
            ValidProfileJson("a") + "\n" +  // 1 good
                R"({"id":"b",)" + "\n" +    // 2 malformed
                R"({"id":"c","name":5,"profession":"mft","fee":{"min":"x"}})" + "\n" +   // 3 types
                R"({"id":"d","name":"Dee","profession":"mft","colour":"red"})" + "\n" +  // 4 warn
                huge + "\n" +                                                            // 5 huge
                ValidProfileJson("a") + "\n" +                                     // 6 duplicate
                "{\"id\":\"e\",\"name\":\"\xff\xfe\",\"profession\":\"mft\"}\n" +  // 7 bad UTF-8
                "\n" +                                                             // 8 blank
                R"({"id":"f","name":"Fay","profession":"psychologist"})");         // 9 good, no \n
  const auto result = Import(dir.File("data"), file);
  CHECK(result.exit_code == 1);
  CHECK(result.err ==
        file + ":2: (line): invalid JSON at offset 10: Missing a name for object member.\n" + file +
            ":3: name: expected a string\n" + file + ":3: fee.min: expected an integer\n" + file +
            ":4: warning: colour: unknown field, skipped\n" + file +
            ":5: (line): line too long (more than 1048576 bytes)\n" + file +
            ":6: id: duplicate of line 1\n" + file +
            ":7: (line): invalid JSON at offset 18: Invalid encoding in string.\n");
  CHECK(result.out.find(file + ": read 8 lines: 3 created, 0 updated, 0 unchanged, 5 rejected, "
                               "1 warnings in ") == 0);
  auto store = ProfileStore::Open(dir.File("data/rapport.sqlite"));
  REQUIRE(store.ok());
  CHECK(store.value()->CountPublished().value() == 3);
  for (const char* id : {"a", "d", "f"}) CHECK_MESSAGE(store.value()->Get(id).ok(), id);
  for (const char* id : {"b", "c", "e", "h"}) CHECK_MESSAGE(!store.value()->Get(id).ok(), id);
  CHECK(store.value()->Get("a").value().profile.modalities ==
        std::vector<std::string>{"cbt", "emdr"});
}

TEST_CASE("a line nested too deep is reported like any bad line and the import goes on") {
  TempDir dir;
  const std::string file = dir.File("deep.ndjson");
  // Under the line limit, deep enough to overflow a recursive parser's stack.
  const std::string deep(150000, '[');
  WriteFile(file, ValidProfileJson("a") + "\n" + deep + "\n" + ValidProfileJson("b") + "\n");
  const auto result = Import(dir.File("data"), file);
  CHECK(result.exit_code == 1);
  const std::string reported = file + ":2: (line): invalid JSON at offset ";
  REQUIRE_MESSAGE(result.err.rfind(reported, 0) == 0, result.err);
  CHECK(result.err.find("nested deeper than 32 levels") != std::string::npos);
  CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  CHECK(result.out.find(file + ": read 3 lines: 2 created, 0 updated, 0 unchanged, 1 rejected") ==
        0);
}

TEST_CASE("importing the same file twice changes nothing, a changed line is one update") {
  TempDir dir;
  const std::string file = dir.File("p.ndjson"), data = dir.File("data");
  WriteFile(file, ValidProfileJson("a") + "\n" + ValidProfileJson("b") + "\n" +
                      R"({"id":"c","name":"Cy","profession":"mft"})" + "\n");
  const auto first = Import(data, file);
  CHECK(first.exit_code == 0);
  CHECK(first.err.empty());
  CHECK(first.out.find("3 created, 0 updated, 0 unchanged, 0 rejected") != std::string::npos);
  const std::string store_path = data + "/rapport.sqlite";
  const std::string profiles = Dump(store_path, "SELECT * FROM profiles ORDER BY id");
  const int64_t revisions = CountRows(store_path, "revisions");

  const auto second = Import(data, file);
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("0 created, 0 updated, 3 unchanged, 0 rejected") != std::string::npos);
  CHECK(Dump(store_path, "SELECT * FROM profiles ORDER BY id") == profiles);
  CHECK(CountRows(store_path, "revisions") == revisions);
  CHECK(CountRows(store_path, "outbox") == 3);

  WriteFile(file, ValidProfileJson("a") + "\n" + R"({"id":"c","name":"Cy Z","profession":"mft"})");
  const auto third = Import(data, file);
  CHECK(third.out.find("0 created, 1 updated, 1 unchanged, 0 rejected") != std::string::npos);
  CHECK(CountRows(store_path, "revisions") == revisions + 1);
}

TEST_CASE("usage errors and unreadable files exit with 2") {
  TempDir dir;
  CHECK(RunCommand({CommandPath("rapport-index"), "--data-dir", dir.path(), "import"}).exit_code ==
        2);
  const auto missing = Import(dir.path(), dir.File("nope.ndjson"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.ndjson") != std::string::npos);
  const auto help = RunCommand({CommandPath("rapport-index"), "import", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("import [--format ndjson|nppes|fhir] FILE...") != std::string::npos);
  const auto unknown_format = RunCommand(
      {CommandPath("rapport-index"), "--data-dir", dir.path(), "import", "--format", "xml", "x"});
  CHECK(unknown_format.exit_code == 2);
  CHECK(unknown_format.err.find("--format nppes: FILE is the NPPES NPI file") != std::string::npos);
  CHECK(unknown_format.err.find("--format fhir: FILE... are FHIR R4 Plan-Net Bundles") !=
        std::string::npos);
}

// Starts `argv` in the background with output discarded; returns its pid.
pid_t Spawn(const std::vector<std::string>& argv) {
  return testing::SpawnChild(argv, {.in = "", .out = "/dev/null", .err = "/dev/null"});
}

TEST_CASE("an import killed at any moment and rerun gives the same store as one clean run") {
  TempDir dir;
  const std::string file = dir.File("big.ndjson");
  constexpr int kProfiles = 10000;
  {
    std::string text;
    for (int i = 0; i < kProfiles; ++i) text += ValidProfileJson("t-" + std::to_string(i)) + "\n";
    WriteFile(file, text);
  }
  const std::string killed = dir.File("killed"), clean = dir.File("clean");
  const pid_t pid = Spawn({CommandPath("rapport-index"), "--data-dir", killed, "--data-files",
                           testing::StoreFixtureDir(), "import", file});
  // Wait for the first committed batch, then kill the import mid-way.
  const std::string killed_store = killed + "/rapport.sqlite";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int64_t committed = 0;
  while (committed == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    try {
      if (access(killed_store.c_str(), F_OK) == 0) committed = CountRows(killed_store, "profiles");
    } catch (const SQLite::Exception&) {
      committed = 0;  // the file exists but its schema is not committed yet
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  const int64_t at_kill = CountRows(killed_store, "profiles");
  MESSAGE("killed with " << at_kill << " of " << kProfiles << " profiles committed");
  CHECK(at_kill > 0);
  CHECK(at_kill < kProfiles);

  const auto rerun = Import(killed, file);
  CHECK(rerun.exit_code == 0);
  const auto once = Import(clean, file);
  CHECK(once.exit_code == 0);
  const std::string clean_store = clean + "/rapport.sqlite";
  for (const char* query :
       {"SELECT id, version, status, json, updated_at FROM profiles ORDER BY id",
        "SELECT profile_id, version, action, changed_fields, json FROM revisions "
        "ORDER BY profile_id, version",
        "SELECT profile_id, version FROM outbox ORDER BY profile_id, version"}) {
    CHECK_MESSAGE(Dump(killed_store, query) == Dump(clean_store, query), query);
  }
  CHECK(CountRows(killed_store, "profiles") == kProfiles);
}

}  // namespace
}  // namespace rapport
