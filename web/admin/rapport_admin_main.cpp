// rapport-admin: manage partner API keys, editor accounts and editor tokens;
// back up and restore the store.
#include <iostream>
#include <string>
#include <vector>

#include "admin_commands.h"

namespace {

constexpr const char* kUsage =
    "usage: rapport-admin [--data-dir DIR] COMMAND SUBCOMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  keys create --partner NAME [--rate N/s] [--burst N] [--filter FACET=VALUE ...]\n"
    "  keys list | keys revoke PREFIX | keys rotate PREFIX\n"
    "  editors create --email E --role admin|editor   (password from stdin)\n"
    "  editors disable EMAIL | editors reset-password EMAIL | editors list\n"
    "  tokens create --email E --name NAME | tokens list | tokens revoke ID\n"
    "  backup --to BACKUP_DIR   (online; the server may run)\n"
    "  restore --from BACKUP_DIR [--rebuild]   (into an empty --data-dir)\n"
    "\n"
    "options:\n"
    "  --data-dir DIR   store folder (default: $RAPPORT_DATA_DIR or ./var)\n"
    "  --help           show this help\n";

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = rapport::DefaultDataDir();
  std::vector<std::string> rest;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return rapport::kExitOk;
    } else if (arg == "--data-dir" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (arg.rfind("--data-dir=", 0) == 0) {
      data_dir = arg.substr(11);
    } else {
      rest.push_back(arg);
    }
  }
  if (rest.empty()) {
    std::cerr << kUsage;
    return rapport::kExitUsage;
  }
  const std::string command = rest.front();
  const std::vector<std::string> args(rest.begin() + 1, rest.end());
  rapport::AdminContext context{rapport::DataDir{data_dir}, std::cin, std::cout, std::cerr};
  if (command == "keys") return rapport::RunKeysCommand(context, args);
  if (command == "editors") return rapport::RunEditorsCommand(context, args);
  if (command == "tokens") return rapport::RunTokensCommand(context, args);
  if (command == "backup") return rapport::RunBackupCommand(context, args);
  if (command == "restore") return rapport::RunRestoreCommand(context, args);
  std::cerr << "rapport-admin: unknown command '" << command << "'\n\n" << kUsage;
  return rapport::kExitUsage;
}
