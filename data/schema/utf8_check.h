// UTF-8 checks for text that arrives from clients (search and suggest
// parameters, profile documents): validity, length in code points, and the
// shortened form an error quotes it in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

struct Utf8Char {
  unsigned code_point;
  size_t bytes;
};

// The character that starts at byte `at` of `text` (at < text.size()), or
// nullopt when no valid UTF-8 sequence starts there.
std::optional<Utf8Char> DecodeUtf8(std::string_view text, size_t at);

// Number of code points of `text`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<size_t> CountUtf8CodePoints(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return CountUtf8CodePoints(text).has_value(); }

// `text` cut after `max_code_points` code points, with "…" when it was cut:
// how an error quotes outside input without echoing a huge value whole.
// Cuts between code points of UTF-8 text.
std::string ShortenedForEcho(std::string_view text, size_t max_code_points);

}  // namespace rapport
