// Single-value checks for profile validation (see validation_checks.h).
#include "validation_checks.h"

#include <cstdio>

namespace rapport {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsControl(uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// Decodes one code point at `pos`; advances `pos`. False if malformed.
bool DecodeUtf8(std::string_view text, size_t& pos, uint32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  size_t extra = 0;
  uint32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    ++pos;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, code_point = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, code_point = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, code_point = lead & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (pos + extra >= text.size()) return false;
  for (size_t i = 1; i <= extra; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return false;
    code_point = (code_point << 6) | (byte(pos + i) & 0x3F);
  }
  pos += extra + 1;
  return code_point >= min && code_point <= 0x10FFFF &&
         !(code_point >= 0xD800 && code_point <= 0xDFFF);
}

}  // namespace

std::optional<size_t> Utf8Length(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) {
    uint32_t code_point = 0;
    if (!DecodeUtf8(text, pos, code_point)) return std::nullopt;
  }
  return count;
}

std::string CheckText(std::string_view text, size_t max_chars, Newlines newlines,
                      BlankText blank_text) {
  const bool allow_newline = newlines == Newlines::kAllowed;
  size_t count = 0;
  bool blank = true;
  for (size_t pos = 0; pos < text.size(); ++count) {
    uint32_t code_point = 0;
    if (!DecodeUtf8(text, pos, code_point)) return "is not valid UTF-8";
    if (IsControl(code_point) && !(allow_newline && code_point == '\n')) {
      return "contains a control character";
    }
    if (code_point != ' ' && code_point != '\n') blank = false;
  }
  if (blank_text == BlankText::kRejected && blank) return "must not be empty";
  if (count > max_chars) return "is longer than " + std::to_string(max_chars) + " characters";
  return {};
}

std::string CheckProfileId(std::string_view id, size_t max_length) {
  if (id.empty()) return "must not be empty";
  if (id.size() > max_length) return "is longer than " + std::to_string(max_length) + " characters";
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '_')) {
      return "may contain only a-z, 0-9, - and _";
    }
  }
  return {};
}

std::string CheckNpi(std::string_view npi) {
  constexpr size_t kNpiDigits = 10;
  if (npi.size() != kNpiDigits) return "must be 10 digits";
  for (char c : npi) {
    if (!IsDigit(c)) return "must be 10 digits";
  }
  // Luhn over the card-issuer prefix 80840 followed by the first 9 digits:
  // double every other digit starting from the rightmost of those 14.
  const std::string payload = "80840" + std::string(npi.substr(0, kNpiDigits - 1));
  int sum = 0;
  bool twice = true;
  for (auto it = payload.rbegin(); it != payload.rend(); ++it, twice = !twice) {
    int digit = *it - '0';
    if (twice) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  const int check = (10 - sum % 10) % 10;
  if (npi.back() - '0' != check) return "check digit does not match (not a valid NPI)";
  return {};
}

std::string CheckZip(std::string_view zip) {
  const bool five = zip.size() == 5;
  const bool plus_four = zip.size() == 10 && zip[5] == '-';
  if (!five && !plus_four) return "must be 5 digits or ZIP+4 (12345-6789)";
  for (size_t i = 0; i < zip.size(); ++i) {
    if (i != 5 && !IsDigit(zip[i])) return "must be 5 digits or ZIP+4 (12345-6789)";
  }
  return {};
}

std::string CheckShortCode(std::string_view code, size_t max_chars) {
  if (code.empty()) return "must not be empty";
  if (code.size() > max_chars) return "is longer than " + std::to_string(max_chars) + " characters";
  for (char c : code) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && !IsDigit(c) && std::string_view(" .-/()&").find(c) == std::string_view::npos) {
      return "may contain only letters, digits, spaces and . - / ( ) &";
    }
  }
  return {};
}

}  // namespace rapport
