// Replication processes for the replica tests (replication_processes.h).
#include "replication_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "child_process.h"
#include "server_process.h"

namespace rapport::testing {
namespace {

constexpr const char* kReplicateServer = "/usr/bin/xapian-replicate-server";
constexpr const char* kReplicate = "/usr/bin/xapian-replicate";
constexpr auto kPollInterval = std::chrono::milliseconds(50);
// Changesets the primary keeps: more than any test commits.
constexpr const char* kChangesetsKept = "50";
// Every test client shares 127.0.0.1: per-address limits off.
const std::vector<std::string> kLimitsLifted = {
    "--anon-rate", "100000", "--anon-burst", "100000", "--max-requests-per-client", "100000"};

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

ReplicationGateProcess::ReplicationGateProcess(const std::string& data_dir, int upstream_port,
                                               const std::string& allow)
    : port_(FreeLoopbackPort()) {
  pid_ = SpawnChild({CommandPath("rapport-index"), "--data-dir", data_dir, "replication-gate",
                     "--listen", "127.0.0.1:" + std::to_string(port_), "--upstream",
                     "127.0.0.1:" + std::to_string(upstream_port), "--allow", allow},
                    {.in = "/dev/null", .out = "/dev/null", .err = logs_.File("gate.log")});
  // Listening once it says so.
  WaitUntil([&] { return log().find("listening on") != std::string::npos; },
            std::chrono::seconds(10));
}

ReplicationGateProcess::~ReplicationGateProcess() { Stop(pid_, SIGTERM); }

std::string ReplicationGateProcess::log() const { return ReadFile(logs_.File("gate.log")); }

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

Primary::Primary() { Restart(); }

void Primary::Restart() {
  const int old_port = server ? server->port() : 0;
  server.reset();
  std::vector<std::string> args = kLimitsLifted;
  args.insert(args.end(), {"--index-changesets", kChangesetsKept});
  server.emplace(data.path, args, old_port);
}

std::vector<std::string> ReplicaArgs(int primary_port, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--replica", "--primary-url",
                                   "http://127.0.0.1:" + std::to_string(primary_port)};
  args.insert(args.end(), kLimitsLifted.begin(), kLimitsLifted.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string TextOf(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString()) return "";
  return object[name].GetString();
}

uint64_t NumberOf(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsUint64()) return 0;
  return object[name].GetUint64();
}

bool ServesPrimaryIndex(int replica_port, int primary_port) {
  const Readiness primary = ReadyzOf(primary_port), replica = ReadyzOf(replica_port);
  return replica.status == 200 && !TextOf(primary.json, "index_uuid").empty() &&
         TextOf(replica.json, "index_uuid") == TextOf(primary.json, "index_uuid") &&
         NumberOf(replica.json, "index_revision") == NumberOf(primary.json, "index_revision");
}

CommandOutput RebuildIndex(const std::string& data_dir) {
  return RunCommand({CommandPath("rapport-index"), "--data-dir", data_dir, "--data-files",
                     SourcePath("data"), "rebuild"});
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

bool CommitLockTaken(const std::string& data_dir) {
  const int fd = ::open((data_dir + "/index.commit-lock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  const bool taken = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return taken;
}

}  // namespace rapport::testing
