// NPI number rules shared by the generator (which invents NPIs) and the NPPES
// import (which checks them): the Luhn check digit over the number with the
// "80840" card-issuer prefix the NPI standard prepends.
#pragma once

#include <string_view>

namespace rapport {

// The NPI standard's length: nine digits and the check digit.
constexpr size_t kNpiDigits = 10;

// The check digit (0-9) of an NPI's first nine digits. `first_nine` must be
// nine ASCII digits.
[[nodiscard]] int NpiCheckDigit(std::string_view first_nine);

// True when `text` is exactly ten ASCII digits whose last one is the check
// digit of the other nine.
[[nodiscard]] bool IsValidNpi(std::string_view text);

}  // namespace rapport
