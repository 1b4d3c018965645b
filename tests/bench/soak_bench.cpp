// Soak (not a test): a running rapport-server takes a steady mix of
// searches, suggestions and profile reads, paced edits with If-Match, and a
// full `rapport-index rebuild` every few minutes, for a long time; the
// server's resident memory is sampled throughout. Prints the samples, the
// answers by status, the edits and the rebuilds, and a verdict: memory is
// flat when the median of the last quarter of the samples is within
// --max-growth of the second quarter's (the first quarter is warm-up), and
// the run is clean with no 5xx, no unanswered request and every rebuild done.
//
//   rapport-soak-bench --port N --pid PID --data-dir DIR --email E
//       (password in $RAPPORT_BENCH_PASSWORD) [--seconds 1800] [--searchers 4]
//       [--writers 2] [--edit-rate 20] [--sample-seconds 30]
//       [--rebuild-every-seconds 600] [--max-growth 0.10]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "load_clients.h"
#include "server_process.h"
#include "test_support.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace rapport::testing;

constexpr size_t kProfilesRead = 50;
constexpr size_t kProfilesEdited = 200;
constexpr int kQuarters = 4;
constexpr double kKilobytesPerMegabyte = 1024;

struct Options {
  int port = 0;
  int pid = 0;
  std::string data_dir;
  std::string email;
  double seconds = 1800;
  int searchers = 4;
  int writers = 2;
  double edit_rate = 20;  // edits per second over all writers
  double sample_seconds = 30;
  double rebuild_every_seconds = 600;
  double max_growth = 0.10;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: rapport-soak-bench --port N --pid PID --data-dir DIR --email E "
               "[--seconds S] [--searchers N] [--writers N] [--edit-rate R] "
               "[--sample-seconds S] [--rebuild-every-seconds S] [--max-growth F]\n");
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  const std::map<std::string, double*> numbers = {
      {"--seconds", &options.seconds},
      {"--edit-rate", &options.edit_rate},
      {"--sample-seconds", &options.sample_seconds},
      {"--rebuild-every-seconds", &options.rebuild_every_seconds},
      {"--max-growth", &options.max_growth}};
  const std::map<std::string, int*> counts = {{"--port", &options.port},
                                              {"--pid", &options.pid},
                                              {"--searchers", &options.searchers},
                                              {"--writers", &options.writers}};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (auto number = numbers.find(flag); number != numbers.end()) {
      *number->second = std::stod(value);
    } else if (auto count = counts.find(flag); count != counts.end()) {
      *count->second = std::stoi(value);
    } else if (flag == "--data-dir") {
      options.data_dir = value;
    } else if (flag == "--email") {
      options.email = value;
    } else {
      Usage();
    }
  }
  if (options.port == 0 || options.pid == 0 || options.data_dir.empty() || options.email.empty())
    Usage();
  return options;
}

// Resident memory of `pid` in kB (VmRSS), or 0 when it cannot be read.
long ResidentKilobytes(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// What the soak reads: the search mix, suggestions, a phrase under OR (ranked
// by Xapian's matcher), the vocabulary and some profiles.
std::vector<std::string> ReadMix(const std::vector<std::string>& ids) {
  std::vector<std::string> targets = SearchMix();
  for (const char* target : {"/api/v1/suggest?q=anx", "/api/v1/suggest?q=mar", "/api/v1/vocab",
                             "/api/v1/search?q=%22eating+disorders%22+OR+grief&facets=modality",
                             "/api/v1/search?near=37.80,-122.27&radius_km=50&sort=distance"}) {
    targets.emplace_back(target);
  }
  for (size_t i = 0; i < ids.size() && i < kProfilesRead; ++i) {
    targets.push_back("/api/v1/therapists/" + ids[i]);
  }
  return targets;
}

// Stops the threads of the soak together when the time is up.
class Deadline {
 public:
  explicit Deadline(Clock::time_point end) : end_(end) {}
  // Sleeps until `until` or the end; false once the end has come.
  bool SleepUntil(Clock::time_point until) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_until(lock, std::min(until, end_), [this] { return stopped_; });
    return !stopped_ && Clock::now() < end_;
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    wake_.notify_all();
  }
  bool Over() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_ || Clock::now() >= end_;
  }

 private:
  const Clock::time_point end_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;  // guarded by mutex_
};

struct EditCounts {
  std::mutex mutex;
  long acknowledged = 0;                 // guarded by mutex
  std::map<int, long> refused_statuses;  // guarded by mutex; 0: no answer
};

void RunWriters(const Options& options, const Credentials& credentials,
                const std::vector<std::string>& ids, Deadline& deadline, EditCounts& counts) {
  std::vector<std::thread> writers;
  const auto start = Clock::now();
  const double per_writer_rate = options.edit_rate / options.writers;
  for (int w = 0; w < options.writers; ++w) {
    writers.emplace_back([&, w] {
      ProfileEditor editor(options.port, credentials);
      for (long n = 0;; ++n) {
        const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(n / per_writer_rate));
        if (!deadline.SleepUntil(due)) return;
        const std::string& id = ids[(static_cast<size_t>(n) * options.writers + w) % ids.size()];
        int status = 0;
        const bool acknowledged =
            editor.Rename(id, "Soak W" + std::to_string(w) + " E" + std::to_string(n), &status)
                .has_value();
        std::lock_guard<std::mutex> lock(counts.mutex);
        acknowledged ? ++counts.acknowledged : ++counts.refused_statuses[status];
      }
    });
  }
  for (auto& writer : writers) writer.join();
}

struct RebuildRun {
  int exit_code = 0;
  double seconds = 0;
};

std::vector<RebuildRun> RunRebuilds(const Options& options, Deadline& deadline) {
  std::vector<RebuildRun> runs;
  const auto start = Clock::now();
  for (int n = 1;; ++n) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(n * options.rebuild_every_seconds));
    if (!deadline.SleepUntil(due)) return runs;
    const auto began = Clock::now();
    CommandOutput rebuilt =
        RunCommand({CommandPath("rapport-index"), "--data-dir", options.data_dir, "rebuild"});
    runs.push_back(
        {rebuilt.exit_code, std::chrono::duration<double>(Clock::now() - began).count()});
    std::printf("rebuild %d: exit %d in %.1f s\n", n, rebuilt.exit_code, runs.back().seconds);
    if (rebuilt.exit_code != 0) std::printf("  %s\n", rebuilt.err.c_str());
    std::fflush(stdout);
  }
}

std::vector<long> SampleMemory(const Options& options, Deadline& deadline) {
  std::vector<long> samples;
  const auto start = Clock::now();
  for (int n = 0;; ++n) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(n * options.sample_seconds));
    if (n > 0 && !deadline.SleepUntil(due)) return samples;
    samples.push_back(ResidentKilobytes(options.pid));
    std::printf("t=%6.0f s  rss %7.1f MB\n", n * options.sample_seconds,
                samples.back() / kKilobytesPerMegabyte);
    std::fflush(stdout);
  }
}

double MedianOf(std::vector<long> values) {
  std::vector<double> doubles(values.begin(), values.end());
  return Percentile(doubles, 0.5);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  const char* password = std::getenv("RAPPORT_BENCH_PASSWORD");
  std::string error;
  const auto credentials = LogIn(options.port, options.email, password ? password : "", &error);
  if (!credentials) {
    std::fprintf(stderr, "login failed: %s\n", error.c_str());
    return 1;
  }
  const std::vector<std::string> ids = PublishedIds(options.port, kProfilesEdited);
  if (ids.empty()) {
    std::fprintf(stderr, "no published profiles to read and edit\n");
    return 1;
  }
  Deadline deadline(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options.seconds)));
  SearchLoad reads(options.port, options.searchers, ReadMix(ids));
  EditCounts edits;
  std::vector<RebuildRun> rebuilds;
  std::thread writers([&] { RunWriters(options, *credentials, ids, deadline, edits); });
  std::thread rebuilder([&] { rebuilds = RunRebuilds(options, deadline); });
  const std::vector<long> samples = SampleMemory(options, deadline);
  deadline.Stop();
  writers.join();
  rebuilder.join();
  const SearchLoad::Report seen = reads.Stop();

  long answers = 0, failures = 0;
  std::printf("reads by status:");
  for (const auto& [status, count] : seen.statuses) {
    std::printf(" %d: %ld", status, count);
    answers += count;
    if (status == 0 || status >= 500) failures += count;
  }
  std::printf(" (p50 %.1f ms, p99 %.1f ms)\n", Percentile(seen.latencies_ms, 0.5),
              Percentile(seen.latencies_ms, 0.99));
  std::printf("edits: %ld acknowledged, refused by status:", edits.acknowledged);
  for (const auto& [status, count] : edits.refused_statuses) {
    std::printf(" %d: %ld", status, count);
    if (status == 0 || status >= 500) failures += count;
  }
  const long failed_rebuilds = std::count_if(rebuilds.begin(), rebuilds.end(),
                                             [](const RebuildRun& run) { return run.exit_code; });
  std::printf("\nrebuilds: %zu, %ld failed\n", rebuilds.size(), failed_rebuilds);

  const size_t quarter = samples.size() / kQuarters;
  const double settled = MedianOf({samples.begin() + quarter, samples.begin() + 2 * quarter});
  const double last = MedianOf({samples.end() - quarter, samples.end()});
  const double growth = settled > 0 ? last / settled - 1 : 0;
  const long peak = samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end());
  const bool flat = quarter > 0 && growth <= options.max_growth;
  std::printf(
      "memory: %zu samples, second-quarter median %.1f MB, last-quarter median %.1f MB "
      "(%+.1f%%), peak %.1f MB: %s\n",
      samples.size(), settled / kKilobytesPerMegabyte, last / kKilobytesPerMegabyte, growth * 100,
      peak / kKilobytesPerMegabyte, flat ? "flat" : "GROWING or too short");
  std::printf("soak: %.0f s, %ld reads, %ld edits, %ld failures (5xx or no answer): %s\n",
              options.seconds, answers, edits.acknowledged, failures,
              failures == 0 && failed_rebuilds == 0 && flat ? "clean" : "NOT CLEAN");
  return failures == 0 && failed_rebuilds == 0 && flat ? 0 : 1;
}
