// NPI: nine random digits after a 1, then the shared check digit rule.
#include "npi.h"

#include "npi_number.h"

namespace rapport::generator {

std::string InventNpi(Prng& prng) {
  std::string npi = "1";
  while (npi.size() < kNpiDigits - 1) npi += static_cast<char>('0' + prng.Below(10));
  npi += static_cast<char>('0' + NpiCheckDigit(npi));
  return npi;
}

}  // namespace rapport::generator
