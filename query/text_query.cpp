// TextQuery: configures Xapian's QueryParser the way the indexer indexes.
#include "text_query.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "facet_catalogue.h"
#include "index_layout.h"
#include "plain_words.h"

namespace rapport {

namespace {

// No synonym flags: the indexer indexes every form of a vocabulary concept a
// profile has or its bio names (docs/index-layout.md, "Concept terms"), so a
// typed word needs no expansion and each word reads one posting list.
constexpr unsigned kFullFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
// Plain words only: what a query with a syntax error is read as.
constexpr unsigned kPlainFlags = 0;

// Words too common to narrow a directory search; dropped unless a query has
// nothing else. Two kinds: English function words, and the words that
// describe every therapist or the act of looking for one ("therapist",
// "counseling", "help", "specialist"): "spanish speaking therapist" asks for
// Spanish, not for profiles whose text says "therapist" (docs/search-api.md,
// "Words that never narrow a search"). Inside a quoted phrase they still count.
constexpr const char* kStopWords[] = {
    // English function words
    "a", "about", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "do", "does", "for", "from", "get", "has", "have", "how", "i", "i'm", "im",
    "in", "is", "it", "just", "me", "my", "of", "on", "or", "our", "really", "so", "some", "that",
    "the", "their", "them", "they", "this", "to", "too", "very", "was", "we", "what", "when",
    "where", "which", "who", "why", "will", "with", "would", "you", "your",
    // words that describe every therapist, or the search itself
    "counseling", "counselling", "counselor", "counselors", "counsellor", "counsellors", "help",
    "looking", "need", "someone", "specialist", "specialists", "therapies", "therapist",
    "therapists", "therapy"};

// Phrases about where the client is, which the near= parameter says (a
// phrase of words: "near me" would otherwise be read as the NEAR operator).
const std::vector<std::vector<std::string>> kGenericPhrases = {
    {"near", "me"},   {"nearby"},           {"near", "by"}, {"close", "to", "me"},
    {"around", "me"}, {"in", "my", "area"}, {"my", "area"}, {"local"}};

// `stopper` may be null: no stop words.
Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stopper* stopper) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(TextStemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_stopper(stopper);
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (facet.query_field) {
      parser.add_boolean_prefix(std::string(facet.name), std::string(facet.term_prefix));
    }
  }
  parser.add_prefix("name", std::string(layout::kNameTextPrefix));
  parser.add_prefix("bio", std::string(layout::kBioTextPrefix));
  return parser;
}

bool IsPositional(Xapian::Query::op op) {
  return op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR;
}

bool HasPositional(const Xapian::Query& query) {
  if (IsPositional(query.get_type())) return true;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HasPositional(query.get_subquery(i))) return true;
  }
  return false;
}

// Operators rebuilt from their subqueries alone (no parameter to carry over).
constexpr Xapian::Query::op kRebuilt[] = {Xapian::Query::OP_AND,       Xapian::Query::OP_OR,
                                          Xapian::Query::OP_AND_NOT,   Xapian::Query::OP_XOR,
                                          Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER,
                                          Xapian::Query::OP_SYNONYM,   Xapian::Query::OP_MAX,
                                          Xapian::Query::OP_PHRASE,    Xapian::Query::OP_NEAR};

}  // namespace

Xapian::Query WithoutPositions(const Xapian::Query& query) {
  const Xapian::Query::op op = query.get_type();
  if (!HasPositional(query) ||
      std::find(std::begin(kRebuilt), std::end(kRebuilt), op) == std::end(kRebuilt)) {
    return query;
  }
  std::vector<Xapian::Query> parts;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    parts.push_back(WithoutPositions(query.get_subquery(i)));
  }
  return Xapian::Query(IsPositional(op) ? Xapian::Query::OP_AND : op, parts.begin(), parts.end());
}

Xapian::Stem TextStemmer() { return Xapian::Stem("english"); }

namespace {

const Xapian::SimpleStopper& Stopper() {
  static const Xapian::SimpleStopper stopper(std::begin(kStopWords), std::end(kStopWords));
  return stopper;
}

// Xapian 1.4's QueryParser leaks a term object (96 bytes) on some syntax
// errors around NEAR and ADJ ("-a NEAR b c", "x OR NEAR/2 y"): found by
// text_query_fuzz, reproduced outside Rapport, every leaking query of an
// enumeration had a NEAR or ADJ token without a plain word on each side, and
// the lexer reads NEAR inside a token too ("-a NEAR$x (b c"). So a query that
// names NEAR or ADJ is given Xapian's operators only when it is plain words
// with each NEAR/ADJ a whole token between two of them; otherwise it is read
// as plain words, as Xapian itself reads a query with a syntax error.

// `token` lower-cased up to any "/" ("NEAR/3" → "near").
std::string OperatorName(std::string_view token) {
  std::string name;
  for (char c : token.substr(0, token.find('/'))) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

bool IsProximityOperator(std::string_view token) {
  const std::string name = OperatorName(token);
  return name == "near" || name == "adj";
}

bool IsOperatorWord(std::string_view token) {
  const std::string name = OperatorName(token);
  return IsProximityOperator(token) || name == "and" || name == "or" || name == "not" ||
         name == "xor";
}

// A word of letters, digits and inner apostrophes (any non-ASCII byte counts
// as a letter), not an operator: what Xapian's NEAR and ADJ join.
bool IsPlainWord(std::string_view token) {
  if (token.empty() || IsOperatorWord(token)) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || std::isalnum(byte) || c == '\'';
  });
}

// A byte of a word as Xapian's lexer reads one (any non-ASCII byte counts).
bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) || c == '_';
}

// Whether a word of `q` is "near" or "adj" in any case: Xapian reads one as
// an operator wherever its lexer finds it ("NEAR$x" too).
bool NamesProximityWord(std::string_view q) {
  for (size_t at = 0; at < q.size();) {
    if (!IsWordByte(q[at])) {
      ++at;
      continue;
    }
    size_t end = at;
    while (end < q.size() && IsWordByte(q[end])) ++end;
    if (IsProximityOperator(q.substr(at, end - at))) return true;
    at = end;
  }
  return false;
}

// "NEAR", "adj", "NEAR/3": a proximity operator as a whole token.
bool IsWholeProximityOperator(std::string_view token) {
  if (!IsProximityOperator(token)) return false;
  const size_t slash = token.find('/');
  if (slash == std::string_view::npos) return OperatorName(token).size() == token.size();
  const std::string_view digits = token.substr(slash + 1);
  return slash == OperatorName(token).size() && !digits.empty() &&
         std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Xapian 1.4.22's QueryParser dereferences a null subquery, and so crashes
// the process, when its stopper empties a group that a sign applies to in some
// shapes ("-b -(i,the", "+b +(i,the", "-b -((i,the": found by
// search_json_fuzz, reproduced outside Rapport). It needs all three of the
// stopper, FLAG_BOOLEAN and FLAG_LOVEHATE, and an opening bracket. So a query
// with a bracket is parsed without the stopper, and its stop words are taken
// out of the parsed query instead (WithoutStopWords).
bool HasBracket(std::string_view q) { return q.find('(') != std::string_view::npos; }

// The Z-terms the query parser makes of the stop words.
const std::set<std::string, std::less<>>& StopTerms() {
  static const std::set<std::string, std::less<>> terms = [] {
    const Xapian::Stem stemmer = TextStemmer();
    std::set<std::string, std::less<>> stemmed;
    for (const char* word : kStopWords) stemmed.insert("Z" + stemmer(word));
    return stemmed;
  }();
  return terms;
}

bool IsStopTerm(const Xapian::Query& query) {
  if (query.get_type() != Xapian::Query::LEAF_TERM) return false;
  const auto term = query.get_terms_begin();
  return term != query.get_terms_end() && StopTerms().count(*term) != 0;
}

// `query` without its stop-word terms where the stopper would have dropped
// them: in the parts joined by AND, OR or XOR and on the searched side of AND_NOT,
// AND_MAYBE and FILTER, not inside phrases or NEAR, nor what a NOT excludes.
// An empty query when nothing else is left.
Xapian::Query WithoutStopWords(const Xapian::Query& query) {
  using Q = Xapian::Query;
  if (IsStopTerm(query)) return Q();
  const Q::op op = query.get_type();
  const size_t count = query.get_num_subqueries();
  if (op == Q::OP_AND || op == Q::OP_OR || op == Q::OP_XOR) {
    std::vector<Q> kept;
    for (size_t i = 0; i < count; ++i) {
      Q part = WithoutStopWords(query.get_subquery(i));
      if (!part.empty()) kept.push_back(std::move(part));
    }
    if (kept.size() == 1) return kept.front();
    return kept.empty() ? Q() : Q(op, kept.begin(), kept.end());
  }
  if (op == Q::OP_AND_NOT || op == Q::OP_AND_MAYBE || op == Q::OP_FILTER) {
    Q searched = WithoutStopWords(query.get_subquery(0));
    std::vector<Q> parts = {searched};
    for (size_t i = 1; i < count; ++i) parts.push_back(query.get_subquery(i));
    if (!searched.empty()) return Q(op, parts.begin(), parts.end());
    // Nothing left to search: a filter keeps its documents (unranked, as
    // Xapian reads a query of filters alone); a NOT or an optional part alone
    // narrows nothing.
    if (op != Q::OP_FILTER) return Q();
    return Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, parts.begin() + 1, parts.end()), 0.0);
  }
  return query;
}

// A query naming NEAR or ADJ gets Xapian's operators only when it is plain
// words with each NEAR/ADJ a whole token between two of them.
bool ProximityOperatorsJoinPlainWords(std::string_view q) {
  if (!NamesProximityWord(q)) return true;
  std::vector<std::string_view> tokens;
  for (size_t at = 0; at < q.size();) {
    if (std::isspace(static_cast<unsigned char>(q[at]))) {
      ++at;
      continue;
    }
    size_t end = at;
    while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end]))) ++end;
    tokens.push_back(q.substr(at, end - at));
    at = end;
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsWholeProximityOperator(tokens[i])) {
      if (!IsPlainWord(tokens[i])) return false;
      continue;
    }
    if (i == 0 || i + 1 == tokens.size() || !IsPlainWord(tokens[i - 1]) ||
        !IsPlainWord(tokens[i + 1])) {
      return false;
    }
  }
  return true;
}

// What `q` searches as text: `q` itself unless it is plain words with a
// generic phrase (then its other words) or only stop words (then "": nothing
// narrows, the search browses).
std::string SearchedText(const std::string& q) {
  const auto plain = PlainWords(q);
  if (!plain) return q;
  const auto words = SearchedWords(q);
  if (std::all_of(words->begin(), words->end(),
                  [](const std::string& w) { return IsStopWord(w); })) {
    return "";
  }
  if (words->size() == plain->size()) return q;
  std::string text;
  for (const std::string& word : *words) text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

bool IsStopWord(std::string_view word) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), word) != std::end(kStopWords);
}

std::optional<std::vector<std::string>> SearchedWords(std::string_view q) {
  auto words = PlainWords(q);
  if (!words) return std::nullopt;
  std::vector<std::string> kept;
  for (size_t at = 0; at < words->size();) {
    const auto generic =
        std::find_if(kGenericPhrases.begin(), kGenericPhrases.end(), [&](const auto& phrase) {
          return at + phrase.size() <= words->size() &&
                 std::equal(phrase.begin(), phrase.end(), words->begin() + at);
        });
    if (generic != kGenericPhrases.end()) {
      at += generic->size();
    } else {
      kept.push_back(std::move((*words)[at++]));
    }
  }
  return kept;
}

ParsedText ParsePlainWords(const std::vector<std::string>& words, const Xapian::Database& db) {
  std::string text;
  for (const std::string& word : words) text += word + ' ';
  Xapian::QueryParser parser = MakeParser(db, &Stopper());
  return ParsedText{parser.parse_query(text, kPlainFlags)};
}

ParsedText ParseText(const std::string& typed, const Xapian::Database& db) {
  const Xapian::SimpleStopper& stopper = Stopper();
  ParsedText parsed;
  const std::string q = SearchedText(typed);
  if (q.find_first_not_of(" \t\r\n") == std::string::npos) return parsed;
  const unsigned first_flags = ProximityOperatorsJoinPlainWords(q) ? kFullFlags : kPlainFlags;
  for (unsigned flags : {first_flags, kPlainFlags}) {
    try {
      if (flags == kFullFlags && HasBracket(q)) {
        parsed.query = WithoutStopWords(MakeParser(db, nullptr).parse_query(q, flags));
      } else {
        parsed.query = MakeParser(db, &stopper).parse_query(q, flags);
      }
      return parsed;
    } catch (const Xapian::QueryParserError&) {
      // Read it again with fewer operators.
    }
  }
  return parsed;
}

}  // namespace rapport
