// CrisisTerms: tells whether a search names suicide or self-harm, so the
// answer can carry "crisis": true and pages show the 988 / 911 crisis line
// prominently (docs/search-api.md, Crisis line). The list lives in
// data/crisis_terms.json: phrases matched as whole words of the normalised
// query text (suggest_normalize.h), and specialty slugs matched against the
// request's specialty filters.
//
//   auto terms = CrisisTerms::Load(data_files_dir + "/crisis_terms.json");
//   if (!terms) return terms.error();
//   result.crisis = terms.value().NamedBy(request);
//
// Pure: it reads the request only and logs nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "search_request.h"

namespace rapport {

class CrisisTerms {
 public:
  // No terms: NamedBy is always false.
  CrisisTerms() = default;

  // Parses crisis_terms.json text: {"phrases": [...], "specialties": [...]}.
  // 500 Error naming the problem if it is malformed or a phrase is blank.
  [[nodiscard]] static Result<CrisisTerms> Parse(std::string_view json);
  // Reads and parses the file at `path`.
  [[nodiscard]] static Result<CrisisTerms> Load(const std::string& path);

  // True when the request's text contains a phrase as consecutive whole
  // words ("I keep cutting myself" names "cutting myself"; "selfish" does not
  // name "self") or it filters on one of the specialties.
  [[nodiscard]] bool NamedBy(const SearchRequest& request) const;

 private:
  std::vector<std::vector<std::string>> phrases_;  // each a list of normalised words
  std::vector<std::string> specialties_;
};

}  // namespace rapport
