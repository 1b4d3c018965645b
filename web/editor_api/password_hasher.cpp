// Argon2id password hashing with libsodium (password_hasher.h).
#include "password_hasher.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "secret_token.h"

namespace rapport {

void EnsureSodiumInitialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      std::fputs("rapport: libsodium could not be initialised\n", stderr);
      std::abort();
    }
  });
}

// UnmatchableHash (its RandomBase64) initialises libsodium, which Hash and
// Verify need.
PasswordHasher::PasswordHasher(PasswordHashLimits limits)
    : limits_(limits), dummy_hash_(UnmatchableHash(limits)) {}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), limits_.ops_limit,
                            limits_.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("password hashing ran out of memory");
  }
  return std::string(out.data());
}

bool PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) const {
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  // crypto_pwhash_str_verify needs a NUL-terminated hash.
  const std::string terminated(encoded_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) const {
  // The result is meaningless by design; only the time spent matters.
  static_cast<void>(Verify(dummy_hash_, password));
}

std::string UnmatchableHash(const PasswordHashLimits& limits) {
  // crypto_pwhash_str's layout for Argon2id: memory in KiB, passes, one lane,
  // then the 16-byte salt and the 32-byte digest.
  constexpr size_t kDigestBytes = 32;
  return "$argon2id$v=19$m=" + std::to_string(limits.mem_limit_bytes / 1024) +
         ",t=" + std::to_string(limits.ops_limit) + ",p=1$" +
         RandomBase64(crypto_pwhash_argon2id_SALTBYTES, Base64Alphabet::kOriginal) + "$" +
         RandomBase64(kDigestBytes, Base64Alphabet::kOriginal);
}

Status CheckPasswordStrength(std::string_view password, std::string_view field) {
  if (password.size() < kMinPasswordLength) {
    return Error::BadParameter(
        std::string(field),
        "password must have at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return Error::BadParameter(
        std::string(field),
        "password must have at most " + std::to_string(kMaxPasswordLength) + " characters");
  }
  return Status::Ok();
}

}  // namespace rapport
