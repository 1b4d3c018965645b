// `rapport-admin backup --to DIR` and `rapport-admin restore --from DIR
// [--rebuild]`: an online, consistent copy of the store and its restore into
// an empty data folder (indexer/store_backup.h; docs/scaling.md).
#include <string>
#include <vector>

#include "admin_commands.h"
#include "index_commands.h"
#include "store_backup.h"

namespace rapport {
namespace {

constexpr int64_t kPercent = 100;
// Progress is printed each time the copy passes another tenth of the pages.
constexpr int64_t kProgressStepPercent = 10;

constexpr const char* kBackupUsage =
    "usage: rapport-admin [--data-dir DIR] backup --to BACKUP_DIR\n"
    "  copies the store while the server runs (edits go on); the index is not\n"
    "  copied: a restore rebuilds it. BACKUP_DIR must not hold a backup yet.\n";
constexpr const char* kRestoreUsage =
    "usage: rapport-admin --data-dir EMPTY_DIR restore --from BACKUP_DIR [--rebuild]\n"
    "  copies the backup's store into EMPTY_DIR (empty or missing) and checks it;\n"
    "  --rebuild then builds the index (else run `rapport-index rebuild`).\n";

int Fail(const AdminContext& context, const char* command, const Error& error) {
  context.err << "rapport-admin " << command << ": " << error.message << "\n";
  return ExitCodeFor(error);
}

// Options for a command that reports its progress on `context.err`.
BackupOptions WithProgress(const AdminContext& context, const char* command) {
  BackupOptions options;
  options.progress = [&context, command, shown = int64_t{-1}](int64_t copied,
                                                              int64_t total) mutable {
    const int64_t percent = total > 0 ? copied * kPercent / total : kPercent;
    const int64_t step = percent / kProgressStepPercent;
    if (step == shown) return;
    shown = step;
    context.err << "rapport-admin " << command << ": copied " << copied << " of " << total
                << " pages (" << percent << "%)\n";
  };
  return options;
}

// The value of `--flag VALUE` in `args`, or "".
std::string FlagValue(const std::vector<std::string>& args, const std::string& flag) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) return args[i + 1];
  }
  return "";
}

}  // namespace

int RunBackupCommand(const AdminContext& context, const std::vector<std::string>& args) {
  const std::string to = FlagValue(args, "--to");
  if (args.size() != 2 || args[0] != "--to" || to.empty()) {
    context.err << kBackupUsage;
    return kExitUsage;
  }
  auto made = BackupStore(context.data_dir, to, WithProgress(context, "backup"));
  if (!made) return Fail(context, "backup", made.error());
  const BackupManifest& manifest = made.value();
  context.out << "backup of " << context.data_dir.root << " taken at " << manifest.created_at
              << " written to " << to << ": " << manifest.pages << " pages of "
              << manifest.page_size << " bytes, schema version " << manifest.schema_version << "\n";
  return kExitOk;
}

int RunRestoreCommand(const AdminContext& context, const std::vector<std::string>& args) {
  const std::string from = FlagValue(args, "--from");
  const bool rebuild = args.size() == 3 && args[2] == "--rebuild";
  if (from.empty() || args[0] != "--from" || !(args.size() == 2 || rebuild)) {
    context.err << kRestoreUsage;
    return kExitUsage;
  }
  auto restored = RestoreStore(from, context.data_dir, WithProgress(context, "restore"));
  if (!restored) return Fail(context, "restore", restored.error());
  context.out << "restored the store of " << restored.value().created_at << " into "
              << context.data_dir.root << "\n";
  if (!rebuild) {
    context.out << "next: rapport-index --data-dir " << context.data_dir.root << " rebuild\n";
    return kExitOk;
  }
  const CommandContext index{context.data_dir, DefaultDataFilesDir(), context.out, context.err};
  return RunRebuild(index, {});
}

}  // namespace rapport
