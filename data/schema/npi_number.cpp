// NPI numbers: the Luhn check digit over the "80840"-prefixed number (see npi_number.h).
#include "npi_number.h"

#include <string>

namespace rapport {
namespace {

constexpr std::string_view kCardIssuerPrefix = "80840";
constexpr int kLuhnModulus = 10;
constexpr int kLargestDigit = 9;

bool AllDigits(std::string_view text) {
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

int NpiCheckDigit(std::string_view first_nine) {
  const std::string digits = std::string(kCardIssuerPrefix) + std::string(first_nine);
  int sum = 0;
  // Walking from the right, the digit next to the (missing) check digit is doubled.
  bool doubled = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) {
      digit *= 2;
      if (digit > kLargestDigit) digit -= kLargestDigit;
    }
    sum += digit;
    doubled = !doubled;
  }
  return (kLuhnModulus - sum % kLuhnModulus) % kLuhnModulus;
}

bool IsValidNpi(std::string_view text) {
  if (text.size() != kNpiDigits || !AllDigits(text)) return false;
  return NpiCheckDigit(text.substr(0, kNpiDigits - 1)) == text.back() - '0';
}

}  // namespace rapport
