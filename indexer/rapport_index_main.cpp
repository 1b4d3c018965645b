// rapport-index: load profiles into the store and keep the index derived from it.
#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "fhir_export.h"
#include "index_commands.h"
#include "index_rebuilder.h"
#include "replication_gate.h"

namespace {

// Commands that answer `--help` with their own text.
constexpr std::string_view kCommandsWithOwnHelp[] = {"import"};

std::string Usage() {
  return "usage: rapport-index [--data-dir DIR] [--data-files DIR] COMMAND [ARGS]\n"
         "\n"
         "commands:\n"
         "  import [--format ndjson|nppes|fhir] FILE...\n"
         "                       validate and upsert each line (or NPPES row) into the store (bad\n"
         "                       ones are reported as FILE:LINE: ... and skipped; exit 1 if any);\n"
         "                       `import --help` shows each format and its options\n"
         "  export [--format fhir] [--force] [--public-base-url URL] DIR\n"
         "                       write every published profile as FHIR R4 NDJSON, one file per\n"
         "                       resource type (docs/interop.md §8); refuses a non-empty DIR\n"
         "                       without --force; the base URL also from $RAPPORT_PUBLIC_BASE_URL\n"
         "  rebuild [--lock-wait-s N] [--flush-every N]\n"
         "                       build a new index from the store and switch to it atomically;\n"
         "                       waits its turn for the index write lock (while edits flow or\n"
         "                       another rebuild runs) up to N seconds (default " +
         std::to_string(rapport::RebuildOptions{}.lock_wait.count()) +
         ");\n"
         "                       --flush-every: each builder thread writes its shard every N\n"
         "                       documents (default " +
         std::to_string(rapport::RebuildOptions{}.flush_documents) +
         "; smaller uses less memory)\n"
         "  sync                 apply pending store changes (the outbox) to the live index\n"
         "  check                verify that store and index agree; exit 1 if they do not\n"
         "  replication-gate --listen HOST:PORT --upstream HOST:PORT --allow CIDR [--allow ...]\n"
         "                   [--max-connections N] [--idle-timeout-s N]\n"
         "                       front xapian-replicate-server: only peers in --allow, each\n"
         "                       conversation holding DATA_DIR/index.commit-lock shared, so it\n"
         "                       never overlaps an index commit (defaults: " +
         std::to_string(rapport::ReplicationGateOptions{}.max_connections) + " connections, " +
         std::to_string(rapport::ReplicationGateOptions{}.idle_timeout.count()) +
         " s idle)\n"
         "\n"
         "options:\n"
         "  --data-dir DIR       store and index folder (default: $RAPPORT_DATA_DIR or ./var)\n"
         "  --data-files DIR     folder with vocab.json and compacts.json\n"
         "                       (default: $RAPPORT_DATA_FILES or the source tree's data/)\n"
         "  --help               show this help (after a command: that command's help)\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = rapport::DefaultDataDir();
  std::string data_files = rapport::DefaultDataFilesDir();
  std::vector<std::string> rest;
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
    } else if ((arg == "--data-dir" || arg == "--data-files") && i + 1 < argc) {
      (arg == "--data-dir" ? data_dir : data_files) = argv[++i];
    } else if (arg.rfind("--data-dir=", 0) == 0) {
      data_dir = arg.substr(11);
    } else if (arg.rfind("--data-files=", 0) == 0) {
      data_files = arg.substr(13);
    } else {
      rest.push_back(arg);
    }
  }
  // --help after a command with its own help shows that; else this one.
  const bool own_help =
      !rest.empty() && std::find(std::begin(kCommandsWithOwnHelp), std::end(kCommandsWithOwnHelp),
                                 rest.front()) != std::end(kCommandsWithOwnHelp);
  if (help && !own_help) {
    std::cout << Usage();
    return 0;
  }
  if (rest.empty()) {
    std::cerr << Usage();
    return 2;
  }
  const std::string command = rest.front();
  std::vector<std::string> args(rest.begin() + 1, rest.end());
  if (help) args = {"--help"};
  rapport::CommandContext context{rapport::DataDir{data_dir}, data_files, std::cout, std::cerr};
  if (command == "import") return rapport::RunImport(context, args);
  if (command == "export") return rapport::RunExport(context, args);
  if (command == "rebuild") return rapport::RunRebuild(context, args);
  if (command == "sync") return rapport::RunSync(context, args);
  if (command == "check") return rapport::RunCheck(context, args);
  if (command == "replication-gate") return rapport::RunReplicationGate(context, args);
  std::cerr << "rapport-index: unknown command '" << command << "'\n\n" << Usage();
  return 2;
}
