// NPI: invented National Provider Identifiers with a valid check digit.
#pragma once

#include <string>
#include <string_view>

#include "prng.h"

namespace rapport::generator {

// The Luhn check digit of an NPI's first nine digits, computed over "80840" + them
// (the card-issuer prefix the NPI standard prepends).
int NpiCheckDigit(std::string_view first_nine);

// Ten digits starting with 1 (individual providers) and ending with the check digit.
// Random, so it may coincide with a real registration: test data only.
std::string InventNpi(Prng& prng);

}  // namespace rapport::generator
