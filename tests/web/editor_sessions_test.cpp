// SessionStore and LoginThrottle against a real SQLite store file, with the
// clock passed in so expiry is tested without waiting.
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

TEST_CASE("failed logins are throttled per account and per address") {
  LoginThrottleLimits limits;
  limits.max_failures_per_account = 3;
  limits.max_failures_per_address = 5;
  limits.window = seconds(60);
  LoginThrottle throttle(limits);
  const auto now = LoginThrottle::Clock::now();

  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.Check("Ed@Example.org", "10.0.0.1", now));
    throttle.RecordFailure("Ed@Example.org", "10.0.0.1", now);
  }
  // The account is locked from any address, whether or not it exists.
  auto locked = throttle.Check("ed@example.org", "10.0.0.9", now);
  REQUIRE_FALSE(locked);
  CHECK(locked.error().status == 429);
  CHECK(throttle.RetryAfterSeconds("ed@example.org", "10.0.0.9", now) == 60);
  CHECK(throttle.Check("ed@example.org", "10.0.0.9", now + seconds(61)));

  // One address guessing many accounts is stopped too.
  for (int i = 0; i < 2; ++i) throttle.RecordFailure("user" + std::to_string(i), "10.0.0.1", now);
  CHECK_FALSE(throttle.Check("someone-else@example.org", "10.0.0.1", now));
  CHECK(throttle.Check("someone-else@example.org", "10.0.0.2", now));

  // Success clears the account's count.
  LoginThrottle fresh(limits);
  fresh.RecordFailure("a@example.org", "10.0.0.3", now);
  fresh.RecordFailure("a@example.org", "10.0.0.3", now);
  fresh.RecordSuccess("a@example.org");
  fresh.RecordFailure("a@example.org", "10.0.0.3", now);
  CHECK(fresh.Check("a@example.org", "10.0.0.4", now));
}

}  // namespace rapport
