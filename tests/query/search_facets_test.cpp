// Facet counts and filters against brute force over the sample profiles:
// 240 seeded random combinations of facet filters, place, telehealth and
// practical filters, each compared value by value with counts computed here
// from the NDJSON itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "query_fixture.h"

namespace rapport::testing {
namespace {

const std::vector<std::string> kFacetNames = {
    "modality", "specialty",  "population", "session_format", "language", "insurance",
    "gender",   "profession", "mode",       "platform",       "device",   "telehealth_experience",
    "accepting"};

bool PlaceOk(const ProfileFacts& p, const SearchRequest& r) {
  const bool either = r.state && r.virtual_only == r.in_person_only;
  const bool want_virtual = r.virtual_only || either;
  const bool want_in_person = r.in_person_only || either;
  if (!want_virtual && !want_in_person) return true;
  const bool virtual_ok = r.state ? p.virtual_states.count(*r.state) != 0 : p.offers_telehealth;
  const bool in_person_ok =
      r.state ? std::any_of(p.offices.begin(), p.offices.end(),
                            [&](const OfficeFacts& o) { return o.state == *r.state; })
              : !p.offices.empty();
  return (want_virtual && virtual_ok) || (want_in_person && in_person_ok);
}

bool RestOk(const ProfileFacts& p, const SearchRequest& r) {
  if (!PlaceOk(p, r)) return false;
  if (r.accepting && !p.accepting) return false;
  if (r.sliding_scale && !p.sliding_scale) return false;
  if (r.fee_max && !(p.fee_min && *p.fee_min <= *r.fee_max)) return false;
  return true;
}

constexpr const char* kExperience = "telehealth_experience";

// Facet filters except `skip`'s own; telehealth_since_before is the
// telehealth_experience facet's (docs/facets.md).
bool FacetsOk(const ProfileFacts& p, const SearchRequest& r, const std::string& skip) {
  if (skip != kExperience && r.telehealth_since_before &&
      !(p.telehealth_since && *p.telehealth_since < *r.telehealth_since_before)) {
    return false;
  }
  for (const auto& [facet, values] : r.filters) {
    if (facet == skip) continue;
    auto it = p.facets.find(facet);
    const bool any = it != p.facets.end() &&
                     std::any_of(values.begin(), values.end(),
                                 [&](const std::string& v) { return it->second.count(v) != 0; });
    if (!any) return false;
  }
  return true;
}

std::vector<std::pair<std::string, long>> ExpectedCounts(const std::vector<ProfileFacts>& all,
                                                         const SearchRequest& r,
                                                         const std::string& facet) {
  std::map<std::string, long> counts;
  for (const ProfileFacts& p : all) {
    if (!RestOk(p, r) || !FacetsOk(p, r, facet)) continue;
    auto it = p.facets.find(facet);
    if (it == p.facets.end()) continue;
    for (const std::string& value : it->second) ++counts[value];
  }
  std::vector<std::pair<std::string, long>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return sorted;
}

// The values of `facet` some profile has, for drawing random filters.
std::vector<std::string> SeenValues(const std::vector<ProfileFacts>& all,
                                    const std::string& facet) {
  std::set<std::string> seen;
  for (const ProfileFacts& p : all) {
    auto it = p.facets.find(facet);
    if (it != p.facets.end()) seen.insert(it->second.begin(), it->second.end());
  }
  return {seen.begin(), seen.end()};
}

SearchRequest RandomRequest(std::mt19937& rng, const std::vector<ProfileFacts>& all) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  SearchRequest r;
  const size_t filtered = pick(4);
  for (size_t i = 0; i < filtered; ++i) {
    const std::string& facet = kFacetNames[pick(kFacetNames.size())];
    const auto values = SeenValues(all, facet);
    if (values.empty()) continue;
    auto& chosen = r.filters[facet];
    for (size_t v = 0, n = 1 + pick(2); v < n; ++v) chosen.push_back(values[pick(values.size())]);
  }
  static const std::vector<std::string> kStates = {"CA", "NY", "TX", "FL", "AZ", "CO", "WA"};
  if (pick(3) == 0) r.state = kStates[pick(kStates.size())];
  r.virtual_only = pick(4) == 0;
  r.in_person_only = pick(4) == 0;
  r.accepting = pick(5) == 0;
  r.sliding_scale = pick(6) == 0;
  if (pick(5) == 0) r.fee_max = 60 + static_cast<int>(pick(150));
  if (pick(5) == 0) r.telehealth_since_before = 2012 + static_cast<int>(pick(14));
  std::vector<std::string> names = kFacetNames;
  std::shuffle(names.begin(), names.end(), rng);
  names.resize(6);
  for (const auto& [facet, values] : r.filters) {
    if (pick(2) == 0) names.push_back(facet);  // a filtered facet, counted disjunctively
  }
  r.facets = names;
  return r;
}

TEST_CASE("facet counts and totals equal brute force for 240 random filter combinations") {
  QueryIndex& sample = SampleIndex();
  const auto& all = sample.profiles();
  REQUIRE(all.size() >= 1000);
  std::mt19937 rng(20261125);
  for (int round = 0; round < 240; ++round) {
    SearchRequest r = RandomRequest(rng, all);
    CAPTURE(round);
    auto result = sample.service().Search(r);
    REQUIRE_MESSAGE(result, (result ? "" : result.error().message));
    const long expected_total = std::count_if(all.begin(), all.end(), [&](const ProfileFacts& p) {
      return RestOk(p, r) && FacetsOk(p, r, "");
    });
    CHECK(result.value().total == expected_total);
    for (const std::string& facet : r.facets) {
      CAPTURE(facet);
      auto it = result.value().facets.find(facet);
      REQUIRE(it != result.value().facets.end());
      std::vector<std::pair<std::string, long>> got;
      for (const FacetCount& c : it->second) got.emplace_back(c.value, c.count);
      CHECK(got == ExpectedCounts(all, r, facet));
    }
  }
}

TEST_CASE("disjunctive: a facet's own filter leaves its other values visible") {
  QueryIndex& sample = SampleIndex();
  SearchRequest r;
  r.facets = {"gender", "profession"};
  auto unfiltered = sample.service().Search(r);
  REQUIRE(unfiltered);
  r.filters["gender"] = {"female"};
  auto filtered = sample.service().Search(r);
  REQUIRE(filtered);
  // The gender counts ignore the gender filter: same as without it.
  CHECK(filtered.value().facets["gender"].size() == unfiltered.value().facets["gender"].size());
  for (size_t i = 0; i < filtered.value().facets["gender"].size(); ++i) {
    CHECK(filtered.value().facets["gender"][i].count ==
          unfiltered.value().facets["gender"][i].count);
  }
  // Other facets are narrowed to female therapists: they sum to fewer.
  long female = 0;
  for (const auto& c : unfiltered.value().facets["gender"]) {
    if (c.value == "female") female = c.count;
  }
  CHECK(filtered.value().total == female);
  long professions = 0;
  for (const auto& c : filtered.value().facets["profession"]) professions += c.count;
  CHECK(professions == female);  // one profession per profile
}

long CountOf(const std::vector<FacetCount>& counts, const std::string& value) {
  for (const FacetCount& c : counts) {
    if (c.value == value) return c.count;
  }
  return 0;
}

TEST_CASE("telehealth experience counts what choosing a period instead would find") {
  // The search page offers "since before 2020" and "since before 2022" as one
  // choice (telehealth_since_before) and shows before-2020 (+ 2020-2021) as
  // their counts: with one chosen, the other's count must be what it finds.
  QueryIndex& sample = SampleIndex();
  for (const std::string specialty : {"", "anxiety", "grief"}) {
    CAPTURE(specialty);
    SearchRequest r;
    r.facets = {kExperience};
    if (!specialty.empty()) r.filters["specialty"] = {specialty};
    r.telehealth_since_before = 2020;
    auto before_2020 = sample.service().Search(r);
    r.telehealth_since_before = 2022;
    auto before_2022 = sample.service().Search(r);
    REQUIRE(before_2020);
    REQUIRE(before_2022);
    for (const auto* chosen : {&before_2020.value(), &before_2022.value()}) {
      const auto& counts = chosen->facets.at(kExperience);
      CHECK(CountOf(counts, "before-2020") == before_2020.value().total);
      CHECK(CountOf(counts, "before-2020") + CountOf(counts, "2020-2021") ==
            before_2022.value().total);
    }
    CHECK(before_2022.value().total > before_2020.value().total);
  }
}

TEST_CASE("facet labels come from the vocabulary and facet_limit trims") {
  QueryIndex& sample = SampleIndex();
  SearchRequest r;
  r.facets = {"modality", "telehealth_experience"};
  r.facet_limit = 3;
  auto result = sample.service().Search(r);
  REQUIRE(result);
  CHECK(result.value().facets["modality"].size() == 3);
  for (const auto& c : result.value().facets["modality"]) {
    if (c.value == "cbt") CHECK(c.label == "Cognitive behavioral therapy (CBT)");
  }
  for (const auto& c : result.value().facets["telehealth_experience"]) {
    if (c.value == "before-2020") CHECK(c.label == "Before 2020 (pre-pandemic)");
  }
}

TEST_CASE("a partner's fixed filter narrows results and counts and is not disjunctive") {
  QueryIndex& sample = SampleIndex();
  const auto& all = sample.profiles();
  SearchRequest r;
  r.fixed_licensed_state = "CA";
  r.fixed_filters["profession"] = {"psychologist"};
  r.filters["profession"] = {"counselor"};
  r.facets = {"profession"};
  auto result = sample.service().Search(r);
  REQUIRE(result);
  CHECK(result.value().total == 0);
  const long licensed_ca_psychologists =
      std::count_if(all.begin(), all.end(), [](const ProfileFacts& p) {
        return p.licensed_states.count("CA") != 0 &&
               p.facets.at("profession").count("psychologist");
      });
  REQUIRE(licensed_ca_psychologists > 0);
  REQUIRE(result.value().facets["profession"].size() == 1);
  CHECK(result.value().facets["profession"][0].value == "psychologist");
  CHECK(result.value().facets["profession"][0].count == licensed_ca_psychologists);
}

TEST_CASE("text and filters combined: every hit matches, total is exact") {
  QueryIndex& sample = SampleIndex();
  SearchRequest r;
  r.q = "anxiety";
  r.filters["gender"] = {"female"};
  r.state = "CA";
  r.limit = 100;
  auto result = sample.service().Search(r);
  REQUIRE(result);
  SearchRequest no_text = r;
  no_text.q.clear();
  auto without = sample.service().Search(no_text);
  REQUIRE(without);
  CHECK(result.value().total > 0);
  CHECK(result.value().total <= without.value().total);
  CHECK(result.value().hits.size() == std::min<size_t>(100, result.value().total));
  for (size_t i = 1; i < result.value().hits.size(); ++i) {
    CHECK(result.value().hits[i - 1].score >= result.value().hits[i].score);
  }
}

}  // namespace
}  // namespace rapport::testing
