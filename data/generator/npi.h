// NPI: invented National Provider Identifiers with a valid check digit
// (the check digit rule is data/schema/npi_number.h, shared with the import).
#pragma once

#include <string>

#include "prng.h"

namespace rapport::generator {

// Ten digits starting with 1 (individual providers) and ending with the check digit.
// Random, so it may coincide with a real registration: test data only.
std::string InventNpi(Prng& prng);

}  // namespace rapport::generator
