// VocabularyPhrases: the documents that hold a phrase by construction of the
// index. A document with a value of a text-indexed facet (the boolean term
// XS<slug>, XM<slug>, ...: FacetSpec::text_searchable), or whose bio names
// that concept (the marker XH<facet term>), carries that entry's texts as
// free text (docs/index-layout.md), so it holds every phrase one of those
// texts contains: "eating disorders" is held by every document with
// XSeating-disorders or XHXSeating-disorders. The texts are indexed without
// positions, so this is the only way a phrase matches them.
//
// Built once per vocabulary; immutable and shared between threads.
//
//   VocabularyPhrases phrases(vocabulary);
//   phrases.HolderTerms({"Zeat", "Zdisord"})  // {"XSeating-disorders", "XHXSeating-disorders"}
#pragma once

#include <string>
#include <vector>

#include "vocabulary.h"

namespace rapport {

class VocabularyPhrases {
 public:
  explicit VocabularyPhrases(const Vocabulary& vocabulary);

  // The boolean terms (facet terms, prefix + slug, and their concept markers)
  // of the entries one of whose texts has `stems` (index terms, "Z" + stem)
  // at consecutive positions, each once.
  [[nodiscard]] std::vector<std::string> HolderTerms(const std::vector<std::string>& stems) const;

 private:
  struct Text {
    std::vector<std::string> stems;  // in position order
    std::string holder_term;
  };
  std::vector<Text> texts_;
};

}  // namespace rapport
