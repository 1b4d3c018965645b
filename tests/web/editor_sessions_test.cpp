// SessionStore and LoginThrottle against a real SQLite store file, with the
// clock passed in so expiry is tested without waiting.
#include <algorithm>
#include <chrono>

#include <doctest/doctest.h>

#include "editor_accounts.h"
#include "login_throttle.h"
#include "session_store.h"
#include "test_support.h"

namespace rapport {
namespace {

using std::chrono::seconds;
using testing::TempDir;

constexpr const char* kPassword = "correct horse battery";

struct Fixture {
  TempDir dir;
  std::unique_ptr<AccountStore> accounts;
  std::unique_ptr<SessionStore> sessions;
  Editor editor;

  explicit Fixture(SessionLimits limits) {
    auto opened = AccountStore::Open(dir.File("rapport.sqlite"));
    REQUIRE(opened);
    accounts = std::move(opened).value();
    auto session_store = SessionStore::Open(dir.File("rapport.sqlite"), limits);
    REQUIRE(session_store);
    sessions = std::move(session_store).value();
    auto created = accounts->Create("ed@example.org", EditorRole::kEditor, kPassword);
    REQUIRE(created);
    editor = created.value();
  }
};

SessionLimits ShortLimits() {
  SessionLimits limits;
  limits.idle_timeout = seconds(60);
  limits.absolute_timeout = seconds(300);
  limits.touch_interval = seconds(0);
  return limits;
}

}  // namespace

TEST_CASE("sessions resolve to their editor and CSRF token, logout ends them") {
  Fixture fixture(ShortLimits());
  auto session = fixture.sessions->Create(fixture.editor.id);
  REQUIRE(session);
  CHECK(session.value().token != session.value().csrf_token);
  auto active = fixture.sessions->Resolve(session.value().token);
  REQUIRE(active);
  CHECK(active.value().editor.email == "ed@example.org");
  CHECK(active.value().csrf_token == session.value().csrf_token);
  CHECK(fixture.sessions->Resolve("rps_made-up").error().status == 401);
  CHECK(fixture.sessions->Resolve("").error().status == 401);

  REQUIRE(fixture.sessions->Destroy(session.value().token));
  CHECK(fixture.sessions->Resolve(session.value().token).error().code == "session_expired");
}

TEST_CASE("sessions expire when idle and when too old, however busy") {
  Fixture fixture(ShortLimits());
  const auto start = WallClock::now();
  auto idle = fixture.sessions->Create(fixture.editor.id, start);
  REQUIRE(idle);
  CHECK(fixture.sessions->Resolve(idle.value().token, start + seconds(59)));
  // Use at 59 s refreshed it: still alive 59 s later, dead after 61 s of quiet.
  CHECK(fixture.sessions->Resolve(idle.value().token, start + seconds(118)));
  CHECK(fixture.sessions->Resolve(idle.value().token, start + seconds(180)).error().status == 401);

  auto busy = fixture.sessions->Create(fixture.editor.id, start);
  REQUIRE(busy);
  for (int t = 30; t < 300; t += 30) {
    CHECK(fixture.sessions->Resolve(busy.value().token, start + seconds(t)));
  }
  CHECK(fixture.sessions->Resolve(busy.value().token, start + seconds(301)).error().status == 401);
}

TEST_CASE("disabling an editor or resetting the password ends their sessions at once") {
  Fixture fixture(ShortLimits());
  auto first = fixture.sessions->Create(fixture.editor.id);
  REQUIRE(first);
  REQUIRE(fixture.accounts->ResetPassword("ed@example.org", "a fresh long password"));
  CHECK_FALSE(fixture.sessions->Resolve(first.value().token));

  auto second = fixture.sessions->Create(fixture.editor.id);
  REQUIRE(second);
  CHECK(fixture.sessions->Resolve(second.value().token));
  REQUIRE(fixture.accounts->Disable("ed@example.org"));
  CHECK_FALSE(fixture.sessions->Resolve(second.value().token));
}

TEST_CASE("failed logins delay the next attempt progressively, per account and per address") {
  LoginThrottleLimits limits;
  limits.free_failures_per_account = 2;
  limits.free_failures_per_address = 4;
  limits.first_delay = seconds(1);
  limits.max_delay = seconds(8);
  limits.forget_after = seconds(600);
  LoginThrottle throttle(limits);
  const auto start = LoginThrottle::Clock::now();

  // The free failures cost nothing; then each failure doubles the wait, up to the cap,
  // for the account from any address it has not logged in from, whether or not it exists.
  throttle.RecordFailure("Ed@Example.org", "10.0.0.1", start);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", start) == 0);
  throttle.RecordFailure("Ed@Example.org", "10.0.0.1", start);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", start) == 1);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", start + seconds(1)) == 0);
  auto now = start + seconds(1);
  long expected = 2;
  for (int failure = 3; failure <= 7; ++failure, expected = std::min<long>(expected * 2, 8)) {
    throttle.RecordFailure("ed@example.org", "10.0.0.2", now);
    CAPTURE(failure);
    CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", now) == expected);
    now += seconds(expected);
    CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", now) == 0);
  }
  // A quiet period forgets the failures.
  throttle.RecordFailure("ed@example.org", "10.0.0.2", now);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", now) == 8);
  now += seconds(600);
  throttle.RecordFailure("ed@example.org", "10.0.0.2", now);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", now) == 0);

  // One address guessing many accounts is slowed down too, other addresses are not.
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("user" + std::to_string(i), "10.0.0.5", now);
  CHECK(throttle.RetryAfterSeconds("someone-else@example.org", "10.0.0.5", now) == 1);
  CHECK(throttle.RetryAfterSeconds("someone-else@example.org", "10.0.0.6", now) == 0);
}

TEST_CASE("failures from elsewhere never delay an address the editor logged in from") {
  LoginThrottleLimits limits;
  limits.free_failures_per_account = 2;
  limits.trust_address_for = seconds(3600);
  LoginThrottle throttle(limits);
  const auto now = LoginThrottle::Clock::now();
  throttle.RecordSuccess("ed@example.org", "10.0.0.7", now);
  for (int i = 0; i < 20; ++i) throttle.RecordFailure("ed@example.org", "10.6.6.6", now);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.8", now) > 0);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.7", now) == 0);
  // The trusted address has a count of its own, so guessing from it is slowed as well.
  throttle.RecordFailure("ed@example.org", "10.0.0.7", now);
  throttle.RecordFailure("ed@example.org", "10.0.0.7", now);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.7", now) == 1);
  // Trust ends: then the account's delays apply to that address too.
  const auto later = now + seconds(3601);
  throttle.RecordFailure("ed@example.org", "10.6.6.6", later);
  throttle.RecordFailure("ed@example.org", "10.6.6.6", later);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.7", later) == 1);
}

}  // namespace rapport
