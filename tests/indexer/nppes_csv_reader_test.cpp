// CsvRecordReader on real files: RFC 4180 quoting, CRLF and LF, embedded
// newlines, blank lines, and the problems (unterminated or stray quotes,
// over-long fields and records) reported with the line the record starts on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "nppes_csv_reader.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::TempDir;
using testing::WriteFile;

struct ReadAll {
  std::vector<CsvRecord> records;
  Status status;
};

ReadAll Read(const std::string& content, const CsvLimits& limits = CsvLimits{}) {
  const TempDir dir;
  const std::string path = dir.File("file.csv");
  WriteFile(path, content);
  auto reader = CsvRecordReader::Open(path, limits);
  REQUIRE(reader.ok());
  ReadAll all;
  for (CsvRecord record; reader.value()->Next(&record);) all.records.push_back(record);
  all.status = reader.value()->status();
  return all;
}

using Fields = std::vector<std::string>;

TEST_CASE("csv: quoted and unquoted fields, LF and CRLF line ends, no final newline") {
  const ReadAll lf = Read("\"NPI\",\"Name\"\n\"1\",plain\n\"2\",\"\"");
  REQUIRE(lf.records.size() == 3);
  CHECK(lf.records[0].fields == Fields{"NPI", "Name"});
  CHECK(lf.records[1].fields == Fields{"1", "plain"});
  CHECK(lf.records[2].fields == Fields{"2", ""});
  CHECK(lf.records[2].line == 3);
  CHECK(lf.status.ok());

  const ReadAll crlf = Read("\"NPI\",\"Name\"\r\n\"1\",plain\r\n\"2\",\"\"\r\n");
  REQUIRE(crlf.records.size() == 3);
  for (size_t i = 0; i < crlf.records.size(); ++i) {
    CHECK(crlf.records[i].fields == lf.records[i].fields);
  }
}

TEST_CASE("csv: doubled quotes, commas and newlines inside quotes, and line numbers count them") {
  const ReadAll all = Read(
      "\"MARGARET \"\"PEGGY\"\"\",\"100 MAIN ST, SUITE "
      "2\"\r\n\"two\nlines\",\"cr\r\nlf\"\nlast,\n");
  REQUIRE(all.records.size() == 3);
  CHECK(all.records[0].fields == Fields{"MARGARET \"PEGGY\"", "100 MAIN ST, SUITE 2"});
  CHECK(all.records[1].fields == Fields{"two\nlines", "cr\r\nlf"});
  CHECK(all.records[1].line == 2);
  CHECK(all.records[2].fields == Fields{"last", ""});
  CHECK(all.records[2].line == 5);
}

TEST_CASE("csv: blank lines are skipped, a quoted empty field is not blank") {
  const ReadAll all = Read("\n\r\na\n\n\"\"\n");
  REQUIRE(all.records.size() == 2);
  CHECK(all.records[0].fields == Fields{"a"});
  CHECK(all.records[0].line == 3);
  CHECK(all.records[1].fields == Fields{""});
  CHECK(all.records[1].line == 5);
}

TEST_CASE("csv: an unterminated quote is reported at the line its record starts on") {
  const ReadAll all = Read("a,b\n\"ok\",\"never closed\nmore\nlines");
  REQUIRE(all.records.size() == 2);
  CHECK(all.records[0].fields == Fields{"a", "b"});
  CHECK(all.records[1].problem == CsvProblem::kUnterminatedQuote);
  CHECK(all.records[1].fields.empty());
  CHECK(all.records[1].line == 2);
  CHECK(DescribeCsvProblem(all.records[1], CsvLimits{}).rfind("line 2: ", 0) == 0);
  CHECK(all.status.ok());
}

TEST_CASE("csv: stray quotes make a problem record and reading goes on after it") {
  const ReadAll all = Read("ab\"c,d\n\"closed\"x,y\nnext,row\n");
  REQUIRE(all.records.size() == 3);
  CHECK(all.records[0].problem == CsvProblem::kStrayQuote);
  CHECK(all.records[1].problem == CsvProblem::kStrayQuote);
  CHECK(all.records[1].line == 2);
  CHECK(all.records[2].problem == CsvProblem::kNone);
  CHECK(all.records[2].fields == Fields{"next", "row"});
}

TEST_CASE("csv: an over-long field or record is reported with its line and skipped") {
  CsvLimits limits;
  limits.max_field_bytes = 8;
  limits.max_record_bytes = 32;
  const std::string long_field(limits.max_field_bytes + 1, 'x');
  const std::string many_fields(limits.max_record_bytes, ',');
  const ReadAll all = Read("ok,\"12345678\"\n\"" + long_field + "\",b\n" + many_fields +
                               "\n\"multi\nline " + long_field + "\"\nafter,it\n",
                           limits);
  REQUIRE(all.records.size() == 5);
  CHECK(all.records[0].fields == Fields{"ok", "12345678"});
  CHECK(all.records[1].problem == CsvProblem::kFieldTooLong);
  CHECK(all.records[1].line == 2);
  CHECK(DescribeCsvProblem(all.records[1], limits) ==
        "line 2: a field is longer than 8 bytes; record skipped");
  CHECK(all.records[2].problem == CsvProblem::kRecordTooLong);
  CHECK(all.records[2].line == 3);
  CHECK(all.records[3].problem == CsvProblem::kFieldTooLong);
  CHECK(all.records[3].line == 4);
  CHECK(all.records[4].fields == Fields{"after", "it"});
  CHECK(all.records[4].line == 6);
}

TEST_CASE("csv: a missing file is a clear error naming it") {
  const TempDir dir;
  auto reader = CsvRecordReader::Open(dir.File("missing.csv"), CsvLimits{});
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.error().message.find("missing.csv") != std::string::npos);
}

// The fixtures: every record has the header's 330 columns (docs/interop.md §3.1).
TEST_CASE("csv: every row of the NPPES fixtures has the header's columns") {
  constexpr size_t kNppesColumns = 330;
  for (const char* name : {"npidata_pfile_fixture.csv", "npidata_pfile_fixture-next.csv"}) {
    CAPTURE(name);
    auto reader = CsvRecordReader::Open(
        testing::SourcePath(std::string("tests/data/nppes/") + name), CsvLimits{});
    REQUIRE(reader.ok());
    size_t count = 0;
    for (CsvRecord record; reader.value()->Next(&record); ++count) {
      CAPTURE(record.line);
      CHECK(record.problem == CsvProblem::kNone);
      CHECK(record.fields.size() == kNppesColumns);
    }
    CHECK(reader.value()->status().ok());
    CHECK(count == 1 + 27);
  }
}

}  // namespace
}  // namespace rapport
