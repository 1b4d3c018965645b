// The sub-commands of `rapport-admin`. Each returns the process exit code.
#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "data_dir.h"

namespace rapport {

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
