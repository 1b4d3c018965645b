// gzip via zlib's deflate with a gzip wrapper.
#include "gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace rapport {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip header and trailer
constexpr int kMemLevel = 8;
constexpr int kLevel = 6;  // zlib's default balance of speed and size

std::string Trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  size_t start = 0;
  while (start <= accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string item = Trim(accept_encoding.substr(start, end - start));
    start = end + 1;
    std::transform(item.begin(), item.end(), item.begin(), ::tolower);
    const size_t semicolon = item.find(';');
    const std::string coding = Trim(item.substr(0, semicolon));
    if (coding != "gzip" && coding != "*") continue;
    if (semicolon == std::string::npos) return true;
    std::string params = item.substr(semicolon + 1);
    params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
    if (params.rfind("q=", 0) == 0) return std::strtod(params.c_str() + 2, nullptr) > 0;
    return true;
  }
  return false;
}

std::optional<std::string> GzipCompress(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, kLevel, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace rapport
