// The facet catalogue (facet_catalogue.h): one entry a facet.
#include "facet_catalogue.h"

#include "index_layout.h"

namespace rapport {
namespace {

constexpr int kFirstPandemicYear = 2020;
constexpr int kLastPandemicYear = 2021;

std::vector<std::string> None() { return {}; }

std::vector<std::string> One(const std::string& value) {
  if (value.empty()) return None();
  return {value};
}

std::vector<std::string> TelehealthExperience(const Profile& profile) {
  if (!profile.telehealth || !profile.telehealth->since) return None();
  return {ExperienceBucket(*profile.telehealth->since)};
}

std::vector<std::string> Accepting(const Profile& profile) {
  if (!profile.accepting_new_clients) return None();
  return {*profile.accepting_new_clients ? "true" : "false"};
}

// A facet profiles store as vocabulary slugs (its vocab.json list has its
// name): suggested, a `field:` in q, a partner filter, filterable with a
// repeatable parameter, and counted.
FacetSpec VocabularyFacet(std::string_view name) {
  return FacetSpec(name)
      .Vocabulary(name)
      .Suggested()
      .QueryField()
      .PartnerFilter()
      .Filterable()
      .Counted();
}

std::vector<FacetSpec> MakeCatalogue() {
  return {
      VocabularyFacet("modality")
          .Label("Approach")
          .Describe("modalities")
          .Prefix(layout::kModalityPrefix)
          .Stored("modalities", [](const Profile& p) { return p.modalities; })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("specialty")
          .Label("Specialty")
          .Describe("specialties")
          .Prefix(layout::kSpecialtyPrefix)
          .Stored("specialties", [](const Profile& p) { return p.specialties; })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("population")
          .Label("Clients")
          .Describe("client populations")
          .Prefix(layout::kPopulationPrefix)
          .Stored("populations", [](const Profile& p) { return p.populations; })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("session_format")
          .Label("Session format")
          .Describe("session formats")
          .Prefix(layout::kSessionFormatPrefix)
          .Stored("session_formats", [](const Profile& p) { return p.session_formats; })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("language")
          .Label("Language")
          .Describe("languages (ISO 639-1 codes)")
          .Prefix(layout::kLanguagePrefix)
          .Stored("languages", [](const Profile& p) { return p.languages; })
          .TextSearchable(),
      VocabularyFacet("insurance")
          .Label("Insurance")
          .Describe("insurance plans")
          .Prefix(layout::kInsurancePrefix)
          .Stored("insurance", [](const Profile& p) { return p.insurance; })
          .TextSearchable(),
      VocabularyFacet("gender")
          .Label("Therapist gender")
          .Describe("therapist genders")
          .Prefix(layout::kGenderPrefix)
          .Stored("gender", [](const Profile& p) { return One(p.gender); }),
      VocabularyFacet("profession")
          .Label("Profession")
          .Describe("professions")
          .Prefix(layout::kProfessionPrefix)
          .Stored("profession", [](const Profile& p) { return One(p.profession); })
          .TextSearchable(),
      VocabularyFacet("mode")
          .Label("Telehealth by")
          .Describe("telehealth modes (video, phone, chat)")
          .Prefix(layout::kModePrefix)
          .Stored("telehealth.modes",
                  [](const Profile& p) { return p.telehealth ? p.telehealth->modes : None(); }),
      VocabularyFacet("platform")
          .Label("Telehealth platform")
          .Describe("telehealth platforms")
          .Prefix(layout::kPlatformPrefix)
          .Stored("telehealth.platforms",
                  [](const Profile& p) { return p.telehealth ? p.telehealth->platforms : None(); }),
      VocabularyFacet("device")
          .Label("Client device")
          .Describe("client devices supported for telehealth")
          .Prefix(layout::kDevicePrefix)
          .Stored("telehealth.devices",
                  [](const Profile& p) { return p.telehealth ? p.telehealth->devices : None(); }),
      FacetSpec("telehealth_experience")
          .Label("Telehealth experience")
          .Describe("telehealth experience buckets (before-2020, 2020-2021, 2022-or-later, from "
                    "telehealth.since)")
          .Prefix(layout::kExperiencePrefix)
          .Vocabulary("telehealth_experience")
          .Computed(TelehealthExperience)
          .Filterable()
          .Counted(),
      // Its search parameter is the boolean accepting=true (search_param_table.cpp);
      // a request may still filter by its values like any other facet.
      FacetSpec("accepting")
          .Label("Accepting new clients")
          .Describe("whether the therapist accepts new clients")
          .Prefix(layout::kAcceptingPrefix)
          .Vocabulary("accepting")
          .Computed(Accepting)
          .OwnParameter()
          .Filterable()
          .Counted(),
      // Its search parameter is state=XX with its own place rules; suggestions
      // rank states by licenses, and a partner key fixed to a state keeps the
      // therapists licensed there (the place terms: document_builder.cpp).
      FacetSpec("state")
          .Label("State")
          .Describe("US states (two-letter codes)")
          .Prefix(layout::kLicensedStatePrefix)
          .Vocabulary("state")
          .Computed(nullptr)
          .OwnParameter()
          .Suggested()
          .PartnerFilter(),
  };
}

}  // namespace

const std::vector<FacetSpec>& FacetCatalogue() {
  static const std::vector<FacetSpec> kCatalogue = MakeCatalogue();
  return kCatalogue;
}

const FacetSpec* FindFacet(std::string_view name) {
  for (const FacetSpec& facet : FacetCatalogue()) {
    if (facet.name == name) return &facet;
  }
  return nullptr;
}

std::string ExperienceBucket(int since_year) {
  if (since_year < kFirstPandemicYear) return std::string(layout::kExperienceBefore2020);
  if (since_year <= kLastPandemicYear) return std::string(layout::kExperience2020To2021);
  return std::string(layout::kExperience2022OrLater);
}

}  // namespace rapport
