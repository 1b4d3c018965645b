// The facet catalogue (facet_catalogue.h): one entry a facet.
#include "facet_catalogue.h"

#include "index_layout.h"

namespace rapport {
namespace {

constexpr int kFirstPandemicYear = 2020;
constexpr int kLastPandemicYear = 2021;

void AppendAll(const std::vector<std::string>& stored, FacetValueViews& values) {
  values.insert(values.end(), stored.begin(), stored.end());
}

void AppendOne(const std::string& stored, FacetValueViews& values) {
  if (!stored.empty()) values.emplace_back(stored);
}

void TelehealthExperience(const Profile& profile, FacetValueViews& values) {
  if (profile.telehealth && profile.telehealth->since) {
    values.push_back(ExperienceBucket(*profile.telehealth->since));
  }
}

void Accepting(const Profile& profile, FacetValueViews& values) {
  if (profile.accepting_new_clients) {
    values.emplace_back(*profile.accepting_new_clients ? "true" : "false");
  }
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
          .PanelPosition(1)
          .Describe("modalities")
          .Prefix(layout::kModalityPrefix)
          .Stored("modalities",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.modalities, v); })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("specialty")
          .Label("Specialty")
          .PanelPosition(2)
          .Describe("specialties")
          .Prefix(layout::kSpecialtyPrefix)
          .Stored("specialties",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.specialties, v); })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("population")
          .Label("Clients")
          .Describe("client populations")
          .Prefix(layout::kPopulationPrefix)
          .Stored("populations",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.populations, v); })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("session_format")
          .Label("Session format")
          .PanelPosition(5)
          .Describe("session formats")
          .Prefix(layout::kSessionFormatPrefix)
          .Stored("session_formats",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.session_formats, v); })
          .TextSearchable()
          .DetectedInBio(),
      VocabularyFacet("language")
          .Label("Language")
          .PanelPosition(4)
          .Describe("languages (ISO 639-1 codes)")
          .Prefix(layout::kLanguagePrefix)
          .Stored("languages",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.languages, v); })
          .TextSearchable(),
      VocabularyFacet("insurance")
          .Label("Insurance")
          .PanelPosition(3)
          .Describe("insurance plans")
          .Prefix(layout::kInsurancePrefix)
          .Stored("insurance",
                  [](const Profile& p, FacetValueViews& v) { AppendAll(p.insurance, v); })
          .TextSearchable(),
      VocabularyFacet("gender")
          .Label("Therapist's gender")
          .PanelPosition(6)
          .Describe("therapist genders")
          .Prefix(layout::kGenderPrefix)
          .Stored("gender", [](const Profile& p, FacetValueViews& v) { AppendOne(p.gender, v); }),
      VocabularyFacet("profession")
          .Label("Profession")
          .Describe("professions")
          .Prefix(layout::kProfessionPrefix)
          .Stored("profession",
                  [](const Profile& p, FacetValueViews& v) { AppendOne(p.profession, v); })
          .TextSearchable(),
      VocabularyFacet("mode")
          .Label("Online sessions by")
          .PanelPosition(7)
          .Describe("telehealth modes (video, phone, chat)")
          .Prefix(layout::kModePrefix)
          .Stored("telehealth.modes",
                  [](const Profile& p, FacetValueViews& v) {
                    if (p.telehealth) AppendAll(p.telehealth->modes, v);
                  }),
      VocabularyFacet("platform")
          .Label("Telehealth platform")
          .Describe("telehealth platforms")
          .Prefix(layout::kPlatformPrefix)
          .Stored("telehealth.platforms",
                  [](const Profile& p, FacetValueViews& v) {
                    if (p.telehealth) AppendAll(p.telehealth->platforms, v);
                  }),
      VocabularyFacet("device")
          .Label("Client device")
          .Describe("client devices supported for telehealth")
          .Prefix(layout::kDevicePrefix)
          .Stored("telehealth.devices",
                  [](const Profile& p, FacetValueViews& v) {
                    if (p.telehealth) AppendAll(p.telehealth->devices, v);
                  }),
      FacetSpec("telehealth_experience")
          .Label("Telehealth experience")
          .PanelPosition(8)
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
          .PanelPosition(9)
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

std::string_view ExperienceBucket(int since_year) {
  if (since_year < kFirstPandemicYear) return layout::kExperienceBefore2020;
  if (since_year <= kLastPandemicYear) return layout::kExperience2020To2021;
  return layout::kExperience2022OrLater;
}

}  // namespace rapport
