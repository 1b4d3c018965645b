// Names: invented therapist names, drawn from lists of common given names and
// surnames. Combinations are random; no real person's data is used.
#pragma once

#include <string>

#include "prng.h"

namespace rapport::generator {

// A full name fitting `gender` ("female", "male", "non-binary" or empty), sometimes
// with a middle initial.
std::string InventName(Prng& prng, const std::string& gender);

}  // namespace rapport::generator
