// DocumentData: profiles packed as zstd frames, one context a thread.
#include "document_data.h"

#include <memory>

#include <zstd.h>

namespace rapport {

namespace {
// zstd's default level: about zlib's size for a profile, at a fraction of its time.
constexpr int kLevel = 3;

// Larger than any profile the validator accepts; a frame claiming more is damaged.
constexpr unsigned long long kMaxJsonBytes = 16 << 20;

// Each frame ends with a checksum of its content, so damage reads as nothing
// rather than as another profile.
ZSTD_CCtx* Compressor() {
  thread_local const std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> context(
      [] {
        ZSTD_CCtx* created = ZSTD_createCCtx();
        if (created != nullptr) {
          ZSTD_CCtx_setParameter(created, ZSTD_c_compressionLevel, kLevel);
          ZSTD_CCtx_setParameter(created, ZSTD_c_checksumFlag, 1);
        }
        return created;
      }(),
      ZSTD_freeCCtx);
  return context.get();
}

ZSTD_DCtx* Decompressor() {
  thread_local const std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(),
                                                                                ZSTD_freeDCtx);
  return context.get();
}
}  // namespace

Result<std::string> PackDocumentData(std::string_view json) {
  ZSTD_CCtx* compressor = Compressor();
  if (compressor == nullptr) return Error::Internal("zstd has no memory for a compressor");
  std::string data(ZSTD_compressBound(json.size()), '\0');
  const size_t size =
      ZSTD_compress2(compressor, data.data(), data.size(), json.data(), json.size());
  if (ZSTD_isError(size)) return Error::Internal(std::string("zstd: ") + ZSTD_getErrorName(size));
  data.resize(size);
  return data;
}

std::string UnpackDocumentData(std::string_view data) {
  ZSTD_DCtx* decompressor = Decompressor();
  if (decompressor == nullptr) return "";
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxJsonBytes) {
    return "";
  }
  std::string json(size, '\0');
  const size_t written =
      ZSTD_decompressDCtx(decompressor, json.data(), json.size(), data.data(), data.size());
  if (ZSTD_isError(written) || written != size) return "";
  return json;
}

}  // namespace rapport
