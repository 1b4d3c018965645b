// The replication gate (indexer/replication_gate.h) as a real process: a
// peer outside its allowlist is closed without a byte, and a replication
// conversation holds the index commit lock shared while it lasts (a
// replica pulling through the gate is tested end to end in replica_test).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "replication_processes.h"
#include "server_process.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

constexpr auto kLogLimit = std::chrono::seconds(10);

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
