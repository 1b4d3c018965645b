// StemmedText: one tokenising pass, stemmed terms and words (stemmed_text.h).
#include "stemmed_text.h"

#include <utility>

namespace rapport {

StemmedText::StemmedText(Xapian::Stem stemmer) : stemmer_(std::move(stemmer)) {
  tokenizer_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

// The text goes into a scratch document as plain words with positions; each
// word then becomes "Z" + stem at the same positions in `document` (what
// STEM_ALL_Z adds), and its copy "Z" + prefix + stem with those positions or,
// without them, with the word's summed wdf.
Xapian::termpos StemmedText::Index(Xapian::Document& document, Xapian::termpos start,
                                   const std::string& text, Xapian::termcount wdf_increment,
                                   const FieldCopy& copy, std::vector<std::string>& words) {
  Xapian::Document scratch;
  tokenizer_.set_document(scratch);
  tokenizer_.set_termpos(0);
  tokenizer_.index_text(text, wdf_increment);
  const bool has_copy = !copy.prefix.empty();
  const bool positional_copy = has_copy && copy.positions == FieldCopy::kWithPositions;
  std::string stemmed, copied;
  for (auto word = scratch.termlist_begin(); word != scratch.termlist_end(); ++word) {
    const std::string& name = *word;
    const std::string stem = stemmer_(name);
    stemmed.assign("Z").append(stem);
    if (has_copy) copied.assign("Z").append(copy.prefix).append(stem);
    for (auto pos = word.positionlist_begin(); pos != word.positionlist_end(); ++pos) {
      document.add_posting(stemmed, start + *pos, wdf_increment);
      if (positional_copy) document.add_posting(copied, start + *pos, wdf_increment);
    }
    if (has_copy && !positional_copy) document.add_term(copied, word.get_wdf());
    words.push_back(name);
  }
  return start + tokenizer_.get_termpos();
}

}  // namespace rapport
