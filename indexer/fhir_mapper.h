// MapPractitioner: one Practitioner with its PractitionerRoles, Locations and
// HealthcareServices → a profile document (JSON, for the validator in import
// mode), per docs/interop.md §5.2. What it cannot carry is returned as notes,
// never guessed.
#pragma once

#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "fhir_resources.h"
#include "fhir_urls.h"
#include "nppes_taxonomy.h"
#include "office_geocoder.h"
#include "vocabulary.h"

namespace rapport {

enum class FhirPractitionerKind { kProfile, kInvalidNpi, kNoBehavioralSpecialty, kInactive };

struct FhirMapping {
  FhirPractitionerKind kind = FhirPractitionerKind::kProfile;
  std::string key;                 // "Practitioner/id"
  rapidjson::Document document;    // the profile, when kind is kProfile
  std::vector<std::string> notes;  // "Type/id: what was not carried"
};

struct FhirReference {
  const FhirUrls& urls;  // Rapport's own extensions and systems, under the export's base
  const NuccTaxonomy& taxonomy;
  const OfficeGeocoder& geocoder;
  const Vocabulary& vocabulary;
};

// Maps `practitioner` with every PractitionerRole of `resources` naming it.
[[nodiscard]] FhirMapping MapPractitioner(const rapidjson::Value& practitioner,
                                          const FhirResources& resources,
                                          const FhirReference& reference);

}  // namespace rapport
