// `rapport-index import --format nppes` over the fixture months of
// tests/data/nppes/ (their README says what every row must do), through the
// real command, a real SQLite store and a real Xapian index.
#include <doctest/doctest.h>

#include <filesystem>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "index_command.h"
#include "profile_store.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::CommandOutput;
using testing::CommandPath;
using testing::RunCommand;
using testing::RunIndex;
using testing::SourcePath;
using testing::TempDir;

const std::string kMonth1 = SourcePath("tests/data/nppes/npidata_pfile_fixture.csv");
const std::string kMonth2 = SourcePath("tests/data/nppes/npidata_pfile_fixture-next.csv");

CommandOutput ImportNppes(const TempDir& dir, const std::string& file) {
  return RunIndex(dir, {"import", "--format", "nppes", file});
}

std::unique_ptr<ProfileStore> OpenStore(const TempDir& dir) {
  std::filesystem::create_directories(dir.File("data"));
  auto store = ProfileStore::Open(dir.File("data/rapport.sqlite"));
  REQUIRE(store.ok());
  return std::move(store).value();
}

// The gazetteer's point for a city, read from data/cities.json here rather
// than through the importer's own lookup.
std::optional<std::pair<double, double>> CityPoint(const std::string& city,
                                                   const std::string& state) {
  rapidjson::Document cities;
  cities.Parse(testing::ReadFile(SourcePath("data/cities.json")).c_str());
  for (const auto& entry : cities.GetArray()) {
    if (city == entry["city"].GetString() && state == entry["state"].GetString()) {
      return std::make_pair(entry["lat"].GetDouble(), entry["lon"].GetDouble());
    }
  }
  return std::nullopt;
}

// The ZIP table's point for the first 5 digits of `zip`, read from
// data/zip_centroids.tsv here rather than through the importer's lookup.
std::optional<std::pair<double, double>> ZipPoint(const std::string& zip) {
  std::istringstream lines(testing::ReadFile(SourcePath("data/zip_centroids.tsv")));
  std::string code;
  double lat = 0, lon = 0;
  lines.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  while (lines >> code >> lat >> lon) {
    if (code == zip.substr(0, code.size())) return std::make_pair(lat, lon);
  }
  return std::nullopt;
}

// docs/interop.md §4.3 for an NPPES office: the ZIP point (precision zip),
// else the city centre (city), else none ("").
struct ExpectedPlace {
  std::optional<std::pair<double, double>> point;
  std::string precision;
};

ExpectedPlace PlaceOf(const std::string& zip, const std::string& city, const std::string& state) {
  if (auto point = ZipPoint(zip)) return {point, "zip"};
  if (auto point = CityPoint(city, state)) return {point, "city"};
  return {std::nullopt, ""};
}

void CheckPlace(const Office& office, const ExpectedPlace& expected) {
  CHECK(office.lat.has_value() == expected.point.has_value());
  CHECK(office.geo_precision == expected.precision);
  if (expected.point && office.lat && office.lon) {
    CHECK(*office.lat == doctest::Approx(expected.point->first));
    CHECK(*office.lon == doctest::Approx(expected.point->second));
  }
}

struct ExpectedLicense {
  const char* state;
  const char* number;
};

// A kept row of month 1 as tests/data/nppes/README.md lists it.
struct ExpectedProfile {
  const char* npi;
  const char* name;
  std::vector<std::string> credentials;
  const char* profession;
  const char* city;
  const char* state;
  const char* zip;
  const char* phone;  // "" when the profile has no contact
  std::vector<ExpectedLicense> licenses;
};

const std::vector<ExpectedProfile>& Month1Kept() {
  static const std::vector<ExpectedProfile> kept = {
      {"1902834013",
       "Elena Rivera",
       {"LCSW"},
       "social_worker",
       "Oakland",
       "CA",
       "94612-1234",
       "+15105550101",
       {{"CA", "LCS 81234"}}},
      {"1902834021",
       "Daniel Okafor",
       {"PhD", "LCSW"},
       "psychologist",
       "Berkeley",
       "CA",
       "94704",
       "+15105550102",
       {{"CA", "PSY 20411"}, {"CA", "LCS 77120"}}},
      {"1902834054",
       "Thao Nguyen",
       {"LMFT"},
       "mft",
       "San Jose",
       "CA",
       "95113-1000",
       "+14085550105",
       {{"CA", "LMFT 54321"}}},
      {"1902834070",
       "June Holloway",
       {"RN", "PMHNP-BC"},
       "psychiatric_np",
       "Seattle",
       "WA",
       "98101",
       "+12065550107",
       {{"WA", "ARNP 60321"}}},
      {"1902834088",
       "Anjali Patel",
       {"PsyD", "LMHC"},
       "psychologist",
       "Spokane",
       "WA",
       "99201",
       "+15095550108",
       {{"WA", "LH 60012345"}, {"WA", "PY 60054321"}}},
      {"1902834104",
       "Margaret \"Peggy\" O'Brien-Walsh",
       {"LPC", "NCC"},
       "counselor",
       "Denver",
       "CO",
       "80202-1234",
       "+13035550110",
       {{"CO", "LPC.0012345"}}},
      {"1902834112",
       "Wei Chen",
       {"LPC"},
       "counselor",
       "Portland",
       "OR",
       "97205",
       "",
       {{"OR", "C4567"}}},
      {"1902834120",
       "Ruth Abernathy",
       {"LCPC"},
       "counselor",
       "Boise",
       "ID",
       "83702",
       "+12085550112",
       {{"ID", "LCPC-3021"}}},
      {"1902834138",
       "Miguel Santos",
       {"LPC", "LMHC", "LCPC"},
       "counselor",
       "Vancouver",
       "WA",
       "98660",
       "+13605550113",
       {{"OR", "C1234"}, {"WA", "LH 60099999"}, {"ID", "LCPC-5555"}}},
      {"1902834146",
       "Nora Fitzgerald",
       {"LMFT"},
       "mft",
       "Truckee",
       "CA",
       "96161",
       "+15305550114",
       {{"CA", "LMFT 99001"}}},
      {"1902834153",
       "Alice Washington",
       {"LCSW"},
       "social_worker",
       "Chicago",
       "IL",
       "99999",
       "+13125550115",
       {{"IL", "149.012345"}}},
      {"1902834161",
       "Samuel Weinberg Jr.",
       {"MD"},
       "psychiatrist",
       "Los Angeles",
       "CA",
       "90012-1234",
       "+12135550116",
       {{"CA", "G 88001"}}},
      {"1902834187",
       "Darren Yazzie",
       {"LAC", "CADC-II"},
       "counselor",
       "Phoenix",
       "AZ",
       "85004",
       "+16025550118",
       {{"AZ", "LAC-16001"}}},
      {"1902834203",
       "Maureen Sullivan",
       {"LICSW"},
       "social_worker",
       "Boston",
       "MA",
       "02116",
       "+16175550120",
       {{"MA", "LICSW 115500"}}},
      {"1902834237",
       "Karin Lindqvist",
       {"PhD"},
       "psychologist",
       "Minneapolis",
       "MN",
       "55401",
       "+16125550123",
       {{"MN", "LP 4455"}}},
      {"1902834252",
       "Luis Torres",
       {"LPC"},
       "counselor",
       "San Juan",
       "PR",
       "00901",
       "+17875550125",
       {{"PR", "PC-1234"}}},
      {"1902834260",
       "DeShawn McKenzie",
       {"APRN-CNS"},
       "psychiatric_np",
       "Baltimore",
       "MD",
       "21201",
       "+14105550126",
       {{"MD", "R190001"}}},
      {"1902834278",
       "Miriam Azoulay",
       {"LMHC", "LCAT"},
       "counselor",
       "Brooklyn",
       "NY",
       "11201",
       "+17185550127",
       {{"NY", "LCAT 000456"}}},
  };
  return kept;
}

void CheckProfile(const ProfileStore& store, const ExpectedProfile& expected) {
  CAPTURE(expected.npi);
  auto stored = store.Get(std::string("npi-") + expected.npi);
  REQUIRE(stored.ok());
  const Profile& profile = stored.value().profile;
  CHECK(stored.value().status == ProfileStatus::kPublished);
  CHECK(profile.npi == expected.npi);
  CHECK(profile.name == expected.name);
  CHECK(profile.credentials == expected.credentials);
  CHECK(profile.profession == expected.profession);
  CHECK((profile.gender == "female" || profile.gender == "male"));
  REQUIRE(profile.offices.size() == 1);
  const Office& office = profile.offices[0];
  CHECK(office.city == expected.city);
  CHECK(office.state == expected.state);
  CHECK(office.zip == expected.zip);
  CheckPlace(office, PlaceOf(expected.zip, expected.city, expected.state));
  if (std::string(expected.phone).empty()) {
    CHECK_FALSE(profile.contact.has_value());
  } else {
    REQUIRE(profile.contact.has_value());
    CHECK(profile.contact->phone == expected.phone);
  }
  REQUIRE(profile.licenses.size() == expected.licenses.size());
  for (size_t i = 0; i < expected.licenses.size(); ++i) {
    CHECK(profile.licenses[i].state == expected.licenses[i].state);
    CHECK(profile.licenses[i].number == expected.licenses[i].number);
    CHECK(profile.licenses[i].type.empty());
  }
  for (const auto* editor_only : {&profile.bio, &profile.verified_at, &profile.pronouns}) {
    CHECK(editor_only->empty());
  }
  CHECK(profile.insurance.empty());
  CHECK_FALSE(profile.telehealth.has_value());
  CHECK_FALSE(profile.fee.has_value());
  CHECK_FALSE(profile.accepting_new_clients.has_value());
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("NPPES month 1 makes one profile per kept row and skips the others by reason") {
  TempDir dir;
  const CommandOutput first = ImportNppes(dir, kMonth1);
  CAPTURE(first.out);
  CAPTURE(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "read 27 rows"));
  CHECK(Contains(first.out, "18 kept (18 created, 0 updated, 0 unchanged), 0 unpublished"));
  CHECK(Contains(first.out,
                 "skipped: 1 invalid_npi, 1 duplicate_npi, 1 deactivated, 1 organization, "
                 "2 no_behavioral_taxonomy, 1 clinical_credential_missing, 1 no_profession, "
                 "1 non_us_location (9 in all)"));
  CHECK(Contains(first.out, "1 warnings"));
  CHECK(Contains(first.err, "1902834120: warning: contact.phone: extension dropped"));
  // Per-row lines name the NPI, never a provider's name.
  CHECK_FALSE(Contains(first.err, "RIVERA"));

  auto store = OpenStore(dir);
  for (const auto& expected : Month1Kept()) CheckProfile(*store, expected);
  CHECK(store->CountPublished().value() == static_cast<int64_t>(Month1Kept().size()));

  // The README's named cases (docs/interop.md §4.3): R01's ZIP is in the
  // table (downtown Oakland), R15's unknown ZIP 99999 falls back to Chicago's
  // centre.
  const Office elena = store->Get("npi-1902834013").value().profile.offices.at(0);
  CHECK(elena.geo_precision == "zip");
  CHECK(*elena.lat == doctest::Approx(37.8088));
  CHECK(*elena.lon == doctest::Approx(-122.2692));
  const Office alice = store->Get("npi-1902834153").value().profile.offices.at(0);
  CHECK(alice.geo_precision == "city");
  CHECK(*alice.lat == doctest::Approx(CityPoint("Chicago", "IL")->first));

  const Profile june = store->Get("npi-1902834070").value().profile;
  CHECK(june.specialties == std::vector<std::string>{"medication-management"});
  const Profile samuel = store->Get("npi-1902834161").value().profile;
  CHECK(samuel.specialties == std::vector<std::string>{"medication-management"});
  CHECK(samuel.populations == std::vector<std::string>{"children", "preteens", "teens"});
  CHECK(store->Get("npi-1902834187").value().profile.specialties ==
        std::vector<std::string>{"substance-use", "addiction"});
  CHECK(store->Get("npi-1902834260").value().profile.populations ==
        std::vector<std::string>{"older-adults"});
  CHECK(store->Get("npi-1902834278").value().profile.modalities ==
        std::vector<std::string>{"art-therapy"});
  const auto history = store->History("npi-1902834013").value();
  REQUIRE(history.size() == 1);
  CHECK(history[0].actor == "import:nppes");

  const CommandOutput again = ImportNppes(dir, kMonth1);
  CAPTURE(again.out);
  CHECK(again.exit_code == 0);
  CHECK(Contains(again.out, "18 kept (0 created, 0 updated, 18 unchanged)"));
}

TEST_CASE("NPPES month 2 updates owned fields, unpublishes the deactivated NPI and adds the new") {
  TempDir dir;
  REQUIRE(ImportNppes(dir, kMonth1).exit_code == 0);
  const CommandOutput next = ImportNppes(dir, kMonth2);
  CAPTURE(next.out);
  CAPTURE(next.err);
  REQUIRE(next.exit_code == 0);
  CHECK(Contains(next.out, "read 27 rows"));
  CHECK(Contains(next.out,
                 "17 kept (1 created, 6 updated, 10 unchanged), 1 unpublished, "
                 "0 protected fields kept"));
  CHECK(Contains(next.out, "(8 in all)"));
  CHECK(Contains(next.out, "1 no_longer_behavioral"));

  auto store = OpenStore(dir);
  CHECK(store->Get("npi-1902834013").value().profile.contact->phone == "+15105550131");
  const Profile daniel = store->Get("npi-1902834021").value().profile;
  REQUIRE(daniel.offices.size() == 1);
  CHECK(daniel.offices[0].city == "San Francisco");
  CHECK(daniel.offices[0].zip == "94103-1234");
  CheckPlace(daniel.offices[0], PlaceOf("94103", "San Francisco", "CA"));
  CHECK(daniel.offices[0].geo_precision == "zip");
  CHECK(daniel.contact->phone == "+14155550102");
  CHECK(store->Get("npi-1902834088").value().profile.credentials ==
        std::vector<std::string>{"PsyD", "LMHC", "ABPP"});
  const auto peggy = store->Get("npi-1902834104").value().profile.licenses;
  REQUIRE(peggy.size() == 2);
  CHECK(peggy[1].state == "WY");
  CHECK(peggy[1].number == "LPC-778");
  // R11 lost its behavioural taxonomy: left as it was.
  const StoredProfile wei = store->Get("npi-1902834112").value();
  CHECK(wei.version == 1);
  CHECK(wei.status == ProfileStatus::kPublished);
  CHECK(store->Get("npi-1902834138").value().profile.licenses.size() == 2);
  const StoredProfile samuel = store->Get("npi-1902834161").value();
  CHECK(samuel.status == ProfileStatus::kUnpublished);
  const auto samuel_history = store->History("npi-1902834161").value();
  CHECK(samuel_history[0].action == "unpublish");
  CHECK(samuel_history[0].actor == "import:nppes");
  CHECK(store->Get("npi-1902834203").value().profile.name == "Maureen Sullivan-Park");
  const Profile astrid = store->Get("npi-1902834286").value().profile;
  CHECK(astrid.name == "Astrid Holm");
  CHECK(astrid.credentials == std::vector<std::string>{"PhD"});
  CHECK(astrid.profession == "psychologist");
  CHECK(astrid.offices[0].zip == "78701-1234");
  CHECK(astrid.licenses[0].number == "35001");
  CHECK(store->CountPublished().value() == 18);
}

TEST_CASE("NPPES month 2 keeps what an editor changed and fields NPPES does not own") {
  TempDir dir;
  REQUIRE(ImportNppes(dir, kMonth1).exit_code == 0);
  {
    auto store = OpenStore(dir);
    Profile elena = store->Get("npi-1902834013").value().profile;
    elena.contact->phone = "+15105550177";
    elena.updated_at.clear();
    REQUIRE(store->Upsert(elena, "editor@example.org").ok());
    Profile daniel = store->Get("npi-1902834021").value().profile;
    daniel.bio = "I work with adults facing anxiety and grief.";
    daniel.updated_at.clear();
    REQUIRE(store->Upsert(daniel, "editor@example.org").ok());
  }
  const CommandOutput next = ImportNppes(dir, kMonth2);
  CAPTURE(next.out);
  CAPTURE(next.err);
  REQUIRE(next.exit_code == 0);
  CHECK(Contains(next.out,
                 "17 kept (1 created, 5 updated, 11 unchanged), 1 unpublished, "
                 "1 protected fields kept"));
  CHECK(Contains(next.err, "protected field kept: npi-1902834013: contact"));
  auto store = OpenStore(dir);
  CHECK(store->Get("npi-1902834013").value().profile.contact->phone == "+15105550177");
  const Profile daniel = store->Get("npi-1902834021").value().profile;
  CHECK(daniel.bio == "I work with adults facing anxiety and grief.");
  CHECK(daniel.offices[0].city == "San Francisco");
  CHECK(daniel.contact->phone == "+14155550102");
}

TEST_CASE("NPPES import updates an editor's profile that carries the NPI instead of a twin") {
  TempDir dir;
  {
    auto store = OpenStore(dir);
    Profile editor_made;
    editor_made.id = "t-0000123";
    editor_made.npi = "1902834013";
    editor_made.name = "Elena Rivera";
    editor_made.profession = "social_worker";
    editor_made.bio = "Trauma-focused therapy in Oakland.";
    REQUIRE(store->Upsert(editor_made, "editor@example.org").ok());
  }
  const CommandOutput first = ImportNppes(dir, kMonth1);
  CAPTURE(first.out);
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "18 kept (17 created, 1 updated, 0 unchanged)"));
  auto store = OpenStore(dir);
  CHECK_FALSE(store->Get("npi-1902834013").ok());
  const Profile elena = store->Get("t-0000123").value().profile;
  CHECK(elena.bio == "Trauma-focused therapy in Oakland.");
  CHECK(elena.contact->phone == "+15105550101");
  CHECK(elena.offices[0].city == "Oakland");
  CHECK(elena.licenses.size() == 1);
}

TEST_CASE("a search finds an imported therapist once the index is built") {
  TempDir dir;
  REQUIRE(ImportNppes(dir, kMonth1).exit_code == 0);
  const CommandOutput rebuilt = RunIndex(dir, {"rebuild"});
  CAPTURE(rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  const CommandOutput found =
      RunCommand({CommandPath("rapport-query"), "--data-dir", dir.File("data"),
                  "profession=psychiatric_np", "state=WA"});
  CAPTURE(found.err);
  REQUIRE(found.exit_code == 0);
  rapidjson::Document answer;
  answer.Parse(found.out.c_str());
  REQUIRE(answer.IsObject());
  REQUIRE(answer["results"].IsArray());
  std::vector<std::string> ids;
  for (const auto& result : answer["results"].GetArray()) ids.push_back(result["id"].GetString());
  CHECK(ids == std::vector<std::string>{"npi-1902834070"});
}

TEST_CASE("an NPPES file without a needed column is refused naming it") {
  TempDir dir;
  const std::string file = dir.File("short.csv");
  testing::WriteFile(file, "\"NPI\",\"Entity Type Code\"\r\n\"1902834013\",\"1\"\r\n");
  const CommandOutput output = ImportNppes(dir, file);
  CHECK(output.exit_code == 2);
  CHECK(Contains(output.err, "\"Provider First Name\""));
  CHECK(Contains(output.err, "\"Healthcare Provider Taxonomy Code_15\""));
}

}  // namespace
}  // namespace rapport
