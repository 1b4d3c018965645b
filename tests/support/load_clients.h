// Load clients over the raw HTTP client of server_process.h, without doctest,
// shared by the crash test and the benchmark programs (edit, crash, soak):
// editors that rename profiles through PUT with If-Match (one at a time, or
// several in the background), search threads
// that cycle through a list of requests, and percentiles.
//
//   ProfileEditor editor(port, BearerCredentials(token));
//   int status = 0;
//   if (auto edit = editor.Rename("t-0000001", "Ada Lovelace", &status)) Acknowledged(*edit);
//
//   SearchLoad searches(port, 2, SearchMix());
//   ...
//   SearchLoad::Report seen = searches.Stop();
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace rapport::testing {

// Request headers that authenticate an editor.
using Credentials = std::map<std::string, std::string>;

// A bearer token's headers (scripts: no CSRF token needed).
[[nodiscard]] Credentials BearerCredentials(const std::string& token);

// POST /api/v1/session: the session cookie and CSRF token; nullopt when the
// login is refused (`error` says why).
[[nodiscard]] std::optional<Credentials> LogIn(int port, const std::string& email,
                                               const std::string& password, std::string* error);

// The version an ETag names ("7" → 7), or 0.
[[nodiscard]] int64_t VersionOfEtag(const std::string& etag);

// The profile document `json` with "name" replaced (a valid PUT body).
[[nodiscard]] std::string Renamed(const std::string& json, const std::string& name);

// Ids of up to `count` published profiles, most recently updated first.
[[nodiscard]] std::vector<std::string> PublishedIds(int port, size_t count);

// An edit the server acknowledged (200): the version its ETag names.
struct AcknowledgedEdit {
  std::string id;
  int64_t version = 0;
  std::string name;
};

// Renames profiles through the editor API with If-Match, keeping each
// profile's last document and ETag; after a refusal (a 412 when another
// editor changed the profile) it reads the profile again next time.
class ProfileEditor {
 public:
  ProfileEditor(int port, Credentials credentials);

  // Renames `id` to `name`. The acknowledged edit on a 200; nullopt otherwise,
  // with the status in `*status` (0 when no answer came: the server is gone).
  [[nodiscard]] std::optional<AcknowledgedEdit> Rename(const std::string& id,
                                                       const std::string& name, int* status);

 private:
  struct Current {
    std::string json;
    std::string etag;
  };
  int port_;
  Credentials credentials_;
  std::map<std::string, Current> current_;  // by id
};

// Threads that send GET `targets` in turn (each thread from its own
// starting point) until Stop().
class SearchLoad {
 public:
  struct Report {
    std::vector<double> latencies_ms;  // of the 200 answers
    std::map<int, long> statuses;      // answers by status; 0: no answer
  };

  SearchLoad(int port, int threads, std::vector<std::string> targets);
  ~SearchLoad();
  SearchLoad(const SearchLoad&) = delete;
  SearchLoad& operator=(const SearchLoad&) = delete;

  // Stops the threads and returns what they saw.
  Report Stop();

 private:
  std::vector<std::string> targets_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  Report report_;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

// Renames `ids` from `writers` threads in turn until stopped, each name's
// last word unique ("Edited Rw1e42"), keeping every acknowledged edit: edits
// flowing while a test does something else (a backup, a cursor walk).
class BackgroundRenamer {
 public:
  BackgroundRenamer(int port, const std::string& token, std::vector<std::string> ids, int writers);
  ~BackgroundRenamer();
  BackgroundRenamer(const BackgroundRenamer&) = delete;
  BackgroundRenamer& operator=(const BackgroundRenamer&) = delete;

  [[nodiscard]] std::vector<AcknowledgedEdit> AcknowledgedSoFar();
  // Stops the threads (after their edit in progress).
  void Stop();

 private:
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<AcknowledgedEdit> acknowledged_;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

// The searches of the edit benchmark: text, facets, state, near, filters.
[[nodiscard]] const std::vector<std::string>& SearchMix();

// The value below which a fraction `p` of `values` lies (0 when empty).
[[nodiscard]] double Percentile(std::vector<double> values, double p);

}  // namespace rapport::testing
