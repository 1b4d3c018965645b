// Suggestion normal form (suggest_normalize.h), on top of Xapian's Unicode
// tables for letters beyond Latin.
#include "suggest_normalize.h"

#include <xapian.h>

namespace rapport {
namespace {

// ASCII base letters of U+00C0–U+00FF; '?' marks the few that fold to two
// letters, '*' the two symbols (× and ÷) that separate words.
constexpr std::string_view kLatin1Fold =
    "aaaaaa?ceeeeiiiidnooooo*ouuuuy??"
    "aaaaaa?ceeeeiiiidnooooo*ouuuuy?y";
// ASCII base letters of U+0100–U+017F (Latin Extended-A).
constexpr std::string_view kLatinExtendedAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
    "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1Fold.size() == 0x40);
static_assert(kLatinExtendedAFold.size() == 0x80);

// Appends the folded form of `ch`; false when `ch` separates words.
bool AppendFolded(unsigned ch, std::string* out) {
  if (ch < 0x80) {
    if (ch >= 'A' && ch <= 'Z') ch += 'a' - 'A';
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out->push_back(static_cast<char>(ch));
      return true;
    }
    return false;
  }
  if (ch >= 0xC0 && ch <= 0xFF) {
    const char base = kLatin1Fold[ch - 0xC0];
    if (base == '*') return false;
    if (base != '?') {
      out->push_back(base);
    } else if (ch == 0xC6 || ch == 0xE6) {
      out->append("ae");
    } else if (ch == 0xDF) {
      out->append("ss");
    } else {
      out->append("th");
    }
    return true;
  }
  if (ch >= 0x100 && ch <= 0x17F) {
    out->push_back(kLatinExtendedAFold[ch - 0x100]);
    return true;
  }
  if (!Xapian::Unicode::is_wordchar(ch)) return false;
  Xapian::Unicode::append_utf8(*out, Xapian::Unicode::tolower(ch));
  return true;
}

bool IsApostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

}  // namespace

std::string NormalizeForSuggest(std::string_view text, bool keep_trailing_space) {
  std::string normal;
  normal.reserve(text.size());
  bool pending_space = false;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (IsApostrophe(ch)) continue;
    const size_t before = normal.size();
    if (pending_space && !normal.empty()) normal.push_back(' ');
    if (AppendFolded(ch, &normal)) {
      pending_space = false;
    } else {
      normal.resize(before);
      pending_space = true;
    }
  }
  if (pending_space && keep_trailing_space && !normal.empty()) normal.push_back(' ');
  return normal;
}

}  // namespace rapport
