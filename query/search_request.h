// SearchRequest: one search as DESIGN.md §3 defines it, already parsed and
// bounds-checked by the caller (web/ or rapport-query). The query library
// re-checks bounds and answers a 400 Error for anything out of range.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rapport {

enum class SortOrder { kRelevance, kDistance, kFee, kTelehealthExperience, kUpdated };

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct SearchRequest {
  std::string q;  // free text; may be empty

  // Facet filters, by facet name (modality, specialty, population,
  // session_format, language, insurance, gender, profession, mode, platform,
  // device, telehealth_experience, accepting): OR within one, AND across.
  std::map<std::string, std::vector<std::string>> filters;

  std::optional<std::string> state;  // client's state, upper case
  bool virtual_only = false;         // virtual=true
  bool in_person_only = false;       // in_person=true
  std::optional<GeoPoint> near;
  double radius_km = 40;
  std::optional<int> telehealth_since_before;  // year
  bool accepting = false;
  bool sliding_scale = false;
  std::optional<int> fee_max;

  // Fixed filter of a partner key, ANDed with everything above and never
  // counted as a user filter (it narrows facet counts too).
  std::map<std::string, std::vector<std::string>> fixed_filters;
  std::optional<std::string> fixed_licensed_state;  // e.g. only therapists licensed in CA

  std::vector<std::string> facets;  // facet names to count
  std::optional<int> facet_limit;
  SortOrder sort = SortOrder::kRelevance;
  int limit = 20;
  int offset = 0;
  // A walk page by page in docid order instead of a ranked page: "*" or an
  // earlier page's next_cursor (search_cursor.h). Not with offset or sort.
  std::optional<std::string> cursor;
  // Read the filter words of a plain `q` as filters (filter_words.h).
  bool interpret = false;
};

}  // namespace rapport
