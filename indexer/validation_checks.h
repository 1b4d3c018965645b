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

// Text: well-formed UTF-8, no control characters (newline only when
// `allow_newline`), at most `max_chars` code points, non-empty if `required`.
[[nodiscard]] std::string CheckText(std::string_view text, size_t max_chars, bool allow_newline,
                                    bool required);

// Profile ids: 1..max_length of a-z 0-9 - _.
[[nodiscard]] std::string CheckProfileId(std::string_view id, size_t max_length);

// NPI: 10 digits whose last is the Luhn check digit over "80840" + first 9.
[[nodiscard]] std::string CheckNpi(std::string_view npi);

// ZIP: 5 digits or ZIP+4 (12345-6789).
[[nodiscard]] std::string CheckZip(std::string_view zip);

// Credentials and license types: letters, digits, space . - / ( ) & only.
[[nodiscard]] std::string CheckShortCode(std::string_view code, size_t max_chars);

// Seconds since the epoch of an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ"
// naming a real calendar date; nullopt if it is not one.
[[nodiscard]] std::optional<int64_t> ParseUtcTimestamp(std::string_view text);

// Calendar year (UTC) of a unix time.
[[nodiscard]] int YearOf(int64_t unix_seconds);

// "2026-10-01T12:00:00Z" for a unix time.
[[nodiscard]] std::string FormatUtcTimestamp(int64_t unix_seconds);

}  // namespace rapport
