// UTF-8 validation by the rules of RFC 3629 (utf8_check.h).
#include "utf8_check.h"

namespace rapport {
namespace {

// Length of the sequence a lead byte starts, or 0 when it cannot start one.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

std::optional<Utf8Char> DecodeUtf8(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const int length = SequenceLength(lead);
  if (length == 0 || at + length > text.size()) return std::nullopt;
  unsigned code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (length >= 3) {
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (lead == 0xE0 && second < 0xA0) return std::nullopt;  // overlong
    if (lead == 0xED && second > 0x9F) return std::nullopt;  // surrogate
    if (lead == 0xF0 && second < 0x90) return std::nullopt;  // overlong
    if (lead == 0xF4 && second > 0x8F) return std::nullopt;  // above U+10FFFF
  }
  return Utf8Char{code_point, static_cast<size_t>(length)};
}

std::optional<size_t> CountUtf8CodePoints(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    const std::optional<Utf8Char> decoded = DecodeUtf8(text, i);
    if (!decoded) return std::nullopt;
    i += decoded->bytes;
  }
  return count;
}

std::string ShortenedForEcho(std::string_view text, size_t max_code_points) {
  size_t code_points = 0;
  size_t end = 0;
  for (; end < text.size(); ++end) {
    const bool starts_code_point = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
    if (starts_code_point && code_points++ == max_code_points) break;
  }
  return std::string(text.substr(0, end)) + (end < text.size() ? "…" : "");
}

}  // namespace rapport
