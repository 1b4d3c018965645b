// ProfileGenerator: the clinical focus (specialties, modalities, populations,
// formats, languages), the practical terms (insurance, fee, availability),
// telehealth and the freshness timestamps.
#include <algorithm>
#include <cmath>
#include <set>

#include "calendar.h"
#include "profile_generator.h"

namespace rapport::generator {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// States where Spanish-speaking therapists are most common.
const std::set<std::string> kSpanishStates = {"CA", "TX", "FL", "NM", "AZ", "NV", "NY", "NJ", "IL"};

bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Each listed value of `facet` with its probability; other values with `other`.
std::vector<std::string> IncludeEach(Prng& prng, const Catalog& catalog, const std::string& facet,
                                     const std::map<std::string, double>& chances, double other) {
  std::vector<std::string> picked;
  for (const auto& entry : catalog.Facet(facet)) {
    auto chance = chances.find(entry.value);
    if (prng.Chance(chance == chances.end() ? other : chance->second)) {
      picked.push_back(entry.value);
    }
  }
  return picked;
}

// Adds `value` when the vocabulary has it and the profile does not yet.
void AddKnown(const Catalog& catalog, const std::string& facet, const std::string& value,
              std::vector<std::string>* values) {
  if (Has(*values, value)) return;
  for (const auto& entry : catalog.Facet(facet)) {
    if (entry.value == value) {
      values->push_back(value);
      return;
    }
  }
}

}  // namespace

std::vector<std::string> ProfileGenerator::PickValues(Prng& prng, const std::string& facet,
                                                      size_t count) const {
  std::vector<std::string> values;
  const auto& entries = catalog_.Facet(facet);
  for (size_t index : facet_weights_.at(facet).PickDistinct(prng, count)) {
    values.push_back(entries[index].value);
  }
  return values;
}

void ProfileGenerator::AddClinicalFocus(Prng& prng, Profile* profile) const {
  const std::string& profession = profile->profession;
  const bool prescriber = profession == "psychiatrist" || profession == "psychiatric_np";

  profile->specialties = PickValues(prng, "specialty", prng.Between(3, 8));
  if (prescriber && prng.Chance(0.9)) {
    AddKnown(catalog_, "specialty", "medication-management", &profile->specialties);
  }
  if (profession == "mft" && prng.Chance(0.6)) {
    AddKnown(catalog_, "specialty", "couples", &profile->specialties);
  }
  profile->modalities =
      PickValues(prng, "modality", prescriber ? prng.Between(1, 3) : prng.Between(2, 5));

  profile->populations = IncludeEach(prng, catalog_, "population",
                                     {{"adults", 0.9},
                                      {"teens", 0.4},
                                      {"preteens", 0.2},
                                      {"children", 0.15},
                                      {"older-adults", 0.3}},
                                     0.2);
  if (profile->populations.empty())
    AddKnown(catalog_, "population", "adults", &profile->populations);
  if (Has(profile->populations, "children") && prng.Chance(0.4)) {
    AddKnown(catalog_, "modality", "play-therapy", &profile->modalities);
  }

  const bool family_focus = profession == "mft";
  profile->session_formats = IncludeEach(prng, catalog_, "session_format",
                                         {{"individual", 0.95},
                                          {"couples", family_focus ? 0.85 : 0.3},
                                          {"family", family_focus ? 0.7 : 0.2},
                                          {"group", 0.1}},
                                         0.1);
  if (profile->session_formats.empty()) {
    AddKnown(catalog_, "session_format", "individual", &profile->session_formats);
  }

  const std::string home_state =
      profile->licenses.empty() ? std::string() : profile->licenses.front().state;
  const bool no_english = prng.Chance(config_.no_english);
  if (!no_english) AddKnown(catalog_, "language", "en", &profile->languages);
  const double spanish =
      kSpanishStates.count(home_state) ? config_.spanish_in_spanish_states : config_.spanish;
  if (no_english || prng.Chance(spanish)) {
    AddKnown(catalog_, "language", "es", &profile->languages);
  }
  if (prng.Chance(config_.second_language)) {
    for (const auto& language : PickValues(prng, "language", 4)) {
      if (!Has(profile->languages, language)) {
        profile->languages.push_back(language);
        break;
      }
    }
  }
}

void ProfileGenerator::AddTerms(Prng& prng, Profile* profile) const {
  if (!prng.Chance(config_.insurance_absent)) {
    profile->insurance = PickValues(prng, "insurance", prng.Between(1, 8));
  }
  if (prng.Chance(config_.fee_present)) {
    const bool prescriber =
        profile->profession == "psychiatrist" || profile->profession == "psychiatric_np";
    const int steps = (config_.max_fee - config_.min_fee) / config_.fee_step;
    // Prescribers charge from the upper half of the range.
    const int low_step = prescriber ? steps / 2 : 0;
    const int high_step = prescriber ? steps - 2 : steps * 3 / 4;
    Fee fee;
    fee.min = config_.min_fee + config_.fee_step * prng.Between(low_step, high_step);
    const int room = (config_.max_fee - *fee.min) / config_.fee_step;
    fee.max = prng.Chance(0.3) ? *fee.min
                               : *fee.min + config_.fee_step * prng.Between(0, std::min(room, 16));
    if (prng.Chance(0.9)) fee.sliding_scale = prng.Chance(config_.sliding_scale);
    profile->fee = fee;
  }
  if (prng.Chance(config_.accepting_present)) {
    profile->accepting_new_clients = prng.Chance(config_.accepting);
  }
}

void ProfileGenerator::AddTelehealth(Prng& prng, Profile* profile) const {
  if (!profile->offices.empty() && !prng.Chance(config_.office_offers_telehealth)) return;
  Telehealth telehealth;
  telehealth.modes =
      IncludeEach(prng, catalog_, "mode", {{"video", 0.97}, {"phone", 0.55}, {"chat", 0.12}}, 0.1);
  if (telehealth.modes.empty()) AddKnown(catalog_, "mode", "video", &telehealth.modes);
  if (prng.Chance(0.95)) telehealth.platforms = PickValues(prng, "platform", prng.Between(1, 2));
  if (prng.Chance(0.9)) {
    telehealth.devices = IncludeEach(
        prng, catalog_, "device", {{"desktop", 0.95}, {"smartphone", 0.7}, {"tablet", 0.5}}, 0.3);
  }
  if (prng.Chance(0.94)) {
    telehealth.since =
        std::min(config_.reference_year,
                 config_.first_since_year + static_cast<int>(since_weights_.Pick(prng)));
  }
  if (prng.Chance(0.8)) telehealth.group_therapy = prng.Chance(0.15);
  profile->telehealth = std::move(telehealth);
}

void ProfileGenerator::AddTimestamps(Prng& prng, Profile* profile) const {
  // Powers of a uniform number skew ages towards the recent past, as active
  // directories are: most profiles were touched in the last months.
  auto age_seconds = [&](double skew) {
    const double days = config_.history_days * std::pow(prng.Unit(), skew);
    return static_cast<int64_t>(days * kSecondsPerDay);
  };
  profile->updated_at = FormatUtc(reference_seconds_ - age_seconds(2.0));
  if (prng.Chance(config_.availability_present)) {
    profile->availability_confirmed_at = FormatUtc(reference_seconds_ - age_seconds(2.5));
  }
  if (prng.Chance(config_.verified_present)) {
    // Editors record the day of a license check, not the time.
    const int64_t verified = reference_seconds_ - age_seconds(1.5);
    profile->verified_at = FormatUtc(verified - verified % kSecondsPerDay);
  }
}

}  // namespace rapport::generator
