// The replication gate (indexer/replication_gate.h) as a real process: a
// peer outside its allowlist is closed without a byte, and a replication
// conversation holds the index commit lock shared while it lasts (a
// replica pulling through the gate is tested end to end in replica_test).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "replication_processes.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

constexpr auto kLogLimit = std::chrono::seconds(10);

// A connection to 127.0.0.1:`port`, -1 when refused.
int ConnectLoopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when another holder has DATA_DIR/index.commit-lock shared (an
// exclusive try fails).
bool CommitLockTaken(const std::string& data_dir) {
  const int fd = ::open((data_dir + "/index.commit-lock").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  const bool taken = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return taken;
}

TEST_CASE("the replication gate closes a peer outside its allowlist without a byte") {
  TempDir data;
  ReplicationServer replication(data.path());
  ReplicationGateProcess gate(data.path(), replication.port(), "10.9.9.0/24");
  const int fd = ConnectLoopback(gate.port());
  REQUIRE(fd >= 0);
  char byte = 0;
  CHECK(::recv(fd, &byte, 1, 0) == 0);  // closed by the gate
  ::close(fd);
  CHECK(WaitUntil([&] { return gate.log().find("refused 127.0.0.1") != std::string::npos; },
                  kLogLimit));
  CHECK_FALSE(CommitLockTaken(data.path()));
}

TEST_CASE("an allowed peer's conversation holds the commit lock shared until it closes") {
  TempDir data;
  ReplicationServer replication(data.path());
  ReplicationGateProcess gate(data.path(), replication.port());
  const int fd = ConnectLoopback(gate.port());
  REQUIRE(fd >= 0);
  CHECK(WaitUntil([&] { return CommitLockTaken(data.path()); }, kLogLimit));
  ::close(fd);
  CHECK(WaitUntil([&] { return !CommitLockTaken(data.path()); }, kLogLimit));
  CHECK(WaitUntil([&] { return gate.log().find("bytes to the replica") != std::string::npos; },
                  kLogLimit));
}

}  // namespace
}  // namespace rapport::testing
