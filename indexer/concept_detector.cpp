// ConceptDetector: vocabulary forms matched as word sequences (concept_detector.h).
#include "concept_detector.h"

#include <algorithm>
#include <set>

#include "index_metadata.h"

namespace rapport {
namespace {

std::vector<std::string> SplitWords(const std::string& key) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// The texts an entry is known by: slug, label split at its parenthesised
// part, synonyms.
std::vector<std::string> EntryForms(const VocabEntry& entry) {
  std::vector<std::string> forms = {entry.value};
  const size_t open = entry.label.find('(');
  const size_t close = entry.label.find(')', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    forms.push_back(entry.label.substr(0, open) + entry.label.substr(close + 1));
    forms.push_back(entry.label.substr(open + 1, close - open - 1));
  } else {
    forms.push_back(entry.label);
  }
  forms.insert(forms.end(), entry.synonyms.begin(), entry.synonyms.end());
  return forms;
}

}  // namespace

const std::vector<std::string_view>& ConceptDetector::DetectedFacets() {
  static const std::vector<std::string_view> kFacets = {"specialty", "modality", "population",
                                                        "session_format"};
  return kFacets;
}

ConceptDetector::ConceptDetector(const Vocabulary& vocabulary) {
  for (std::string_view facet : DetectedFacets()) {
    for (const VocabEntry& entry : vocabulary.Entries(facet)) {
      const size_t index = concepts_.size();
      concepts_.push_back({facet, &entry});
      std::set<std::string> seen;
      for (const std::string& form : EntryForms(entry)) {
        const std::string key = PhraseKey(form);
        if (key.empty() || !seen.insert(key).second) continue;
        std::vector<std::string> words = SplitWords(key);
        forms_by_first_word_[words.front()].push_back({std::move(words), index});
      }
    }
  }
}

std::vector<Concept> ConceptDetector::Detect(std::string_view text) const {
  const std::vector<std::string> words = SplitWords(PhraseKey(text));
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
