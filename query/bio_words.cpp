// BioWords: reading UTF-8 words as the term generator does.
#include "bio_words.h"

#include <xapian.h>

namespace rapport {

namespace {
// The apostrophes the term generator keeps inside a word, as '.
bool IsApostrophe(unsigned c) { return c == '\'' || c == 0x2019 || c == 0x201B; }
}  // namespace

CodePoint ReadCodePoint(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned lead = byte(0);
  const size_t bytes = lead < 0xC2 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 1;
  if (bytes == 1 || at + bytes > text.size()) return {lead, 1};
  unsigned value = lead & (0x7F >> bytes);
  for (size_t i = 1; i < bytes; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {lead, 1};
    value = (value << 6) | (byte(i) & 0x3F);
  }
  const unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < smallest[bytes] || value > 0x10FFFF || (value >= 0xD800 && value < 0xE000)) {
    return {lead, 1};
  }
  return {value, bytes};
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
