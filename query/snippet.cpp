// Snippet: bio excerpts with the query's words marked, in one pass over the bio.
#include "snippet.h"

#include <algorithm>
#include <cmath>

#include "bio_words.h"
#include "caching_stemmer.h"
#include "index_layout.h"

namespace rapport {

namespace {
constexpr const char* kMarkStart = "<mark>";
constexpr const char* kMarkEnd = "</mark>";
constexpr const char* kOmitted = "…";

// Xapian's term generator indexes no longer word, so none can match.
constexpr size_t kMaxWordBytes = 64;

// The most of a sentence's closing punctuation shown after its last word
// ("?!", '."'), so a run of them cannot stretch the snippet.
constexpr size_t kMaxClosingBytes = 3;

// Distinct words one search thread remembers: at most about 5 MB a thread.
constexpr size_t kMaxSnippetStems = 50000;

// Bios share most of their words, so each search thread keeps a memo of
// their stems (stemming was a third of a word search's CPU before it).
const Xapian::Stem& SnippetStemmer() {
  thread_local const Xapian::Stem stemmer = CachedEnglishStemmer(kMaxSnippetStems);
  return stemmer;
}

bool IsSentenceEnd(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')'; }

// The first word character at or after `at` that is ASCII, or the first
// non-ASCII byte (left to the caller to judge): where text after `at` starts.
size_t SkipAsciiPunctuation(std::string_view text, size_t at) {
  while (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80 &&
         !IsAsciiWordByte(static_cast<unsigned char>(text[at]))) {
    ++at;
  }
  return at;
}

// Where the sentence holding the word at `pos` starts: after the last ".",
// "!" or "?" (and any closing quote or bracket) followed by white space, or
// after a line break, before `pos`; else where the text's words start.
size_t SentenceStart(std::string_view text, size_t pos) {
  for (size_t i = pos; i-- > 0;) {
    if (!IsSpace(text[i])) continue;
    size_t k = i;
    while (k > 0 && IsCloser(text[k - 1])) --k;
    if (text[i] == '\n' || (k > 0 && IsSentenceEnd(text[k - 1]))) {
      return std::min(SkipAsciiPunctuation(text, i + 1), pos);
    }
  }
  return std::min(SkipAsciiPunctuation(text, 0), pos);
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

// The bio's first `length` bytes, cut at a space, or inside a word only
// between two UTF-8 characters.
std::string Opening(std::string_view bio, size_t length) {
  if (bio.size() <= length) return EscapeHtml(bio);
  size_t cut = bio.rfind(' ', length);
  if (cut == std::string_view::npos || cut == 0) {
    cut = length;
    while (cut > 0 && (static_cast<unsigned char>(bio[cut]) & 0xC0) == 0x80) --cut;
  }
  return EscapeHtml(bio.substr(0, cut)) + kOmitted;
}

// The term's word when it is of the bio's free text: a plain word, or with
// `stemmed` an English stem (a Z-term), of no field or of bio:. Empty for
// other fields' terms, whose prefixes are upper case.
std::string_view BioWord(std::string_view term, bool& stemmed) {
  stemmed = !term.empty() && term[0] == 'Z';
  if (stemmed) term.remove_prefix(1);
  if (term.substr(0, layout::kBioTextPrefix.size()) == layout::kBioTextPrefix) {
    term.remove_prefix(layout::kBioTextPrefix.size());
  }
  if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return {};
  return term;
}

std::string LeafTerm(const Xapian::Query& leaf) { return *leaf.get_terms_begin(); }

// The index of `term` in `terms`, added when new: what a match of it is.
int TargetOf(const std::string& term, std::vector<std::string>& terms) {
  const auto known = std::find(terms.begin(), terms.end(), term);
  if (known != terms.end()) return static_cast<int>(known - terms.begin());
  terms.push_back(term);
  return static_cast<int>(terms.size() - 1);
}
}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  AppendEscaped(escaped, text);
  return escaped;
}

SnippetMaker::SnippetMaker(const Xapian::Query& query, const Xapian::Database& db) {
  std::vector<std::string> terms;
  AddTerms(query, terms);
  weights_.assign(terms.size(), 0);
  // Each target's index terms: its own for a word, its words for a phrase.
  std::vector<std::vector<std::string>> terms_by_target(terms.size());
  for (size_t target = 0; target < terms.size(); ++target)
    terms_by_target[target] = {terms[target]};
  for (const Phrase& phrase : phrases_) terms_by_target[phrase.target] = phrase.terms;

  // A term weighs 1 + its inverse document frequency over the rarest's.
  const double docs = db.get_doccount();
  std::vector<std::vector<double>> rarity(weights_.size());
  double rarest = 0;
  for (size_t target = 0; target < weights_.size(); ++target) {
    for (const std::string& term : terms_by_target[target]) {
      rarity[target].push_back(std::log((docs + 1) / (db.get_termfreq(term) + 1.0)));
      rarest = std::max(rarest, rarity[target].back());
    }
  }
  for (size_t target = 0; target < weights_.size(); ++target) {
    for (double r : rarity[target]) weights_[target] += 1 + (rarest > 0 ? r / rarest : 0);
  }
}

void SnippetMaker::AddTerms(const Xapian::Query& query, std::vector<std::string>& terms) {
  const size_t parts = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const std::string term = LeafTerm(query);
      bool stemmed = false;
      const std::string_view word = BioWord(term, stemmed);
      if (word.empty() || word.size() > kMaxWordBytes) return;
      const int target = TargetOf(term, terms);
      auto& words = stemmed ? stems_ : plain_;
      if (std::none_of(words.begin(), words.end(),
                       [&](const auto& w) { return w.second == target; })) {
        words.emplace_back(std::string(word), target);
        starts_[static_cast<unsigned char>(word[0])] = true;
      }
      return;
    }
    case Xapian::Query::OP_AND_NOT:  // what it excludes is not in the bio
      if (parts > 0) AddTerms(query.get_subquery(0), terms);
      return;
    case Xapian::Query::OP_PHRASE: {
      Phrase phrase;
      for (size_t i = 0; i < parts; ++i) {
        const Xapian::Query part = query.get_subquery(i);
        if (part.get_type() != Xapian::Query::LEAF_TERM) break;
        const std::string term = LeafTerm(part);
        bool stemmed = false;
        const std::string_view word = BioWord(term, stemmed);
        if (word.empty()) break;  // another field's phrase
        phrase.terms.push_back(term);
        phrase.words.push_back({std::string(word), stemmed});
      }
      if (phrase.words.size() == parts && parts > 0) {
        starts_[static_cast<unsigned char>(phrase.words.back().text[0])] = true;
        std::string key = "\"";
        for (const std::string& term : phrase.terms) key += term + " ";
        phrase.target = TargetOf(key, terms);
        phrases_.push_back(std::move(phrase));
        return;
      }
      break;  // marked word by word
    }
    default:
      break;
  }
  for (size_t i = 0; i < parts; ++i) AddTerms(query.get_subquery(i), terms);
}

namespace {
// A stem is never longer than its word and starts with its first letter: most
// words need no stemming to be ruled out.
bool MayStemTo(const std::string& word, const std::string& stem) {
  return stem.size() <= word.size() && stem[0] == word[0];
}
}  // namespace

int SnippetMaker::MatchWord(const std::string& word) const {
  if (word.size() > kMaxWordBytes) return -1;
  for (const auto& [plain, target] : plain_) {
    if (plain == word) return target;
  }
  const bool may_match = std::any_of(stems_.begin(), stems_.end(),
                                     [&](const auto& stem) { return MayStemTo(word, stem.first); });
  if (!may_match) return -1;
  const std::string stem = SnippetStemmer()(word);
  for (const auto& [known, target] : stems_) {
    if (known == stem) return target;
  }
  return -1;
}

bool SnippetMaker::PhraseEndsAt(const Phrase& phrase, std::string_view bio,
                                const std::vector<Span>& words) const {
  const size_t n = phrase.words.size();
  if (n > words.size()) return false;
  const size_t first = words.size() - n;
  for (size_t i = n; i-- > 0;) {  // the last word rules most phrases out
    const Span span = words[first + i];
    const Word& wanted = phrase.words[i];
    const unsigned char start = LowerAsciiStart(bio, span.begin);
    if (start != 0 && start != static_cast<unsigned char>(wanted.text[0])) return false;
    const std::string word = LoweredWord(bio.substr(span.begin, span.end - span.begin));
    const bool same = !wanted.stemmed
                          ? word == wanted.text
                          : word.size() <= kMaxWordBytes && MayStemTo(word, wanted.text) &&
                                SnippetStemmer()(word) == wanted.text;
    if (!same) return false;
  }
  return true;
}

void SnippetMaker::Scan(std::string_view bio, size_t length, std::vector<Span>& words,
                        std::vector<Match>& matches) const {
  words.reserve(bio.size() / 4);
  for (size_t at = 0; at < bio.size();) {
    const auto byte = static_cast<unsigned char>(bio[at]);
    if (byte < 0x80 && !IsAsciiWordByte(byte)) {
      ++at;
      continue;
    }
    const CodePoint c = byte < 0x80 ? CodePoint{byte, 1} : ReadCodePoint(bio, at);
    if (!IsWordChar(c.value)) {
      at += c.bytes;
      continue;
    }
    const size_t begin = at;
    at = WordEnd(bio, at + c.bytes);
    words.push_back({begin, at});
    // Most words start with a letter none of the query's words start with.
    const unsigned char start = LowerAsciiStart(bio, begin);
    if (start != 0 && !starts_[start]) continue;

    int target = -1;
    size_t match_begin = begin;
    for (const Phrase& phrase : phrases_) {
      if (PhraseEndsAt(phrase, bio, words)) {
        match_begin = words[words.size() - phrase.words.size()].begin;
        if (at - match_begin > length) continue;  // words far apart, not a phrase to show
        target = phrase.target;
        break;
      }
    }
    if (target < 0) {
      match_begin = begin;
      target = MatchWord(LoweredWord(bio.substr(begin, at - begin)));
    }
    if (target < 0) continue;
    // A phrase is marked whole, over the marks of its words.
    while (!matches.empty() && matches.back().begin >= match_begin) matches.pop_back();
    matches.push_back({match_begin, at, target});
  }
}

SnippetMaker::Window SnippetMaker::BestWindow(const std::vector<Match>& matches,
                                              size_t length) const {
  std::vector<int> seen(weights_.size(), 0);
  auto weight = [&](int target, int repeat) { return std::ldexp(weights_[target], -repeat); };
  double sum = 0;
  double best = -1;
  Window window{0, 0};
  size_t next = 0;
  for (size_t first = 0; first < matches.size(); ++first) {
    while (next < matches.size() &&
           (next == first || matches[next].end - matches[first].begin <= length)) {
      sum += weight(matches[next].target, seen[matches[next].target]++);
      ++next;
    }
    if (sum > best + 1e-9) {
      best = sum;
      window = {first, next - 1};
    }
    sum -= weight(matches[first].target, --seen[matches[first].target]);
  }
  return window;
}

std::string SnippetMaker::Make(std::string_view bio, size_t length) const {
  if (bio.empty()) return "";
  std::vector<Span> words;
  std::vector<Match> matches;
  if (!weights_.empty()) Scan(bio, length, words, matches);
  if (matches.empty()) return Opening(bio, length);

  const Window window = BestWindow(matches, length);
  size_t from = matches[window.first].begin;
  size_t to = matches[window.last].end;
  // From the bio's start when that fits, else its sentence's, else a few
  // words before the first match.
  const size_t sentence = to <= length ? 0 : SentenceStart(bio, from);
  const auto word_at = [&](size_t pos) {
    return std::lower_bound(words.begin(), words.end(), pos,
                            [](const Span& w, size_t p) { return w.begin < p; }) -
           words.begin();
  };
  if (to - sentence <= length) {
    from = sentence;
  } else {
    const size_t context = std::min(length - std::min(length, to - from), length / 4);
    auto first = word_at(from);
    while (first > 0 && words[first - 1].begin >= sentence &&
           from - words[first - 1].begin <= context) {
      --first;
    }
    from = words[first].begin;
  }
  // On to whole words, then the sentence's closing punctuation.
  auto after = word_at(to);
  while (after < static_cast<long>(words.size()) && words[after].end - from <= length) {
    to = words[after++].end;
  }
  bool closed = after == static_cast<long>(words.size());
  size_t stop = to;
  while (stop < bio.size() && stop - to < kMaxClosingBytes &&
         (IsSentenceEnd(bio[stop]) || (stop > to && IsCloser(bio[stop])))) {
    ++stop;
  }
  if (stop > to) closed = true;
  if (closed) to = stop;

  std::string out;
  out.reserve(to - from + 64);
  if (from > 0 && from != sentence) out += kOmitted;
  size_t at = from;
  for (const Match& match : matches) {
    if (match.begin < at || match.end > to) continue;
    AppendEscaped(out, bio.substr(at, match.begin - at));
    out += kMarkStart;
    AppendEscaped(out, bio.substr(match.begin, match.end - match.begin));
    out += kMarkEnd;
    at = match.end;
  }
  AppendEscaped(out, bio.substr(at, to - at));
  if (!closed) out += kOmitted;
  return out;
}

}  // namespace rapport
