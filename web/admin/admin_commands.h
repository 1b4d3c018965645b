// The sub-commands of `rapport-admin`. Each returns the process exit code.
#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "data_dir.h"
#include "error.h"

namespace rapport {

// Exit codes of every sub-command: done, failed, or used wrongly (the
// usage or a bad value, a 400 Error).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// kExitUsage for a 400 Error (the operator's input), else kExitFailure.
inline int ExitCodeFor(const Error& error) {
  return error.status == 400 ? kExitUsage : kExitFailure;
}

struct AdminContext {
  DataDir data_dir;
  std::istream& in;  // passwords are read from here, never from arguments
  std::ostream& out;
  std::ostream& err;
};

// keys create|list|revoke|rotate: partner API keys (keys_command.cpp).
int RunKeysCommand(const AdminContext& context, const std::vector<std::string>& args);
// editors create|disable|reset-password|list: editor accounts (editors_command.cpp).
int RunEditorsCommand(const AdminContext& context, const std::vector<std::string>& args);
// tokens create|list|revoke: bearer tokens for editor scripts (tokens_command.cpp).
int RunTokensCommand(const AdminContext& context, const std::vector<std::string>& args);
// backup --to DIR: an online copy of the store (backup_command.cpp).
int RunBackupCommand(const AdminContext& context, const std::vector<std::string>& args);
// restore --from DIR [--rebuild]: a backup into an empty data folder (backup_command.cpp).
int RunRestoreCommand(const AdminContext& context, const std::vector<std::string>& args);

}  // namespace rapport
