// Single-value checks the profile validator is built from: UTF-8 text,
// identifiers, NPI check digits, ZIP codes, short codes and UTC timestamps.
// Each returns an empty string when the value is fine, else the reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

// Counts code points of well-formed UTF-8 text; nullopt if malformed.
[[nodiscard]] std::optional<size_t> Utf8Length(std::string_view text);

enum class Newlines { kRejected, kAllowed };
enum class BlankText { kAllowed, kRejected };

// Text: well-formed UTF-8, no control characters (newline only when
// `newlines` allows it), at most `max_chars` code points, and not empty or
// only spaces when `blank` rejects that. Returns the reason it fails, or "".
[[nodiscard]] std::string CheckText(std::string_view text, size_t max_chars, Newlines newlines,
                                    BlankText blank);

// Profile ids: 1..max_length of a-z 0-9 - _.
[[nodiscard]] std::string CheckProfileId(std::string_view id, size_t max_length);

// NPI: 10 digits whose last is the Luhn check digit over "80840" + first 9.
[[nodiscard]] std::string CheckNpi(std::string_view npi);

// ZIP: 5 digits or ZIP+4 (12345-6789).
[[nodiscard]] std::string CheckZip(std::string_view zip);

// Credentials and license types: letters, digits, space . - / ( ) & only.
[[nodiscard]] std::string CheckShortCode(std::string_view code, size_t max_chars);

}  // namespace rapport
