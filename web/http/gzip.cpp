// gzip via libdeflate, which compresses a whole buffer in one call: at its
// level 1 a 30 KB search answer takes about 50 µs and comes out smaller than
// zlib's level 1, where zlib's default level took about 700 µs
// (docs/benchmarks.md, "Compressed answers").
#include "gzip.h"

#include <libdeflate.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace rapport {
namespace {

// libdeflate's fastest level (within a tenth of zlib's default size) and its best.
constexpr int kFastLevel = 1;
constexpr int kBestLevel = 12;

struct CompressorDeleter {
  void operator()(libdeflate_compressor* compressor) const {
    libdeflate_free_compressor(compressor);
  }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

std::string Trim(std::string_view text) {
  size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

std::optional<std::string> Compress(libdeflate_compressor* compressor, std::string_view data) {
  if (compressor == nullptr) return std::nullopt;
  std::string out(libdeflate_gzip_compress_bound(compressor, data.size()), '\0');
  const size_t size =
      libdeflate_gzip_compress(compressor, data.data(), data.size(), out.data(), out.size());
  if (size == 0) return std::nullopt;
  out.resize(size);
  return out;
}

}  // namespace

bool CompressibleType(std::string_view content_type) {
  for (std::string_view prefix :
       {"application/json", "application/fhir+json", "text/", "image/svg"}) {
    if (content_type.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

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
  // A compressor holds its hash tables and is not to be shared: one per thread, made once.
  thread_local const Compressor compressor(libdeflate_alloc_compressor(kFastLevel));
  return Compress(compressor.get(), data);
}

std::optional<std::string> GzipCompressBest(std::string_view data) {
  const Compressor compressor(libdeflate_alloc_compressor(kBestLevel));
  return Compress(compressor.get(), data);
}

}  // namespace rapport
