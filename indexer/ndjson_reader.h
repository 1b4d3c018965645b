// NdjsonReader: reads a newline-delimited file one line at a time in
// constant memory. A line longer than the limit is reported as too long and
// skipped without ever being held whole.
//
//   auto reader = NdjsonReader::Open(path, 1 << 20);
//   NdjsonLine line;
//   while (reader.value()->Next(&line)) { ... line.number, line.text ... }
//   if (!reader.value()->status()) ...  // a read error stopped it
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "error.h"

namespace rapport {

struct NdjsonLine {
  int64_t number = 0;     // 1-based line number in the file
  std::string text;       // without the newline (and a trailing \r); empty if too_long
  bool too_long = false;  // longer than the limit; text was dropped
};

class NdjsonReader {
 public:
  // Opens `path` ("-" for standard input). 400 Error naming the file and the
  // reason if it cannot be opened.
  static Result<std::unique_ptr<NdjsonReader>> Open(const std::string& path, size_t max_line_bytes);
  ~NdjsonReader();
  NdjsonReader(const NdjsonReader&) = delete;
  NdjsonReader& operator=(const NdjsonReader&) = delete;

  // The next line that is not blank; false at the end of the file or on a
  // read error (see status()).
  bool Next(NdjsonLine* line);
  // Ok, or the read error that ended the file early.
  const Status& status() const { return status_; }

 private:
  NdjsonReader(std::FILE* file, bool owned, std::string path, size_t max_line_bytes);
  bool Fill();

  std::FILE* file_;
  bool owned_;
  std::string path_;
  size_t max_line_bytes_;
  std::string buffer_;  // read-ahead block
  size_t pos_ = 0;      // next unread byte of buffer_
  int64_t line_number_ = 0;
  bool eof_ = false;
  Status status_;
};

}  // namespace rapport
