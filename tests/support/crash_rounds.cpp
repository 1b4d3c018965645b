// Crash rounds (crash_rounds.h).
#include "crash_rounds.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <rapidjson/document.h>

#include "data_dir.h"
#include "load_clients.h"
#include "profile_store.h"
#include "server_process.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kEditorEmail[] = "crash-editor@example.org";
constexpr char kEditorPassword[] = "a long crash editor password";
constexpr size_t kMaxProblems = 20;
constexpr char kNamePrefix[] = "Crash ";

struct Source {
  std::string path;  // the prepared data folder each round copies
  std::string token;
  std::vector<std::string> ids;
};

std::string NameOf(const std::string& json) {
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  return document.IsObject() && document.HasMember("name") && document["name"].IsString()
             ? document["name"].GetString()
             : "";
}

// The first `profiles` sample profiles imported and indexed, with an editor
// and its bearer token. Throws when a command fails.
Source PrepareSource(const std::string& folder, int profiles) {
  Source source;
  source.path = folder + "/source";
  std::ifstream sample(SourcePath("data/sample/profiles.ndjson"));
  std::string line, subset;
  for (int i = 0; i < profiles && std::getline(sample, line); ++i) {
    subset += line + "\n";
    rapidjson::Document profile;
    profile.Parse(line.c_str());
    source.ids.push_back(profile["id"].GetString());
  }
  CopyPreparedDataDir(subset, source.path);
  CommandOutput editor =
      RunCommand({CommandPath("rapport-admin"), "--data-dir", source.path, "editors", "create",
                  "--email", kEditorEmail, "--role", "editor"},
                 std::string(kEditorPassword) + "\n");
  if (editor.exit_code != 0) throw std::runtime_error("editors create: " + editor.err);
  CommandOutput token =
      Admin(source.path, {"tokens", "create", "--email", kEditorEmail, "--name", "crash-run"});
  if (token.exit_code != 0) throw std::runtime_error("tokens create: " + token.err);
  source.token = token.out.substr(0, token.out.find('\n'));
  return source;
}

// The profiles editor `writer` edits: the shared ones, then its own share.
std::vector<std::string> IdsOf(int writer, const Source& source, const CrashRunOptions& options) {
  std::vector<std::string> ids(source.ids.begin(), source.ids.begin() + options.shared_profiles);
  for (size_t i = static_cast<size_t>(options.shared_profiles + writer); i < source.ids.size();
       i += static_cast<size_t>(options.writers)) {
    ids.push_back(source.ids[i]);
  }
  return ids;
}

// A name whose last word occurs in no other edit, so a search finds exactly it.
std::string EditName(int round, int writer, long edit) {
  return kNamePrefix +
         ("Zr" + std::to_string(round) + "w" + std::to_string(writer) + "e" + std::to_string(edit));
}

class Round {
 public:
  Round(int number, const Source& source, const CrashRunOptions& options, CrashRunReport& report)
      : number_(number), source_(source), options_(options), report_(report) {}

  void Run(std::mt19937& random) {
    TempDir folder;
    const std::string data = folder.File("data");
    std::filesystem::copy(source_.path, data, std::filesystem::copy_options::recursive);
    {
      ServerProcess server(data);
      std::vector<std::thread> writers;
      for (int w = 0; w < options_.writers; ++w) {
        writers.emplace_back([this, &server, w] { Edit(server.port(), w); });
      }
      std::uniform_int_distribution<int> delay_ms(0, options_.max_delay_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
      server.Kill();
      for (auto& writer : writers) writer.join();
    }
    report_.acknowledged += static_cast<long>(acknowledged_.size());
    VerifyAfterRestart(data);
    CommandOutput check = RunCommand({CommandPath("rapport-index"), "--data-dir", data, "check"});
    if (check.exit_code != 0) {
      ++report_.check_failures;
      Problem("check failed: " + check.out + check.err);
    }
  }

  size_t acknowledged() const { return acknowledged_.size(); }

 private:
  // One editor: renames its profiles in turn until the server is gone.
  void Edit(int port, int writer) {
    ProfileEditor editor(port, BearerCredentials(source_.token));
    const std::vector<std::string> ids = IdsOf(writer, source_, options_);
    for (long n = 0;; ++n) {
      int status = 0;
      auto edit = editor.Rename(ids[static_cast<size_t>(n) % ids.size()],
                                EditName(number_, writer, n), &status);
      if (status == 0) return;
      if (!edit) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      acknowledged_.push_back(std::move(*edit));
    }
  }

  void VerifyAfterRestart(const std::string& data) {
    ServerProcess server(data);
    auto store = ProfileStore::Open(DataDir{data}.StorePath());
    if (!store) return Problem("store: " + store.error().message);
    for (const AcknowledgedEdit& edit : acknowledged_) VerifyEdit(*store.value(), edit);
    for (const std::string& id : source_.ids) VerifyIndexed(server.port(), *store.value(), id);
    if (server.Terminate() != 0) Problem("the restarted server did not stop cleanly");
  }

  // The edit is the revision its answer named; else it is elsewhere or lost.
  void VerifyEdit(ProfileStore& store, const AcknowledgedEdit& edit) {
    auto history = store.History(edit.id);
    if (!history) return Problem("history of " + edit.id + ": " + history.error().message);
    bool named = false, anywhere = false;
    for (const Revision& revision : history.value()) {
      const bool same = NameOf(revision.json) == edit.name;
      anywhere = anywhere || same;
      named = named || (same && revision.version == edit.version);
    }
    if (named) return;
    if (anywhere) {
      ++report_.misattributed;
      return Problem(edit.id + " answered version " + std::to_string(edit.version) + " for " +
                     edit.name + ", another writer's");
    }
    ++report_.lost;
    Problem("lost: " + edit.id + " version " + std::to_string(edit.version) + " " + edit.name);
  }

  // The restarted server shows the store's version, and search finds the name.
  void VerifyIndexed(int port, ProfileStore& store, const std::string& id) {
    auto stored = store.Get(id);
    if (!stored) return Problem("store lost " + id);
    HttpResult shown = Get(port, "/api/v1/therapists/" + id);
    const bool current =
        shown.status == 200 && VersionOfEtag(shown.Header("etag")) == stored.value().version;
    const std::string& name = stored.value().profile.name;
    bool found = true;
    if (name.rfind(kNamePrefix, 0) == 0) {
      const std::string word = name.substr(name.rfind(' ') + 1);
      HttpResult search = Get(port, "/api/v1/search?q=" + word);
      found = search.body.find("\"id\":\"" + id + "\"") != std::string::npos;
    }
    if (current && found) return;
    ++report_.stale_index;
    Problem("index behind the store for " + id + " (store version " +
            std::to_string(stored.value().version) + ", shown " + shown.Header("etag") + ")");
  }

  void Problem(const std::string& problem) {
    if (report_.problems.size() < kMaxProblems) {
      report_.problems.push_back("round " + std::to_string(number_) + ": " + problem);
    }
  }

  const int number_;
  const Source& source_;
  const CrashRunOptions& options_;
  CrashRunReport& report_;
  std::mutex mutex_;
  std::vector<AcknowledgedEdit> acknowledged_;  // guarded by mutex_ while editors run
};

}  // namespace

CrashRunReport RunCrashRounds(const CrashRunOptions& options) {
  CrashRunReport report;
  try {
    TempDir folder;
    const Source source = PrepareSource(folder.path(), options.profiles);
    std::mt19937 random(options.seed);
    for (int number = 1; number <= options.rounds; ++number) {
      const auto start = Clock::now();
      const long lost_before = report.lost;
      const int checks_before = report.check_failures;
      Round round(number, source, options, report);
      try {
        round.Run(random);
      } catch (const std::exception& e) {
        report.problems.push_back("round " + std::to_string(number) +
                                  " could not run: " + e.what());
      }
      ++report.rounds;
      if (options.progress) {
        *options.progress << "round " << number << ": " << round.acknowledged() << " acknowledged, "
                          << report.lost - lost_before << " lost, check "
                          << (report.check_failures == checks_before ? "ok" : "FAILED") << " ("
                          << std::chrono::duration<double>(Clock::now() - start).count() << " s)\n"
                          << std::flush;
      }
    }
  } catch (const std::exception& e) {
    report.problems.push_back(std::string("the run stopped: ") + e.what());
  }
  return report;
}

}  // namespace rapport::testing
