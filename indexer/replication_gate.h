// ReplicationGate: the TCP front of xapian-replicate-server on the primary
// (`rapport-index replication-gate`, docs/scaling.md "Spurious full copies").
// For each connection from an allowed peer it takes the index commit lock
// (index_commit_lock.h) shared, connects to the upstream server and copies
// bytes both ways until either side closes, then releases the lock: no
// replication conversation overlaps an index commit, so a replica is never
// told of a revision whose changeset is not written yet. It never parses the
// protocol. Peers outside the allowlist, and connections past the bound, are
// closed at once; a connection idle past the bound is closed on both sides.
//
//   ReplicationGateOptions options;   // listen, upstream, allow, lock path
//   Result<ReplicationGate> gate = ReplicationGate::Listen(options, std::cerr);
//   gate.value().Serve();             // until the process is stopped
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "error.h"

namespace rapport {

// The whole of `text` as a decimal number in [0, max]; -1 otherwise.
[[nodiscard]] long ParseBoundedNumber(const std::string& text, long max);

// An IPv4 network `a.b.c.d/len` (a bare address is /32).
struct Ipv4Network {
  uint32_t address = 0;  // host byte order, host bits cleared
  uint32_t mask = 0;
};

// Parses "10.0.0.0/24" or "127.0.0.1"; 400 naming `text` otherwise.
[[nodiscard]] Result<Ipv4Network> ParseIpv4Network(const std::string& text);
// True when `address` (host byte order) lies in one of `networks`.
[[nodiscard]] bool InNetworks(uint32_t address, const std::vector<Ipv4Network>& networks);

// An IPv4 "host:port"; 400 naming `text` when it is not one.
struct Ipv4Endpoint {
  std::string host;
  int port = 0;
};
[[nodiscard]] Result<Ipv4Endpoint> ParseIpv4Endpoint(const std::string& text);

struct ReplicationGateOptions {
  Ipv4Endpoint listen;
  Ipv4Endpoint upstream;                  // xapian-replicate-server, normally on 127.0.0.1
  std::vector<Ipv4Network> allow;         // peers outside these are closed at once
  std::string lock_path;                  // DATA_DIR/index.commit-lock
  int max_connections = 16;               // conversations at once; more are closed at once
  std::chrono::seconds idle_timeout{60};  // no byte either way for this long: close
};

class ReplicationGate {
 public:
  // Binds and listens; 400 on a bad address, 500 when the port is taken.
  [[nodiscard]] static Result<ReplicationGate> Listen(const ReplicationGateOptions& options,
                                                      std::ostream& log);
  ReplicationGate(ReplicationGate&& other) noexcept;
  ReplicationGate& operator=(ReplicationGate&&) = delete;
  ~ReplicationGate();

  // The port it listens on (the one asked for, or the kernel's choice for 0).
  [[nodiscard]] int port() const { return port_; }
  // Accepts and serves connections until the process ends; returns only on
  // an accept error other than an interruption or a shortage of descriptors.
  [[nodiscard]] Status Serve();

 private:
  ReplicationGate(ReplicationGateOptions options, std::ostream& log, int listen_fd, int port);
  void Converse(int client_fd, const std::string& peer);
  void Log(const std::string& line);

  ReplicationGateOptions options_;
  std::ostream& log_;
  int listen_fd_;
  int port_;
  std::shared_ptr<std::atomic<int>> active_;  // conversations being served
  std::shared_ptr<std::mutex> log_mutex_;     // one line at a time from every thread
};

}  // namespace rapport
