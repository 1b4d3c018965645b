// BioWords: reading UTF-8 words as the term generator does.
#include "bio_words.h"

#include <xapian.h>

#include "utf8_check.h"

namespace rapport {

namespace {
// The apostrophes the term generator keeps inside a word, as '.
bool IsApostrophe(unsigned c) { return c == '\'' || c == 0x2019 || c == 0x201B; }
}  // namespace

CodePoint ReadCodePoint(std::string_view text, size_t at) {
  const std::optional<Utf8Char> decoded = DecodeUtf8(text, at);
  if (!decoded) return {static_cast<unsigned char>(text[at]), 1};
  return {decoded->code_point, decoded->bytes};
}

bool IsWordChar(unsigned c) {
  return c < 0x80 ? IsAsciiWordByte(static_cast<unsigned char>(c))
                  : Xapian::Unicode::is_wordchar(c);
}

size_t WordEnd(std::string_view text, size_t at) {
  for (;;) {
    while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80 &&
           IsAsciiWordByte(static_cast<unsigned char>(text[at]))) {
      ++at;
    }
    if (at >= text.size()) return at;
    const CodePoint c = ReadCodePoint(text, at);
    if (IsWordChar(c.value)) {
      at += c.bytes;
      continue;
    }
    if (!IsApostrophe(c.value) || at + c.bytes >= text.size() ||
        !IsWordChar(ReadCodePoint(text, at + c.bytes).value)) {
      return at;
    }
    at += c.bytes;
  }
}

std::string LoweredWord(std::string_view word) {
  std::string term;
  term.reserve(word.size());
  for (size_t at = 0; at < word.size();) {
    const CodePoint c = ReadCodePoint(word, at);
    at += c.bytes;
    if (c.value < 0x80) {
      term += static_cast<char>(c.value >= 'A' && c.value <= 'Z' ? c.value + ('a' - 'A') : c.value);
    } else if (IsApostrophe(c.value)) {
      term += '\'';
    } else {
      Xapian::Unicode::append_utf8(term, Xapian::Unicode::tolower(c.value));
    }
  }
  return term;
}

unsigned char LowerAsciiStart(std::string_view text, size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte >= 0x80) return 0;
  return byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte;
}

}  // namespace rapport
