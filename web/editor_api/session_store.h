// SessionStore: server-side editor sessions (table `sessions`).
//
// The browser holds a random session token in an HttpOnly cookie; the server
// keeps only its hash, the editor it belongs to, a CSRF token and two times.
// A session ends when it has been idle too long, when it is too old whatever
// its use, on logout, and at once when its editor is disabled or gets a new
// password (AccountStore deletes the rows; Resolve also checks the account).
// Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

#include "editor_accounts.h"
#include "error.h"
#include "utc_time.h"

namespace rapport {

struct SessionLimits {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  // last_seen_at is rewritten at most this often (each rewrite is a synced write).
  std::chrono::seconds touch_interval{30};
};

struct NewSession {
  std::string token;       // goes in the cookie; not stored
  std::string csrf_token;  // returned by the login answer
};

struct ActiveSession {
  Editor editor;
  std::string csrf_token;
};

class SessionStore {
 public:
  // Opens the store file at `path` (migrating it). 500 if it cannot.
  static Result<std::unique_ptr<SessionStore>> Open(const std::string& path,
                                                    SessionLimits limits = {});

  // Starts a session for `editor_id`.
  Result<NewSession> Create(int64_t editor_id, WallClock::time_point now = UtcNow());

  // The live session for `token`, refreshing its idle time. 401
  // "session_expired" when unknown, expired (the row is then removed) or its
  // editor is disabled.
  Result<ActiveSession> Resolve(std::string_view token, WallClock::time_point now = UtcNow());

  // Ends the session for `token` (no error if there is none).
  Status Destroy(std::string_view token);

  // Removes every expired session (called now and then, e.g. on login).
  Status PurgeExpired(WallClock::time_point now = UtcNow());

  const SessionLimits& limits() const { return limits_; }

 private:
  SessionStore(std::unique_ptr<SQLite::Database> db, SessionLimits limits);

  SessionLimits limits_;
  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;  // guarded by mutex_
};

}  // namespace rapport
