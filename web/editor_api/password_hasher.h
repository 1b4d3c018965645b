// PasswordHasher: memory-hard password hashing for editor accounts
// (libsodium's crypto_pwhash_str, Argon2id). The stored string embeds the
// algorithm, its limits and the salt, so stronger limits later still verify
// old hashes. A hash is a secret: never put one in a response or a log.
#pragma once

#include <string>
#include <string_view>

#include "error.h"

namespace rapport {

// Argon2id cost. The defaults are libsodium's "interactive" limits (about
// 64 MiB and two passes): the minimum it recommends for online logins.
struct PasswordHashLimits {
  unsigned long long ops_limit = 2;
  size_t mem_limit_bytes = 64u * 1024u * 1024u;
};

// Shortest password an account may have.
inline constexpr size_t kMinPasswordLength = 10;
// Longest password accepted (bounds the work an unauthenticated request causes).
inline constexpr size_t kMaxPasswordLength = 1024;

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHashLimits limits = {});

  // The encoded Argon2id hash of `password`. 500 if libsodium runs out of memory.
  [[nodiscard]] Result<std::string> Hash(std::string_view password) const;

  // True if `password` matches `encoded_hash`. Runs in time independent of
  // where the password differs; false for a malformed hash.
  [[nodiscard]] bool Verify(std::string_view encoded_hash, std::string_view password) const;

  // Spends the same work as Verify against a real hash, for unknown accounts,
  // so a login for an email that does not exist takes as long as one that does.
  void VerifyDummy(std::string_view password) const;

 private:
  PasswordHashLimits limits_;
  std::string dummy_hash_;  // UnmatchableHash(limits_)
};

// An encoded Argon2id hash with `limits`, a random salt and a random digest,
// made without hashing: verifying a password against it costs what verifying
// against a real hash with those limits costs, and no password matches it.
[[nodiscard]] std::string UnmatchableHash(const PasswordHashLimits& limits);

// 400 "invalid_parameter" naming `field` if `password` is too short or too long.
[[nodiscard]] Status CheckPasswordStrength(std::string_view password, std::string_view field);

// Initialises libsodium once per process (thread-safe). Aborts if it cannot:
// without a source of randomness no secret this server makes would be safe.
void EnsureSodiumInitialised();

}  // namespace rapport
