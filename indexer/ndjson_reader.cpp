// NdjsonReader: block reads, line splitting and over-long line skipping.
#include "ndjson_reader.h"

#include <cerrno>
#include <cstring>

#include "file_blocks.h"

namespace rapport {
namespace {

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

Result<std::unique_ptr<NdjsonReader>> NdjsonReader::Open(const std::string& path,
                                                         size_t max_line_bytes) {
  if (path == "-") {
    return std::unique_ptr<NdjsonReader>(new NdjsonReader(stdin, false, path, max_line_bytes));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Error{400, "unreadable_file", path + ": " + std::strerror(errno), ""};
  }
  return std::unique_ptr<NdjsonReader>(new NdjsonReader(file, true, path, max_line_bytes));
}

NdjsonReader::NdjsonReader(std::FILE* file, bool owned, std::string path, size_t max_line_bytes)
    : file_(file), owned_(owned), path_(std::move(path)), max_line_bytes_(max_line_bytes) {}

NdjsonReader::~NdjsonReader() {
  if (owned_) std::fclose(file_);
}

bool NdjsonReader::Fill() {
  if (eof_) return false;
  pos_ = 0;
  eof_ = !ReadNextBlock(file_, path_, &buffer_, &status_);
  return !eof_;
}

bool NdjsonReader::Next(NdjsonLine* line) {
  while (true) {
    if (pos_ >= buffer_.size() && !Fill()) return false;
    line->text.clear();
    line->too_long = false;
    line->number = ++line_number_;
    bool ended = false;
    while (!ended) {
      if (pos_ >= buffer_.size() && !Fill()) break;
      const char* start = buffer_.data() + pos_;
      const size_t available = buffer_.size() - pos_;
      const void* newline = std::memchr(start, '\n', available);
      const size_t take = newline ? static_cast<const char*>(newline) - start : available;
      if (!line->too_long) {
        if (line->text.size() + take > max_line_bytes_) {
          line->too_long = true;
          line->text.clear();
          line->text.shrink_to_fit();
        } else {
          line->text.append(start, take);
        }
      }
      pos_ += take;
      if (newline) {
        ++pos_;
        ended = true;
      }
    }
    if (!status_) return false;
    if (!line->text.empty() && line->text.back() == '\r') line->text.pop_back();
    if (line->too_long || !IsBlank(line->text)) return true;
    if (!ended && eof_) return false;
  }
}

}  // namespace rapport
