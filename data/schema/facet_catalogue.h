// The facet catalogue: every facet of the directory in one table. Each entry
// says what the facet is called in the API, which index term prefix holds it,
// where a profile keeps its values, which vocab.json list names them, and how
// the rest of the system uses it (free text, suggestions, `field:` in q,
// partner keys, filters, facet counts). Every reader and writer iterates this
// table: adding a facet is one entry here plus its vocabulary and index terms
// (docs/facets.md).
//
//   for (const FacetSpec& facet : FacetCatalogue()) {
//     if (!facet.counted) continue;
//     ...  // count facet.name over terms facet.term_prefix + slug
//   }
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "profile.h"

namespace rapport {

// Views of a profile's values of one facet (vocabulary slugs), valid while
// the profile lives.
using FacetValueViews = std::vector<std::string_view>;

// Appends the values a profile has for a facet to `values` (nothing for
// none). Views, not copies: the document builder reads every facet of every
// profile, twice, into one list it reuses.
using ProfileFacetValues = void (*)(const Profile& profile, FacetValueViews& values);

// One facet. Built with the named setters below (one flag a call), so a
// reader sees what each entry does without counting positions.
struct FacetSpec {
  std::string_view name;  // API name: search parameter and facet-count name
  // What clients read: panel heading, filter chip, OpenAPI description.
  std::string_view label;
  std::string_view description;  // what the values are, for the OpenAPI document
  std::string_view term_prefix;  // index_layout.h boolean term prefix (+ slug)
  // Where the values sit in the profile JSON ("modalities", "telehealth.modes");
  // empty for a facet computed from other fields.
  std::string_view profile_path;
  std::string_view vocabulary;  // the vocab.json list naming the values
  // The values of a profile, read from the model; null for a facet whose terms
  // need more than the profile (state: the compacts, docs/index-layout.md).
  ProfileFacetValues profile_values = nullptr;
  bool computed = false;         // derived from other fields, not stored as such
  bool text_searchable = false;  // vocabulary texts indexed as free text
  bool detected_in_bio = false;  // a bio naming a value gets its concept term
  bool suggested = false;        // labels offered by /api/v1/suggest
  bool query_field = false;      // `name:value` works in q
  bool partner_filter = false;   // an API key may be fixed to values of it
  bool filterable = false;       // filters by its values (OR within the facet)
  // Searched with a parameter of its own (accepting=true, state=XX), not with
  // a repeatable list of its values.
  bool own_parameter = false;
  bool counted = false;  // may be named in facets=
  // Where the client search page lists the facet among its filter panels
  // (1 = first); kNotOnPanel: the page shows no panel for it.
  int panel_position = kNotOnPanel;

  static constexpr int kNotOnPanel = 0;

  constexpr explicit FacetSpec(std::string_view api_name) : name(api_name) {}
  constexpr FacetSpec& Label(std::string_view text) {
    label = text;
    return *this;
  }
  constexpr FacetSpec& Describe(std::string_view text) {
    description = text;
    return *this;
  }
  constexpr FacetSpec& Prefix(std::string_view prefix) {
    term_prefix = prefix;
    return *this;
  }
  constexpr FacetSpec& Vocabulary(std::string_view list) {
    vocabulary = list;
    return *this;
  }
  // Stored values at `path` of the profile JSON, read from the model by `values`.
  constexpr FacetSpec& Stored(std::string_view path, ProfileFacetValues values) {
    profile_path = path;
    profile_values = values;
    return *this;
  }
  // Values derived from other fields by `values` (null: see profile_values).
  constexpr FacetSpec& Computed(ProfileFacetValues values) {
    computed = true;
    profile_values = values;
    return *this;
  }
  constexpr FacetSpec& TextSearchable() {
    text_searchable = true;
    return *this;
  }
  constexpr FacetSpec& DetectedInBio() {
    detected_in_bio = true;
    return *this;
  }
  constexpr FacetSpec& Suggested() {
    suggested = true;
    return *this;
  }
  constexpr FacetSpec& QueryField() {
    query_field = true;
    return *this;
  }
  constexpr FacetSpec& PartnerFilter() {
    partner_filter = true;
    return *this;
  }
  constexpr FacetSpec& Filterable() {
    filterable = true;
    return *this;
  }
  constexpr FacetSpec& OwnParameter() {
    own_parameter = true;
    return *this;
  }
  constexpr FacetSpec& Counted() {
    counted = true;
    return *this;
  }
  // Listed as the client search page's filter panel number `position`.
  constexpr FacetSpec& PanelPosition(int position) {
    panel_position = position;
    return *this;
  }
};

// Every facet, in API order (the order of the OpenAPI parameters and of
// CountableFacetNames).
[[nodiscard]] const std::vector<FacetSpec>& FacetCatalogue();

// The facet named `name`, or nullptr.
[[nodiscard]] const FacetSpec* FindFacet(std::string_view name);

// The telehealth experience bucket (a slug of facet telehealth_experience)
// of a year telehealth began.
[[nodiscard]] std::string_view ExperienceBucket(int since_year);

}  // namespace rapport
