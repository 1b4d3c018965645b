// `rapport-index import --format fhir` over the Plan-Net fixture
// (tests/data/fhir/README.md): the real command, a real store. Expected values
// are read from the fixture's resources here, not from the importer.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "profile_json.h"
#include "profile_store.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandOutput;
using testing::CommandPath;
using testing::RunCommand;
using testing::SourcePath;
using testing::TempDir;

const std::string kBundle = SourcePath("tests/data/fhir/plan-net-bundle.json");
const std::vector<std::string> kNdjsonTypes = {
    "Endpoint", "HealthcareService", "InsurancePlan",
    "Location", "Organization",      "OrganizationAffiliation",
    "Patient",  "Practitioner",      "PractitionerRole"};

std::vector<std::string> NdjsonFiles() {
  std::vector<std::string> files;
  for (const auto& type : kNdjsonTypes) {
    files.push_back(SourcePath("tests/data/fhir/ndjson/" + type + ".ndjson"));
  }
  return files;
}

CommandOutput ImportFhir(const TempDir& dir, const std::vector<std::string>& files) {
  std::vector<std::string> args = {
      CommandPath("rapport-index"), "--data-dir", dir.File("data"), "--data-files",
      SourcePath("data"),           "import",     "--format",       "fhir"};
  args.insert(args.end(), files.begin(), files.end());
  return RunCommand(args);
}

std::unique_ptr<ProfileStore> OpenStore(const TempDir& dir) {
  std::filesystem::create_directories(dir.File("data"));
  auto store = ProfileStore::Open(dir.File("data/rapport.sqlite"));
  REQUIRE(store.ok());
  return std::move(store).value();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The fixture Bundle's resources by "Type/id", read with RapidJSON here.
class Fixture {
 public:
  Fixture() {
    bundle_.Parse(testing::ReadFile(kBundle).c_str());
    for (const auto& entry : bundle_["entry"].GetArray()) {
      const auto& resource = entry["resource"];
      by_key_[std::string(resource["resourceType"].GetString()) + "/" +
              resource["id"].GetString()] = &resource;
    }
  }
  const rapidjson::Value& operator[](const std::string& key) const { return *by_key_.at(key); }

 private:
  rapidjson::Document bundle_;
  std::map<std::string, const rapidjson::Value*> by_key_;
};

std::string ExtensionString(const rapidjson::Value& resource, const std::string& name,
                            const char* value) {
  for (const auto& extension : resource["extension"].GetArray()) {
    if (extension["url"].GetString() ==
        "https://rapport.example/fhir/StructureDefinition/" + name) {
      return extension[value].GetString();
    }
  }
  return "";
}

TEST_CASE("FHIR import of the Plan-Net Bundle maps Garcia from her resources") {
  TempDir dir;
  const CommandOutput run = ImportFhir(dir, {kBundle});
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 1);  // the Patient is refused
  const Fixture fixture;
  const auto& practitioner = fixture["Practitioner/prac-garcia"];
  const std::string npi = practitioner["identifier"][0]["value"].GetString();
  auto store = OpenStore(dir);
  auto stored = store->Get("npi-" + npi);
  REQUIRE(stored.ok());
  const Profile& garcia = stored.value().profile;
  CHECK(garcia.npi == npi);
  const std::string text = practitioner["name"][0]["text"].GetString();
  CHECK(garcia.name == text.substr(0, text.find(',')));
  CHECK(garcia.credentials == std::vector<std::string>{"LPCC", "NCC", "MA"});
  CHECK(garcia.profession == "counselor");
  CHECK(garcia.gender == practitioner["gender"].GetString());
  CHECK(garcia.pronouns == ExtensionString(practitioner, "pronouns", "valueString"));
  CHECK(garcia.bio == ExtensionString(practitioner, "bio", "valueMarkdown"));
  CHECK(garcia.verified_at == ExtensionString(practitioner, "verified", "valueDateTime"));
  CHECK(garcia.languages == std::vector<std::string>{"en", "es"});
  const auto& location = fixture["Location/loc-garcia-oakland"];
  REQUIRE(garcia.offices.size() == 1);
  CHECK(garcia.offices[0].city == location["address"]["city"].GetString());
  CHECK(garcia.offices[0].state == location["address"]["state"].GetString());
  CHECK(garcia.offices[0].zip == location["address"]["postalCode"].GetString());
  CHECK(garcia.offices[0].lat == location["position"]["latitude"].GetDouble());
  CHECK(garcia.offices[0].lon == location["position"]["longitude"].GetDouble());
  REQUIRE(garcia.licenses.size() == 1);
  CHECK(garcia.licenses[0].state == "CA");
  CHECK(garcia.licenses[0].number ==
        practitioner["qualification"][0]["identifier"][0]["value"].GetString());
  CHECK(garcia.accepting_new_clients == true);
  REQUIRE(garcia.telehealth.has_value());
  CHECK(garcia.telehealth->modes == std::vector<std::string>{"video", "phone"});
  REQUIRE(garcia.contact.has_value());
  CHECK(garcia.contact->phone == "+15105550141");
  CHECK(garcia.contact->email == "rosa.garcia@example.org");
  // The rest as tests/data/fhir/README.md states it.
  CHECK(garcia.specialties == std::vector<std::string>{"anxiety", "trauma"});
  CHECK(garcia.modalities == std::vector<std::string>{"cbt", "emdr"});
  CHECK(garcia.populations == std::vector<std::string>{"adults", "teens"});
  CHECK(garcia.session_formats == std::vector<std::string>{"individual", "couples"});
  CHECK(garcia.insurance == std::vector<std::string>{"aetna", "medicaid"});
  REQUIRE(garcia.fee.has_value());
  CHECK(garcia.fee->min == 90);
  CHECK(garcia.fee->max == 160);
  CHECK(garcia.fee->sliding_scale == true);
  CHECK(garcia.availability_confirmed_at == "2026-11-20T00:00:00Z");
  CHECK(garcia.telehealth->platforms == std::vector<std::string>{"zoom"});
  CHECK(garcia.telehealth->devices == std::vector<std::string>{"desktop", "smartphone"});
  CHECK(garcia.telehealth->since == 2016);
  CHECK(garcia.telehealth->group_therapy == false);
  CHECK(garcia.contact->website == "https://example.org/rosa-garcia");
  CHECK(garcia.contact->booking_url == "https://example.org/rosa-garcia/book");
}

TEST_CASE("FHIR import reports what it skipped, refused and could not carry") {
  TempDir dir;
  const CommandOutput run = ImportFhir(dir, {kBundle});
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 1);
  CHECK(Contains(run.out, "Practitioner 6,"));
  CHECK(Contains(run.out, "4 created, 0 updated, 0 unchanged, 0 rejected"));
  CHECK(Contains(run.out, "1 invalid_npi"));
  CHECK(Contains(run.out, "1 no_behavioral_specialty"));
  CHECK(Contains(run.out, "refused (clinical, not stored): Patient/pat-1"));
  CHECK(Contains(run.out, "not read: Endpoint 1 OrganizationAffiliation 1"));
  CHECK(Contains(run.out, "Practitioner/prac-cohen: language 'ase' not a vocabulary language"));
  CHECK(Contains(run.out, "HealthcareService/hs-osei-telepsych: virtual modality 'app'"));
  CHECK(Contains(run.out, "Location/loc-whitfield-austin: position out of range"));
  CHECK(Contains(run.out, "PractitionerRole/role-garcia-online: newpatients.fromNetwork"));
  CHECK(Contains(run.out, "InsurancePlan/plan-acme-gold: no vocabulary payer"));
  CHECK(Contains(run.out, "provider group Organization/org-bayview not carried"));
  // Nothing of the Patient but its type and id is printed.
  CHECK_FALSE(Contains(run.out + run.err, "Example"));
  CHECK_FALSE(Contains(run.out + run.err, "1990-01-01"));
  auto store = OpenStore(dir);
  CHECK(store->Get("npi-1902835054").error().status == 404);
  CHECK(store->Get("npi-1902835069").error().status == 404);
  const Profile whitfield = store->Get("fhir-prac-whitfield").value().profile;
  CHECK(whitfield.npi.empty());
  CHECK(whitfield.gender == "non-binary");
  CHECK_FALSE(whitfield.accepting_new_clients.has_value());
  const Profile cohen = store->Get("npi-1902835028").value().profile;
  CHECK(cohen.accepting_new_clients == false);
  CHECK(cohen.compacts == std::vector<std::string>{"psypact"});
  CHECK(cohen.licenses.size() == 2);
  CHECK_FALSE(cohen.telehealth.has_value());
}

TEST_CASE("the Bundle and the NDJSON files give the same store, and a re-import changes nothing") {
  TempDir from_bundle;
  TempDir from_ndjson;
  REQUIRE(ImportFhir(from_bundle, {kBundle}).exit_code == 1);
  REQUIRE(ImportFhir(from_ndjson, NdjsonFiles()).exit_code == 1);
  auto bundle_store = OpenStore(from_bundle);
  auto ndjson_store = OpenStore(from_ndjson);
  for (const char* id :
       {"npi-1902835010", "npi-1902835028", "npi-1902835036", "fhir-prac-whitfield"}) {
    CAPTURE(id);
    Profile a = bundle_store->Get(id).value().profile;
    Profile b = ndjson_store->Get(id).value().profile;
    a.updated_at.clear();
    b.updated_at.clear();
    CHECK(ToCanonicalJson(a) == ToCanonicalJson(b));
  }
  const CommandOutput again = ImportFhir(from_bundle, {kBundle});
  CAPTURE(again.out);
  CHECK(Contains(again.out, "0 created, 0 updated, 4 unchanged"));
}

TEST_CASE("a FHIR re-import keeps the fields an editor changed") {
  TempDir dir;
  REQUIRE(ImportFhir(dir, {kBundle}).exit_code == 1);
  {
    auto store = OpenStore(dir);
    Profile garcia = store->Get("npi-1902835010").value().profile;
    garcia.bio = "Edited by the therapist.";
    garcia.updated_at.clear();
    REQUIRE(store->Upsert(garcia, "editor@example.org").ok());
  }
  const CommandOutput again = ImportFhir(dir, {kBundle});
  CAPTURE(again.out);
  CAPTURE(again.err);
  CHECK(Contains(again.err, "protected field kept: npi-1902835010: bio"));
  CHECK(Contains(again.out, "1 protected fields kept"));
  auto store = OpenStore(dir);
  CHECK(store->Get("npi-1902835010").value().profile.bio == "Edited by the therapist.");
}

TEST_CASE("odd Bundle entries and resources read twice are reported, the first copy kept") {
  TempDir dir;
  const std::string odd = dir.File("odd.json");
  testing::WriteFile(odd, R"({"resourceType":"Bundle","entry":[1,{"resource":[]},)"
                          R"({"resource":{"resourceType":"Practitioner","id":7,"name":5}}]})");
  const CommandOutput bundle = ImportFhir(dir, {odd});
  CAPTURE(bundle.err);
  CHECK(bundle.exit_code == 1);
  CHECK(Contains(bundle.err, "odd.json:entry 0: no resource"));
  CHECK(Contains(bundle.err, "odd.json:entry 1: not a resource"));
  std::vector<std::string> twice = NdjsonFiles();
  twice.push_back(SourcePath("tests/data/fhir/ndjson/PractitionerRole.ndjson"));
  const CommandOutput repeated = ImportFhir(dir, twice);
  CAPTURE(repeated.out);
  CHECK(
      Contains(repeated.err, "PractitionerRole/role-garcia-online read before: the first is kept"));
  CHECK(Contains(repeated.out, "4 created, 0 updated, 0 unchanged, 0 rejected"));
}

TEST_CASE("import --help prints the import's own help, not the command list") {
  const CommandOutput help = RunCommand({CommandPath("rapport-index"), "import", "--help"});
  const CommandOutput general = RunCommand({CommandPath("rapport-index"), "--help"});
  CAPTURE(help.out);
  CHECK(help.exit_code == 0);
  CHECK(general.exit_code == 0);
  CHECK(help.out != general.out);
  for (const char* part : {"--format nppes: FILE is the NPPES NPI file",
                           "--format fhir: FILE... are FHIR R4 Plan-Net", "--fhir-max-bytes N"}) {
    CHECK(Contains(help.out, part));
  }
  // The general help names every command; the import's own help does not.
  CHECK(Contains(general.out, "replication-gate"));
  CHECK_FALSE(Contains(help.out, "replication-gate"));
  const CommandOutput rebuild_help =
      RunCommand({CommandPath("rapport-index"), "rebuild", "--help"});
  CHECK(rebuild_help.out == general.out);
}

TEST_CASE("--fhir-max-bytes refuses a larger file and takes only a positive whole number") {
  TempDir dir;
  const auto size = std::filesystem::file_size(kBundle);
  const std::vector<std::string> base = {
      CommandPath("rapport-index"), "--data-dir", dir.File("data"), "--data-files",
      SourcePath("data"),           "import",     "--format",       "fhir"};
  auto run = [&](const std::string& limit) {
    std::vector<std::string> args = base;
    args.insert(args.end(), {"--fhir-max-bytes", limit, kBundle});
    return RunCommand(args);
  };
  const CommandOutput refused = run(std::to_string(size - 1));
  CAPTURE(refused.err);
  CHECK(refused.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir.File("data/rapport.sqlite")));
  const CommandOutput read = run(std::to_string(size));
  CAPTURE(read.err);
  CHECK(Contains(read.out, "fhir: read"));
  for (const char* bad : {"0", "-1", "12x", "", "99999999999999999999999"}) {
    CAPTURE(bad);
    const CommandOutput usage = run(bad);
    CHECK(usage.exit_code == 2);
    CHECK(Contains(usage.err, "--fhir-max-bytes"));
  }
}

}  // namespace
}  // namespace rapport
