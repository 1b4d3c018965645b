// AccountStore: editor accounts (table `editors`) and their bearer tokens for
// scripts (table `editor_tokens`), in the SQLite store file.
//
// Roles: "admin" manages editors and keys and may run bulk edits; "editor"
// edits profiles. Passwords are kept only as Argon2id hashes, tokens only as
// BLAKE2b hashes; neither a hash nor a password ever leaves this class.
// Thread-safe: every call takes the connection lock.
//
//   auto accounts = AccountStore::Open(data_dir.StorePath());
//   Result<Editor> who = accounts.value()->Authenticate(email, password);
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "error.h"
#include "password_hasher.h"

namespace rapport {

enum class EditorRole { kEditor, kAdmin };

[[nodiscard]] std::string_view RoleName(EditorRole role);
[[nodiscard]] std::optional<EditorRole> ParseRole(std::string_view name);

struct Editor {
  int64_t id = 0;
  std::string email;
  EditorRole role = EditorRole::kEditor;
  bool disabled = false;
  std::string created_at;
};

struct EditorToken {
  int64_t id = 0;
  std::string email;  // the editor the token acts as
  std::string name;   // what the token is for, e.g. "roster-sync"
  std::string created_at;
  std::string revoked_at;  // empty while the token is valid
};

// Longest email accepted (RFC 5321's path limit).
inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxTokenNameLength = 100;
// Every editor API token starts with this, so leaked ones are easy to spot.
inline constexpr std::string_view kEditorTokenPrefix = "rpe_";

class AccountStore {
 public:
  // Opens the store file at `path` (migrating it). 500 if it cannot.
  static Result<std::unique_ptr<AccountStore>> Open(const std::string& path,
                                                    PasswordHashLimits limits = {});

  // A new account. 400 for a malformed email or a weak password, 409 if the
  // email is taken (emails compare case-insensitively).
  Result<Editor> Create(std::string_view email, EditorRole role, std::string_view password);

  // The enabled account with this email and password. Every failure (unknown
  // email, wrong password, disabled account) is the same 401
  // "invalid_credentials", after the same hashing work.
  Result<Editor> Authenticate(std::string_view email, std::string_view password);

  // Disables the account, ends its sessions and leaves its tokens unusable.
  // 404 if unknown.
  Status Disable(std::string_view email);

  // Sets a new password and ends the account's sessions. 400 weak, 404 unknown.
  Status ResetPassword(std::string_view email, std::string_view password);

  // Every account, by email.
  Result<std::vector<Editor>> List();

  // The account with `id`, disabled or not. 404 if unknown.
  Result<Editor> FindById(int64_t id);

  // A new bearer token acting as `email`; the secret is returned only here.
  // 400 bad name, 404 unknown email, 403 disabled account.
  Result<std::string> CreateToken(std::string_view email, std::string_view name);

  // Every token (never the secret), newest first.
  Result<std::vector<EditorToken>> ListTokens();

  // Revokes token `id` at once. 404 if unknown.
  Status RevokeToken(int64_t id);

  // The enabled editor a valid, unrevoked token acts as; 401 otherwise.
  Result<Editor> ResolveToken(std::string_view token);

 private:
  AccountStore(std::unique_ptr<SQLite::Database> db, PasswordHashLimits limits);
  Result<Editor> FindByEmailLocked(std::string_view email);

  std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;  // guarded by mutex_
  PasswordHasher hasher_;                 // stateless after construction
};

}  // namespace rapport
