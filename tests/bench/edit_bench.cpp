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
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Answer {
  int status = 0;
  std::string etag;
  std::string set_cookie;
  std::string body;
};

// One HTTP/1.1 exchange on a fresh loopback connection ("Connection: close").
Answer Exchange(int port, const std::string& method, const std::string& target,
                const std::vector<std::string>& headers, const std::string& body = "") {
  Answer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    if (fd >= 0) ::close(fd);
    return answer;
  }
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& header : headers) raw += header + "\r\n";
  raw += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  for (size_t sent = 0; sent < raw.size();) {
    const ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) response.append(buffer, n);
  ::close(fd);
  const size_t head_end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) return answer;
  answer.status = std::atoi(response.c_str() + 9);
  const std::string head = response.substr(0, head_end);
  auto header = [&](const char* name) {
    std::string lower = head;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t at = lower.find(std::string("\r\n") + name + ":");
    if (at == std::string::npos) return std::string();
    const size_t start = head.find_first_not_of(' ', at + 3 + std::strlen(name));
    return head.substr(start, head.find("\r\n", start) - start);
  };
  answer.etag = header("etag");
  answer.set_cookie = header("set-cookie");
  answer.body = response.substr(head_end + 4);
  return answer;
}

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

struct Credentials {
  std::vector<std::string> headers;  // cookie + CSRF
};

Credentials Login(const Options& options) {
  const char* password = std::getenv("RAPPORT_BENCH_PASSWORD");
  const std::string body = std::string("{\"email\":\"") + options.email + "\",\"password\":\"" +
                           (password ? password : "") + "\"}";
  Answer answer =
      Exchange(options.port, "POST", "/api/v1/session", {"Content-Type: application/json"}, body);
  if (answer.status != 200) {
    std::fprintf(stderr, "login failed: %d %s\n", answer.status, answer.body.c_str());
    std::exit(1);
  }
  rapidjson::Document document;
  document.Parse(answer.body.c_str());
  return {{"Cookie: " + answer.set_cookie.substr(0, answer.set_cookie.find(';')),
           std::string("X-CSRF-Token: ") + document["csrf_token"].GetString(),
           "Content-Type: application/json"}};
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// Search threads: a rotating set of realistic queries until told to stop.
class Searchers {
 public:
  Searchers(int port, int count) {
    static const char* kQueries[] = {
        "/api/v1/search?q=anxiety&facets=modality,specialty",
        "/api/v1/search?state=CA&virtual=true&facets=insurance",
        "/api/v1/search?q=trauma+emdr&accepting=true",
        "/api/v1/search?modality=cbt&specialty=depression&facets=population,language",
        "/api/v1/search?q=couples&sort=fee"};
    for (int i = 0; i < count; ++i) {
      threads_.emplace_back([this, port, i] {
        for (size_t n = static_cast<size_t>(i); !stop_; ++n) {
          const auto start = Clock::now();
          Answer answer = Exchange(port, "GET", kQueries[n % 5], {});
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
          std::lock_guard<std::mutex> lock(mutex_);
          if (answer.status == 200) latencies_.push_back(ms);
        }
      });
    }
  }
  // Stops the threads and returns the latencies seen.
  std::vector<double> Stop() {
    stop_ = true;
    for (auto& thread : threads_) thread.join();
    return latencies_;
  }

 private:
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<double> latencies_;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

std::vector<std::string> ProfileIds(int port, int wanted) {
  std::vector<std::string> ids;
  for (int offset = 0; static_cast<int>(ids.size()) < wanted; offset += 100) {
    Answer answer = Exchange(
        port, "GET", "/api/v1/search?limit=100&sort=updated&offset=" + std::to_string(offset), {});
    rapidjson::Document document;
    document.Parse(answer.body.c_str());
    if (answer.status != 200 || document["results"].Empty()) break;
    for (const auto& result : document["results"].GetArray())
      ids.push_back(result["id"].GetString());
  }
  return ids;
}

// One writer's profiles: current document and ETag, edited in turn.
class Writer {
 public:
  Writer(int port, const Credentials& credentials, std::vector<std::string> ids)
      : port_(port), credentials_(credentials), ids_(std::move(ids)) {}

  // Renames the next profile to `name`; true when acknowledged (200).
  bool Edit(const std::string& name, std::string* id_out) {
    const std::string& id = ids_[next_++ % ids_.size()];
    auto& [body, etag] = current_[id];
    if (body.empty()) {
      Answer read = Exchange(port_, "GET", "/api/v1/editor/therapists/" + id, credentials_.headers);
      body = read.body;
      etag = read.etag;
    }
    rapidjson::Document document;
    document.Parse(body.c_str());
    document["name"].SetString(name, document.GetAllocator());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    document.Accept(writer);
    std::vector<std::string> headers = credentials_.headers;
    headers.push_back("If-Match: " + etag);
    Answer put = Exchange(port_, "PUT", "/api/v1/therapists/" + id, headers, buffer.GetString());
    if (put.status != 200) {
      body.clear();  // re-read next time
      return false;
    }
    body = put.body;
    etag = put.etag;
    *id_out = id;
    return true;
  }

 private:
  int port_;
  const Credentials& credentials_;
  std::vector<std::string> ids_;
  size_t next_ = 0;
  std::map<std::string, std::pair<std::string, std::string>> current_;
};

bool Searchable(int port, const std::string& word, const std::string& id) {
  Answer answer = Exchange(port, "GET", "/api/v1/search?q=" + word, {});
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
  const std::vector<std::string> ids = ProfileIds(options.port, writers * 20);
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
  Searchers idle(options.port, options.searchers);
  std::this_thread::sleep_for(std::chrono::seconds(options.idle_seconds));
  const std::vector<double> idle_latencies = idle.Stop();

  // (2) Edit throughput with searches running.
  Searchers loaded(options.port, options.searchers);
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
  const std::vector<double> loaded_latencies = loaded.Stop();

  // (3) Acknowledged edit → searchable, with searches running.
  Searchers background(options.port, options.searchers);
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
