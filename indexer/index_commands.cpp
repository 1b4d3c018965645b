// The rebuild, sync and check sub-commands of `rapport-index`
// (index_commands.h); import lives in import_command.cpp.
#include "index_commands.h"

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string_view>

#include "compacts.h"
#include "index_checker.h"
#include "index_rebuilder.h"
#include "index_writer.h"
#include "profile_store.h"
#include "vocabulary.h"

namespace rapport {
namespace {

// Outbox rows one sync step applies and commits together.
constexpr int kSyncBatchRows = 5000;
constexpr size_t kMaxNumberDigits = 9;

// What rebuild and sync need: the store and the shipped data files.
struct Inputs {
  std::unique_ptr<ProfileStore> store;
  Vocabulary vocabulary;
  Compacts compacts;
};

int Fail(const CommandContext& context, const std::string& command, const Error& error) {
  context.err << "rapport-index " << command << ": " << error.message << "\n";
  return 1;
}

bool NoArguments(const CommandContext& context, const std::string& command,
                 const std::vector<std::string>& args) {
  if (args.empty()) return true;
  context.err << "rapport-index " << command << ": unexpected argument '" << args.front()
              << "' (see --help)\n";
  return false;
}

// A whole-number option of `rebuild` and where its value goes.
struct RebuildFlag {
  std::string_view name;
  long min_value;
  void (*apply)(RebuildOptions& options, long value);
};

constexpr RebuildFlag kRebuildFlags[] = {
    {.name = "--lock-wait-s",
     .min_value = 0,
     .apply = [](RebuildOptions& options,
                 long value) { options.lock_wait = std::chrono::seconds(value); }},
    {.name = "--flush-every",
     .min_value = 1,
     .apply = [](RebuildOptions& options,
                 long value) { options.flush_documents = static_cast<unsigned>(value); }},
};

// `rebuild [--lock-wait-s N] [--flush-every N]`: the options of a rebuild
// from its arguments.
Result<RebuildOptions> ParseRebuildOptions(const std::vector<std::string>& args) {
  RebuildOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const RebuildFlag* flag = nullptr;
    std::string value;
    for (const RebuildFlag& candidate : kRebuildFlags) {
      const std::string prefix = std::string(candidate.name) + "=";
      if (args[i] == candidate.name && i + 1 < args.size()) {
        flag = &candidate;
        value = args[++i];
      } else if (args[i].rfind(prefix, 0) == 0) {
        flag = &candidate;
        value = args[i].substr(prefix.size());
      }
      if (flag != nullptr) break;
    }
    if (flag == nullptr)
      return Error::BadParameter(args[i], "unexpected argument '" + args[i] + "'");
    if (value.empty() || value.size() > kMaxNumberDigits ||
        value.find_first_not_of("0123456789") != std::string::npos ||
        std::stol(value) < flag->min_value) {
      return Error::BadParameter(std::string(flag->name), std::string(flag->name) +
                                                              " takes a whole number from " +
                                                              std::to_string(flag->min_value));
    }
    flag->apply(options, std::stol(value));
  }
  return options;
}

Result<Inputs> LoadInputs(const CommandContext& context) {
  Inputs inputs;
  Result<Vocabulary> vocabulary = Vocabulary::Load(context.data_files_dir + "/vocab.json");
  if (!vocabulary) return vocabulary.error();
  inputs.vocabulary = std::move(vocabulary.value());
  Result<Compacts> compacts = Compacts::Load(context.data_files_dir + "/compacts.json");
  if (!compacts) return compacts.error();
  inputs.compacts = std::move(compacts.value());
  Result<std::unique_ptr<ProfileStore>> store = ProfileStore::Open(context.data_dir.StorePath());
  if (!store) return store.error();
  inputs.store = std::move(store.value());
  return inputs;
}

}  // namespace

int RunRebuild(const CommandContext& context, const std::vector<std::string>& args) {
  Result<RebuildOptions> options = ParseRebuildOptions(args);
  if (!options) {
    context.err << "rapport-index rebuild: " << options.error().message << " (see --help)\n";
    return 2;
  }
  // A rebuild's commits write no changesets: its new folder reaches replicas
  // as a full copy, and a changeset per shard commit costs CPU for nothing
  // (docs/scaling.md, "Capacity model"). Single-threaded here, so safe.
  ::unsetenv(kMaxChangesetsVariable);
  Result<Inputs> inputs = LoadInputs(context);
  if (!inputs) return Fail(context, "rebuild", inputs.error());
  Result<RebuildSummary> summary =
      RebuildIndex(context.data_dir, *inputs.value().store, inputs.value().vocabulary,
                   inputs.value().compacts, options.value(), context.err);
  if (!summary) return Fail(context, "rebuild", summary.error());
  const RebuildSummary& done = summary.value();
  context.out << "rebuilt " << done.folder << ": " << done.documents << " documents in "
              << done.seconds << " s ("
              << static_cast<int64_t>(done.documents / std::max(done.seconds, 1e-3)) << "/s); "
              << done.outbox_rows_applied
              << " changes made during the rebuild applied; outbox acked up to seq "
              << done.applied_outbox_seq << "\n";
  return 0;
}

int RunSync(const CommandContext& context, const std::vector<std::string>& args) {
  if (!NoArguments(context, "sync", args)) return 2;
  Result<Inputs> inputs = LoadInputs(context);
  if (!inputs) return Fail(context, "sync", inputs.error());
  IndexWriter writer(context.data_dir, inputs.value().vocabulary, inputs.value().compacts);
  int64_t total = 0;
  for (;;) {
    Result<int> applied = writer.ApplyPending(*inputs.value().store, kSyncBatchRows);
    if (!applied) return Fail(context, "sync", applied.error());
    if (applied.value() == 0) break;
    total += applied.value();
  }
  context.out << "synced " << total << " outbox rows\n";
  return 0;
}

int RunCheck(const CommandContext& context, const std::vector<std::string>& args) {
  if (!NoArguments(context, "check", args)) return 2;
  Result<std::unique_ptr<ProfileStore>> store = ProfileStore::Open(context.data_dir.StorePath());
  if (!store) return Fail(context, "check", store.error());
  Result<CheckReport> report = CheckIndex(context.data_dir, *store.value());
  if (!report) return Fail(context, "check", report.error());
  for (const std::string& line : report.value().disagreements) context.out << line << "\n";
  const CheckReport& done = report.value();
  if (!done.disagreements.empty()) {
    context.out << done.disagreements.size() << " disagreements between store and index";
    if (done.pending_outbox > 0) {
      context.out << " (" << done.pending_outbox
                  << " outbox rows pending: run `rapport-index sync`)";
    }
    context.out << "\n";
    return 1;
  }
  context.out << "ok: " << done.published << " published profiles, " << done.indexed
              << " documents, all at their current version\n";
  return 0;
}

}  // namespace rapport
