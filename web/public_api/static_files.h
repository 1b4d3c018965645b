// Static files of the web pages (web/static): content types, validators and
// a path check that keeps every request inside the static folder.
#pragma once

#include <string>
#include <string_view>

#include "http_types.h"

namespace rapport {

// Content type for a file name by its extension (UTF-8 for text types).
std::string ContentTypeFor(std::string_view file_name);

// The file `relative` under `static_dir` as a 200 response with its content
// type and an ETag; 404 Error response for a missing file or a path that
// would leave the folder ("..", absolute, hidden files, symlinks out).
HttpResponse ServeStaticFile(const std::string& static_dir, std::string_view relative);

}  // namespace rapport
