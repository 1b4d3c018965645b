// Vocabulary: the facet vocabularies of data/vocab.json (slugs, display
// labels, synonyms). The indexer loads it from the file and stores the same
// text in the index metadata, so readers and shards carry their own copy.
//
// vocab.json maps a facet name (the API's: "modality", "specialty",
// "population", "session_format", "language", "insurance", "gender",
// "profession", "mode", "platform", "device", "state",
// "telehealth_experience", "accepting") to a list of entries:
//   {"value": "cbt", "label": "Cognitive behavioral therapy (CBT)",
//    "synonyms": ["cognitive behavioural therapy", "cognitive therapy"]}
// Profession entries also list typical "credentials".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace rapport {

struct VocabEntry {
  std::string value;
  std::string label;
  std::vector<std::string> synonyms;
  std::vector<std::string> credentials;  // professions only
};

// The texts the indexer indexes as free text for an entry a profile has (or
// its bio names): slug, label and every synonym, in that order
// (docs/index-layout.md).
[[nodiscard]] std::vector<const std::string*> IndexedForms(const VocabEntry& entry);

class Vocabulary {
 public:
  Vocabulary() = default;

  // Parses vocab.json text. 500 Error naming the problem if it is malformed.
  static Result<Vocabulary> Parse(std::string_view json);
  // Reads and parses the file at `path`.
  static Result<Vocabulary> Load(const std::string& path);

  bool Contains(std::string_view facet, std::string_view value) const;
  // The entry, or nullptr when the facet or the value is unknown.
  const VocabEntry* Find(std::string_view facet, std::string_view value) const;
  // Label of a value, or the value itself when unknown.
  std::string Label(std::string_view facet, std::string_view value) const;
  // Entries of a facet in file order; empty for an unknown facet.
  const std::vector<VocabEntry>& Entries(std::string_view facet) const;
  std::vector<std::string> FacetNames() const;
  // The JSON text this vocabulary was parsed from.
  const std::string& json() const { return json_; }

 private:
  std::map<std::string, std::vector<VocabEntry>, std::less<>> facets_;
  std::map<std::string, std::map<std::string, size_t, std::less<>>, std::less<>> index_;
  std::string json_;
};

}  // namespace rapport
