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

// A TCP connection to 127.0.0.1:`port`; -1 when it cannot be made.
int ConnectLoopback(int port);

// Writes all of `data` to `fd`; false when the connection failed first.
bool SendAll(int fd, const std::string& data);

// True once the peer has closed the connection or sent something on it.
bool ClosedByPeer(int fd);

// Everything `fd` receives until the peer closes or `timeout_ms` passes.
std::string ReadUntilClosed(int fd, int timeout_ms);

// The status, headers and body of a raw HTTP/1.x answer (status 0 if it is none).
HttpResult ParseResponse(const std::string& raw);

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

// The value of the unlabelled metric `name` in /metrics of the server on
// `port`, or -1 when it is not there.
long Metric(int port, const std::string& name);

// Percent-encodes every byte outside the unreserved set.
std::string UrlEncode(const std::string& text);

class ServerProcess {
 public:
  // Starts rapport-server on `data_dir` with `args` and waits for /healthz,
  // on `port` (a restart where a server was) or a free port when it is 0.
  // Throws std::runtime_error if it does not come up.
  explicit ServerProcess(const std::string& data_dir, const std::vector<std::string>& args = {},
                         int port = 0);
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
