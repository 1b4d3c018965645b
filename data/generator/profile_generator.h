// ProfileGenerator: makes synthetic therapist profiles (DESIGN.md §2) from a
// Catalog. Profile i depends only on (seed, i), so a run with a larger count
// starts with exactly the profiles of a smaller one.
#pragma once

#include <cstdint>
#include <string>

#include "bio_writer.h"
#include "catalog.h"
#include "prng.h"
#include "profile.h"

namespace rapport::generator {

// The shape of the generated population. Probabilities are per profile.
struct GeneratorConfig {
  // Dates are spread backwards from this fixed day (never the clock).
  int reference_year = 2026;
  int reference_month = 11;
  int reference_day = 25;
  int history_days = 730;       // timestamps fall within this many days before the reference
  int first_since_year = 2005;  // earliest telehealth.since

  double telehealth_only = 0.25;           // no office at all
  double office_offers_telehealth = 0.73;  // of those with an office (~80% overall)
  double second_office = 0.15;
  double second_office_same_city = 0.6;
  double office_jitter_km = 4.5;  // offices lie within this of the city centre
  double extra_license = 0.25;    // licensed in one more state than the offices'
  int max_telehealth_only_licenses = 3;
  double psypact_holder = 0.45;        // of psychologists whose home state is a member
  double other_compact_holder = 0.35;  // of other professions a compact applies to

  double npi_present = 0.9;
  double pronouns_present = 0.88;
  double gender_absent = 0.02;
  double fee_present = 0.85;
  double sliding_scale = 0.35;
  double accepting_present = 0.96;
  double accepting = 0.7;
  double insurance_absent = 0.22;
  double availability_present = 0.88;
  double verified_present = 0.9;
  double licenses_absent = 0.02;
  double second_language = 0.14;
  BioShape bio;  // bio length distribution (bio_writer.h)
  double spanish = 0.09;
  double spanish_in_spanish_states = 0.25;  // CA, TX, FL and the others listed in the generator
  double no_english = 0.015;                // speaks Spanish instead

  // Contact: the shares of profiles giving each way (of those giving any).
  double contact_absent = 0.08;
  double contact_phone = 0.85;
  double contact_email = 0.7;
  double contact_website = 0.6;
  double contact_booking_with_website = 0.45;
  double contact_booking_without_website = 0.15;

  int min_fee = 60;
  int max_fee = 250;
  int fee_step = 5;
};

class ProfileGenerator {
 public:
  ProfileGenerator(const Catalog& catalog, uint64_t seed, GeneratorConfig config = {});

  // The profile numbered `index` (0-based; its id is t-<index+1, 7 digits>).
  Profile Generate(uint64_t index) const;

 private:
  struct Home;
  Home PickHome(Prng& prng) const;
  void AddPractice(Prng& prng, Profile* profile) const;
  void AddLicenses(Prng& prng, const Home& home, Profile* profile) const;
  void AddClinicalFocus(Prng& prng, Profile* profile) const;
  void AddTerms(Prng& prng, Profile* profile) const;
  void AddTelehealth(Prng& prng, Profile* profile) const;
  void AddTimestamps(Prng& prng, Profile* profile) const;
  void AddContact(Prng& prng, Profile* profile) const;
  std::vector<std::string> PickValues(Prng& prng, const std::string& facet, size_t count) const;

  const Catalog& catalog_;
  uint64_t seed_;
  GeneratorConfig config_;
  int64_t reference_seconds_;
  // Facet name -> weights by file order (earlier values are more common).
  std::map<std::string, WeightedTable> facet_weights_;
  WeightedTable city_weights_;
  WeightedTable profession_weights_;
  WeightedTable since_weights_;
  std::map<std::string, std::vector<size_t>> cities_by_state_;
};

}  // namespace rapport::generator
