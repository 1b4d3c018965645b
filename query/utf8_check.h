// UTF-8 checks for text that arrives from clients (search and suggest
// parameters): validity and length in code points.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace rapport {

// Number of code points of `text`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<size_t> CountUtf8CodePoints(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return CountUtf8CodePoints(text).has_value(); }

}  // namespace rapport
