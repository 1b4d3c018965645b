// Suggester::Build (suggester.h): collects vocabulary labels with their
// popularity, distinct therapist names and frequent words from the index,
// then sorts the keys and precomputes the best entries of crowded prefixes.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include <rapidjson/document.h>

#include "document_data.h"
#include "facet_catalogue.h"
#include "index_layout.h"
#include "suggest_normalize.h"
#include "suggester.h"

namespace rapport {
namespace {

constexpr std::string_view kNameKind = "name";
constexpr std::string_view kWordKind = "word";

// Frequent English words that complete nothing useful.
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "about",  "after", "again",   "all",    "also",    "and",     "any",   "are",  "been",
      "before", "being", "between", "both",   "but",     "can",     "could", "did",  "does",
      "during", "each",  "few",     "for",    "from",    "further", "get",   "had",  "has",
      "have",   "her",   "here",    "him",    "his",     "how",     "into",  "its",  "just",
      "may",    "more",  "most",    "much",   "not",     "now",     "off",   "once", "one",
      "only",   "other", "our",     "out",    "over",    "own",     "same",  "she",  "should",
      "some",   "such",  "than",    "that",   "the",     "their",   "them",  "then", "there",
      "these",  "they",  "this",    "those",  "through", "too",     "under", "upon", "very",
      "was",    "were",  "what",    "when",   "where",   "which",   "while", "who",  "whom",
      "why",    "will",  "with",    "within", "without", "would",   "yet",   "you",  "your"};
  return kWords;
}

}  // namespace

class Suggester::Builder {
 public:
  Builder(const Xapian::Database& database, const Vocabulary& vocabulary,
          const SuggesterConfig& config)
      : database_(database), vocabulary_(vocabulary), suggester_(new Suggester(config)) {}

  void AddVocabulary() {
    // The facets marked Suggested in the catalogue; each value ranks by its
    // term's frequency (states by licenses). Experience buckets and accepting
    // are not suggested: their synonyms ("recent", "full") would crowd common
    // prefixes.
    for (const FacetSpec& facet : FacetCatalogue()) {
      if (!facet.suggested) continue;
      for (const VocabEntry& value : vocabulary_.Entries(facet.vocabulary)) {
        const auto profiles = database_.get_termfreq(std::string(facet.term_prefix) + value.value);
        const uint32_t entry = AddEntry(value.label, facet.name, value.value, profiles);
        AddKeys(entry, value.label, kLabelStart, kLabelWord);
        for (const std::string& synonym : value.synonyms) {
          AddKeys(entry, synonym, kLabelStart, kLabelWord);
        }
      }
    }
  }

  // One entry per distinct name (lower-cased name slot); the value is the
  // profile id when exactly one profile has that name. The display form and
  // the id come from the stored profile of the name's first document, read in
  // document order because that keeps the reads sequential.
  void AddNames() {
    struct NameInfo {
      uint32_t profiles = 0;
      Xapian::docid first = 0;
    };
    std::unordered_map<std::string, NameInfo> names;
    const Xapian::valueno slot = layout::kSlotNameKey;
    for (auto it = database_.valuestream_begin(slot); it != database_.valuestream_end(slot); ++it) {
      NameInfo& info = names[*it];
      if (info.profiles++ == 0) info.first = it.get_docid();
    }
    std::vector<NameInfo> by_document;
    by_document.reserve(names.size());
    for (const auto& [key, info] : names) by_document.push_back(info);
    names.clear();
    std::sort(by_document.begin(), by_document.end(),
              [](const NameInfo& a, const NameInfo& b) { return a.first < b.first; });
    for (const NameInfo& info : by_document) {
      const std::string data = UnpackDocumentData(
          database_.get_document(info.first, Xapian::DOC_ASSUME_VALID).get_data());
      rapidjson::Document profile;
      profile.Parse(data.data(), data.size());
      if (profile.HasParseError() || !profile.IsObject()) continue;
      auto name = profile.FindMember("name");
      auto id = profile.FindMember("id");
      if (name == profile.MemberEnd() || !name->value.IsString()) continue;
      std::string value;
      if (info.profiles == 1 && id != profile.MemberEnd() && id->value.IsString()) {
        value = id->value.GetString();
      }
      const uint32_t entry = AddEntry(name->value.GetString(), kNameKind, value, info.profiles);
      AddKeys(entry, name->value.GetString(), kName, kName);
    }
  }

  // Words of the spelling dictionary (every word of the indexed free text,
  // with the number of profiles using it) in enough profiles, that are not
  // stop words, numbers or an entry's text already.
  void AddWords() {
    const SuggesterConfig& config = suggester_->config_;
    const double scaled = std::ceil(config.min_word_fraction * database_.get_doccount());
    const auto threshold =
        std::max<Xapian::doccount>(config.min_word_profiles, static_cast<Xapian::doccount>(scaled));
    for (auto it = database_.spellings_begin(); it != database_.spellings_end(); ++it) {
      const std::string word = *it;
      if (it.get_termfreq() < threshold || StopWords().count(word) != 0) continue;
      const std::string normal = NormalizeForSuggest(word, false);
      const bool has_letter =
          std::any_of(normal.begin(), normal.end(), [](char c) { return c < '0' || c > '9'; });
      if (!has_letter || normal.size() < config.min_word_chars || texts_.count(normal) != 0) {
        continue;
      }
      const uint32_t entry = AddEntry(word, kWordKind, "", it.get_termfreq());
      AddKeys(entry, word, kWord, kWord);
    }
  }

  std::unique_ptr<Suggester> Finish() {
    Suggester& s = *suggester_;
    RankKeys();
    std::sort(s.keys_.begin(), s.keys_.end(), [&](const Key& a, const Key& b) {
      const std::string_view a_text = s.KeyText(a), b_text = s.KeyText(b);
      return a_text != b_text ? a_text < b_text : a.rank < b.rank;
    });
    s.PrecomputeBest(0, s.keys_.size(), 0);
    s.text_.shrink_to_fit();
    s.keys_text_.shrink_to_fit();
    s.entries_.shrink_to_fit();
    s.keys_.shrink_to_fit();
    return std::move(suggester_);
  }

 private:
  uint32_t AddEntry(std::string_view text, std::string_view kind, std::string_view value,
                    Xapian::doccount profiles) {
    Suggester& s = *suggester_;
    auto kind_it = std::find(s.kinds_.begin(), s.kinds_.end(), kind);
    if (kind_it == s.kinds_.end()) kind_it = s.kinds_.insert(s.kinds_.end(), std::string(kind));
    Entry entry{};
    entry.text_offset = static_cast<uint32_t>(s.text_.size());
    entry.text_length = static_cast<uint16_t>(text.size());
    s.text_.append(text);
    entry.value_offset = static_cast<uint32_t>(s.text_.size());
    entry.value_length = static_cast<uint16_t>(value.size());
    s.text_.append(value);
    entry.kind = static_cast<uint8_t>(kind_it - s.kinds_.begin());
    entry.weight = profiles;
    s.entries_.push_back(entry);
    texts_.insert(NormalizeForSuggest(text, false));
    return static_cast<uint32_t>(s.entries_.size() - 1);
  }

  // Adds the whole normalized `text` as a key of tier `first`, and each later
  // word start (the rest of the text from there) with tier `later`.
  void AddKeys(uint32_t entry, std::string_view text, Tier first, Tier later) {
    Suggester& s = *suggester_;
    const std::string normal = NormalizeForSuggest(text, false);
    if (normal.empty()) return;
    const auto offset = static_cast<uint32_t>(s.keys_text_.size());
    s.keys_text_.append(normal);
    for (size_t start = 0; start < normal.size();) {
      s.keys_.push_back(Key{offset + static_cast<uint32_t>(start),
                            static_cast<uint16_t>(normal.size() - start), entry, 0});
      key_tiers_.push_back(start == 0 ? first : later);
      const size_t space = normal.find(' ', start);
      start = space == std::string::npos ? normal.size() : space + 1;
    }
  }

  // Sets each key's rank: tier, then more profiles, then text, then entry.
  void RankKeys() {
    Suggester& s = *suggester_;
    std::vector<uint32_t> order(s.keys_.size());
    std::iota(order.begin(), order.end(), 0);
    auto text = [&](uint32_t key) {
      const Entry& entry = s.entries_[s.keys_[key].entry];
      return std::string_view(s.text_).substr(entry.text_offset, entry.text_length);
    };
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const Entry& ea = s.entries_[s.keys_[a].entry];
      const Entry& eb = s.entries_[s.keys_[b].entry];
      if (key_tiers_[a] != key_tiers_[b]) return key_tiers_[a] < key_tiers_[b];
      if (ea.weight != eb.weight) return ea.weight > eb.weight;
      if (text(a) != text(b)) return text(a) < text(b);
      return s.keys_[a].entry < s.keys_[b].entry;
    });
    for (uint32_t position = 0; position < order.size(); ++position) {
      s.keys_[order[position]].rank = position;
    }
  }

  const Xapian::Database& database_;
  const Vocabulary& vocabulary_;
  std::unique_ptr<Suggester> suggester_;
  std::vector<Tier> key_tiers_;            // parallel to keys_ until ranked
  std::unordered_set<std::string> texts_;  // normalized texts of the entries so far
};

std::unique_ptr<Suggester> Suggester::Build(const Xapian::Database& database,
                                            const Vocabulary& vocabulary,
                                            const SuggesterConfig& config) {
  Builder builder(database, vocabulary, config);
  builder.AddVocabulary();
  builder.AddNames();
  builder.AddWords();
  return builder.Finish();
}

}  // namespace rapport
