// CrisisTerms: phrase matching over normalised query words (crisis_terms.h).
#include "crisis_terms.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "suggest_normalize.h"

namespace rapport {
namespace {

std::vector<std::string> NormalWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream normal(NormalizeForSuggest(text, false));
  for (std::string word; normal >> word;) words.push_back(std::move(word));
  return words;
}

bool ContainsRun(const std::vector<std::string>& words, const std::vector<std::string>& run) {
  return std::search(words.begin(), words.end(), run.begin(), run.end()) != words.end();
}

// The strings of array `key` in `doc`; false if it is missing or not strings.
bool ReadStrings(const rapidjson::Document& doc, const char* key, std::vector<std::string>* out) {
  const auto it = doc.FindMember(key);
  if (it == doc.MemberEnd() || !it->value.IsArray()) return false;
  for (const auto& value : it->value.GetArray()) {
    if (!value.IsString()) return false;
    out->emplace_back(value.GetString(), value.GetStringLength());
  }
  return true;
}

}  // namespace

Result<CrisisTerms> CrisisTerms::Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Error::Internal("crisis terms: not a JSON object");
  }
  std::vector<std::string> phrases;
  CrisisTerms terms;
  if (!ReadStrings(doc, "phrases", &phrases) ||
      !ReadStrings(doc, "specialties", &terms.specialties_)) {
    return Error::Internal("crisis terms: \"phrases\" and \"specialties\" must be string arrays");
  }
  for (const std::string& phrase : phrases) {
    std::vector<std::string> words = NormalWords(phrase);
    if (words.empty()) return Error::Internal("crisis terms: blank phrase \"" + phrase + "\"");
    terms.phrases_.push_back(std::move(words));
  }
  return terms;
}

Result<CrisisTerms> CrisisTerms::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error::Internal("cannot read crisis terms " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return Parse(text.str());
}

bool CrisisTerms::NamedBy(const SearchRequest& request) const {
  const auto filter = request.filters.find("specialty");
  if (filter != request.filters.end()) {
    for (const std::string& value : filter->second) {
      if (std::find(specialties_.begin(), specialties_.end(), value) != specialties_.end()) {
        return true;
      }
    }
  }
  if (request.q.empty()) return false;
  const std::vector<std::string> words = NormalWords(request.q);
  return std::any_of(phrases_.begin(), phrases_.end(),
                     [&](const auto& phrase) { return ContainsRun(words, phrase); });
}

}  // namespace rapport
