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

namespace {

constexpr unsigned char kFirstNonAscii = 0x80;

// Whether an ASCII byte is a word character (Xapian::Unicode::is_wordchar:
// letters, digits and the connector '_').
bool IsAsciiWordChar(unsigned char byte) {
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         (byte >= '0' && byte <= '9') || byte == '_';
}

}  // namespace

// ASCII bytes are handled without decoding: bios are mostly ASCII, and the
// concept detector keys every bio.
std::string PhraseKey(std::string_view text) {
  std::string key;
  bool space_pending = false;  // a word ended since the last character added
  const auto add = [&](unsigned ch) {
    if (space_pending && !key.empty()) key += ' ';
    space_pending = false;
    if (ch < kFirstNonAscii) {
      key += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    } else {
      Xapian::Unicode::append_utf8(key, Xapian::Unicode::tolower(ch));
    }
  };
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < kFirstNonAscii) {
      if (IsAsciiWordChar(byte)) {
        add(byte);
      } else {
        space_pending = true;
      }
      ++i;
      continue;
    }
    Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      add(ch);
    } else {
      space_pending = true;
    }
    ++it;
    i = text.size() - it.left();
  }
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
