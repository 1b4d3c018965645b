// offices[].geo_precision through the real commands (docs/interop.md §4.3,
// §6): the FHIR import of the Plan-Net fixture places each office by its
// position, ZIP or city as tests/data/fhir/README.md says, and a profile →
// FHIR export → FHIR import keeps every office's precision. Expected points
// are read from the fixture and data/zip_centroids.tsv here.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "index_command.h"
#include "profile_store.h"
#include "store_test_support.h"
#include "test_support.h"
#include "zip_gazetteer.h"

namespace rapport {
namespace {

using testing::CommandOutput;
using testing::RunIndex;
using testing::SourcePath;
using testing::TempDir;

// The store an Index run made in `dir`.
std::unique_ptr<ProfileStore> OpenStore(const TempDir& dir) {
  return testing::OpenStore(dir.File("data/rapport.sqlite"));
}

// The fixture Bundle's Location `id`.
rapidjson::Document BundleLocation(const std::string& id) {
  rapidjson::Document bundle;
  bundle.Parse(testing::ReadFile(SourcePath("tests/data/fhir/plan-net-bundle.json")).c_str());
  rapidjson::Document location;
  for (const auto& entry : bundle["entry"].GetArray()) {
    const auto& resource = entry["resource"];
    if (std::string(resource["resourceType"].GetString()) == "Location" &&
        resource["id"].GetString() == id) {
      location.CopyFrom(resource, location.GetAllocator());
    }
  }
  return location;
}

TEST_CASE("the FHIR import places offices by position, else ZIP, else city") {
  TempDir dir;
  const CommandOutput run = RunIndex(
      dir, {"import", "--format", "fhir", SourcePath("tests/data/fhir/plan-net-bundle.json")});
  CAPTURE(run.out);
  CHECK(run.exit_code == 1);  // the fixture's Patient is refused
  auto store = OpenStore(dir);
  const ZipGazetteer zips = ZipGazetteer::Load(SourcePath("data/zip_centroids.tsv")).value();

  // A valid position is the street address's point.
  const Office garcia = store->Get("npi-1902835010").value().profile.offices.at(0);
  const rapidjson::Document oakland = BundleLocation("loc-garcia-oakland");
  CHECK(garcia.geo_precision == "address");
  CHECK(*garcia.lat == oakland["position"]["latitude"].GetDouble());

  // No position: the ZIP's centroid.
  const Office cohen = store->Get("npi-1902835028").value().profile.offices.at(0);
  CHECK(cohen.geo_precision == "zip");
  CHECK(*cohen.lat == zips.Find(cohen.zip)->lat);
  CHECK(*cohen.lon == zips.Find(cohen.zip)->lon);

  // A position out of range is not used: the ZIP's centroid instead.
  const Office whitfield = store->Get("fhir-prac-whitfield").value().profile.offices.at(0);
  CHECK(whitfield.geo_precision == "zip");
  CHECK(*whitfield.lat == zips.Find("78701")->lat);
}

TEST_CASE("profile to FHIR export to FHIR import keeps each office's geo_precision") {
  TempDir source;
  const std::string ndjson = source.File("profiles.ndjson");
  // One office of each kind: the importer must not re-derive a point or a
  // precision that the export carried (the points are not the tables').
  testing::WriteFile(
      ndjson,
      R"({"id":"t-geo","npi":"1234567893","name":"Ada Lane","profession":"counselor",)"
      R"("offices":[{"city":"Oakland","state":"CA","zip":"94612","lat":37.81,"lon":-122.27,"geo_precision":"zip"},)"
      R"({"city":"Chicago","state":"IL","zip":"60601","lat":41.88,"lon":-87.63,"geo_precision":"city"},)"
      R"({"city":"Boston","state":"MA","zip":"02116","lat":42.35,"lon":-71.07,"geo_precision":"address"},)"
      R"({"city":"Denver","state":"CO","zip":"80202","lat":39.75,"lon":-105.0}]})"
      "\n");
  REQUIRE(RunIndex(source, {"import", ndjson}).exit_code == 0);
  const std::string exported = source.File("fhir");
  const CommandOutput exporting = RunIndex(source, {"export", "--format", "fhir", exported});
  CAPTURE(exporting.err);
  REQUIRE(exporting.exit_code == 0);
  const std::string locations = testing::ReadFile(exported + "/Location.ndjson");
  CHECK(locations.find("geo-precision") != std::string::npos);

  TempDir target;
  std::vector<std::string> import = {"import", "--format", "fhir"};
  for (const auto& file : std::filesystem::directory_iterator(exported)) {
    import.push_back(file.path().string());
  }
  const CommandOutput imported = RunIndex(target, import);
  CAPTURE(imported.out);
  CAPTURE(imported.err);
  REQUIRE(imported.exit_code == 0);
  const auto before = OpenStore(source)->Get("t-geo").value().profile.offices;
  const auto after = OpenStore(target)->Get("t-geo").value().profile.offices;
  REQUIRE(after.size() == before.size());
  // A point an editor placed (no precision) carries no extension, so it
  // comes back as any other FHIR position: precision address (§6.2).
  const std::vector<std::string> expected = {"zip", "city", "address", "address"};
  for (size_t i = 0; i < before.size(); ++i) {
    CAPTURE(before[i].city);
    CHECK(after[i].geo_precision == expected[i]);
    CHECK(*after[i].lat == *before[i].lat);
    CHECK(*after[i].lon == *before[i].lon);
  }
}

}  // namespace
}  // namespace rapport
