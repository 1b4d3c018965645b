// BioWords: the words of a bio as Xapian's term generator reads them, for
// the snippet (snippet.h) to match against a query's terms without a term
// generator: a word is a run of letters, digits, marks and connectors
// (Unicode's, through Xapian::Unicode), an apostrophe (', ’ or ‛) between two
// of them staying in it; its term is lower-case with ' for its apostrophes.
// ASCII is read byte by byte; other characters are decoded, and a byte that
// starts no valid UTF-8 sequence reads as itself, as Xapian's Utf8Iterator
// reads it.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace rapport {

namespace internal {
constexpr std::array<bool, 0x80> AsciiWordBytes() {
  std::array<bool, 0x80> table{};
  for (unsigned c = 0; c < 0x80; ++c) {
    table[c] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}
inline constexpr std::array<bool, 0x80> kAsciiWordBytes = AsciiWordBytes();
}  // namespace internal

// Whether the ASCII byte `byte` (< 0x80) is a word character.
inline bool IsAsciiWordByte(unsigned char byte) { return internal::kAsciiWordBytes[byte]; }

struct CodePoint {
  unsigned value;
  size_t bytes;
};

// The character at `at` of `text` (at < text.size()).
[[nodiscard]] CodePoint ReadCodePoint(std::string_view text, size_t at);

[[nodiscard]] bool IsWordChar(unsigned c);

// Where the word whose first character ends at `at` ends.
[[nodiscard]] size_t WordEnd(std::string_view text, size_t at);

// The term of the word `word`: lower-case, its apostrophes as '.
[[nodiscard]] std::string LoweredWord(std::string_view word);

// The byte the term of the word at `at` starts with when it is ASCII, else 0.
[[nodiscard]] unsigned char LowerAsciiStart(std::string_view text, size_t at);

}  // namespace rapport
