// The URLs and code systems the FHIR Plan-Net import reads (docs/interop.md
// §6.1): Rapport's own extensions under its canonical base, Plan-Net's
// extensions and code systems, and the external systems. Brief A's export
// defines the same URLs; the two are to become one header at merge.
#pragma once

namespace rapport::fhir {

#define RAPPORT_FHIR_BASE "https://rapport.example/fhir/"
#define RAPPORT_FHIR_EXT RAPPORT_FHIR_BASE "StructureDefinition/"
#define PLAN_NET_BASE "http://hl7.org/fhir/us/davinci-pdex-plan-net/"
#define PLAN_NET_EXT PLAN_NET_BASE "StructureDefinition/"

constexpr const char* kExtModality = RAPPORT_FHIR_EXT "modality";
constexpr const char* kExtClinicalFocus = RAPPORT_FHIR_EXT "clinical-focus";
constexpr const char* kExtPopulation = RAPPORT_FHIR_EXT "population";
constexpr const char* kExtSessionFormat = RAPPORT_FHIR_EXT "session-format";
constexpr const char* kExtFee = RAPPORT_FHIR_EXT "fee";
constexpr const char* kExtAvailabilityConfirmed = RAPPORT_FHIR_EXT "availability-confirmed";
constexpr const char* kExtTelehealthSince = RAPPORT_FHIR_EXT "telehealth-since";
constexpr const char* kExtTelehealthPlatform = RAPPORT_FHIR_EXT "telehealth-platform";
constexpr const char* kExtTelehealthDevice = RAPPORT_FHIR_EXT "telehealth-device";
constexpr const char* kExtTelehealthMode = RAPPORT_FHIR_EXT "telehealth-mode";
constexpr const char* kExtTelehealthGroupTherapy = RAPPORT_FHIR_EXT "telehealth-group-therapy";
constexpr const char* kExtPronouns = RAPPORT_FHIR_EXT "pronouns";
constexpr const char* kExtGender = RAPPORT_FHIR_EXT "gender";
constexpr const char* kExtBio = RAPPORT_FHIR_EXT "bio";
constexpr const char* kExtVerified = RAPPORT_FHIR_EXT "verified";
constexpr const char* kExtContactPurpose = RAPPORT_FHIR_EXT "contact-purpose";
constexpr const char* kSystemCompact = RAPPORT_FHIR_BASE "CodeSystem/compact";
constexpr const char* kSystemPayer = RAPPORT_FHIR_BASE "sid/payer";
constexpr const char* kSystemProfileId = RAPPORT_FHIR_BASE "sid/profile";

constexpr const char* kExtNewPatients = PLAN_NET_EXT "newpatients";
constexpr const char* kExtNetworkReference = PLAN_NET_EXT "network-reference";
constexpr const char* kExtDeliveryMethod = PLAN_NET_EXT "delivery-method";
constexpr const char* kExtPractitionerQualification = PLAN_NET_EXT "practitioner-qualification";

constexpr const char* kSystemNpi = "http://hl7.org/fhir/sid/us-npi";
constexpr const char* kSystemNucc = "http://nucc.org/provider-taxonomy";
constexpr const char* kSystemDegree = "http://terminology.hl7.org/CodeSystem/v2-0360";
constexpr const char* kSystemLanguage = "urn:ietf:bcp:47";
constexpr const char* kSystemUsps = "https://www.usps.com/";

#undef RAPPORT_FHIR_BASE
#undef RAPPORT_FHIR_EXT
#undef PLAN_NET_BASE
#undef PLAN_NET_EXT

}  // namespace rapport::fhir
