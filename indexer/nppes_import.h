// `rapport-index import --format nppes FILE.csv`: streams the NPPES NPI file
// into the store (docs/interop.md §3). One row is held at a time; kept rows
// are validated like NDJSON lines and written in batches through
// ProfileStore::UpsertBatch with the actor "import:nppes", so the outbox and
// the index see them. Prints progress on stderr and a report on stdout.
#pragma once

#include <cstdint>
#include <string>

#include "index_commands.h"
#include "nppes_csv_reader.h"

namespace rapport {

// Every limit of the NPPES import, with its default (shown by --help).
struct NppesImportOptions {
  CsvLimits csv;
  size_t batch_size = 2000;              // profiles per store transaction
  int64_t progress_every_rows = 500000;  // a progress line on stderr every so many rows
};

// The --help text of the NPPES import's options.
[[nodiscard]] std::string NppesImportUsage(const NppesImportOptions& options);

// Imports `file`; returns the exit status (0 all rows handled, 1 a row
// rejected by validation or the store failed, 2 unreadable file or missing
// columns).
[[nodiscard]] int RunNppesImport(const CommandContext& context, const std::string& file,
                                 const NppesImportOptions& options);

}  // namespace rapport
