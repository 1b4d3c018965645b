// FhirUrls: every URL Rapport's FHIR resources name, in one place, for the
// renderer (profile -> FHIR), the /fhir API, the export and the FHIR import
// (docs/interop.md §6.1). Rapport's own extensions, code systems and
// identifier systems hang below one canonical base: the deployment's public
// base URL when configured (--public-base-url), else kDefaultCanonicalBase.
// The base must never change once anything was exported or served.
//
//   FhirUrls urls{config.public_base_url};
//   urls.Extension("modality")  // "https://rapport.example/fhir/StructureDefinition/modality"
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// The documented default base (docs/interop.md §6.1, §10 question 7).
inline constexpr std::string_view kDefaultCanonicalBase = "https://rapport.example";

// Systems and extensions defined by others.
inline constexpr std::string_view kNpiSystem = "http://hl7.org/fhir/sid/us-npi";
inline constexpr std::string_view kNuccSystem = "http://nucc.org/provider-taxonomy";
inline constexpr std::string_view kUspsSystem = "https://www.usps.com/";
inline constexpr std::string_view kLanguageSystem = "urn:ietf:bcp:47";
inline constexpr std::string_view kDegreeSystem = "http://terminology.hl7.org/CodeSystem/v2-0360";
inline constexpr std::string_view kPlanNetBase = "http://hl7.org/fhir/us/davinci-pdex-plan-net";

class FhirUrls {
 public:
  // `configured_base` empty: kDefaultCanonicalBase. A trailing "/" is dropped.
  explicit FhirUrls(std::string_view configured_base = {})
      : base_(configured_base.empty() ? kDefaultCanonicalBase : configured_base) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  // "https://rapport.example"
  const std::string& base() const { return base_; }
  // Where the API's resources live: base + "/fhir".
  std::string ServiceRoot() const { return base_ + "/fhir"; }
  // Rapport's extension `name` (§6.1 table).
  std::string Extension(std::string_view name) const {
    return ServiceRoot() + "/StructureDefinition/" + std::string(name);
  }
  // Rapport's code system of a facet: modality, specialty, population,
  // session-format, platform, device, mode, compact.
  std::string CodeSystem(std::string_view name) const {
    return ServiceRoot() + "/CodeSystem/" + std::string(name);
  }
  // Identifier system whose value is the Rapport profile id (Practitioner).
  std::string ProfileIdSystem() const { return ServiceRoot() + "/sid/profile"; }
  // Identifier system whose value is a payer slug (payer and network Organizations).
  std::string PayerIdSystem() const { return ServiceRoot() + "/sid/payer"; }
  // Rapport's SearchParameter `name` (licensed-state).
  std::string SearchParameter(std::string_view name) const {
    return ServiceRoot() + "/SearchParameter/" + std::string(name);
  }

  // Plan-Net's StructureDefinition `name` (an extension or a profile).
  static std::string PlanNet(std::string_view name) {
    return std::string(kPlanNetBase) + "/StructureDefinition/" + std::string(name);
  }
  // Plan-Net's code system `name` (AcceptingPatientsCS, DeliveryMethodCS, ...).
  static std::string PlanNetCodeSystem(std::string_view name) {
    return std::string(kPlanNetBase) + "/CodeSystem/" + std::string(name);
  }

 private:
  std::string base_;
};

}  // namespace rapport
