// Static files of the web pages (web/static): content types, validators, a
// path check that keeps every request inside the static folder, and each
// file's body and gzipped body kept in memory.
#pragma once

#include <string>
#include <string_view>

#include "http_types.h"

namespace rapport {

// Content type for a file name by its extension (UTF-8 for text types).
std::string ContentTypeFor(std::string_view file_name);

// The file `relative` under `static_dir` as a 200 response with its content
// type, an ETag and its gzipped body (HttpResponse::gzip_body, for text
// types); 404 Error response for a missing file or a path that would leave
// the folder ("..", absolute, hidden files, symlinks out). A file is read and
// compressed once per version (its size and modification time), then served
// from memory.
HttpResponse ServeStaticFile(const std::string& static_dir, std::string_view relative);

}  // namespace rapport
