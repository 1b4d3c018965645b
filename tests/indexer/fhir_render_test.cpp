// Tests of FhirRenderer (indexer/fhir/fhir_renderer.h): a public profile as
// FHIR R4 resources, field by field against the profile it came from
// (docs/interop.md §6), with the shipped vocabulary and NUCC taxonomy.
#include "fhir_renderer.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "test_support.h"

namespace rapport {
namespace {

// A public profile as /api/v1/therapists/{id} answers it, every field set.
constexpr const char* kProfile = R"({
  "id":"t-0000042","version":7,"npi":"1149145926","name":"Ana Maria Ruiz",
  "credentials":["LMFT","PhD"],"profession":"mft","pronouns":"she/her","gender":"non-binary",
  "bio":"I help couples.","specialties":["anxiety","depression"],"modalities":["cbt"],
  "populations":["adults"],"session_formats":["couples"],"languages":["en","es"],
  "insurance":["aetna","bcbs"],"fee":{"min":90,"max":150,"sliding_scale":true},
  "accepting_new_clients":false,
  "offices":[{"city":"Oakland","state":"CA","zip":"94612","lat":37.8,"lon":-122.27},
             {"city":"Fresno","state":"CA"}],
  "licenses":[{"state":"CA","type":"LMFT","number":"12345"}],"compacts":["psypact"],
  "telehealth":{"modes":["video","chat"],"platforms":["zoom"],"devices":["desktop"],
                "since":2019,"group_therapy":true},
  "contact":{"phone":"+15105550123","email":"ana@example.org","website":"https://ana.example",
             "booking_url":"https://ana.example/book"},
  "availability_confirmed_at":"2026-06-03T21:26:31Z","updated_at":"2026-10-01T12:00:00Z",
  "verified_at":"2025-07-18T00:00:00Z","telehealth_years":7,"virtual_states":["CA"]})";

struct Fixture {
  Vocabulary vocabulary;
  NuccTaxonomy taxonomy;
  FhirUrls urls{"https://dir.example/"};
};

Fixture LoadFixture() {
  auto vocabulary = Vocabulary::Load(testing::SourcePath("data/vocab.json"));
  REQUIRE(vocabulary.ok());
  auto taxonomy = NuccTaxonomy::Load(testing::SourcePath("data/nucc_taxonomy.json"));
  REQUIRE(taxonomy.ok());
  return Fixture{std::move(vocabulary.value()), std::move(taxonomy.value())};
}

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

std::string S(const rapidjson::Value& value) {
  REQUIRE(value.IsString());
  return value.GetString();
}

// The extensions of `resource` with `url`.
std::vector<const rapidjson::Value*> Extensions(const rapidjson::Value& resource,
                                                const std::string& url) {
  std::vector<const rapidjson::Value*> found;
  if (!resource.HasMember("extension")) return found;
  for (const auto& extension : resource["extension"].GetArray()) {
    if (S(extension["url"]) == url) found.push_back(&extension);
  }
  return found;
}

RenderedProfile RenderFixture(const Fixture& fixture, const rapidjson::Document& profile) {
  const FhirRenderer renderer(fixture.vocabulary, fixture.taxonomy, fixture.urls);
  auto rendered = renderer.Render(profile);
  REQUIRE(rendered.ok());
  return std::move(rendered.value());
}

TEST_CASE("FHIR renderer: the Practitioner carries identity, name, contact and qualifications") {
  const Fixture fixture = LoadFixture();
  const rapidjson::Document profile = Parse(kProfile);
  const RenderedProfile rendered = RenderFixture(fixture, profile);
  CHECK(rendered.practitioner.id == "t-0000042");
  const rapidjson::Document practitioner = Parse(rendered.practitioner.json);
  CHECK(S(practitioner["resourceType"]) == "Practitioner");
  CHECK(S(practitioner["meta"]["versionId"]) == "7");
  CHECK(S(practitioner["meta"]["lastUpdated"]) == S(profile["updated_at"]));
  const auto& identifiers = practitioner["identifier"];
  REQUIRE(identifiers.Size() == 2);
  CHECK(S(identifiers[0]["system"]) == "http://hl7.org/fhir/sid/us-npi");
  CHECK(S(identifiers[0]["value"]) == S(profile["npi"]));
  CHECK(S(identifiers[1]["system"]) == "https://dir.example/fhir/sid/profile");
  CHECK(S(identifiers[1]["value"]) == S(profile["id"]));
  const auto& name = practitioner["name"][0];
  CHECK(S(name["text"]) == S(profile["name"]));
  CHECK(S(name["family"]) == "Ruiz");
  CHECK(name["given"].Size() == 2);
  CHECK(S(name["suffix"][1]) == "PhD");
  CHECK(S(practitioner["gender"]) == "other");
  const auto gender = Extensions(practitioner, fixture.urls.Extension("gender"));
  REQUIRE(gender.size() == 1);
  CHECK(S((*gender[0])["valueCode"]) == "non-binary");
  CHECK(S((*Extensions(practitioner, fixture.urls.Extension("pronouns"))[0])["valueString"]) ==
        "she/her");
  CHECK(S((*Extensions(practitioner, fixture.urls.Extension("bio"))[0])["valueMarkdown"]) ==
        S(profile["bio"]));
  CHECK(S((*Extensions(practitioner, fixture.urls.Extension("verified"))[0])["valueDateTime"]) ==
        S(profile["verified_at"]));
  CHECK(S(practitioner["telecom"][0]["value"]) == S(profile["contact"]["phone"]));
  CHECK(S(practitioner["telecom"][1]["value"]) == S(profile["contact"]["email"]));
  CHECK(S(practitioner["communication"][1]["coding"][0]["code"]) == "es");
  const auto& qualifications = practitioner["qualification"];
  REQUIRE(qualifications.Size() == 2);
  const auto& license = qualifications[0];
  CHECK(S(license["identifier"][0]["value"]) == "12345");
  CHECK(S(license["code"]["text"]) == "LMFT");
  CHECK(S(license["code"]["coding"][0]["code"]) == "106H00000X");
  const auto& where = license["extension"][0]["extension"][1];
  CHECK(S(where["url"]) == "whereValid");
  CHECK(S(where["valueCodeableConcept"]["coding"][0]["code"]) == "CA");
  CHECK(S(qualifications[1]["code"]["coding"][0]["system"]) ==
        "https://dir.example/fhir/CodeSystem/compact");
  CHECK(S(qualifications[1]["code"]["coding"][0]["code"]) == "psypact");
  // Figures the JSON API computes are not part of the resources.
  CHECK(rendered.practitioner.json.find("virtual_states") == std::string::npos);
}

TEST_CASE("FHIR renderer: the PractitionerRole carries profession, facets, networks and fee") {
  const Fixture fixture = LoadFixture();
  const rapidjson::Document profile = Parse(kProfile);
  const RenderedProfile rendered = RenderFixture(fixture, profile);
  const rapidjson::Document role = Parse(rendered.role.json);
  CHECK(S(role["id"]) == "t-0000042");
  CHECK_FALSE(role["meta"].HasMember("profile"));
  CHECK(S(role["practitioner"]["reference"]) == "Practitioner/t-0000042");
  CHECK(S(role["code"][0]["coding"][0]["code"]) == "mt");
  CHECK(S(role["specialty"][0]["coding"][0]["code"]) == "106H00000X");
  CHECK(S(role["location"][1]["reference"]) == "Location/t-0000042-office-2");
  CHECK(S(role["healthcareService"][0]["reference"]) == "HealthcareService/t-0000042-in-person");
  CHECK(S(role["healthcareService"][1]["reference"]) == "HealthcareService/t-0000042-virtual");
  const auto newpatients = Extensions(
      role, "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients");
  REQUIRE(newpatients.size() == 1);
  CHECK(S((*newpatients[0])["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]) ==
        "nopt");
  const auto networks = Extensions(
      role, "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/network-reference");
  REQUIRE(networks.size() == profile["insurance"].Size());
  CHECK(S((*networks[1])["valueReference"]["reference"]) == "Organization/network-bcbs");
  CHECK(rendered.payers == std::vector<std::string>{"aetna", "bcbs"});
  struct Expected {
    const char* extension;
    const char* field;
  };
  for (const Expected& facet :
       {Expected{"modality", "modalities"}, Expected{"clinical-focus", "specialties"},
        Expected{"population", "populations"}, Expected{"session-format", "session_formats"}}) {
    const auto found = Extensions(role, fixture.urls.Extension(facet.extension));
    REQUIRE(found.size() == profile[facet.field].Size());
    for (size_t i = 0; i < found.size(); ++i) {
      CHECK(S((*found[i])["valueCoding"]["code"]) == S(profile[facet.field][i]));
    }
  }
  const auto fee = Extensions(role, fixture.urls.Extension("fee"));
  REQUIRE(fee.size() == 1);
  CHECK((*fee[0])["extension"][0]["valueMoney"]["value"].GetInt() == 90);
  CHECK((*fee[0])["extension"][1]["valueMoney"]["value"].GetInt() == 150);
  CHECK((*fee[0])["extension"][2]["valueBoolean"].GetBool());
  CHECK(S((*Extensions(role,
                       fixture.urls.Extension("availability-confirmed"))[0])["valueDateTime"]) ==
        S(profile["availability_confirmed_at"]));
  const auto& telecom = role["telecom"];
  REQUIRE(telecom.Size() == 3);
  CHECK(S(telecom[2]["value"]) == S(profile["contact"]["booking_url"]));
  CHECK(S(telecom[2]["extension"][0]["valueCode"]) == "booking");
}

TEST_CASE("FHIR renderer: a Location per office and a service per way of meeting") {
  const Fixture fixture = LoadFixture();
  const rapidjson::Document profile = Parse(kProfile);
  const RenderedProfile rendered = RenderFixture(fixture, profile);
  REQUIRE(rendered.locations.size() == 2);
  const rapidjson::Document oakland = Parse(rendered.locations[0].json);
  CHECK(S(oakland["id"]) == "t-0000042-office-1");
  CHECK(S(oakland["address"]["city"]) == "Oakland");
  CHECK(S(oakland["address"]["postalCode"]) == "94612");
  CHECK(oakland["position"]["latitude"].GetDouble() == profile["offices"][0]["lat"].GetDouble());
  const rapidjson::Document fresno = Parse(rendered.locations[1].json);
  CHECK_FALSE(fresno.HasMember("position"));
  REQUIRE(rendered.services.size() == 2);
  const rapidjson::Document in_person = Parse(rendered.services[0].json);
  CHECK(S(in_person["id"]) == "t-0000042-in-person");
  CHECK(in_person["location"].Size() == 2);
  const rapidjson::Document virtual_care = Parse(rendered.services[1].json);
  CHECK(S(virtual_care["id"]) == "t-0000042-virtual");
  CHECK_FALSE(virtual_care.HasMember("location"));
  const auto& delivery = virtual_care["extension"][0]["extension"];
  CHECK(S(delivery[0]["valueCodeableConcept"]["coding"][0]["code"]) == "virtual");
  REQUIRE(delivery.Size() == 2);  // video; chat has no Plan-Net code
  CHECK(S(delivery[1]["valueCodeableConcept"]["coding"][0]["code"]) == "video");
  CHECK(S((*Extensions(virtual_care, fixture.urls.Extension(
                                         "telehealth-mode"))[0])["valueCoding"]["code"]) == "chat");
  CHECK((*Extensions(virtual_care, fixture.urls.Extension("telehealth-since"))[0])["valueInteger"]
            .GetInt() == 2019);
  CHECK(Extensions(virtual_care, fixture.urls.Extension("telehealth-platform")).size() == 1);
  CHECK(Extensions(virtual_care, fixture.urls.Extension("telehealth-device")).size() == 1);
  CHECK((*Extensions(virtual_care,
                     fixture.urls.Extension("telehealth-group-therapy"))[0])["valueBoolean"]
            .GetBool());
}

TEST_CASE("FHIR renderer: every rendered resource id leads back to its profile") {
  const Fixture fixture = LoadFixture();
  const rapidjson::Document profile = Parse(kProfile);
  const RenderedProfile rendered = RenderFixture(fixture, profile);
  std::vector<const FhirResource*> all = {&rendered.practitioner, &rendered.role};
  for (const auto& location : rendered.locations) all.push_back(&location);
  for (const auto& service : rendered.services) all.push_back(&service);
  for (const FhirResource* resource : all) {
    CAPTURE(resource->id);
    CHECK(ProfileIdOf(resource->type, resource->id) == "t-0000042");
  }
  CHECK(ProfileIdOf("Organization", NetworkOrganizationId("bcbs")).empty());
  CHECK(ProfileIdOf("Location", "t-0000042").empty());
  CHECK(ProfileIdOf("Patient", "t-0000042").empty());
}

TEST_CASE("FHIR renderer: a bare profile gives no empty elements and no services") {
  const Fixture fixture = LoadFixture();
  const rapidjson::Document profile =
      Parse(R"({"id":"t-1","name":"Lee","profession":"counselor"})");
  const RenderedProfile rendered = RenderFixture(fixture, profile);
  CHECK(rendered.locations.empty());
  CHECK(rendered.services.empty());
  const rapidjson::Document practitioner = Parse(rendered.practitioner.json);
  CHECK_FALSE(practitioner.HasMember("extension"));
  CHECK_FALSE(practitioner.HasMember("telecom"));
  CHECK_FALSE(practitioner["name"][0].HasMember("given"));
  const rapidjson::Document role = Parse(rendered.role.json);
  CHECK_FALSE(role.HasMember("location"));
  CHECK_FALSE(role.HasMember("healthcareService"));
  CHECK(S(role["specialty"][0]["coding"][0]["code"]) == "101YM0800X");
}

TEST_CASE("FHIR renderer: payer and network Organizations of a vocabulary payer") {
  const Fixture fixture = LoadFixture();
  const FhirRenderer renderer(fixture.vocabulary, fixture.taxonomy, fixture.urls);
  auto network = renderer.NetworkOrganization("bcbs");
  REQUIRE(network.ok());
  const rapidjson::Document doc = Parse(network.value().json);
  CHECK(S(doc["id"]) == "network-bcbs");
  CHECK(S(doc["partOf"]["reference"]) == "Organization/payer-bcbs");
  CHECK(S(doc["identifier"][0]["value"]) == "bcbs");
  CHECK(renderer.PayerOrganization("bcbs").ok());
  CHECK(renderer.PayerOrganization("no-such-payer").error().status == 404);
}

}  // namespace
}  // namespace rapport
