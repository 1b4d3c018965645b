// The body of GET /api/v1/vocab: the vocab.json lists as they are (one
// member a facet vocabulary: value, label, synonyms), plus a "catalogue"
// array the pages build their facet lists from, so no page keeps a list of
// its own. Each catalogue entry is one facet of data/schema/facet_catalogue.h
// in catalogue order:
//
//   {"name": "modality", "label": "Approach", "vocabulary": "modality",
//    "filterable": true, "repeatable": true, "counted": true, "panel_position": 1,
//    "values": [{"value": "cbt", "label": "Cognitive behavioral therapy (CBT)"}, ...]}
//
// "catalogue" is additive: partners reading the vocabulary lists by name see
// them unchanged (docs/facets.md).
#pragma once

#include <string>

#include "vocabulary.h"

namespace rapport {

// The answer for `vocabulary`. Computed once per vocabulary text and then
// served from a cache (the index's vocabulary changes only with a rebuild).
[[nodiscard]] std::string VocabAnswerJson(const Vocabulary& vocabulary);

}  // namespace rapport
