// Argon2id password hashing with libsodium (password_hasher.h).
#include "password_hasher.h"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>

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

PasswordHasher::PasswordHasher(PasswordHashLimits limits) : limits_(limits) {
  EnsureSodiumInitialised();
  // The dummy secret is random and thrown away: nobody can log in with it.
  std::array<unsigned char, 32> secret{};
  randombytes_buf(secret.data(), secret.size());
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), reinterpret_cast<const char*>(secret.data()), secret.size(),
                            limits_.ops_limit, limits_.mem_limit_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) == 0) {
    dummy_hash_ = out.data();
  }
  sodium_memzero(secret.data(), secret.size());
}

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
