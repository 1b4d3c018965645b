// Tests of the search and suggest parameter table and parsers against the
// shipped vocabulary (data/vocab.json).
#include "search_params.h"

#include <set>
#include <tuple>

#include <doctest/doctest.h>

#include "search_cursor.h"
#include "test_support.h"

namespace rapport {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

const Vocabulary& ShippedVocabulary() {
  static const Vocabulary vocabulary = [] {
    Result<Vocabulary> loaded = Vocabulary::Load(testing::SourcePath("data/vocab.json"));
    REQUIRE(loaded.ok());
    return loaded.value();
  }();
  return vocabulary;
}

// A valid value for `spec`, taken from the table and the vocabulary.
std::string ValidValue(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::kText:
      return spec.name == params::kCursor ? std::string(kFirstCursor) : "panic attacks";
    case ParamType::kFacetValue:
      return ShippedVocabulary().Entries(spec.vocabulary_facet).front().value;
    case ParamType::kBoolean:
      return "true";
    case ParamType::kInteger:
      return std::to_string(static_cast<int>(*spec.minimum));
    case ParamType::kNumber:
      return std::to_string(*spec.maximum);
    case ParamType::kLatLon:
      return "37.8044,-122.2712";
    case ParamType::kStateCode:
      return "ca";
    case ParamType::kChoice:
    case ParamType::kFacetNames:
      return std::string(spec.choices.back());
  }
  return "";
}

// Parameters some others need to be meaningful (radius_km and sort=distance need near).
Params WithPrerequisites(const ParamSpec& spec, const std::string& value) {
  Params params = {{std::string(spec.name), value}};
  if (spec.name == params::kRadiusKm || (spec.name == params::kSort && value == "distance")) {
    params.emplace_back(params::kNear, "37.8,-122.27");
  }
  return params;
}

void ExpectBadParameter(const Params& params, const std::string& field,
                        const std::string& message) {
  CAPTURE(field);
  CAPTURE(message);
  Result<SearchRequest> parsed = ParseSearchParams(params, ShippedVocabulary());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().status == 400);
  CHECK(parsed.error().code == "invalid_parameter");
  CHECK(parsed.error().field == field);
  CHECK(parsed.error().message == message);
}

TEST_CASE("the table names each parameter once and its facets exist in the vocabulary") {
  std::set<std::string_view> names;
  for (const ParamSpec& spec : SearchParamTable()) {
    CAPTURE(spec.name);
    CHECK(names.insert(spec.name).second);
    CHECK_FALSE(spec.description.empty());
    if (!spec.vocabulary_facet.empty()) {
      CHECK_FALSE(ShippedVocabulary().Entries(spec.vocabulary_facet).empty());
    }
    if (spec.type == ParamType::kInteger || spec.type == ParamType::kNumber) {
      CHECK(spec.minimum.has_value());
      CHECK(spec.maximum.has_value());
    }
  }
  for (std::string_view facet : CountableFacetNames()) {
    CAPTURE(facet);
    CHECK_FALSE(ShippedVocabulary().Entries(facet).empty());
  }
  for (std::string_view required : {"q",
                                    "modality",
                                    "specialty",
                                    "population",
                                    "session_format",
                                    "language",
                                    "insurance",
                                    "gender",
                                    "profession",
                                    "mode",
                                    "platform",
                                    "device",
                                    "telehealth_experience",
                                    "accepting",
                                    "state",
                                    "virtual",
                                    "in_person",
                                    "near",
                                    "radius_km",
                                    "telehealth_since_before",
                                    "sliding_scale",
                                    "fee_max",
                                    "facets",
                                    "facet_limit",
                                    "sort",
                                    "limit",
                                    "offset"}) {
    CAPTURE(required);
    CHECK(FindParam(SearchParamTable(), required) != nullptr);
  }
}

TEST_CASE("no parameters give the documented defaults") {
  Result<SearchRequest> parsed = ParseSearchParams({}, ShippedVocabulary());
  REQUIRE(parsed.ok());
  const SearchRequest& request = parsed.value();
  CHECK(request.limit == kParamLimits.default_limit);
  CHECK(request.offset == 0);
  CHECK(request.radius_km == kParamLimits.default_radius_km);
  CHECK(request.sort == SortOrder::kRelevance);
  CHECK(request.filters.empty());
  CHECK_FALSE(request.state.has_value());
  CHECK_FALSE(request.near.has_value());
}

TEST_CASE("every parameter of the table accepts a valid value") {
  for (const ParamSpec& spec : SearchParamTable()) {
    std::vector<std::string> values = {ValidValue(spec)};
    if (spec.type == ParamType::kChoice || spec.type == ParamType::kFacetNames) {
      values.assign(spec.choices.begin(), spec.choices.end());
    }
    for (const std::string& value : values) {
      CAPTURE(spec.name);
      CAPTURE(value);
      Result<SearchRequest> parsed =
          ParseSearchParams(WithPrerequisites(spec, value), ShippedVocabulary());
      CHECK(parsed.ok());
    }
  }
}

TEST_CASE("all parameters together fill the request") {
  Params all;
  for (const ParamSpec& spec : SearchParamTable()) {
    // A cursor walk takes no sort or offset (its own test below).
    if (spec.name == params::kCursor) continue;
    all.emplace_back(spec.name, ValidValue(spec));
  }
  all.emplace_back("modality", "EMDR, dbt");  // repeatable, comma list, any case
  all.emplace_back("modality", "emdr");       // repeats are kept once
  all.emplace_back("facets", "specialty,modality");
  Result<SearchRequest> parsed = ParseSearchParams(all, ShippedVocabulary());
  REQUIRE(parsed.ok());
  const SearchRequest& request = parsed.value();
  const Vocabulary& vocabulary = ShippedVocabulary();
  CHECK(request.q == "panic attacks");
  CHECK(request.filters.at("modality") ==
        std::vector<std::string>{vocabulary.Entries("modality").front().value, "emdr", "dbt"});
  CHECK(request.filters.at("telehealth_experience") ==
        std::vector<std::string>{vocabulary.Entries("telehealth_experience").front().value});
  CHECK(request.filters.size() == 12);
  CHECK(request.state == "CA");
  CHECK(request.virtual_only);
  CHECK(request.in_person_only);
  CHECK(request.accepting);
  CHECK(request.sliding_scale);
  REQUIRE(request.near.has_value());
  CHECK(request.near->lat == doctest::Approx(37.8044));
  CHECK(request.near->lon == doctest::Approx(-122.2712));
  CHECK(request.radius_km == kParamLimits.max_radius_km);
  CHECK(request.telehealth_since_before == kParamLimits.min_year);
  CHECK(request.fee_max == 0);
  CHECK(request.facet_limit == 1);
  CHECK(request.facets == std::vector<std::string>{"accepting", "specialty", "modality"});
  CHECK(request.sort == SortOrder::kUpdated);
  CHECK(request.limit == 1);
  CHECK(request.offset == 0);
}

TEST_CASE("a cursor is * or a cursor this program wrote, without offset or sort") {
  Result<SearchRequest> first = ParseSearchParams({{"cursor", "*"}}, ShippedVocabulary());
  REQUIRE(first.ok());
  CHECK(first.value().cursor == std::string("*"));
  const std::string next = NextCursor("index-3", 42);
  Result<SearchRequest> later = ParseSearchParams({{"cursor", next}}, ShippedVocabulary());
  REQUIRE(later.ok());
  CHECK(CursorStart(*later.value().cursor, "index-3").value() == 42);
  CHECK(CursorStart(*later.value().cursor, "index-4").error().code == "cursor_expired");
  CHECK(CursorStart("*", "index-4").value() == 0);
  ExpectBadParameter({{"cursor", "*"}, {"offset", "0"}}, "offset", "a cursor walk takes no offset");
  ExpectBadParameter({{"cursor", "*"}, {"sort", "fee"}}, "sort",
                     "a cursor walk has an order of its own; leave sort out");
  ExpectBadParameter({{"cursor", "index-3.42"}}, "cursor",
                     "cursor must be * or the next_cursor of an earlier page");
  CHECK(!ParseSearchParams({{"q", "x"}}, ShippedVocabulary()).value().cursor.has_value());
}

TEST_CASE("booleans take true/false and 1/0 and false is no filter") {
  for (const auto& [text, expected] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"1", true}, {"TRUE", true}, {"false", false}, {"0", false}}) {
    CAPTURE(text);
    Result<SearchRequest> parsed = ParseSearchParams({{"virtual", text}}, ShippedVocabulary());
    REQUIRE(parsed.ok());
    CHECK(parsed.value().virtual_only == expected);
  }
}

TEST_CASE("bad values are rejected naming the parameter with a message to act on") {
  const std::string long_q(kParamLimits.max_q_chars + 1, 'a');
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"limit", "0", "limit must be between 1 and 100"},
      {"limit", "101", "limit must be between 1 and 100"},
      {"limit", "ten", "limit must be a whole number between 1 and 100"},
      {"limit", "5.5", "limit must be a whole number between 1 and 100"},
      {"offset", "10001", "offset must be between 0 and 10000"},
      {"offset", "-1", "offset must be between 0 and 10000"},
      {"near", "37.8", "near must be LAT,LON in decimal degrees, e.g. 37.80,-122.27"},
      {"near", "north,south", "near must be LAT,LON in decimal degrees, e.g. 37.80,-122.27"},
      {"near", "91,10", "near latitude must be between -90 and 90"},
      {"near", "45,-181", "near longitude must be between -180 and 180"},
      {"near", "nan,1", "near must be LAT,LON in decimal degrees, e.g. 37.80,-122.27"},
      {"modality", "xyz", "unknown modality 'xyz' (see /api/v1/vocab for the values)"},
      {"specialty", "anxiety,,grief", "specialty has an empty value"},
      {"language", "english", "unknown language 'english' (see /api/v1/vocab for the values)"},
      {"state", "California", "state must be a two-letter US state code"},
      {"state", "XX", "state must be a two-letter US state code"},
      {"virtual", "yes", "virtual must be true or false"},
      {"accepting", "", "accepting must not be empty"},
      {"telehealth_since_before", "1800", "telehealth_since_before must be between 1990 and 2100"},
      {"fee_max", "-5", "fee_max must be between 0 and 100000"},
      {"facet_limit", "0", "facet_limit must be between 1 and 100"},
      {"sort", "price",
       "sort must be one of relevance, distance, fee, telehealth_experience, updated"},
      {"q", long_q, "q must be at most 500 characters"},
      {"q", "panic\x01", "q must not contain control characters"},
      {"q", "bad \xC3\x28 byte", "q must be valid UTF-8"},
      {"q", "overlong \xC0\xAF", "q must be valid UTF-8"},
      {"q", "surrogate \xED\xA0\x80", "q must be valid UTF-8"},
  };
  for (const auto& [name, value, message] : cases) {
    CAPTURE(value);
    ExpectBadParameter({{name, value}}, name, message);
  }
  ExpectBadParameter({{"facets", "modality,colour"}}, "facets",
                     "unknown facet 'colour' in facets; facets are modality, specialty, "
                     "population, session_format, language, insurance, gender, profession, mode, "
                     "platform, device, telehealth_experience, accepting");
  ExpectBadParameter({{"radius_km", "0"}, {"near", "1,1"}}, "radius_km",
                     "radius_km must be a number greater than 0 and at most 1000");
  ExpectBadParameter({{"radius_km", "10"}}, "radius_km", "radius_km needs near=LAT,LON");
  ExpectBadParameter({{"sort", "distance"}}, "sort", "sort=distance needs near=LAT,LON");
}

TEST_CASE("a long rejected value is quoted back shortened") {
  const std::string long_value(200, 'z');
  Result<SearchRequest> parsed = ParseSearchParams({{"modality", long_value}}, ShippedVocabulary());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message.size() < 120);
}

TEST_CASE("q is limited in characters not bytes") {
  std::string accented;
  for (int i = 0; i < kParamLimits.max_q_chars; ++i) accented += "\xC3\xA9";  // é
  CHECK(ParseSearchParams({{"q", accented}}, ShippedVocabulary()).ok());
  ExpectBadParameter({{"q", accented + "e"}}, "q", "q must be at most 500 characters");
}

TEST_CASE("unknown and repeated and undecodable parameters are rejected") {
  ExpectBadParameter({{"colour", "blue"}}, "colour", "unknown parameter 'colour'");
  ExpectBadParameter({{"Limit", "5"}}, "Limit", "unknown parameter 'Limit'");
  ExpectBadParameter({{"limit", "5"}, {"limit", "6"}}, "limit", "limit may appear only once");
  ExpectBadParameter({{"q", "a"}, {"q", "b"}}, "q", "q may appear only once");
  ExpectBadParameter({{"state", "CA"}, {"state", "CA"}}, "state", "state may appear only once");
  // A name that cannot name the field itself: the query string is named.
  ExpectBadParameter({{"li\xFFmit", "5"}}, "query", "parameter names must be valid UTF-8");
  ExpectBadParameter({{"", "5"}}, "query", "unknown parameter ''");
  // The first problem in request order is the one reported.
  ExpectBadParameter({{"limit", "0"}, {"colour", "blue"}}, "limit",
                     "limit must be between 1 and 100");
}

TEST_CASE("suggest parameters: q is required and limit is bounded") {
  Result<SuggestRequest> parsed = ParseSuggestParams({{"q", "anx"}});
  REQUIRE(parsed.ok());
  CHECK(parsed.value().q == "anx");
  CHECK(parsed.value().limit == kParamLimits.default_suggest_limit);

  parsed = ParseSuggestParams({{"limit", "20"}, {"q", ""}});
  REQUIRE(parsed.ok());
  CHECK(parsed.value().limit == 20);

  const std::vector<std::tuple<Params, std::string, std::string>> bad = {
      {{{"limit", "5"}}, "q", "q is required"},
      {{{"q", "a"}, {"limit", "21"}}, "limit", "limit must be between 1 and 20"},
      {{{"q", "a"}, {"q", "b"}}, "q", "q may appear only once"},
      {{{"q", std::string(kParamLimits.max_suggest_q_chars + 1, 'a')}},
       "q",
       "q must be at most 100 characters"},
      {{{"q", "\xFF"}}, "q", "q must be valid UTF-8"},
      {{{"state", "CA"}}, "state", "unknown parameter 'state'"},
  };
  for (const auto& [params, field, message] : bad) {
    CAPTURE(message);
    Result<SuggestRequest> rejected = ParseSuggestParams(params);
    REQUIRE_FALSE(rejected.ok());
    CHECK(rejected.error().status == 400);
    CHECK(rejected.error().field == field);
    CHECK(rejected.error().message == message);
  }
}

}  // namespace
}  // namespace rapport
