// CachingStemmer: memoised English stemming (caching_stemmer.h).
#include "caching_stemmer.h"

namespace rapport {

CachingStemmer::CachingStemmer(size_t max_words) : stemmer_("en"), max_words_(max_words) {}

std::string CachingStemmer::operator()(const std::string& word) {
  const auto found = stems_.find(word);
  if (found != stems_.end()) return found->second;
  std::string stem = stemmer_(word);
  if (stems_.size() < max_words_) stems_.emplace(word, stem);
  return stem;
}

std::string CachingStemmer::get_description() const {
  return "CachingStemmer(" + stemmer_.get_description() + ")";
}

Xapian::Stem CachedEnglishStemmer(size_t max_words) {
  return Xapian::Stem(new CachingStemmer(max_words));
}

}  // namespace rapport
