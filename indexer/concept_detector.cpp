// ConceptDetector: vocabulary forms matched as word sequences (concept_detector.h).
#include "concept_detector.h"

#include <algorithm>

#include "facet_catalogue.h"
#include "index_metadata.h"

namespace rapport {
namespace {

// The words of a PhraseKey (single spaces between words), as views into it.
std::vector<std::string_view> SplitWords(std::string_view key) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace

ConceptDetector::ConceptDetector(const Vocabulary& vocabulary) {
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.detected_in_bio) continue;
    for (const VocabEntry& entry : vocabulary.Entries(facet.vocabulary)) {
      const size_t index = concepts_.size();
      concepts_.push_back({facet.name, &entry});
      for (const std::string& key : EntryPhrases(entry)) {
        Form form{.words = {}, .concept_index = index};
        for (const std::string_view word : SplitWords(key)) {
          form.words.push_back(*words_.emplace(word).first);
        }
        forms_by_first_word_[form.words.front()].push_back(std::move(form));
      }
    }
  }
}

std::vector<Concept> ConceptDetector::Detect(std::string_view text) const {
  const std::string key = PhraseKey(text);
  const std::vector<std::string_view> words = SplitWords(key);
  std::vector<bool> found(concepts_.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    const auto candidates = forms_by_first_word_.find(words[i]);
    if (candidates == forms_by_first_word_.end()) continue;
    for (const Form& form : candidates->second) {
      if (found[form.concept_index] || i + form.words.size() > words.size()) continue;
      if (std::equal(form.words.begin(), form.words.end(), words.begin() + i)) {
        found[form.concept_index] = true;
      }
    }
  }
  std::vector<Concept> mentioned;
  for (size_t i = 0; i < concepts_.size(); ++i) {
    if (found[i]) mentioned.push_back(concepts_[i]);
  }
  return mentioned;
}

}  // namespace rapport
