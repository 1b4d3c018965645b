// Query string splitting, percent-decoding and UTF-8 validation.
#include "query_string.h"

#include "search_params.h"

#include <cpprest/uri.h>

#include <algorithm>

namespace rapport {

bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0, n = text.size();
  while (i < n) {
    unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t code;
    if ((c & 0xE0) == 0xC0) {
      length = 2, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > n) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return false;
      code = (code << 6) | (bytes[i + k] & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

Result<std::string> DecodeComponent(std::string_view encoded, bool form, std::string_view field) {
  std::string text(encoded);
  if (form) std::replace(text.begin(), text.end(), '+', ' ');
  std::string decoded;
  try {
    decoded = web::uri::decode(text);
  } catch (const std::exception&) {
    return Error::BadParameter(std::string(field), "malformed percent-encoding");
  }
  if (!IsValidUtf8(decoded)) {
    return Error::BadParameter(std::string(field), "text must be valid UTF-8");
  }
  if (decoded.find('\0') != std::string::npos) {
    return Error::BadParameter(std::string(field), "text must not contain NUL characters");
  }
  return decoded;
}

Result<QueryPairs> ParseQueryString(std::string_view raw) {
  QueryPairs pairs;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view piece = raw.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view name_part = piece.substr(0, eq);
    std::string_view value_part = eq == std::string_view::npos ? "" : piece.substr(eq + 1);
    auto name = DecodeComponent(name_part, true, kQueryStringField);
    if (!name) return name.error();
    const std::string_view field = name.value().empty() ? kQueryStringField : name.value();
    auto value = DecodeComponent(value_part, true, field);
    if (!value) return value.error();
    pairs.emplace_back(std::move(name.value()), std::move(value.value()));
  }
  return pairs;
}

}  // namespace rapport
