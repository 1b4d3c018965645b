// ReadNextBlock: the block read the streaming file readers (NdjsonReader,
// CsvRecordReader) share, so each scans bytes in memory and holds at most one
// block of the file.
#pragma once

#include <cstdio>
#include <string>

#include "error.h"

namespace rapport {

// Bytes one read asks for.
inline constexpr size_t kFileBlockBytes = size_t{1} << 16;

// Replaces `block` with the next bytes of `file` (at most kFileBlockBytes).
// False at the end of the file, with `status` set to a 500 Error naming
// `path` when a read error ended it.
[[nodiscard]] bool ReadNextBlock(std::FILE* file, const std::string& path, std::string* block,
                                 Status* status);

}  // namespace rapport
