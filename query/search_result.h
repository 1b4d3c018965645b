// SearchResult: what a search answers; web/ writes it as the JSON of
// DESIGN.md §3 (search_result_json.h).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "filter_words.h"

#include <rapidjson/document.h>

namespace rapport {

struct FacetCount {
  std::string value;
  std::string label;
  long count = 0;
};

struct SearchHit {
  std::string id;
  // The public profile stored in the index, parsed once (an object).
  std::shared_ptr<const rapidjson::Document> profile;
  std::string snippet;  // HTML-escaped bio excerpt, matches in <mark>
  std::optional<double> distance_km;
  std::optional<int> telehealth_years;
  double score = 0;
};

struct SearchResult {
  long total = 0;  // exact size of the match set
  int offset = 0;
  int limit = 0;
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetCount>> facets;  // in request order of names
  std::optional<std::string> did_you_mean;
  // Words of `q` (or of did_you_mean) the search left out because every word
  // together found fewer than SearchOptions::drop_words_below (word_dropping.h),
  // in typed order; the results are those of the other words. Empty: every word counted.
  std::vector<std::string> dropped_words;
  // With interpret=true, the filters read from `q` and the words left, which
  // were searched as the text; nullopt (written as null) when none was read.
  std::optional<Interpretation> interpreted;
  // The search names suicide or self-harm (crisis_terms.h): pages show the
  // crisis line prominently. Set by the caller that holds the terms.
  bool crisis = false;
  double took_ms = 0;
  // For a request with a cursor: the cursor of the next page, or nullopt
  // (written as null) when this page is the walk's last.
  bool walking = false;
  std::optional<std::string> next_cursor;
};

}  // namespace rapport
