// Single-value checks for profile validation (see validation_checks.h).
#include "validation_checks.h"

#include <cstdio>

namespace rapport {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a proleptic Gregorian date, counted in 400-year
// eras (each exactly 146097 days) with years starting in March so that the
// leap day falls at the end.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct CivilDate {
  int64_t year;
  unsigned month;
  unsigned day;
};

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

unsigned DaysInMonth(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int Digits(std::string_view text, size_t from, size_t count) {
  int value = 0;
  for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

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

std::string CheckText(std::string_view text, size_t max_chars, bool allow_newline, bool required) {
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
  if (required && blank) return "must not be empty";
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

std::optional<int64_t> ParseUtcTimestamp(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SSZ
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return std::nullopt;
  for (size_t i = 0; i < t.size(); ++i) {
    if (kShape[i] == 'd' ? !IsDigit(t[i]) : t[i] != kShape[i]) return std::nullopt;
  }
  const int year = Digits(t, 0, 4);
  const int month = Digits(t, 5, 2), day = Digits(t, 8, 2);
  const int hour = Digits(t, 11, 2), minute = Digits(t, 14, 2), second = Digits(t, 17, 2);
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

int YearOf(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return static_cast<int>(CivilFromDays(days).year);
}

std::string FormatUtcTimestamp(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  int64_t rest = unix_seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  const CivilDate date = CivilFromDays(days);
  char text[96];  // room for any int64 year, so the format can never truncate
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                static_cast<long long>(rest % 60));
  return text;
}

}  // namespace rapport
