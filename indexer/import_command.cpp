// `rapport-index import [--format ndjson|nppes|fhir] FILE...`: streams a bulk file
// into the store. This file holds the NDJSON import (the default) and the
// option parsing; the NPPES import is nppes_import.*, the FHIR one fhir_import.*.
// Each line is parsed (strict UTF-8), validated in import mode and upserted
// in batches, one transaction per batch; bad lines are reported as
// FILE:LINE: field: reason and skipped. See docs/store.md.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <rapidjson/document.h>

#include "bounded_json.h"
#include "bounded_queue.h"
#include "fhir_import.h"
#include "import_line.h"
#include "import_store.h"
#include "index_commands.h"
#include "ndjson_reader.h"
#include "nppes_import.h"
#include "profile_store.h"
#include "profile_validator.h"
#include "utc_time.h"

namespace rapport {
namespace {

struct ImportOptions {
  // Longer lines are rejected unread; deeper nesting is rejected by the parser.
  JsonLimits json;
  size_t batch_size = 2000;   // profiles per store transaction
  size_t queued_batches = 2;  // validated batches waiting for the store writer
  int64_t progress_every_lines = 100000;
  size_t parse_buffer_bytes = 1 << 16;  // a typical line's parsed values fit without malloc
};

std::string ImportUsage() {
  const JsonLimits limits;
  return "usage: rapport-index import [--format ndjson|nppes|fhir] FILE...\n"
         "  --format ndjson (the default): FILE.ndjson holds one JSON profile a line.\n"
         "  Validates every line (one JSON profile each) and upserts the valid ones into\n"
         "  the store. Bad lines are reported as FILE:LINE: field: reason and skipped,\n"
         "  among them lines over " +
         std::to_string(limits.max_bytes) + " bytes and JSON nested more than " +
         std::to_string(limits.max_depth) +
         " levels deep.\n"
         "  Exit status: 0 all lines imported, 1 some line rejected (or the store failed),\n"
         "  2 usage error or unreadable file.\n" +
         NppesImportUsage(NppesImportOptions{}) + FhirImportUsage(FhirImportOptions{});
}

constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

// `text` as a whole number from 1 that fits 64 bits; nullopt otherwise.
std::optional<uint64_t> PositiveWholeNumber(const std::string& text) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value == 0) return std::nullopt;
  return value;
}

class Importer {
 public:
  Importer(const CommandContext& context, std::string file, ProfileStore& store,
           const ProfileValidator& validator, ImportOptions options)
      : context_(context),
        file_(std::move(file)),
        store_(store),
        validator_(validator),
        options_(options),
        parse_buffer_(options.parse_buffer_bytes),
        start_(std::chrono::steady_clock::now()) {}

  // Reads and validates on this thread while a second thread writes the
  // batches to the store, so parsing and SQLite use both cores.
  int Run(NdjsonReader& reader) {
    BoundedQueue<std::vector<Profile>> batches(options_.queued_batches);
    std::thread writer([&] { WriteBatches(batches); });
    NdjsonLine line;
    bool writing = true;
    while (writing && reader.Next(&line)) {
      ++read_;
      HandleLine(line);
      if (batch_.size() >= options_.batch_size) writing = PushBatch(batches);
      if (read_ % options_.progress_every_lines == 0) {
        context_.err << "imported " << read_ << " lines (" << static_cast<int64_t>(Rate())
                     << "/s)\n";
      }
    }
    if (writing) PushBatch(batches);
    batches.Close();
    writer.join();
    if (!store_error_.empty()) {
      context_.err << "rapport-index import: " << store_error_ << "\n";
      return kExitRejected;
    }
    if (!reader.status()) {
      context_.err << reader.status().error().message << "\n";
      ++rejected_;
    }
    PrintSummary();
    return rejected_ > 0 ? kExitRejected : 0;
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double Rate() const { return Seconds() > 0 ? static_cast<double>(read_) / Seconds() : 0; }

  void Report(int64_t line, const std::string& field, const std::string& reason,
              const char* kind = "") {
    context_.err << file_ << ":" << line << ": " << kind << field << ": " << reason << "\n";
  }

  void HandleLine(const NdjsonLine& line) {
    rapidjson::MemoryPoolAllocator<> values(parse_buffer_.data(), parse_buffer_.size());
    ImportLineOutcome outcome = ReadImportLine(line, options_.json, validator_, values);
    for (const auto& warning : outcome.warnings) {
      Report(line.number, warning.field, warning.reason, "warning: ");
    }
    warnings_ += static_cast<int64_t>(outcome.warnings.size());
    if (!outcome.profile) {
      for (const auto& error : outcome.errors) Report(line.number, error.field, error.reason);
      ++rejected_;
      return;
    }
    const auto [it, first] = first_line_of_id_.emplace(outcome.profile->id, line.number);
    if (!first) {
      Report(line.number, "id", "duplicate of line " + std::to_string(it->second));
      ++rejected_;
      return;
    }
    batch_.push_back(std::move(*outcome.profile));
  }

  // Hands the pending batch to the writer; false once the writer has failed.
  bool PushBatch(BoundedQueue<std::vector<Profile>>& batches) {
    if (batch_.empty()) return true;
    const bool accepted = batches.Push(std::move(batch_));
    batch_.clear();
    return accepted;
  }

  // The writer thread: one transaction per batch. On a store error it keeps
  // the message (printed after the join) and closes the queue.
  void WriteBatches(BoundedQueue<std::vector<Profile>>& batches) {
    while (auto batch = batches.Pop()) {
      auto outcomes = store_.UpsertBatch(*batch, "import");
      if (!outcomes) {
        store_error_ = outcomes.error().message;
        batches.Close();
        return;
      }
      for (const auto& outcome : outcomes.value()) {
        if (outcome.kind == WriteKind::kCreated) ++created_;
        if (outcome.kind == WriteKind::kUpdated) ++updated_;
        if (outcome.kind == WriteKind::kUnchanged) ++unchanged_;
      }
    }
  }

  void PrintSummary() {
    const double seconds = Seconds();
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
    context_.out << file_ << ": read " << read_ << " lines: " << created_ << " created, "
                 << updated_ << " updated, " << unchanged_ << " unchanged, " << rejected_
                 << " rejected, " << warnings_ << " warnings in " << elapsed << " s ("
                 << static_cast<int64_t>(Rate()) << " lines/s)\n";
  }

  const CommandContext& context_;
  const std::string file_;
  ProfileStore& store_;
  const ProfileValidator& validator_;
  const ImportOptions options_;
  std::vector<char> parse_buffer_;  // reused by every line's parsed document
  const std::chrono::steady_clock::time_point start_;
  std::vector<Profile> batch_;
  // Ids of the lines accepted so far and where they were first seen: a later
  // line with the same id is rejected, so the file's first occurrence wins.
  std::unordered_map<std::string, int64_t> first_line_of_id_;
  int64_t read_ = 0, rejected_ = 0, warnings_ = 0;  // reader thread
  // Writer thread; read by the reader thread only after joining it.
  int64_t created_ = 0, updated_ = 0, unchanged_ = 0;
  std::string store_error_;
};

}  // namespace

int RunImport(const CommandContext& context, const std::vector<std::string>& args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    context.out << ImportUsage();
    return 0;
  }
  constexpr std::string_view kFormatOption = "--format=";
  constexpr std::string_view kFhirMaxBytesOption = "--fhir-max-bytes";
  std::string format = "ndjson";
  std::vector<std::string> files;
  std::optional<std::string> fhir_max_bytes;
  bool usage_error = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].rfind(kFormatOption, 0) == 0) {
      format = args[i].substr(kFormatOption.size());
    } else if (args[i] == kFhirMaxBytesOption && i + 1 < args.size()) {
      fhir_max_bytes = args[++i];
    } else if (args[i].rfind("--", 0) == 0) {
      usage_error = true;  // an unknown option, or --format without a value
    } else {
      files.push_back(args[i]);
    }
  }
  const bool known = format == "ndjson" || format == "nppes" || format == "fhir";
  const bool one_file = format == "fhir" ? !files.empty() : files.size() == 1;
  if (usage_error || !known || !one_file || (fhir_max_bytes && format != "fhir")) {
    context.err << ImportUsage();
    return kExitUsage;
  }
  if (format == "fhir") {
    FhirImportOptions fhir;
    if (const char* base = std::getenv("RAPPORT_PUBLIC_BASE_URL")) fhir.public_base_url = base;
    if (fhir_max_bytes) {
      const auto bytes = PositiveWholeNumber(*fhir_max_bytes);
      if (!bytes) {
        context.err << "rapport-index import: " << kFhirMaxBytesOption
                    << " takes a whole number of bytes from 1\n";
        return kExitUsage;
      }
      fhir.read.max_file_bytes = *bytes;
    }
    return RunFhirImport(context, files, fhir);
  }
  if (format == "nppes") return RunNppesImport(context, files[0], NppesImportOptions{});
  const ImportOptions options;
  const std::string& file = files[0];
  auto reader = NdjsonReader::Open(file, options.json.max_bytes);
  if (!reader) {
    context.err << "rapport-index import: cannot read " << reader.error().message << "\n";
    return kExitUsage;
  }
  auto data = LoadValidationData(context.data_files_dir);
  if (!data) {
    context.err << "rapport-index import: " << data.error().message << "\n";
    return kExitUsage;
  }
  auto store = OpenImportStore(context.data_dir);
  if (!store) {
    context.err << "rapport-index import: " << store.error().message << "\n";
    return kExitRejected;
  }
  const ProfileValidator validator(data.value().vocabulary, data.value().compacts, UtcNowSeconds());
  Importer importer(context, file, *store.value(), validator, options);
  return importer.Run(*reader.value());
}

}  // namespace rapport
