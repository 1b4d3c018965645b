// StemmedText: adds a free-text field's terms to a Xapian document as
// Xapian's TermGenerator does with STEM_ALL_Z (each word as "Z" + its English
// stem, with positions), optionally with a field copy ("Z" + prefix + stem),
// from one tokenising pass that also yields the field's unstemmed words.
//
// The index keeps only stems (docs/index-layout.md), and TermGenerator with
// STEM_ALL_Z never shows the words it stemmed, so the spelling dictionary's
// words come from here. The tokeniser is TermGenerator's own (without
// stemming), so words split exactly as Xapian's QueryParser splits a query.
//
//   StemmedText stemmed(CachedEnglishStemmer());
//   std::vector<std::string> words;
//   next = stemmed.Index(document, next, bio, kBioWdf, {"B", FieldCopy::kWithoutPositions}, words);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rapport {

struct FieldCopy {
  enum Positions { kWithPositions, kWithoutPositions };
  std::string_view prefix;  // empty: no copy
  Positions positions = kWithPositions;
};

class StemmedText {
 public:
  explicit StemmedText(Xapian::Stem stemmer);

  // Adds `text`'s terms to `document`, its first word at position `start` + 1,
  // each occurrence adding `wdf_increment`, and appends each distinct word of
  // the text (lower case, unstemmed) to `words`. Returns the last position the
  // text used (`start` for a text without words), as TermGenerator's
  // get_termpos() would after index_text().
  Xapian::termpos Index(Xapian::Document& document, Xapian::termpos start, const std::string& text,
                        Xapian::termcount wdf_increment, const FieldCopy& copy,
                        std::vector<std::string>& words);

 private:
  Xapian::TermGenerator tokenizer_;  // no stemmer: words with positions
  Xapian::Stem stemmer_;
};

}  // namespace rapport
