// ReplicaStatus: the lag a replica reports from its polls of the primary's
// /readyz, at chosen moments (the clock is an argument), and the parser of
// the primary's answer.
#include <doctest/doctest.h>

#include "replica_status.h"

namespace rapport {
namespace {

using std::chrono::seconds;
constexpr auto kMaxLag = seconds(30);
constexpr const char* kPrimaryUuid = "7c4e1a52-0000-4000-8000-000000000001";
constexpr const char* kRebuiltUuid = "7c4e1a52-0000-4000-8000-000000000002";

const ReplicaStatus::Clock::time_point kStart{};

PrimaryIndex PrimaryAt(uint64_t revision, const char* uuid = kPrimaryUuid) {
  PrimaryIndex primary;
  primary.uuid = uuid;
  primary.revision = revision;
  return primary;
}

IndexStats OwnAt(uint64_t revision, const char* uuid = kPrimaryUuid) {
  IndexStats own;
  own.uuid = uuid;
  own.revision = revision;
  return own;
}

TEST_CASE("lag is the age of the oldest primary revision the replica still lacks") {
  ReplicaStatus status(kMaxLag);
  IndexStats own = OwnAt(10);
  status.RecordPoll(PrimaryAt(10), kStart);
  ReplicaLag lag = status.Lag(&own, kStart);
  CHECK(lag.primary_up);
  CHECK(lag.same_index);
  CHECK(lag.lag_revisions == 0);
  CHECK(lag.lag_seconds == 0);

  // The primary commits twice; the replica gets the first commit only.
  status.RecordPoll(PrimaryAt(11), kStart + seconds(1));
  status.RecordPoll(PrimaryAt(12), kStart + seconds(2));
  lag = status.Lag(&own, kStart + seconds(3));
  CHECK(lag.lag_revisions == 2);
  CHECK(lag.lag_seconds == doctest::Approx(2));
  own = OwnAt(11);
  lag = status.Lag(&own, kStart + seconds(3));
  CHECK(lag.lag_revisions == 1);
  CHECK(lag.lag_seconds == doctest::Approx(1));
  CHECK(lag.primary_revision == 12);
  CHECK(lag.revision == 11);
  own = OwnAt(12);
  lag = status.Lag(&own, kStart + seconds(3));
  CHECK(lag.lag_revisions == 0);
  CHECK(lag.lag_seconds == 0);
}

TEST_CASE("a replica is lagging past the bound only while the primary answers") {
  ReplicaStatus status(kMaxLag);
  const IndexStats own = OwnAt(5);
  status.RecordPoll(PrimaryAt(6), kStart);
  CHECK_FALSE(status.Lag(&own, kStart + kMaxLag).lagging);
  const ReplicaLag late = status.Lag(&own, kStart + kMaxLag + seconds(1));
  CHECK(late.lagging);
  CHECK(late.lag_seconds == doctest::Approx(31));

  status.RecordPoll(std::nullopt, kStart + kMaxLag + seconds(2));
  const ReplicaLag down = status.Lag(&own, kStart + kMaxLag + seconds(3));
  CHECK_FALSE(down.primary_up);
  CHECK_FALSE(down.lagging);
  CHECK(down.primary_revision == 6);  // the last one read
}

TEST_CASE("another index on the primary is a pending full copy, timed from its first sighting") {
  ReplicaStatus status(kMaxLag);
  const IndexStats own = OwnAt(40);
  status.RecordPoll(PrimaryAt(40), kStart);
  status.RecordPoll(PrimaryAt(3, kRebuiltUuid), kStart + seconds(10));
  status.RecordPoll(PrimaryAt(4, kRebuiltUuid), kStart + seconds(11));
  ReplicaLag lag = status.Lag(&own, kStart + seconds(12));
  CHECK_FALSE(lag.same_index);
  CHECK(lag.lag_revisions == 4);
  CHECK(lag.lag_seconds == doctest::Approx(2));

  const IndexStats copied = OwnAt(4, kRebuiltUuid);
  lag = status.Lag(&copied, kStart + seconds(12));
  CHECK(lag.same_index);
  CHECK(lag.lag_seconds == 0);
}

TEST_CASE("a replica with no index open yet lags from the first poll") {
  ReplicaStatus status(kMaxLag);
  CHECK_FALSE(status.Lag(nullptr, kStart).primary_up);
  status.RecordPoll(PrimaryAt(7), kStart);
  const ReplicaLag lag = status.Lag(nullptr, kStart + seconds(5));
  CHECK_FALSE(lag.same_index);
  CHECK(lag.revision == 0);
  CHECK(lag.lag_seconds == doctest::Approx(5));
}

TEST_CASE("the primary's /readyz answer is read only when it names its index") {
  auto read = ParsePrimaryReadyz(
      R"({"status":"ready","index_revision":12,"index_uuid":"abc","documents":3})");
  REQUIRE(read);
  CHECK(read.value().uuid == "abc");
  CHECK(read.value().revision == 12);
  for (const char* bad :
       {"", "[]", "{", R"({"index_revision":12})", R"({"index_uuid":"abc"})",
        R"({"index_uuid":"","index_revision":1})", R"({"index_uuid":"abc","index_revision":-1})",
        R"({"index_uuid":"a\u0000b","index_revision":1})",
        R"({"index_uuid":"not-a-uuid","index_revision":1})",
        R"({"index_uuid":"abc","index_revision":"12"})",
        R"({"index_uuid":7,"index_revision":12})"}) {
    CAPTURE(bad);
    auto refused = ParsePrimaryReadyz(bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "bad_primary_answer");
  }
}

}  // namespace
}  // namespace rapport
