// ConceptDetector: finds the vocabulary concepts a free text mentions, so the
// indexer can index a concept's every form for a profile whose bio names it
// in one form only (docs/index-layout.md, "Concept terms"). Synonyms are thus
// resolved once at index time and queries need no synonym expansion.
//
// A concept is mentioned when any of its forms (the slug, the label without
// its parenthesised part, the parenthesised part, each synonym; compared as
// PhraseKey word sequences, so case-insensitive and on word boundaries)
// occurs in the text. Only the clinical facets are detected (those marked
// DetectedInBio in facet_catalogue.cpp: modality, specialty, population and
// session_format). Language codes, insurer names and
// professions are left out: short codes and brand words ("en", "united",
// "therapist") in a bio rarely mean the facet value.
//
//   ConceptDetector detector(vocabulary);
//   for (const Concept& c : detector.Detect(profile.bio)) ... c.facet, c.entry->value
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vocabulary.h"

namespace rapport {

struct Concept {
  std::string_view facet;  // name of a catalogue facet marked detected_in_bio
  const VocabEntry* entry;
};

class ConceptDetector {
 public:
  // Reads the forms of every entry of the detected facets; `vocabulary` must
  // outlive the detector.
  explicit ConceptDetector(const Vocabulary& vocabulary);
  // A copy's views would point into the original's words; a move keeps them.
  ConceptDetector(const ConceptDetector&) = delete;
  ConceptDetector& operator=(const ConceptDetector&) = delete;
  ConceptDetector(ConceptDetector&&) = default;
  ConceptDetector& operator=(ConceptDetector&&) = default;

  // The concepts `text` mentions, each once, in vocabulary order.
  [[nodiscard]] std::vector<Concept> Detect(std::string_view text) const;

 private:
  struct Form {
    std::vector<std::string_view> words;  // PhraseKey words (in words_); the first is the map key
    size_t concept_index;
  };
  std::vector<Concept> concepts_;
  // Every distinct word of the forms; its nodes never move, so the views in
  // Form and in the map's keys stay valid. Keys are views so a text's words
  // are looked up without a copy each.
  std::unordered_set<std::string> words_;
  std::unordered_map<std::string_view, std::vector<Form>> forms_by_first_word_;
};

}  // namespace rapport
