// The pieces of the NPPES import below the command: columns found by header
// name (reordered, renamed before 2025), name parts as NPPES writes them, and
// the taxonomy file's credential gate.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "nppes_columns.h"
#include "nppes_csv_reader.h"
#include "nppes_row.h"
#include "nppes_taxonomy.h"
#include "test_support.h"

namespace rapport {
namespace {

std::vector<std::string> FixtureHeader() {
  auto reader = CsvRecordReader::Open(
      testing::SourcePath("tests/data/nppes/npidata_pfile_fixture.csv"), CsvLimits{});
  REQUIRE(reader.ok());
  CsvRecord header;
  REQUIRE(reader.value()->Next(&header));
  return header.fields;
}

size_t PositionOf(const std::vector<std::string>& header, const std::string& name) {
  return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

TEST_CASE("nppes columns are found by name in any order and under the pre-2025 sex column") {
  std::vector<std::string> header = FixtureHeader();
  std::reverse(header.begin(), header.end());
  std::replace(header.begin(), header.end(), std::string("Provider Sex Code"),
               std::string("Provider Gender Code"));
  auto columns = FindNppesColumns(header);
  REQUIRE(columns.ok());
  CHECK(columns.value().npi == PositionOf(header, "NPI"));
  CHECK(columns.value().sex == PositionOf(header, "Provider Gender Code"));
  REQUIRE(columns.value().slots.size() == static_cast<size_t>(kNppesTaxonomySlots));
  CHECK(columns.value().slots[14].license_state ==
        PositionOf(header, "Provider License Number State Code_15"));
  CHECK(columns.value().count == header.size());
}

TEST_CASE("nppes name parts: capitals are title-cased, mixed case is kept") {
  CHECK(NppesNamePart("O'BRIEN-WALSH") == "O'Brien-Walsh");
  CHECK(NppesNamePart("MARGARET \"PEGGY\"") == "Margaret \"Peggy\"");
  CHECK(NppesNamePart("SAN JUAN") == "San Juan");
  CHECK(NppesNamePart("McKenzie") == "McKenzie");
  CHECK(NppesNamePart("") == "");
}

TEST_CASE("the general social worker code counts only with a clinical credential") {
  auto taxonomy = NuccTaxonomy::Load(testing::SourcePath("data/nucc_taxonomy.json"));
  REQUIRE(taxonomy.ok());
  const NuccCode* general = taxonomy.value().Find("104100000X");
  REQUIRE(general != nullptr);
  CHECK(general->profession == "social_worker");
  CHECK(general->KeepsWith({CredentialKey("LICSW")}));
  CHECK_FALSE(general->KeepsWith({CredentialKey("MSW")}));
  CHECK(taxonomy.value().Find("101YS0200X") == nullptr);  // excluded: school counselor
  const NuccCode* psychoanalyst = taxonomy.value().Find("102L00000X");
  REQUIRE(psychoanalyst != nullptr);
  CHECK(psychoanalyst->profession.empty());
  CHECK(CredentialKey("Ph. D.") == "PHD");
}

}  // namespace
}  // namespace rapport
