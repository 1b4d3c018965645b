// The normal form suggestions are matched in: lower case, Latin accents
// folded to ASCII (é → e, ñ → n, ß → ss), apostrophes dropped (O'Brien →
// obrien), every other run of non-letters and non-digits one space.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Normal form of `text` with no leading space. A trailing separator becomes
// one trailing space when `keep_trailing_space` (a typed prefix "maria " must
// match only names with a second word), and is dropped otherwise.
std::string NormalizeForSuggest(std::string_view text, bool keep_trailing_space);

}  // namespace rapport
