// Durable files: writing a file so that after a crash it holds either its
// old content or its new content, never a mix, and making a finished file or
// a rename survive a power loss. The index stub and the backups use these.
//
//   if (Status written = WriteFileDurably(dir + "/manifest.json", text); !written) ...
#pragma once

#include <string>

#include "error.h"

namespace rapport {

// fsyncs the file at `path`. 500 Error naming the path on failure.
[[nodiscard]] Status SyncFile(const std::string& path);

// fsyncs the folder at `path`, so the names created or renamed in it last.
[[nodiscard]] Status SyncFolder(const std::string& path);

// Writes `content` to `path` through `path`.tmp: written, fsynced, renamed
// over `path`, then the folder fsynced. The file gets mode `mode` (before
// umask) when it is created.
[[nodiscard]] Status WriteFileDurably(const std::string& path, const std::string& content,
                                      int mode = 0644);

// The 500 Error of a failed system call on `path`, with errno's text.
[[nodiscard]] Error SystemError(const std::string& what, const std::string& path);

}  // namespace rapport
