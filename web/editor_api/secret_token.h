// Random bearer secrets (session cookies, CSRF tokens, editor API tokens) and
// the hash under which the server stores them. The secrets carry 256 random
// bits, so a fast keyless hash (BLAKE2b) is enough: a leaked table row cannot
// be turned back into a usable secret, and lookups stay cheap.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// The base64 alphabets libsodium writes without padding: URL-safe ("-_"), or
// the original ("+/") that crypto_pwhash_str uses for salts and digests.
enum class Base64Alphabet { kUrlSafe, kOriginal };

// `bytes` random bytes in base64 of `alphabet`, without padding.
[[nodiscard]] std::string RandomBase64(size_t bytes, Base64Alphabet alphabet);

// `prefix` followed by 32 random bytes in URL-safe base64 (no padding).
[[nodiscard]] std::string NewSecretToken(std::string_view prefix = "");

// The 32-byte BLAKE2b hash of `token`, as raw bytes (stored as a BLOB).
[[nodiscard]] std::string HashSecretToken(std::string_view token);

// Compares two strings in time independent of their content.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace rapport
