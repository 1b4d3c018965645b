// FhirRenderer: one public profile (the JSON /api/v1/therapists/{id}
// answers, never editor-only fields) as FHIR R4 resources, per
// docs/interop.md §6: a Practitioner, one PractitionerRole, a Location per
// office, a HealthcareService for in-person and one for virtual care, and the
// payer and network Organizations of the payers it lists. The /fhir API and
// the export both render through it, so they serve the same resources.
//
//   FhirRenderer renderer(vocabulary, taxonomy, FhirUrls{base});
//   auto rendered = renderer.Render(public_profile_object);
//   rendered.value().practitioner.json  // {"resourceType":"Practitioner",...}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "error.h"
#include "fhir_urls.h"
#include "nppes_taxonomy.h"
#include "vocabulary.h"

namespace rapport {

struct FhirResource {
  std::string type;  // "Practitioner", ...
  std::string id;
  std::string json;  // the whole resource, one line
};

// Every resource of one profile (ids of docs/interop.md §1).
struct RenderedProfile {
  FhirResource practitioner;
  FhirResource role;
  std::vector<FhirResource> locations;  // <id>-office-<n>, in office order
  std::vector<FhirResource> services;   // <id>-in-person (offices), <id>-virtual (telehealth)
  std::vector<std::string> payers;      // insurance slugs: Organizations payer-/network-<slug>
};

// FHIR resource ids derived from a profile id (docs/interop.md §1), and back.
inline constexpr std::string_view kPayerIdPrefix = "payer-";
inline constexpr std::string_view kNetworkIdPrefix = "network-";
[[nodiscard]] std::string LocationId(std::string_view profile_id, size_t office_index);
[[nodiscard]] std::string InPersonServiceId(std::string_view profile_id);
[[nodiscard]] std::string VirtualServiceId(std::string_view profile_id);
[[nodiscard]] std::string PayerOrganizationId(std::string_view slug);
[[nodiscard]] std::string NetworkOrganizationId(std::string_view slug);
// The profile id that the resource `type`/`id` is rendered from; empty for a
// type or id no profile renders (Organizations included).
[[nodiscard]] std::string ProfileIdOf(std::string_view type, std::string_view id);

class FhirRenderer {
 public:
  // The three are kept by reference and must outlive the renderer.
  FhirRenderer(const Vocabulary& vocabulary, const NuccTaxonomy& taxonomy, const FhirUrls& urls);

  // The resources of `profile` (a public profile object). 500 when it has no
  // string id (the index and the store only hold validated profiles).
  [[nodiscard]] Result<RenderedProfile> Render(const rapidjson::Value& profile) const;

  // The payer Organization payer-<slug> and its network network-<slug>;
  // 404 for a slug that is not a vocabulary payer.
  [[nodiscard]] Result<FhirResource> PayerOrganization(std::string_view slug) const;
  [[nodiscard]] Result<FhirResource> NetworkOrganization(std::string_view slug) const;

  const FhirUrls& urls() const { return urls_; }

 private:
  const Vocabulary& vocabulary_;
  const NuccTaxonomy& taxonomy_;
  const FhirUrls& urls_;
};

}  // namespace rapport
