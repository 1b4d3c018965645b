// Tests of rapport-generate (data/generator/): determinism, that every
// generated profile is valid under the real ProfileValidator and uses only
// shipped vocabulary, and that the population has the intended shape.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "compacts.h"
#include "profile_validator.h"
#include "test_support.h"
#include "vocabulary.h"

namespace rapport {
namespace {

constexpr int kSampleCount = 3000;

std::string Generate(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {testing::CommandPath("rapport-generate")};
  argv.insert(argv.end(), args.begin(), args.end());
  testing::CommandOutput output = testing::RunCommand(argv);
  REQUIRE_MESSAGE(output.exit_code == 0, output.err);
  return output.out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Written independently of the generator: Luhn over "80840" + the ten digits.
bool NpiCheckDigitValid(const std::string& npi) {
  if (npi.size() != 10) return false;
  const std::string digits = "80840" + npi;
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int digit = digits[digits.size() - 1 - i] - '0';
    if (digit < 0 || digit > 9) return false;
    if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 == 0;
}

TEST_CASE("the same seed gives byte-identical output, a larger count extends it") {
  const std::string first = Generate({"--count", "300", "--seed", "7"});
  CHECK(first == Generate({"--count", "300", "--seed", "7"}));
  CHECK(first != Generate({"--count", "300", "--seed", "8"}));
  const std::string longer = Generate({"--count", "400", "--seed", "7"});
  CHECK(longer.compare(0, first.size(), first) == 0);
  CHECK(Lines(first).size() == 300);
  CHECK(Generate({"--count", "0"}).empty());
}

TEST_CASE("the committed sample is exactly --count 2000 --seed 1 --bios short") {
  const std::string sample = testing::ReadFile(testing::SourcePath("data/sample/profiles.ndjson"));
  REQUIRE(!sample.empty());
  CHECK(sample == Generate({"--count", "2000", "--seed", "1", "--bios", "short"}));
}

// Word counts of the bios of `ndjson`, sorted.
std::vector<size_t> BioWordCounts(const std::string& ndjson) {
  std::vector<size_t> counts;
  for (const std::string& line : Lines(ndjson)) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    std::istringstream words(doc["bio"].GetString());
    counts.push_back(std::distance(std::istream_iterator<std::string>(words),
                                   std::istream_iterator<std::string>()));
  }
  std::sort(counts.begin(), counts.end());
  return counts;
}

TEST_CASE("bios are personal statements of 150-400 words by default, short with --bios short") {
  const std::vector<size_t> statements = BioWordCounts(Generate({"--count", "1000"}));
  const size_t median = statements[statements.size() / 2];
  CHECK(median >= 200);
  CHECK(median <= 300);
  CHECK(statements[statements.size() / 10] >= 150);
  CHECK(statements[statements.size() * 9 / 10] <= 400);
  const std::vector<size_t> short_bios =
      BioWordCounts(Generate({"--count", "1000", "--bios", "short"}));
  CHECK(short_bios.back() < 100);
}

TEST_CASE("bad arguments and missing data files fail with a message") {
  const std::string command = testing::CommandPath("rapport-generate");
  for (const std::vector<std::string>& argv :
       std::vector<std::vector<std::string>>{{command},
                                             {command, "--count"},
                                             {command, "--count", "1", "--bios", "long"},
                                             {command, "--count", "-3"},
                                             {command, "--count", "ten"},
                                             {command, "--count", "5", "--seed"},
                                             {command, "--count", "5", "--frobnicate"}}) {
    testing::CommandOutput output = testing::RunCommand(argv);
    CHECK(output.exit_code == 2);
    CHECK(output.out.empty());
    CHECK(output.err.find("usage") != std::string::npos);
  }
  testing::TempDir empty;
  testing::CommandOutput missing =
      testing::RunCommand({command, "--count", "5", "--data-files", empty.path()});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("vocab.json") != std::string::npos);
  testing::CommandOutput help = testing::RunCommand({command, "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--count") != std::string::npos);
}

struct Population {
  int profiles = 0;
  int telehealth_only = 0;
  int telehealth = 0;
  int accepting_known = 0;
  int accepting = 0;
  int with_npi = 0;
  int without_fee = 0;
  int psypact = 0;
  std::set<std::string> office_states;
  std::set<std::string> professions;
  std::map<int, int> since_years;
};

// Checks one profile line beyond the validator: vocabulary, ids, NPIs, offices
// near a real city, and bios that speak of the profile's own specialties.
void CheckProfile(const rapidjson::Document& doc, const Vocabulary& vocab,
                  const std::vector<std::pair<double, double>>& cities, int line_number,
                  Population* population) {
  char expected_id[16];
  std::snprintf(expected_id, sizeof expected_id, "t-%07d", line_number);
  CHECK(std::string(doc["id"].GetString()) == expected_id);
  if (doc.HasMember("npi")) {
    ++population->with_npi;
    CHECK_MESSAGE(NpiCheckDigitValid(doc["npi"].GetString()), doc["npi"].GetString());
  }
  const std::map<std::string, std::string> list_facets = {
      {"specialties", "specialty"},  {"modalities", "modality"},
      {"populations", "population"}, {"session_formats", "session_format"},
      {"languages", "language"},     {"insurance", "insurance"}};
  for (const auto& [field, facet] : list_facets) {
    if (!doc.HasMember(field.c_str())) continue;
    for (const auto& value : doc[field.c_str()].GetArray()) {
      CHECK_MESSAGE(vocab.Contains(facet, value.GetString()), field, " ", value.GetString());
    }
  }
  // Offices lie within a few km of a gazetteer city.
  for (const auto& office : doc["offices"].GetArray()) {
    population->office_states.insert(office["state"].GetString());
    const double lat = office["lat"].GetDouble(), lon = office["lon"].GetDouble();
    double nearest_km = 1e9;
    for (const auto& [city_lat, city_lon] : cities) {
      const double dlat = (lat - city_lat) * 111.32;
      const double dlon = (lon - city_lon) * 111.32 * std::cos(lat * M_PI / 180);
      nearest_km = std::min(nearest_km, std::sqrt(dlat * dlat + dlon * dlon));
    }
    CHECK(nearest_km <= 5.0);
  }
  // The bio names at least one of the profile's specialties or modalities by label.
  std::string bio = doc["bio"].GetString();
  for (auto& c : bio) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool mentions_own_focus = false;
  for (const auto& value : doc["specialties"].GetArray()) {
    std::string label = vocab.Label("specialty", value.GetString());
    for (auto& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (bio.find(label) != std::string::npos) mentions_own_focus = true;
  }
  CHECK_MESSAGE(mentions_own_focus, bio);

  ++population->profiles;
  population->professions.insert(doc["profession"].GetString());
  if (doc["offices"].Empty()) ++population->telehealth_only;
  if (doc.HasMember("telehealth")) {
    ++population->telehealth;
    if (doc["telehealth"].HasMember("since")) {
      ++population->since_years[doc["telehealth"]["since"].GetInt()];
    }
  } else {
    CHECK_FALSE(doc["offices"].Empty());  // everyone can be seen somehow
  }
  if (doc.HasMember("accepting_new_clients")) {
    ++population->accepting_known;
    if (doc["accepting_new_clients"].GetBool()) ++population->accepting;
  }
  if (!doc.HasMember("fee")) ++population->without_fee;
  if (doc.HasMember("compacts")) {
    for (const auto& compact : doc["compacts"].GetArray()) {
      if (std::string(compact.GetString()) == "psypact") {
        ++population->psypact;
        CHECK(std::string(doc["profession"].GetString()) == "psychologist");
      }
    }
  }
}

TEST_CASE("every generated profile passes the profile validator and uses shipped data") {
  Result<Vocabulary> vocab = Vocabulary::Load(testing::SourcePath("data/vocab.json"));
  Result<Compacts> compacts = Compacts::Load(testing::SourcePath("data/compacts.json"));
  REQUIRE(vocab.ok());
  REQUIRE(compacts.ok());
  rapidjson::Document cities_doc;
  cities_doc.Parse(testing::ReadFile(testing::SourcePath("data/cities.json")).c_str());
  REQUIRE(cities_doc.IsArray());
  std::vector<std::pair<double, double>> cities;
  for (const auto& city : cities_doc.GetArray()) {
    cities.emplace_back(city["lat"].GetDouble(), city["lon"].GetDouble());
  }
  const ProfileValidator validator(vocab.value(), compacts.value(), std::time(nullptr));

  Population population;
  const std::vector<std::string> lines =
      Lines(Generate({"--count", std::to_string(kSampleCount), "--seed", "3"}));
  REQUIRE(lines.size() == kSampleCount);
  for (size_t i = 0; i < lines.size(); ++i) {
    rapidjson::Document doc;
    doc.Parse(lines[i].c_str());
    REQUIRE_MESSAGE(doc.IsObject(), lines[i]);
    const ValidationOutcome outcome = validator.Validate(doc, ValidationMode::kEditor);
    if (!outcome.ok()) {
      FAIL_CHECK(lines[i], "\n", outcome.errors[0].field, ": ", outcome.errors[0].reason);
      continue;
    }
    CheckProfile(doc, vocab.value(), cities, static_cast<int>(i + 1), &population);
  }

  const double n = population.profiles;
  REQUIRE(n == kSampleCount);
  CHECK(population.telehealth_only / n == doctest::Approx(0.25).epsilon(0.16));
  CHECK(population.telehealth / n == doctest::Approx(0.80).epsilon(0.06));
  CHECK(static_cast<double>(population.accepting) / population.accepting_known ==
        doctest::Approx(0.70).epsilon(0.08));
  CHECK(population.with_npi / n == doctest::Approx(0.9).epsilon(0.05));
  CHECK(population.without_fee > 0);  // optional fields are sometimes absent
  CHECK(population.psypact > 0);
  CHECK(population.professions.size() == vocab.value().Entries("profession").size());
  // Offices in every state and DC.
  CHECK(population.office_states.size() >= 51);
  // The 2020-2021 bump: each of those years outnumbers any pre-2020 year.
  int busiest_before_2020 = 0;
  for (const auto& [year, count] : population.since_years) {
    CHECK(year >= 2005);
    CHECK(year <= 2026);
    if (year < 2020) busiest_before_2020 = std::max(busiest_before_2020, count);
  }
  CHECK(population.since_years[2020] > 2 * busiest_before_2020);
  CHECK(population.since_years[2021] > busiest_before_2020);
}

}  // namespace
}  // namespace rapport
