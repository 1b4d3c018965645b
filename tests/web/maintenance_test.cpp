// Maintenance while editors work, through the real server and the real
// `rapport-index` in other processes: rebuilds wait their turn for the index
// write lock and finish, no acknowledged edit is lost, and `check` run beside
// rebuilds never crashes and ends in agreement.
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "editor_test_support.h"
#include "profile_store.h"

namespace rapport {
namespace {

using namespace rapport::testing;

constexpr int kRebuilds = 3;

CommandOutput IndexCommand(const std::string& data_dir, const std::string& command) {
  return RunCommand({CommandPath("rapport-index"), "--data-dir", data_dir, command});
}

// `output` is a command that ended on its own: an exit code, not a signal
// or a sanitizer's report.
void CheckEndedCleanly(const CommandOutput& output) {
  CAPTURE(output.err);
  CHECK(output.exit_code < 128);
  CHECK(output.err.find("Sanitizer") == std::string::npos);
  CHECK(output.err.find("terminate") == std::string::npos);
}

// Edits profile `id` with If-Match until `editing` ends; records the version
// of every acknowledged edit.
void EditWhile(const std::atomic<bool>& editing, int port, const Session& session,
               const std::string& id, std::vector<int64_t>* acknowledged) {
  HttpResult current = EditorRequest(port, session, "GET", "/api/v1/editor/therapists/" + id);
  for (int edit = 0; editing && current.status == 200; ++edit) {
    HttpResult put = EditorRequest(port, session, "PUT", "/api/v1/therapists/" + id,
                                   Renamed(current.body, "Maintenance Edit" + std::to_string(edit)),
                                   {{"If-Match", current.Header("etag")}});
    if (put.status != 200) break;
    acknowledged->push_back(std::stoll(put.Header("etag").substr(1)));
    current = put;
  }
}

// Runs `check` until it reports agreement (the server's updater catches up
// after the last rebuild) or `attempts` run out.
CommandOutput CheckUntilAgreed(const std::string& data_dir, int attempts) {
  CommandOutput check;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    check = IndexCommand(data_dir, "check");
    if (check.exit_code == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return check;
}

TEST_CASE("rebuilds beside a stream of edits wait their turn, finish, and lose nothing") {
  EditorDataDir data(20);
  ServerProcess server(data.path);
  const int port = server.port();
  const std::vector<Session> sessions = {Login(port, kEditorEmail), Login(port, kAdminEmail)};
  std::atomic<bool> editing{true};
  std::vector<std::vector<int64_t>> acknowledged(sessions.size());
  std::vector<std::thread> editors;
  for (size_t editor = 0; editor < sessions.size(); ++editor) {
    editors.emplace_back(EditWhile, std::cref(editing), port, std::cref(sessions[editor]),
                         data.ids[editor], &acknowledged[editor]);
  }
  std::vector<CommandOutput> rebuilds;
  for (int rebuild = 0; rebuild < kRebuilds; ++rebuild) {
    rebuilds.push_back(IndexCommand(data.path, "rebuild"));
  }
  editing = false;
  for (std::thread& editor : editors) editor.join();

  for (const CommandOutput& rebuild : rebuilds) {
    CAPTURE(rebuild.err);
    CHECK(rebuild.exit_code == 0);
  }
  auto store = ProfileStore::Open(data.path + "/rapport.sqlite");
  REQUIRE(store.ok());
  for (size_t editor = 0; editor < sessions.size(); ++editor) {
    CAPTURE(editor);
    CHECK(!acknowledged[editor].empty());
    if (acknowledged[editor].empty()) continue;
    CHECK(store.value()->Get(data.ids[editor]).value().version == acknowledged[editor].back());
  }
  const CommandOutput check = CheckUntilAgreed(data.path, 50);
  CHECK_MESSAGE(check.exit_code == 0, check.out << check.err);
}

TEST_CASE("check run in a loop beside rebuilds never crashes") {
  EditorDataDir data(200);
  std::atomic<bool> rebuilding{true};
  std::vector<CommandOutput> rebuilds;
  std::thread rebuilder([&] {
    for (int rebuild = 0; rebuild < kRebuilds; ++rebuild) {
      rebuilds.push_back(IndexCommand(data.path, "rebuild"));
    }
    rebuilding = false;
  });
  int checks = 0;
  while (rebuilding) {
    const CommandOutput check = IndexCommand(data.path, "check");
    CheckEndedCleanly(check);
    // Nobody edits: a check that ends reports agreement, whatever switched under it.
    CHECK_MESSAGE(check.exit_code == 0, check.out << check.err);
    ++checks;
  }
  rebuilder.join();
  MESSAGE(checks << " checks beside " << kRebuilds << " rebuilds");
  CHECK(checks > 0);
  for (const CommandOutput& rebuild : rebuilds) CHECK(rebuild.exit_code == 0);
}

}  // namespace
}  // namespace rapport
