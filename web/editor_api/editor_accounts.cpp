// Editor accounts and editor tokens in the SQLite store (editor_accounts.h).
#include "editor_accounts.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "secret_token.h"
#include "store_schema.h"
#include "utc_time.h"

namespace rapport {
namespace {

Error StoreError(const SQLite::Exception& e) {
  return Error::Internal(std::string("account store: ") + e.what());
}

Error InvalidCredentials() {
  return Error{401, "invalid_credentials", "wrong email or password", ""};
}

Status CheckEmail(std::string_view email) {
  const size_t at = email.find('@');
  bool printable = true;
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) printable = false;
  }
  if (email.empty() || email.size() > kMaxEmailLength || at == 0 || at == std::string_view::npos ||
      at + 1 == email.size() || !printable) {
    return Error::BadParameter("email", "must be an email address (no spaces, at most " +
                                            std::to_string(kMaxEmailLength) + " characters)");
  }
  return Status::Ok();
}

Editor EditorFromRow(SQLite::Statement& row) {
  Editor editor;
  editor.id = row.getColumn("id").getInt64();
  editor.email = row.getColumn("email").getString();
  editor.role = ParseRole(row.getColumn("role").getString()).value_or(EditorRole::kEditor);
  editor.disabled = row.getColumn("disabled").getInt() != 0;
  editor.created_at = row.getColumn("created_at").getString();
  return editor;
}

constexpr const char* kEditorColumns = "id, email, role, disabled, created_at";

// Runs `update` (a bound change of the editor `editor_id`) and ends that
// editor's sessions in one transaction: a lost password or revoked access
// must not leave a browser logged in.
void UpdateEndingSessions(SQLite::Database& db, SQLite::Statement& update, int64_t editor_id) {
  SQLite::Transaction transaction(db);
  update.exec();
  SQLite::Statement end_sessions(db, "DELETE FROM sessions WHERE editor_id = ?");
  end_sessions.bind(1, editor_id);
  end_sessions.exec();
  transaction.commit();
}

}  // namespace

std::string_view RoleName(EditorRole role) {
  return role == EditorRole::kAdmin ? "admin" : "editor";
}

std::optional<EditorRole> ParseRole(std::string_view name) {
  if (name == "admin") return EditorRole::kAdmin;
  if (name == "editor") return EditorRole::kEditor;
  return std::nullopt;
}

AccountStore::AccountStore(std::unique_ptr<SQLite::Database> db, PasswordHashLimits limits)
    : db_(std::move(db)), hasher_(limits) {}

Result<std::unique_ptr<AccountStore>> AccountStore::Open(const std::string& path,
                                                         PasswordHashLimits limits) {
  auto db = OpenStoreDatabase(path);
  if (!db) return db.error();
  return std::unique_ptr<AccountStore>(new AccountStore(std::move(db).value(), limits));
}

Result<Editor> AccountStore::Create(std::string_view email, EditorRole role,
                                    std::string_view password) {
  if (Status ok = CheckEmail(email); !ok) return ok.error();
  if (Status ok = CheckPasswordStrength(password, "password"); !ok) return ok.error();
  auto hash = hasher_.Hash(password);
  if (!hash) return hash.error();
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement exists(*db_, "SELECT 1 FROM editors WHERE email = ?");
    exists.bind(1, std::string(email));
    if (exists.executeStep()) {
      return Error::AlreadyExists("email", "an editor with this email already exists");
    }
    SQLite::Statement insert(
        *db_, "INSERT INTO editors(email, password_hash, role, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, std::string(email));
    insert.bind(2, hash.value());
    insert.bind(3, std::string(RoleName(role)));
    insert.bind(4, FormatUtcTimestamp(UtcNow(), TimestampPrecision::kMilliseconds));
    insert.exec();
    return FindByEmailLocked(email);
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<Editor> AccountStore::FindByEmailLocked(std::string_view email) {
  SQLite::Statement query(
      *db_, std::string("SELECT ") + kEditorColumns + " FROM editors WHERE email = ?");
  query.bind(1, std::string(email));
  if (!query.executeStep()) return Error::NotFound("no editor with this email");
  return EditorFromRow(query);
}

Result<Editor> AccountStore::Authenticate(std::string_view email, std::string_view password) {
  std::optional<Editor> editor;
  std::string password_hash;
  if (password.size() <= kMaxPasswordLength && email.size() <= kMaxEmailLength) {
    std::lock_guard<std::mutex> lock(mutex_);
    try {
      SQLite::Statement query(*db_, std::string("SELECT ") + kEditorColumns +
                                        ", password_hash FROM editors WHERE email = ?");
      query.bind(1, std::string(email));
      if (query.executeStep()) {
        editor = EditorFromRow(query);
        password_hash = query.getColumn("password_hash").getString();
      }
    } catch (const SQLite::Exception& e) {
      return StoreError(e);
    }
  }
  // Hash outside the lock: it takes tens of milliseconds by design.
  if (!editor) {
    hasher_.VerifyDummy(password.substr(0, kMaxPasswordLength));
    return InvalidCredentials();
  }
  const bool matches = hasher_.Verify(password_hash, password);
  if (!matches || editor->disabled) return InvalidCredentials();
  return *editor;
}

Status AccountStore::Disable(std::string_view email) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    auto editor = FindByEmailLocked(email);
    if (!editor) return editor.error();
    SQLite::Statement disable(*db_, "UPDATE editors SET disabled = 1 WHERE id = ?");
    disable.bind(1, editor.value().id);
    UpdateEndingSessions(*db_, disable, editor.value().id);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status AccountStore::ResetPassword(std::string_view email, std::string_view password) {
  if (Status ok = CheckPasswordStrength(password, "password"); !ok) return ok;
  auto hash = hasher_.Hash(password);
  if (!hash) return hash.error();
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    auto editor = FindByEmailLocked(email);
    if (!editor) return editor.error();
    SQLite::Statement update(*db_, "UPDATE editors SET password_hash = ? WHERE id = ?");
    update.bind(1, hash.value());
    update.bind(2, editor.value().id);
    UpdateEndingSessions(*db_, update, editor.value().id);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::vector<Editor>> AccountStore::List() {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kEditorColumns +
                                      " FROM editors ORDER BY email COLLATE NOCASE");
    std::vector<Editor> editors;
    while (query.executeStep()) editors.push_back(EditorFromRow(query));
    return editors;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<Editor> AccountStore::FindById(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_,
                            std::string("SELECT ") + kEditorColumns + " FROM editors WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return Error::NotFound("no editor with this id");
    return EditorFromRow(query);
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::string> AccountStore::CreateToken(std::string_view email, std::string_view name) {
  if (name.empty() || name.size() > kMaxTokenNameLength) {
    return Error::BadParameter(
        "name", "must have 1 to " + std::to_string(kMaxTokenNameLength) + " characters");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    auto editor = FindByEmailLocked(email);
    if (!editor) return editor.error();
    if (editor.value().disabled) return Error::Forbidden("email", "the editor is disabled");
    std::string token = NewSecretToken(kEditorTokenPrefix);
    const std::string hash = HashSecretToken(token);
    SQLite::Statement insert(
        *db_,
        "INSERT INTO editor_tokens(editor_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, editor.value().id);
    insert.bind(2, std::string(name));
    insert.bind(3, hash.data(), static_cast<int>(hash.size()));
    insert.bind(4, FormatUtcTimestamp(UtcNow(), TimestampPrecision::kMilliseconds));
    insert.exec();
    return token;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<std::vector<EditorToken>> AccountStore::ListTokens() {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_,
                            "SELECT t.id, e.email, t.name, t.created_at, t.revoked_at "
                            "FROM editor_tokens t JOIN editors e ON e.id = t.editor_id "
                            "ORDER BY t.id DESC");
    std::vector<EditorToken> tokens;
    while (query.executeStep()) {
      EditorToken token;
      token.id = query.getColumn(0).getInt64();
      token.email = query.getColumn(1).getString();
      token.name = query.getColumn(2).getString();
      token.created_at = query.getColumn(3).getString();
      token.revoked_at = query.getColumn(4).isNull() ? "" : query.getColumn(4).getString();
      tokens.push_back(std::move(token));
    }
    return tokens;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Status AccountStore::RevokeToken(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement revoke(
        *db_, "UPDATE editor_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
    revoke.bind(1, FormatUtcTimestamp(UtcNow(), TimestampPrecision::kMilliseconds));
    revoke.bind(2, id);
    if (revoke.exec() == 0) return Error::NotFound("no token with this id");
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

Result<Editor> AccountStore::ResolveToken(std::string_view token) {
  const Error unauthorised{401, "unauthorized", "invalid or revoked token", ""};
  if (token.substr(0, kEditorTokenPrefix.size()) != kEditorTokenPrefix) return unauthorised;
  const std::string hash = HashSecretToken(token);
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    SQLite::Statement query(*db_,
                            "SELECT e.id, e.email, e.role, e.disabled, e.created_at "
                            "FROM editor_tokens t JOIN editors e ON e.id = t.editor_id "
                            "WHERE t.token_hash = ? AND t.revoked_at IS NULL");
    query.bind(1, hash.data(), static_cast<int>(hash.size()));
    if (!query.executeStep()) return unauthorised;
    Editor editor = EditorFromRow(query);
    if (editor.disabled) return unauthorised;
    return editor;
  } catch (const SQLite::Exception& e) {
    return StoreError(e);
  }
}

}  // namespace rapport
