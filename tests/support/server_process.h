// Test helpers for the web tests: a data folder prepared with the real
// commands, the real rapport-server on a free loopback port (started and
// stopped by PID), and a raw HTTP/1.1 client that sends exactly the bytes it
// is given (hostile inputs included).
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "test_support.h"

namespace rapport::testing {

// A data folder holding the first `profiles` lines of data/sample/profiles.ndjson,
// imported and indexed with rapport-index. Built once per test binary run.
const std::string& SampleDataDir();

// A free TCP port on 127.0.0.1 (bound, read back, released).
int FreeLoopbackPort();

struct HttpResult {
  int status = 0;                              // 0 when no answer came
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // as sent (not decompressed)
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// Sends `raw` to 127.0.0.1:`port` and reads the answer until the server
// closes the connection or `timeout_ms` passes.
HttpResult RawRequest(int port, const std::string& raw, int timeout_ms = 10000);

// A request with "Connection: close"; `target` is sent as is (not encoded).
HttpResult Request(int port, const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers = {},
                   const std::string& body = "");
inline HttpResult Get(int port, const std::string& target,
                      const std::map<std::string, std::string>& headers = {}) {
  return Request(port, "GET", target, headers);
}

// Percent-encodes every byte outside the unreserved set.
std::string UrlEncode(const std::string& text);

class ServerProcess {
 public:
  // Starts rapport-server on `data_dir` with `args` and waits for /healthz.
  // Throws std::runtime_error if it does not come up.
  explicit ServerProcess(const std::string& data_dir, const std::vector<std::string>& args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits; returns the exit code (128+signal if killed).
  int Terminate();
  // Sends SIGKILL (a crash: nothing is flushed or finished) and reaps it.
  void Kill();
  // Everything the server wrote to stderr so far.
  std::string Log() const;

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  TempDir logs_;
};

// Runs rapport-admin with `args` on `data_dir`.
CommandOutput Admin(const std::string& data_dir, const std::vector<std::string>& args);

}  // namespace rapport::testing
