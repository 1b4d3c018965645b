// NPI: the Luhn check digit over the "80840"-prefixed number (see npi.h).
#include "npi.h"

namespace rapport::generator {

int NpiCheckDigit(std::string_view first_nine) {
  const std::string digits = "80840" + std::string(first_nine);
  int sum = 0;
  // Walking from the right, the digit next to the (missing) check digit is doubled.
  bool doubled = true;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int digit = *it - '0';
    if (doubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

std::string InventNpi(Prng& prng) {
  std::string npi = "1";
  for (int i = 0; i < 8; ++i) npi += static_cast<char>('0' + prng.Below(10));
  npi += static_cast<char>('0' + NpiCheckDigit(npi));
  return npi;
}

}  // namespace rapport::generator
