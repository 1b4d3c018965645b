// Replication processes for the replica tests (replication_processes.h).
#include "replication_processes.h"

#include <signal.h>
#include <sys/wait.h>

#include <thread>
#include <vector>

#include "child_process.h"
#include "server_process.h"

namespace rapport::testing {
namespace {

constexpr const char* kReplicateServer = "/usr/bin/xapian-replicate-server";
constexpr const char* kReplicate = "/usr/bin/xapian-replicate";
constexpr auto kPollInterval = std::chrono::milliseconds(50);

void Stop(pid_t pid, int signal) {
  if (pid <= 0) return;
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

}  // namespace

ReplicationServer::ReplicationServer(const std::string& data_dir) : port_(FreeLoopbackPort()) {
  pid_ = SpawnChild({kReplicateServer, "-I", "127.0.0.1", "-p", std::to_string(port_), data_dir},
                    {.in = "/dev/null", .out = "/dev/null", .err = ""});
}

// SIGKILL: on SIGTERM xapian-replicate-server signals its whole process
// group, which is the test's. A conversation child it forked ends with its
// connection.
ReplicationServer::~ReplicationServer() { Stop(pid_, SIGKILL); }

ReplicateClient::ReplicateClient(int server_port, const std::string& replica_data_dir) {
  pid_ = SpawnChild({kReplicate, "-h", "127.0.0.1", "-p", std::to_string(server_port), "-m",
                     "index", "-i", "1", "-r", "0", replica_data_dir + "/index"},
                    {.in = "/dev/null", .out = "/dev/null", .err = "/dev/null"});
}

ReplicateClient::~ReplicateClient() { Stop(pid_, SIGTERM); }

void ReplicateClient::Kill() {
  Stop(pid_, SIGKILL);
  pid_ = -1;
}

std::vector<std::string> ReplicaArgs(int primary_port) {
  return {"--replica", "--primary-url", "http://127.0.0.1:" + std::to_string(primary_port)};
}

Readiness ReadyzOf(int port) {
  Readiness readiness;
  const HttpResult answer = Get(port, "/readyz");
  readiness.status = answer.status;
  readiness.json.Parse(answer.body.c_str(), answer.body.size());
  if (readiness.json.HasParseError()) readiness.json.SetObject();
  return readiness;
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

}  // namespace rapport::testing
