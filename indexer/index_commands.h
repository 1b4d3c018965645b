// The sub-commands of `rapport-index`. Each returns the process exit code
// and writes its progress and report to `out` / `err`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "data_dir.h"

namespace rapport {

struct CommandContext {
  DataDir data_dir;
  std::string data_files_dir;  // vocab.json, compacts.json
  std::ostream& out;
  std::ostream& err;
};

// import FILE.ndjson: validate and upsert every line (import_command.cpp).
int RunImport(const CommandContext& context, const std::vector<std::string>& args);
// rebuild: build a fresh index from the store and switch to it.
int RunRebuild(const CommandContext& context, const std::vector<std::string>& args);
// sync: apply pending outbox rows to the live index.
int RunSync(const CommandContext& context, const std::vector<std::string>& args);
// replication-gate: the TCP front of xapian-replicate-server that keeps
// replication conversations and index commits apart (replication_gate.h).
int RunReplicationGate(const CommandContext& context, const std::vector<std::string>& args);
// check: report every disagreement between store and index; non-zero if any.
int RunCheck(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rapport
