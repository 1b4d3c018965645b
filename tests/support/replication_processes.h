// Xapian's own replication on loopback for the replica tests
// (docs/scaling.md): xapian-replicate-server serving a primary's data folder
// and xapian-replicate keeping a replica's DATA_DIR/index, each started and
// stopped by PID, plus the readiness answers the tests compare.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include <optional>

#include "editor_test_support.h"
#include "server_process.h"

namespace rapport::testing {

// xapian-replicate-server on a free 127.0.0.1 port serving `data_dir` (the
// replica names the stub DATA_DIR/index with -m index).
class ReplicationServer {
 public:
  explicit ReplicationServer(const std::string& data_dir);
  ~ReplicationServer();
  ReplicationServer(const ReplicationServer&) = delete;
  ReplicationServer& operator=(const ReplicationServer&) = delete;
  int port() const { return port_; }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
};

// `rapport-index replication-gate` in front of the xapian-replicate-server on
// `upstream_port`, holding `data_dir`'s commit lock, on a free 127.0.0.1 port,
// letting in the peers of `allow`; its log lines go to log().
class ReplicationGateProcess {
 public:
  ReplicationGateProcess(const std::string& data_dir, int upstream_port,
                         const std::string& allow = "127.0.0.0/8");
  ~ReplicationGateProcess();
  ReplicationGateProcess(const ReplicationGateProcess&) = delete;
  ReplicationGateProcess& operator=(const ReplicationGateProcess&) = delete;
  int port() const { return port_; }
  // What it has logged so far.
  std::string log() const;

 private:
  TempDir logs_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// xapian-replicate pulling the primary's index into `replica_data_dir`/index
// once a second, with no wait between changesets (-i 1 -r 0).
class ReplicateClient {
 public:
  ReplicateClient(int server_port, const std::string& replica_data_dir);
  ~ReplicateClient();
  ReplicateClient(const ReplicateClient&) = delete;
  ReplicateClient& operator=(const ReplicateClient&) = delete;
  // Stops it (SIGKILL: a crash of the client) and reaps it.
  void Kill();

 private:
  pid_t pid_ = -1;
};

// A primary: a data folder of its own (EditorDataDir: sample profiles and
// the editor accounts) and rapport-server on it, whose index updater writes
// changesets (--index-changesets, which it turns into XAPIAN_MAX_CHANGESETS).
struct Primary {
  Primary();
  // Starts the server again (after `server.reset()`), on its old port.
  void Restart();
  int port() const { return server->port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()); }

  EditorDataDir data;
  std::optional<ServerProcess> server;
};

// rapport-server flags of a replica of the server on `primary_port`, per-address
// limits lifted, then `extra`.
std::vector<std::string> ReplicaArgs(int primary_port, const std::vector<std::string>& extra = {});

// True once the replica on `replica_port` is ready and serves the primary's
// index (same UUID) at the primary's revision.
bool ServesPrimaryIndex(int replica_port, int primary_port);

// A member of a JSON object, or "" / 0 when it is missing or of another type.
std::string TextOf(const rapidjson::Value& object, const char* name);
uint64_t NumberOf(const rapidjson::Value& object, const char* name);

// Runs `rapport-index rebuild` on `data_dir` (no changesets: docs/scaling.md).
CommandOutput RebuildIndex(const std::string& data_dir);

// The JSON of GET /readyz on `port` and its status (0 when no answer came).
struct Readiness {
  int status = 0;
  rapidjson::Document json;
};
Readiness ReadyzOf(int port);

// True when another holder has DATA_DIR/index.commit-lock shared (an
// exclusive try fails), as the replication gate does during a conversation.
bool CommitLockTaken(const std::string& data_dir);

// Calls `done` every 50 ms until it is true or `limit` passes; true if it was.
bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit);

}  // namespace rapport::testing
