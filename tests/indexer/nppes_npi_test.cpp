// The NPI check digit (data/schema/npi_number.h) against an independent
// answer: the worked example of the CMS NPI check digit paper, single-digit
// changes, and the fixture rows the README marks valid or not.
#include <doctest/doctest.h>

#include <string>

#include "npi_number.h"
#include "nppes_csv_reader.h"
#include "test_support.h"

namespace rapport {
namespace {

TEST_CASE("npi: the CMS worked example 123456789 has check digit 3") {
  CHECK(NpiCheckDigit("123456789") == 3);
  CHECK(IsValidNpi("1234567893"));
}

TEST_CASE("npi: any single changed digit, wrong length or non-digit is invalid") {
  const std::string valid = "1234567893";
  for (size_t i = 0; i < valid.size(); ++i) {
    std::string changed = valid;
    changed[i] = static_cast<char>('0' + (valid[i] - '0' + 1) % 10);
    CAPTURE(changed);
    CHECK_FALSE(IsValidNpi(changed));
  }
  CHECK_FALSE(IsValidNpi("123456789"));
  CHECK_FALSE(IsValidNpi("12345678930"));
  CHECK_FALSE(IsValidNpi("12345678 3"));
  CHECK_FALSE(IsValidNpi(""));
}

// tests/data/nppes/README.md: every NPI is valid but R09's, 1902834091.
TEST_CASE("npi: the fixtures' NPIs are valid except the one row made wrong") {
  constexpr std::string_view kWrongCheckDigit = "1902834091";
  for (const char* name : {"npidata_pfile_fixture.csv", "npidata_pfile_fixture-next.csv"}) {
    auto reader = CsvRecordReader::Open(
        testing::SourcePath(std::string("tests/data/nppes/") + name), CsvLimits{});
    REQUIRE(reader.ok());
    CsvRecord header;
    REQUIRE(reader.value()->Next(&header));
    REQUIRE(header.fields.at(0) == "NPI");
    for (CsvRecord record; reader.value()->Next(&record);) {
      const std::string& npi = record.fields.at(0);
      CAPTURE(npi);
      CHECK(IsValidNpi(npi) == (npi != kWrongCheckDigit));
    }
  }
}

}  // namespace
}  // namespace rapport
