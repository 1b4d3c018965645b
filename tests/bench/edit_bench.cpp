// Edit benchmark (not a test): edits through the real server's editor API
// while searches run, against a running rapport-server.
//
//   rapport-edit-bench --port N --email E   (password in $RAPPORT_BENCH_PASSWORD)
//       [--writers 8] [--throughput-edits 2000] [--visibility-edits 500]
//       [--searchers 2] [--idle-seconds 5] [--edit-rate 0]
//
// Phases: (1) searches alone: their idle latency; (2) writers edit as fast as
// the server takes it (or, with --edit-rate R, at R edits/s: the load a
// target rate puts on searches) while searches run: edits/s and search
// latency under load; (3) edit then poll search for a word only that edit introduced:
// acknowledged-edit→searchable delay, p50/p99.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "load_clients.h"
#include "server_process.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace rapport::testing;

constexpr size_t kProfilesPerWriter = 20;

struct Options {
  int port = 0;
  std::string email;
  int writers = 8;
  int throughput_edits = 2000;
  int visibility_edits = 500;
  int visibility_writers = 4;
  int searchers = 2;
  int idle_seconds = 5;
  double edit_rate = 0;  // edits/s across all writers in phase (2); 0: as fast as possible
};

Credentials Login(const Options& options) {
  const char* password = std::getenv("RAPPORT_BENCH_PASSWORD");
  std::string error;
  auto credentials = LogIn(options.port, options.email, password ? password : "", &error);
  if (!credentials) {
    std::fprintf(stderr, "login failed: %s\n", error.c_str());
    std::exit(1);
  }
  return *credentials;
}

// One writer's profiles, renamed in turn.
class Writer {
 public:
  Writer(int port, const Credentials& credentials, std::vector<std::string> ids)
      : editor_(port, credentials), ids_(std::move(ids)) {}

  // Renames the next profile to `name`; true when acknowledged (200).
  bool Edit(const std::string& name, std::string* id_out) {
    const std::string& id = ids_[next_++ % ids_.size()];
    int status = 0;
    if (!editor_.Rename(id, name, &status)) return false;
    *id_out = id;
    return true;
  }

 private:
  ProfileEditor editor_;
  std::vector<std::string> ids_;
  size_t next_ = 0;
};

bool Searchable(int port, const std::string& word, const std::string& id) {
  HttpResult answer = Get(port, "/api/v1/search?q=" + word);
  return answer.status == 200 && answer.body.find("\"id\":\"" + id + "\"") != std::string::npos;
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--port")
      options.port = std::stoi(value);
    else if (flag == "--email")
      options.email = value;
    else if (flag == "--writers")
      options.writers = std::stoi(value);
    else if (flag == "--throughput-edits")
      options.throughput_edits = std::stoi(value);
    else if (flag == "--visibility-edits")
      options.visibility_edits = std::stoi(value);
    else if (flag == "--searchers")
      options.searchers = std::stoi(value);
    else if (flag == "--idle-seconds")
      options.idle_seconds = std::stoi(value);
    else if (flag == "--edit-rate")
      options.edit_rate = std::stod(value);
  }
  if (options.port == 0 || options.email.empty()) {
    std::fprintf(stderr, "usage: rapport-edit-bench --port N --email E (see the source)\n");
    std::exit(2);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  const Credentials credentials = Login(options);
  const int writers = std::max(options.writers, options.visibility_writers);
  const std::vector<std::string> ids =
      PublishedIds(options.port, static_cast<size_t>(writers) * kProfilesPerWriter);
  if (static_cast<int>(ids.size()) < writers) {
    std::fprintf(stderr, "need at least %d indexed profiles\n", writers);
    return 1;
  }
  auto slice = [&](int index, int of) {
    std::vector<std::string> mine;
    for (size_t i = static_cast<size_t>(index); i < ids.size(); i += static_cast<size_t>(of))
      mine.push_back(ids[i]);
    return mine;
  };

  // (1) Searches alone.
  SearchLoad idle(options.port, options.searchers, SearchMix());
  std::this_thread::sleep_for(std::chrono::seconds(options.idle_seconds));
  const std::vector<double> idle_latencies = idle.Stop().latencies_ms;

  // (2) Edit throughput with searches running.
  SearchLoad loaded(options.port, options.searchers, SearchMix());
  std::atomic<int> remaining{options.throughput_edits}, acknowledged{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < options.writers; ++w) {
    threads.emplace_back([&, w] {
      Writer writer(options.port, credentials, slice(w, options.writers));
      std::string id;
      for (int n; (n = remaining--) > 0;) {
        if (options.edit_rate > 0) {  // the k-th edit overall is due at k / rate
          const double due = (options.throughput_edits - n) / options.edit_rate;
          std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                    std::chrono::duration<double>(due)));
        }
        if (writer.Edit("Benchmark Writer" + std::to_string(w) + " Edit" + std::to_string(n),
                        &id)) {
          ++acknowledged;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const std::vector<double> loaded_latencies = loaded.Stop().latencies_ms;

  // (3) Acknowledged edit → searchable, with searches running.
  SearchLoad background(options.port, options.searchers, SearchMix());
  std::mutex delays_mutex;
  std::vector<double> delays;
  std::atomic<int> to_do{options.visibility_edits};
  threads.clear();
  for (int w = 0; w < options.visibility_writers; ++w) {
    threads.emplace_back([&, w] {
      Writer writer(options.port, credentials, slice(w, options.visibility_writers));
      std::string id;
      for (int n; (n = to_do--) > 0;) {
        const std::string word = "zqvis" + std::to_string(n) + "w" + std::to_string(w);
        if (!writer.Edit("Visible " + word, &id)) continue;
        const auto acked = Clock::now();
        while (!Searchable(options.port, word, id) &&
               Clock::now() - acked < std::chrono::seconds(30)) {
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - acked).count();
        std::lock_guard<std::mutex> lock(delays_mutex);
        delays.push_back(ms);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  background.Stop();

  std::printf(
      "edits: %d acknowledged of %d in %.2f s = %.0f edits/s (%d writers, %d searchers, %s)\n",
      acknowledged.load(), options.throughput_edits, seconds, acknowledged / seconds,
      options.writers, options.searchers,
      options.edit_rate > 0
          ? ("paced at " + std::to_string(static_cast<int>(options.edit_rate)) + "/s").c_str()
          : "as fast as possible");
  std::printf("search p50/p99 idle: %.1f / %.1f ms (%zu searches)\n",
              Percentile(idle_latencies, 0.5), Percentile(idle_latencies, 0.99),
              idle_latencies.size());
  std::printf(
      "search p50/p99 during edits: %.1f / %.1f ms (%zu searches) = %.2fx idle p99\n",
      Percentile(loaded_latencies, 0.5), Percentile(loaded_latencies, 0.99),
      loaded_latencies.size(),
      Percentile(loaded_latencies, 0.99) / std::max(0.001, Percentile(idle_latencies, 0.99)));
  std::printf("edit->searchable p50/p99/max: %.0f / %.0f / %.0f ms over %zu edits\n",
              Percentile(delays, 0.5), Percentile(delays, 0.99), Percentile(delays, 1.0),
              delays.size());
  return 0;
}
