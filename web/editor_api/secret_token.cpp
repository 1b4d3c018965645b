// Random secrets and their stored hashes (secret_token.h).
#include "secret_token.h"

#include <sodium.h>

#include <array>
#include <vector>

#include "password_hasher.h"

namespace rapport {
namespace {
constexpr size_t kSecretBytes = 32;
}  // namespace

std::string RandomBase64(size_t bytes, Base64Alphabet alphabet) {
  EnsureSodiumInitialised();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  const int variant = alphabet == Base64Alphabet::kUrlSafe
                          ? sodium_base64_VARIANT_URLSAFE_NO_PADDING
                          : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(text.data(), text.size(), random.data(), random.size(), variant);
  sodium_memzero(random.data(), random.size());
  text.resize(text.find('\0'));
  return text;
}

std::string NewSecretToken(std::string_view prefix) {
  return std::string(prefix) + RandomBase64(kSecretBytes, Base64Alphabet::kUrlSafe);
}

std::string HashSecretToken(std::string_view token) {
  EnsureSodiumInitialised();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rapport
