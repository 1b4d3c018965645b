// TextQuery: configures Xapian's QueryParser the way the indexer indexes.
#include "text_query.h"

#include <cctype>
#include <string_view>
#include <utility>

#include "index_layout.h"

namespace rapport {

namespace {

constexpr unsigned kFullFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
    Xapian::QueryParser::FLAG_AUTO_SYNONYMS | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
// Plain words only: what a query with a syntax error is read as.
constexpr unsigned kPlainFlags = 0;

// Words too common to narrow a directory search; dropped unless a query has
// nothing else.
constexpr const char* kStopWords[] = {"a",   "an",   "and", "are", "as", "at",  "be",  "by",
                                      "for", "from", "i",   "in",  "is", "it",  "me",  "my",
                                      "of",  "on",   "or",  "the", "to", "who", "with"};

const std::pair<std::string_view, std::string_view> kBooleanPrefixes[] = {
    {"modality", layout::kModalityPrefix},     {"specialty", layout::kSpecialtyPrefix},
    {"population", layout::kPopulationPrefix}, {"language", layout::kLanguagePrefix},
    {"insurance", layout::kInsurancePrefix},   {"gender", layout::kGenderPrefix},
    {"profession", layout::kProfessionPrefix}, {"mode", layout::kModePrefix},
};

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stopper& stopper) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(TextStemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&stopper);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const auto& [field, prefix] : kBooleanPrefixes) {
    parser.add_boolean_prefix(std::string(field), std::string(prefix));
  }
  parser.add_prefix("name", std::string(layout::kNameTextPrefix));
  parser.add_prefix("bio", std::string(layout::kBioTextPrefix));
  return parser;
}

bool IsPlainWord(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (!(std::isalnum(byte) || c == '-' || byte >= 0x80)) return false;
  }
  return true;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// Xapian's synonym expansion maps a word only to single terms, so a word
// whose synonyms have several words ("cbt" → "cognitive behavioral therapy")
// is rewritten here as (word OR (all words of the synonym) ...). The words are
// ANDed, not matched as a phrase: phrase checks read positions of every
// candidate and cost tens of milliseconds on a large index. Only bare words
// outside quotes are rewritten; operators, prefixed and quoted text stay.
std::string ExpandPhraseSynonyms(const std::string& q, const Xapian::Database& db) {
  std::string out;
  bool in_quotes = false;
  size_t i = 0;
  while (i < q.size()) {
    if (q[i] == '"') in_quotes = !in_quotes;
    if (in_quotes || std::isspace(static_cast<unsigned char>(q[i]))) {
      out += q[i++];
      continue;
    }
    size_t end = i;
    while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end])) && q[end] != '"')
      ++end;
    const std::string_view token(q.data() + i, end - i);
    std::string phrases;
    const std::string key = Lower(token);
    if (IsPlainWord(token) && key != "and" && key != "or" && key != "not") {
      for (auto it = db.synonyms_begin(key); it != db.synonyms_end(key); ++it) {
        const std::string synonym = *it;
        if (synonym.find(' ') != std::string::npos) phrases += " OR (" + synonym + ")";
      }
    }
    out += phrases.empty() ? std::string(token) : "(" + std::string(token) + phrases + ")";
    i = end;
  }
  return out;
}

}  // namespace

Xapian::Stem TextStemmer() { return Xapian::Stem("english"); }

ParsedText ParseText(const std::string& q, const Xapian::Database& db) {
  static const Xapian::SimpleStopper stopper(std::begin(kStopWords), std::end(kStopWords));
  ParsedText parsed;
  if (q.find_first_not_of(" \t\r\n") == std::string::npos) return parsed;
  for (unsigned flags : {kFullFlags, kPlainFlags}) {
    try {
      Xapian::QueryParser parser = MakeParser(db, stopper);
      const std::string text = flags == kFullFlags ? ExpandPhraseSynonyms(q, db) : q;
      parsed.query = parser.parse_query(text, flags);
      return parsed;
    } catch (const Xapian::QueryParserError&) {
      // Read it again with fewer operators.
    }
  }
  return parsed;
}

std::string CorrectSpelling(const std::string& q, const Xapian::Database& db) {
  static const Xapian::SimpleStopper stopper(std::begin(kStopWords), std::end(kStopWords));
  for (unsigned flags : {kFullFlags, kPlainFlags}) {
    try {
      Xapian::QueryParser parser = MakeParser(db, stopper);
      (void)parser.parse_query(q, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      return parser.get_corrected_query_string();
    } catch (const Xapian::QueryParserError&) {
      // Read it again with fewer operators.
    }
  }
  return "";
}

}  // namespace rapport
