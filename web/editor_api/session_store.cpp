// Server-side editor sessions in the SQLite store (session_store.h).
#include "session_store.h"

#include <SQLiteCpp/Statement.h>

#include "secret_token.h"
#include "store_schema.h"

namespace rapport {
namespace {

// Session cookies and CSRF tokens are told apart by prefix in logs and bug reports.
constexpr std::string_view kSessionTokenPrefix = "rps_";

// The stored form of a session time (milliseconds: string order is time order).
std::string SessionTime(WallClock::time_point at) {
  return FormatUtcTimestamp(at, TimestampPrecision::kMilliseconds);
}

Error StoreError(const SQLite::Exception& e) {
  return Error::Internal(std::string("session store: ") + e.what());
}

Error SessionExpired() {
  return Error{401, "session_expired", "not logged in, or the session has expired", ""};
}

}  // namespace

SessionStore::SessionStore(std::unique_ptr<SQLite::Database> db, SessionLimits limits)
    : limits_(limits), db_(std::move(db)) {}

Result<std::unique_ptr<SessionStore>> SessionStore::Open(const std::string& path,
                                                         SessionLimits limits) {
  auto db = OpenStoreDatabase(path);
  if (!db) return db.error();
  return std::unique_ptr<SessionStore>(new SessionStore(std::move(db).value(), limits));
}

Result<NewSession> SessionStore::Create(int64_t editor_id, WallClock::time_point now) {
  NewSession session{NewSecretToken(kSessionTokenPrefix), NewSecretToken()};
  const std::string hash = HashSecretToken(session.token);
  const std::string at = SessionTime(now);
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement insert(*db_,
                             "INSERT INTO sessions(token_hash, editor_id, csrf_token, created_at, "
                             "last_seen_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, hash.data(), static_cast<int>(hash.size()));
    insert.bind(2, editor_id);
    insert.bind(3, session.csrf_token);
    insert.bind(4, at);
    insert.bind(5, at);
    insert.exec();
    return session;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<ActiveSession> SessionStore::Resolve(std::string_view token, WallClock::time_point now) {
  if (token.substr(0, kSessionTokenPrefix.size()) != kSessionTokenPrefix) return SessionExpired();
  const std::string hash = HashSecretToken(token);
  const std::string idle_cutoff = SessionTime(now - limits_.idle_timeout);
  const std::string absolute_cutoff = SessionTime(now - limits_.absolute_timeout);
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_,
                            "SELECT s.csrf_token, s.created_at, s.last_seen_at, e.id, e.email, "
                            "e.role, e.disabled, e.created_at FROM sessions s "
                            "JOIN editors e ON e.id = s.editor_id WHERE s.token_hash = ?");
    query.bind(1, hash.data(), static_cast<int>(hash.size()));
    if (!query.executeStep()) return SessionExpired();
    ActiveSession session;
    session.csrf_token = query.getColumn(0).getString();
    const std::string created_at = query.getColumn(1).getString();
    const std::string last_seen_at = query.getColumn(2).getString();
    session.editor.id = query.getColumn(3).getInt64();
    session.editor.email = query.getColumn(4).getString();
    session.editor.role = ParseRole(query.getColumn(5).getString()).value_or(EditorRole::kEditor);
    session.editor.disabled = query.getColumn(6).getInt() != 0;
    session.editor.created_at = query.getColumn(7).getString();
    query.reset();
    if (session.editor.disabled || last_seen_at <= idle_cutoff || created_at <= absolute_cutoff) {
      SQLite::Statement remove(*db_, "DELETE FROM sessions WHERE token_hash = ?");
      remove.bind(1, hash.data(), static_cast<int>(hash.size()));
      remove.exec();
      return SessionExpired();
    }
    if (last_seen_at <= SessionTime(now - limits_.touch_interval)) {
      SQLite::Statement touch(*db_, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
      touch.bind(1, SessionTime(now));
      touch.bind(2, hash.data(), static_cast<int>(hash.size()));
      touch.exec();
    }
    return session;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status SessionStore::Destroy(std::string_view token) {
  const std::string hash = HashSecretToken(token);
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement remove(*db_, "DELETE FROM sessions WHERE token_hash = ?");
    remove.bind(1, hash.data(), static_cast<int>(hash.size()));
    remove.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status SessionStore::PurgeExpired(WallClock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement remove(*db_,
                             "DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?");
    remove.bind(1, SessionTime(now - limits_.idle_timeout));
    remove.bind(2, SessionTime(now - limits_.absolute_timeout));
    remove.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

}  // namespace rapport
