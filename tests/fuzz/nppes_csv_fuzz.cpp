// Fuzzes the NPPES import's CSV reading: the input is a whole CSV file, read
// by CsvRecordReader from a memory file with small limits, and each record's
// first field through the NPI check, as the import does.
//
// Invariants: reading ends without a read error; a record with a problem has
// no fields; a good record's fields keep the limits and, written back as
// quoted CSV and read again, give the same fields; an input with no quote
// yields exactly the records an independent split at newlines and commas
// finds (numbers, a trailing \r dropped, blank lines skipped, over-limit
// records flagged).
#include <optional>

#include "fuzz_support.h"
#include "npi_number.h"
#include "nppes_csv_reader.h"

namespace rapport::fuzz {
namespace {

// Small, so that the fuzzer reaches them.
CsvLimits Limits() {
  CsvLimits limits;
  limits.max_field_bytes = 64;
  limits.max_record_bytes = 256;
  return limits;
}

// Everything read from `file`, with the reader's final status.
struct ReadAll {
  std::vector<CsvRecord> records;
  bool status_ok = false;
};

ReadAll ReadEverything(std::string_view file) {
  const MemoryFile memory(file);
  auto reader = CsvRecordReader::Open(memory.path(), Limits());
  FUZZ_CHECK(reader.ok(), "cannot open the memory file");
  ReadAll all;
  for (CsvRecord record; reader.value()->Next(&record);) all.records.push_back(record);
  all.status_ok = reader.value()->status().ok();
  return all;
}

// The record as CSV with every field quoted, the way NPPES writes it.
std::string WriteQuoted(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += '"';
    for (const char c : fields[i]) {
      if (c == '"') line += '"';
      line += c;
    }
    line += '"';
  }
  return line + "\n";
}

// A record the quote-free oracle expects: fields, or nullopt for a problem.
struct ExpectedRecord {
  int64_t line = 0;
  std::optional<std::vector<std::string>> fields;
};

std::vector<ExpectedRecord> SplitWithoutQuotes(std::string_view file) {
  const CsvLimits limits = Limits();
  std::vector<ExpectedRecord> records;
  int64_t number = 0;
  for (size_t start = 0; start < file.size();) {
    size_t end = file.find('\n', start);
    const bool has_newline = end != std::string_view::npos;
    if (!has_newline) end = file.size();
    std::string_view text = file.substr(start, end - start);
    const size_t record_bytes = text.size() + (has_newline ? 1 : 0);
    start = end + 1;
    ++number;
    if (has_newline && !text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) continue;
    std::vector<std::string> fields;
    bool field_too_long = false;
    for (size_t field_start = 0;;) {
      size_t comma = text.find(',', field_start);
      if (comma == std::string_view::npos) comma = text.size();
      fields.emplace_back(text.substr(field_start, comma - field_start));
      field_too_long = field_too_long || fields.back().size() > limits.max_field_bytes;
      if (comma == text.size()) break;
      field_start = comma + 1;
    }
    ExpectedRecord expected;
    expected.line = number;
    if (!field_too_long && record_bytes <= limits.max_record_bytes) expected.fields = fields;
    records.push_back(expected);
  }
  return records;
}

}  // namespace
}  // namespace rapport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rapport;
  using namespace rapport::fuzz;
  const std::string_view file = AsText(data, size);
  const CsvLimits limits = Limits();
  const ReadAll all = ReadEverything(file);
  FUZZ_CHECK(all.status_ok, "read error on a memory file");
  for (const CsvRecord& record : all.records) {
    const std::string where = "record at line " + std::to_string(record.line);
    if (record.problem != CsvProblem::kNone) {
      FUZZ_CHECK(record.fields.empty(), where + " has a problem and fields");
      continue;
    }
    FUZZ_CHECK(!record.fields.empty(), where + " has no fields");
    static_cast<void>(IsValidNpi(record.fields.front()));
    for (const std::string& field : record.fields) {
      FUZZ_CHECK(field.size() <= limits.max_field_bytes, where + " has a field over the limit");
    }
    const std::string again = WriteQuoted(record.fields);
    if (again.size() > limits.max_record_bytes) continue;
    const ReadAll reread = ReadEverything(again);
    FUZZ_CHECK(reread.records.size() == 1 && reread.records[0].fields == record.fields,
               where + " does not read back the same from quoted CSV");
  }
  if (file.find('"') == std::string_view::npos) {
    const std::vector<ExpectedRecord> expected = SplitWithoutQuotes(file);
    FUZZ_CHECK(expected.size() == all.records.size(), "record count differs from a plain split");
    for (size_t i = 0; i < expected.size(); ++i) {
      const CsvRecord& record = all.records[i];
      const std::string where = "record " + std::to_string(i);
      FUZZ_CHECK(record.line == expected[i].line, where + " starts on another line");
      FUZZ_CHECK(expected[i].fields.has_value() == (record.problem == CsvProblem::kNone),
                 where + " flagged differently from a plain split");
      if (expected[i].fields) {
        FUZZ_CHECK(record.fields == *expected[i].fields, where + " split differently");
      }
    }
  }
  return 0;
}
