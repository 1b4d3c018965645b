// ProfileGenerator: who the therapist is and where they practise. The
// clinical focus, terms and timestamps are in profile_details.cpp, the bio in
// bio_writer.cpp.
#include "profile_generator.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "bio_writer.h"
#include "calendar.h"
#include "names.h"
#include "npi.h"

namespace rapport::generator {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegreeLat = 111.32;
constexpr double kNearbyStateKm = 500;  // extra licenses often lie this close to home
constexpr double kNearbyShare = 0.6;
constexpr int kCoordinateDecimals = 4;
// Larger cities get more therapists, but less than in proportion so small states appear.
constexpr double kCityPopulationExponent = 0.6;

// Profession shares, in the order of vocab.json's professions where listed.
const std::map<std::string, double> kProfessionShares = {
    {"counselor", 30}, {"social_worker", 25}, {"psychologist", 18},
    {"mft", 15},       {"psychiatrist", 6},   {"psychiatric_np", 6}};

// Relative weight of each telehealth start year from GeneratorConfig::first_since_year: rare early,
// a bump in 2020-2021 when the pandemic moved practices online.
const std::vector<double> kSinceYearWeights = {1, 1, 1, 1, 1,  1,  1, 1, 1, 1, 2,
                                               2, 3, 3, 4, 22, 12, 6, 5, 5, 4, 2};

double RoundCoordinate(double value) {
  const double scale = std::pow(10.0, kCoordinateDecimals);
  return std::round(value * scale) / scale;
}

double DistanceKm(const City& a, const City& b) {
  const double dlat = (a.lat - b.lat) * kKmPerDegreeLat;
  const double dlon = (a.lon - b.lon) * kKmPerDegreeLat * std::cos((a.lat + b.lat) / 2 * kPi / 180);
  return std::sqrt(dlat * dlat + dlon * dlon);
}

const std::map<std::string, std::vector<std::string>> kSecondCredentials = {
    {"counselor", {"NCC"}}, {"social_worker", {"MSW"}}, {"psychiatric_np", {"APRN", "DNP"}}};

// State-specific names of the same license, where states differ.
std::string LicenseType(const std::string& profession, const std::string& state) {
  auto in = [&state](std::initializer_list<const char*> states) {
    for (const char* s : states) {
      if (state == s) return true;
    }
    return false;
  };
  if (profession == "counselor") {
    if (in({"NY", "MA", "FL", "WA", "RI", "IN"})) return "LMHC";
    if (in({"CA", "OH", "NM", "MN", "KY", "ND", "SD"})) return "LPCC";
    if (in({"IL", "MD", "ME", "MT", "ID", "KS"})) return "LCPC";
    return "LPC";
  }
  if (profession == "social_worker") {
    if (in({"MA", "MN", "WA", "VT", "RI", "NH", "DC"})) return "LICSW";
    if (in({"OH", "IA", "SC", "NM"})) return "LISW";
    if (state == "MD") return "LCSW-C";
    return "LCSW";
  }
  if (profession == "mft") return "LMFT";
  if (profession == "psychologist") return "Psychologist";
  if (profession == "psychiatrist") return "Physician";
  return "APRN";
}

std::string LicenseNumber(Prng& prng) {
  const int digits = prng.Between(5, 7);
  std::string number;
  for (int i = 0; i < digits; ++i) number += static_cast<char>('0' + prng.Below(10));
  if (number[0] == '0') number[0] = '1';
  return number;
}

std::string Pronouns(Prng& prng, const std::string& gender) {
  if (gender == "female") return prng.Chance(0.94) ? "she/her" : "she/they";
  if (gender == "male") return prng.Chance(0.95) ? "he/him" : "he/they";
  if (gender == "non-binary") {
    const char* const kOptions[] = {"they/them", "they/them", "they/them",
                                    "she/they",  "he/they",   "ze/zir"};
    return kOptions[prng.Below(6)];
  }
  return "they/them";
}

}  // namespace

struct ProfileGenerator::Home {
  size_t city = 0;
  std::vector<Office> offices;
};

ProfileGenerator::ProfileGenerator(const Catalog& catalog, uint64_t seed, GeneratorConfig config)
    : catalog_(catalog),
      seed_(seed),
      config_(config),
      reference_seconds_(
          UnixSeconds(config.reference_year, config.reference_month, config.reference_day)),
      since_weights_(kSinceYearWeights) {
  for (const auto& [facet, values] : catalog_.facets) {
    std::vector<double> weights;
    for (size_t i = 0; i < values.size(); ++i) weights.push_back(1.0 / (1.0 + 0.12 * i));
    facet_weights_.emplace(facet, WeightedTable(weights));
  }
  std::vector<double> city_weights;
  for (size_t i = 0; i < catalog_.cities.size(); ++i) {
    city_weights.push_back(std::pow(catalog_.cities[i].population, kCityPopulationExponent));
    cities_by_state_[catalog_.cities[i].state].push_back(i);
  }
  city_weights_ = WeightedTable(city_weights);
  std::vector<double> profession_weights;
  for (const auto& profession : catalog_.Facet("profession")) {
    auto share = kProfessionShares.find(profession.value);
    profession_weights.push_back(share == kProfessionShares.end() ? 1 : share->second);
  }
  profession_weights_ = WeightedTable(profession_weights);
}

Profile ProfileGenerator::Generate(uint64_t index) const {
  uint64_t mix = seed_ ^ (index * 0xd1b54a32d192ed03ULL);
  Prng prng(SplitMix64(mix));
  Profile profile;
  char id[32];
  std::snprintf(id, sizeof id, "t-%07llu", static_cast<unsigned long long>(index + 1));
  profile.id = id;
  profile.profession = catalog_.Facet("profession")[profession_weights_.Pick(prng)].value;
  if (!prng.Chance(config_.gender_absent)) {
    const double draw = prng.Unit();
    profile.gender = draw < 0.68 ? "female" : draw < 0.96 ? "male" : "non-binary";
  }
  profile.name = InventName(prng, profile.gender);
  if (prng.Chance(config_.npi_present)) profile.npi = InventNpi(prng);
  if (prng.Chance(config_.pronouns_present)) profile.pronouns = Pronouns(prng, profile.gender);

  AddPractice(prng, &profile);
  AddClinicalFocus(prng, &profile);
  AddTerms(prng, &profile);
  AddTelehealth(prng, &profile);
  AddTimestamps(prng, &profile);
  profile.bio = WriteBio(prng, catalog_, profile, config_.bio);
  // Last, so adding contact left every earlier field of the sample as it was.
  AddContact(prng, &profile);
  return profile;
}

ProfileGenerator::Home ProfileGenerator::PickHome(Prng& prng) const {
  Home home;
  home.city = city_weights_.Pick(prng);
  if (prng.Chance(config_.telehealth_only)) return home;
  const int office_count = prng.Chance(config_.second_office) ? 2 : 1;
  for (int i = 0; i < office_count; ++i) {
    size_t city_index = home.city;
    if (i > 0 && !prng.Chance(config_.second_office_same_city)) {
      const auto& same_state = cities_by_state_.at(catalog_.cities[home.city].state);
      city_index = same_state[prng.Below(same_state.size())];
    }
    const City& city = catalog_.cities[city_index];
    // Uniform over a disc: the square root keeps offices from bunching at the centre.
    const double distance_km = config_.office_jitter_km * std::sqrt(prng.Unit());
    const double angle = 2 * kPi * prng.Unit();
    Office office;
    office.city = city.city;
    office.state = city.state;
    office.lat = RoundCoordinate(city.lat + distance_km * std::sin(angle) / kKmPerDegreeLat);
    office.lon = RoundCoordinate(city.lon + distance_km * std::cos(angle) /
                                                (kKmPerDegreeLat * std::cos(city.lat * kPi / 180)));
    home.offices.push_back(std::move(office));
  }
  return home;
}

void ProfileGenerator::AddPractice(Prng& prng, Profile* profile) const {
  Home home = PickHome(prng);
  AddLicenses(prng, home, profile);
  profile->offices = std::move(home.offices);

  // Credentials: the license held (where it is a credential) or the degree.
  const auto& professions = catalog_.Facet("profession");
  std::vector<std::string> known;
  for (const auto& entry : professions) {
    if (entry.value == profile->profession) known = entry.credentials;
  }
  const std::set<std::string> known_set(known.begin(), known.end());
  if (!profile->licenses.empty() && known_set.count(profile->licenses[0].type) != 0) {
    profile->credentials.push_back(profile->licenses[0].type);
  } else if (!known.empty()) {
    // Degrees: earlier entries are the common ones (PhD before EdD, MD before DO).
    profile->credentials.push_back(known[prng.Chance(0.55) ? 0 : prng.Below(known.size())]);
  }
  // A second credential only where practitioners commonly list two; a psychologist is
  // not both PhD and PsyD, nor a counselor both LPC and LMHC.
  auto second = kSecondCredentials.find(profile->profession);
  if (second != kSecondCredentials.end() && !profile->credentials.empty() && prng.Chance(0.25)) {
    const std::string extra = second->second[prng.Below(second->second.size())];
    if (extra != profile->credentials.front() && known_set.count(extra) != 0) {
      profile->credentials.push_back(extra);
    }
  }
}

void ProfileGenerator::AddLicenses(Prng& prng, const Home& home, Profile* profile) const {
  if (prng.Chance(config_.licenses_absent)) return;
  const City& home_city = catalog_.cities[home.city];
  std::vector<std::string> states;
  auto add_state = [&states](const std::string& state) {
    for (const auto& s : states) {
      if (s == state) return;
    }
    states.push_back(state);
  };
  add_state(home_city.state);
  for (const auto& office : home.offices) add_state(office.state);

  int extra = prng.Chance(config_.extra_license) ? 1 : 0;
  if (home.offices.empty()) {
    const double draw = prng.Unit();
    extra = draw < 0.6 ? 0 : draw < 0.88 ? 1 : config_.max_telehealth_only_licenses - 1;
  }
  for (int i = 0; i < extra; ++i) {
    std::vector<std::string> nearby;
    if (prng.Chance(kNearbyShare)) {
      for (const auto& city : catalog_.cities) {
        if (city.state != home_city.state && DistanceKm(city, home_city) < kNearbyStateKm) {
          nearby.push_back(city.state);
        }
      }
    }
    add_state(nearby.empty() ? catalog_.cities[city_weights_.Pick(prng)].state
                             : nearby[prng.Below(nearby.size())]);
  }
  for (const auto& state : states) {
    profile->licenses.push_back(
        {state, LicenseType(profile->profession, state), LicenseNumber(prng)});
  }

  for (const auto& compact : catalog_.compacts) {
    if (!compact.operational || compact.professions.count(profile->profession) == 0 ||
        compact.member_states.count(home_city.state) == 0) {
      continue;
    }
    const double share =
        compact.value == "psypact" ? config_.psypact_holder : config_.other_compact_holder;
    if (prng.Chance(share)) profile->compacts.push_back(compact.value);
  }
}

}  // namespace rapport::generator
