// ReadNextBlock: fread into a reused buffer (see file_blocks.h).
#include "file_blocks.h"

namespace rapport {

bool ReadNextBlock(std::FILE* file, const std::string& path, std::string* block, Status* status) {
  block->resize(kFileBlockBytes);
  const size_t got = std::fread(block->data(), 1, kFileBlockBytes, file);
  block->resize(got);
  if (got > 0) return true;
  if (std::ferror(file)) *status = Error{500, "read_failed", path + ": read error", ""};
  return false;
}

}  // namespace rapport
