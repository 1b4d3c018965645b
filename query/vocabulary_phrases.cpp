// VocabularyPhrases: phrase holders from the vocabulary (vocabulary_phrases.h).
#include "vocabulary_phrases.h"

#include <algorithm>
#include <map>
#include <string_view>

#include <xapian.h>

#include "facet_catalogue.h"
#include "index_layout.h"
#include "text_query.h"

namespace rapport {

namespace {

// The index terms of `text` in position order, as the indexer writes free
// text (TermGenerator's tokeniser, "Z" + English stem).
std::vector<std::string> StemsOf(const std::string& text, Xapian::TermGenerator& generator) {
  Xapian::Document scratch;
  generator.set_document(scratch);
  generator.set_termpos(0);
  generator.index_text(text);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      by_position.emplace(*pos, *term);
    }
  }
  std::vector<std::string> stems;
  for (auto& [position, stem] : by_position) stems.push_back(std::move(stem));
  return stems;
}

}  // namespace

VocabularyPhrases::VocabularyPhrases(const Vocabulary& vocabulary) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(TextStemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.text_searchable) continue;
    for (const VocabEntry& entry : vocabulary.Entries(facet.vocabulary)) {
      std::string holder_term(facet.term_prefix);
      holder_term += entry.value;
      for (const std::string* text : IndexedForms(entry)) {
        std::vector<std::string> stems = StemsOf(*text, generator);
        if (stems.size() >= 2) texts_.push_back({std::move(stems), holder_term});
      }
    }
  }
}

std::vector<std::string> VocabularyPhrases::HolderTerms(
    const std::vector<std::string>& stems) const {
  std::vector<std::string> terms;
  if (stems.empty()) return terms;
  for (const Text& text : texts_) {
    if (std::search(text.stems.begin(), text.stems.end(), stems.begin(), stems.end()) ==
        text.stems.end()) {
      continue;
    }
    if (std::find(terms.begin(), terms.end(), text.holder_term) == terms.end()) {
      terms.push_back(text.holder_term);
      terms.push_back(std::string(layout::kConceptPrefix) + text.holder_term);
    }
  }
  return terms;
}

}  // namespace rapport
