// CsvRecordReader: reads a CSV file (RFC 4180) one record at a time in
// bounded memory, for the NPPES import (docs/interop.md §3.1). Fields may be
// quoted; inside quotes a doubled quote is a quote and commas, CR and LF are
// text. Records end with LF or CRLF outside quotes. Blank lines are skipped.
//
// A record that breaks the rules or the size limits is returned with a
// problem and no fields, naming the line it starts on; reading goes on after
// it (an unterminated quote runs to the end of the file, so it is the last).
//
//   auto reader = CsvRecordReader::Open(path, CsvLimits{});
//   CsvRecord record;
//   while (reader.value()->Next(&record)) { ... record.fields ... }
//   if (!reader.value()->status().ok()) ...  // a read error stopped it
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "error.h"

namespace rapport {

// The reader's bounds; a record over either is reported and skipped without
// being held whole.
struct CsvLimits {
  // Bytes of one field's text; NPPES fields are at most a few hundred.
  size_t max_field_bytes = size_t{4} << 10;
  // Bytes of one record as written in the file, quotes and separators
  // included (docs/interop.md §3.1: 64 KiB).
  size_t max_record_bytes = size_t{64} << 10;
};

enum class CsvProblem {
  kNone,
  kFieldTooLong,       // a field over max_field_bytes
  kRecordTooLong,      // a record over max_record_bytes
  kUnterminatedQuote,  // the file ends inside a quoted field
  kStrayQuote,         // a quote inside an unquoted field, or text after a closing quote
};

struct CsvRecord {
  int64_t line = 0;                 // 1-based line of the file the record starts on
  std::vector<std::string> fields;  // empty when problem is set
  CsvProblem problem = CsvProblem::kNone;
};

// "line 12: the file ends inside a quoted field": a message for an operator,
// never holding the record's text.
[[nodiscard]] std::string DescribeCsvProblem(const CsvRecord& record, const CsvLimits& limits);

class CsvRecordReader {
 public:
  // Opens `path`; a 400 Error naming the file and the reason if it cannot.
  [[nodiscard]] static Result<std::unique_ptr<CsvRecordReader>> Open(const std::string& path,
                                                                     const CsvLimits& limits);
  ~CsvRecordReader();
  CsvRecordReader(const CsvRecordReader&) = delete;
  CsvRecordReader& operator=(const CsvRecordReader&) = delete;

  // The next record that is not a blank line; false at the end of the file or
  // on a read error (see status()).
  [[nodiscard]] bool Next(CsvRecord* record);
  // Ok, or the read error that ended the file early.
  [[nodiscard]] const Status& status() const { return status_; }

 private:
  CsvRecordReader(std::FILE* file, std::string path, const CsvLimits& limits);
  // The next byte without consuming it, or kEndOfFile.
  int Peek();
  // The next byte, counting lines, or kEndOfFile.
  int Take();
  bool Fill();
  // Reads one record's bytes into `record`; false when the file had none left.
  bool ReadRecord(CsvRecord* record);

  std::FILE* file_;
  std::string path_;
  CsvLimits limits_;
  std::string buffer_;  // read-ahead block
  size_t pos_ = 0;      // next unread byte of buffer_
  int64_t line_ = 1;    // line of the next unread byte
  bool eof_ = false;
  Status status_;
};

}  // namespace rapport
