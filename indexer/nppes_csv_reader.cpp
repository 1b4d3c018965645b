// CsvRecordReader: block reads and the RFC 4180 state machine (see nppes_csv_reader.h).
#include "nppes_csv_reader.h"

#include <cerrno>
#include <cstring>

#include "file_blocks.h"

namespace rapport {
namespace {

constexpr int kEndOfFile = -1;
constexpr char kQuote = '"';
constexpr char kSeparator = ',';

// Where the state machine is inside the current field.
enum class FieldState {
  kStart,       // nothing read yet
  kUnquoted,    // inside a field that did not start with a quote
  kInQuotes,    // inside a quoted field
  kAfterQuote,  // a quote inside a quoted field: a doubled quote or the field's end
};

}  // namespace

std::string DescribeCsvProblem(const CsvRecord& record, const CsvLimits& limits) {
  const std::string where = "line " + std::to_string(record.line) + ": ";
  switch (record.problem) {
    case CsvProblem::kNone:
      return where + "no problem";
    case CsvProblem::kFieldTooLong:
      return where + "a field is longer than " + std::to_string(limits.max_field_bytes) +
             " bytes; record skipped";
    case CsvProblem::kRecordTooLong:
      return where + "the record is longer than " + std::to_string(limits.max_record_bytes) +
             " bytes; record skipped";
    case CsvProblem::kUnterminatedQuote:
      return where + "a quoted field in this record is never closed before the end of the file";
    case CsvProblem::kStrayQuote:
      return where +
             "a quote inside an unquoted field, or text after a closing quote; record skipped";
  }
  return where + "unknown problem";
}

Result<std::unique_ptr<CsvRecordReader>> CsvRecordReader::Open(const std::string& path,
                                                               const CsvLimits& limits) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Error{400, "unreadable_file", path + ": " + std::strerror(errno), ""};
  }
  return std::unique_ptr<CsvRecordReader>(new CsvRecordReader(file, path, limits));
}

CsvRecordReader::CsvRecordReader(std::FILE* file, std::string path, const CsvLimits& limits)
    : file_(file), path_(std::move(path)), limits_(limits) {}

CsvRecordReader::~CsvRecordReader() { std::fclose(file_); }

bool CsvRecordReader::Fill() {
  if (eof_) return false;
  pos_ = 0;
  eof_ = !ReadNextBlock(file_, path_, &buffer_, &status_);
  return !eof_;
}

int CsvRecordReader::Peek() {
  if (pos_ >= buffer_.size() && !Fill()) return kEndOfFile;
  return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvRecordReader::Take() {
  const int c = Peek();
  if (c == kEndOfFile) return c;
  ++pos_;
  if (c == '\n') ++line_;
  return c;
}

bool CsvRecordReader::Next(CsvRecord* record) {
  while (ReadRecord(record)) {
    const bool blank = record->problem == CsvProblem::kNone && record->fields.empty();
    if (!blank) return true;
  }
  return false;
}

bool CsvRecordReader::ReadRecord(CsvRecord* record) {
  record->fields.clear();
  record->problem = CsvProblem::kNone;
  if (Peek() == kEndOfFile) return false;
  record->line = line_;
  std::string field;
  FieldState state = FieldState::kStart;
  size_t record_bytes = 0;
  const auto fail = [&](CsvProblem problem) {
    if (record->problem == CsvProblem::kNone) record->problem = problem;
    field.clear();
    record->fields.clear();
  };
  const auto append = [&](char c) {
    if (record->problem != CsvProblem::kNone) return;
    if (field.size() >= limits_.max_field_bytes) {
      fail(CsvProblem::kFieldTooLong);
      return;
    }
    field.push_back(c);
  };
  const auto end_field = [&] {
    if (record->problem == CsvProblem::kNone) record->fields.push_back(std::move(field));
    field.clear();
  };
  while (true) {
    const int c = Take();
    if (c == kEndOfFile) {
      if (state == FieldState::kInQuotes) fail(CsvProblem::kUnterminatedQuote);
      end_field();
      break;
    }
    if (++record_bytes > limits_.max_record_bytes) fail(CsvProblem::kRecordTooLong);
    if (state == FieldState::kInQuotes) {
      if (c == kQuote) {
        state = FieldState::kAfterQuote;
      } else {
        append(static_cast<char>(c));
      }
      continue;
    }
    if (c == kQuote) {
      if (state == FieldState::kStart) {
        state = FieldState::kInQuotes;
      } else if (state == FieldState::kAfterQuote) {
        append(kQuote);
        state = FieldState::kInQuotes;
      } else {
        fail(CsvProblem::kStrayQuote);
      }
      continue;
    }
    if (c == kSeparator) {
      end_field();
      state = FieldState::kStart;
      continue;
    }
    const bool line_end = c == '\n' || (c == '\r' && Peek() == '\n');
    if (line_end) {
      // The LF of a CRLF counts towards the record's bytes like every other byte.
      if (c == '\r' && Take() != kEndOfFile && ++record_bytes > limits_.max_record_bytes) {
        fail(CsvProblem::kRecordTooLong);
      }
      const bool blank_line = state == FieldState::kStart && record->fields.empty();
      if (!blank_line) end_field();
      break;
    }
    if (state == FieldState::kAfterQuote) fail(CsvProblem::kStrayQuote);
    append(static_cast<char>(c));
    state = FieldState::kUnquoted;
  }
  if (record->problem != CsvProblem::kNone) record->fields.clear();
  return status_.ok();
}

}  // namespace rapport
