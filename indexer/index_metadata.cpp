// IndexMetadata: synonym table, vocabulary and bookkeeping metadata
// (index_metadata.h).
#include "index_metadata.h"

#include <set>

#include "facet_catalogue.h"
#include "index_layout.h"

namespace rapport {

std::vector<std::string> EntryPhrases(const VocabEntry& entry) {
  std::vector<std::string> raw = {entry.value};
  const size_t open = entry.label.find('(');
  const size_t close = entry.label.find(')', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    raw.push_back(entry.label.substr(0, open) + entry.label.substr(close + 1));
    raw.push_back(entry.label.substr(open + 1, close - open - 1));
  } else {
    raw.push_back(entry.label);
  }
  raw.insert(raw.end(), entry.synonyms.begin(), entry.synonyms.end());
  std::vector<std::string> phrases;
  std::set<std::string> seen;
  for (const std::string& text : raw) {
    std::string key = PhraseKey(text);
    if (!key.empty() && seen.insert(key).second) phrases.push_back(std::move(key));
  }
  return phrases;
}

std::string PhraseKey(std::string_view text) {
  std::string key;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    if (!key.empty()) key += ' ';
    key += Xapian::Unicode::tolower(word);
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, *it);
    } else {
      flush();
    }
  }
  flush();
  return key;
}

std::vector<std::pair<std::string, std::string>> SynonymPairs(const Vocabulary& vocabulary) {
  const Xapian::Stem stemmer("en");
  std::set<std::pair<std::string, std::string>> pairs;
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (!facet.text_searchable) continue;
    for (const VocabEntry& entry : vocabulary.Entries(facet.vocabulary)) {
      const std::vector<std::string> phrases = EntryPhrases(entry);
      for (const std::string& key : phrases) {
        const bool one_word = key.find(' ') == std::string::npos;
        for (const std::string& synonym : phrases) {
          if (synonym == key) continue;
          pairs.emplace(key, synonym);
          if (one_word) pairs.emplace("Z" + stemmer(key), synonym);
        }
      }
    }
  }
  return {pairs.begin(), pairs.end()};
}

void WriteSearchMetadata(Xapian::WritableDatabase& db, const Vocabulary& vocabulary) {
  for (const auto& [key, synonym] : SynonymPairs(vocabulary)) db.add_synonym(key, synonym);
  db.set_metadata(std::string(layout::kMetaVocabulary), vocabulary.json());
  db.set_metadata(std::string(layout::kMetaLayoutVersion), std::string(layout::kLayoutVersion));
}

int64_t AppliedOutboxSeq(const Xapian::Database& db) {
  const std::string text = db.get_metadata(std::string(kMetaAppliedOutboxSeq));
  return text.empty() ? 0 : std::stoll(text);
}

void SetAppliedOutboxSeq(Xapian::WritableDatabase& db, int64_t seq) {
  db.set_metadata(std::string(kMetaAppliedOutboxSeq), std::to_string(seq));
}

}  // namespace rapport
