// Snippet: bio excerpts with highlighted matches.
#include "snippet.h"

#include "caching_stemmer.h"

namespace rapport {

namespace {
constexpr const char* kMarkStart = "<mark>";
constexpr const char* kMarkEnd = "</mark>";
constexpr const char* kOmitted = "…";

// Distinct words one search thread remembers: at most about 5 MB a thread.
constexpr size_t kMaxSnippetStems = 50000;

// Xapian's snippet stems every word of the bio to find the query's terms;
// stemming was a third of a word search's CPU on the sample (callgrind), and
// bios share most of their words, so each thread keeps its own memo.
const Xapian::Stem& SnippetStemmer() {
  thread_local const Xapian::Stem stemmer = CachedEnglishStemmer(kMaxSnippetStems);
  return stemmer;
}
}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string MakeSnippet(const Xapian::MSet* mset, const std::string& bio, size_t length) {
  if (bio.empty()) return "";
  if (mset != nullptr) {
    return mset->snippet(bio, length, SnippetStemmer(), kSnippetFlags, kMarkStart, kMarkEnd,
                         kOmitted);
  }
  if (bio.size() <= length) return EscapeHtml(bio);
  size_t cut = bio.rfind(' ', length);
  if (cut == std::string::npos || cut == 0) {
    cut = length;
    while (cut > 0 && (static_cast<unsigned char>(bio[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  }
  return EscapeHtml(bio.substr(0, cut)) + kOmitted;
}

}  // namespace rapport
