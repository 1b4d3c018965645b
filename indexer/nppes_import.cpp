// The NPPES import loop and its report (docs/interop.md §3.2, §3.4, §3.5).
#include "nppes_import.h"

#include <chrono>
#include <cstdio>
#include <iterator>
#include <unordered_set>

#include <rapidjson/document.h>

#include "import_store.h"
#include "nppes_columns.h"
#include "nppes_merge.h"
#include "nppes_row.h"
#include "nppes_taxonomy.h"
#include "profile_json.h"
#include "profile_store.h"
#include "profile_validator.h"
#include "utc_time.h"
#include "utf8_check.h"

namespace rapport {
namespace {

constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;
constexpr size_t kSkipKinds = std::size(kNppesSkipNames);

// The reference data the mapping and validation need, loaded once.
struct NppesData {
  ValidationData validation;
  NuccTaxonomy taxonomy;
  OfficeGeocoder geocoder;
};

Result<NppesData> LoadNppesData(const std::string& dir) {
  auto validation = LoadValidationData(dir);
  if (!validation) return validation.error();
  auto taxonomy = NuccTaxonomy::Load(dir + "/nucc_taxonomy.json");
  if (!taxonomy) return taxonomy.error();
  auto geocoder = OfficeGeocoder::Load(dir);
  if (!geocoder) return geocoder.error();
  NppesData data;
  data.validation = std::move(validation).value();
  data.taxonomy = std::move(taxonomy).value();
  data.geocoder = std::move(geocoder).value();
  return data;
}

class NppesImporter {
 public:
  NppesImporter(const CommandContext& context, std::string file, ProfileStore& store,
                const ProfileValidator& validator, const NppesReference& reference,
                const NppesImportOptions& options)
      : context_(context),
        file_(std::move(file)),
        store_(store),
        validator_(validator),
        reference_(reference),
        options_(options),
        start_(std::chrono::steady_clock::now()) {}

  int Run(CsvRecordReader& reader) {
    CsvRecord header;
    if (!reader.Next(&header) || header.problem != CsvProblem::kNone) {
      context_.err << "rapport-index import: " << file_ << ": no readable header row\n";
      return kExitUsage;
    }
    auto columns = FindNppesColumns(header.fields);
    if (!columns) {
      context_.err << "rapport-index import: " << file_ << ": " << columns.error().message << "\n";
      return kExitUsage;
    }
    CsvRecord record;
    while (store_error_.empty() && reader.Next(&record)) {
      ++read_;
      HandleRecord(record, columns.value());
      if (batch_.size() >= options_.batch_size) WriteBatch();
      if (read_ % options_.progress_every_rows == 0) {
        context_.err << "nppes: " << read_ << " rows read, " << kept_ << " kept ("
                     << static_cast<int64_t>(Rate()) << " rows/s)\n";
      }
    }
    if (store_error_.empty()) WriteBatch();
    if (!store_error_.empty()) {
      context_.err << "rapport-index import: " << store_error_ << "\n";
      return kExitRejected;
    }
    if (!reader.status()) {
      context_.err << reader.status().error().message << "\n";
      PrintReport();
      return kExitRejected;
    }
    PrintReport();
    return rejected_ > 0 ? kExitRejected : 0;
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double Rate() const { return Seconds() > 0 ? static_cast<double>(read_) / Seconds() : 0; }

  // FILE:LINE: NPI: text, never with a name or an address.
  void Report(int64_t line, const std::string& npi, const std::string& text) {
    context_.err << file_ << ":" << line << ": " << (npi.empty() ? "-" : npi) << ": " << text
                 << "\n";
  }

  void Skip(NppesSkip reason) {
    for (size_t i = 0; i < kSkipKinds; ++i) {
      if (kNppesSkipNames[i].skip == reason) ++skipped_[i];
    }
  }

  // The NPI (ten digits, checked) as a number, for the set of kept NPIs.
  static uint64_t NpiNumber(const std::string& npi) { return std::stoull(npi); }

  void HandleRecord(const CsvRecord& record, const NppesColumns& columns) {
    if (record.problem != CsvProblem::kNone) {
      Report(record.line, "", DescribeCsvProblem(record, options_.csv));
      return Skip(NppesSkip::kUnreadableRow);
    }
    if (record.fields.size() != columns.count) {
      Report(record.line, "",
             "has " + std::to_string(record.fields.size()) + " columns, not " +
                 std::to_string(columns.count));
      return Skip(NppesSkip::kUnreadableRow);
    }
    for (const auto& field : record.fields) {
      if (!IsValidUtf8(field)) {
        Report(record.line, "", "not valid UTF-8");
        return Skip(NppesSkip::kUnreadableRow);
      }
    }
    NppesRowOutcome row = MapNppesRow(record.fields, columns, reference_);
    if (row.kind == NppesRowKind::kSkip && row.skip == NppesSkip::kInvalidNpi) {
      Report(record.line, "", "invalid_npi: not 10 digits with a valid check digit");
      return Skip(NppesSkip::kInvalidNpi);
    }
    if (kept_npis_.count(NpiNumber(row.npi)) != 0) {
      Report(record.line, row.npi, "duplicate_npi: an earlier row was kept");
      return Skip(NppesSkip::kDuplicateNpi);
    }
    if (row.kind == NppesRowKind::kSkip && !row.no_longer_behavioral) return Skip(row.skip);
    auto ids = store_.IdsWithNpi(row.npi);
    if (!ids) {
      store_error_ = ids.error().message;
      return;
    }
    if (ids.value().size() > 1) {
      Report(record.line, row.npi,
             "ambiguous_npi: carried by " + std::to_string(ids.value().size()) +
                 " profiles, none touched");
      return Skip(NppesSkip::kAmbiguousNpi);
    }
    const std::string existing_id = ids.value().empty() ? "" : ids.value()[0];
    if (row.kind == NppesRowKind::kSkip) {
      if (existing_id.empty()) return Skip(row.skip);
      ++no_longer_behavioral_;
      return;
    }
    if (row.kind == NppesRowKind::kDeactivated) return Deactivate(existing_id);
    for (const auto& warning : row.warnings) {
      Report(record.line, row.npi, "warning: " + warning.field + ": " + warning.reason);
    }
    warnings_ += static_cast<int64_t>(row.warnings.size());
    Profile profile = std::move(row.profile);
    if (!existing_id.empty() && !MergeIntoExisting(existing_id, record.line, &profile)) return;
    Keep(record.line, row.npi, profile);
  }

  void Deactivate(const std::string& existing_id) {
    if (existing_id.empty()) return Skip(NppesSkip::kDeactivated);
    auto outcome = store_.Unpublish(existing_id, kNppesActor);
    if (!outcome) {
      store_error_ = outcome.error().message;
      return;
    }
    if (outcome.value().kind == WriteKind::kUnchanged) return Skip(NppesSkip::kDeactivated);
    ++unpublished_;
  }

  // Turns `profile` (the row's) into the existing profile with the row's
  // unprotected owned fields; false when the row is not to be written.
  bool MergeIntoExisting(const std::string& id, int64_t line, Profile* profile) {
    auto current = store_.Get(id);
    if (!current) {
      store_error_ = current.error().message;
      return false;
    }
    auto history = store_.History(id);
    if (!history) {
      store_error_ = history.error().message;
      return false;
    }
    if (current.value().status == ProfileStatus::kUnpublished &&
        !UnpublishedByNppes(history.value())) {
      Skip(NppesSkip::kUnpublishedByEditor);
      return false;
    }
    NppesMerge merge = MergeNppesFields(current.value().profile, *profile, history.value());
    for (const auto& field : merge.protected_fields_kept) {
      Report(line, profile->npi, "protected field kept: " + id + ": " + field);
    }
    protected_fields_kept_ += static_cast<int64_t>(merge.protected_fields_kept.size());
    *profile = std::move(merge.profile);
    profile->updated_at.clear();  // the store stamps it when the content changes
    return true;
  }

  // Validates `profile` as an NDJSON line is (import mode) and queues it.
  void Keep(int64_t line, const std::string& npi, const Profile& profile) {
    rapidjson::Document document;
    const std::string json = ToCanonicalJson(profile);
    document.Parse(json.c_str(), json.size());
    ValidationOutcome validated = validator_.Validate(document, ValidationMode::kImport);
    if (!validated.ok()) {
      for (const auto& error : validated.errors) {
        Report(line, npi, error.field + ": " + error.reason);
      }
      ++rejected_;
      return;
    }
    kept_npis_.insert(NpiNumber(npi));
    ++kept_;
    batch_.push_back(std::move(validated.profile));
  }

  void WriteBatch() {
    if (batch_.empty()) return;
    auto outcomes = store_.UpsertBatch(batch_, kNppesActor);
    batch_.clear();
    if (!outcomes) {
      store_error_ = outcomes.error().message;
      return;
    }
    for (const auto& outcome : outcomes.value()) {
      if (outcome.kind == WriteKind::kCreated) ++created_;
      if (outcome.kind == WriteKind::kUpdated) ++updated_;
      if (outcome.kind == WriteKind::kUnchanged) ++unchanged_;
    }
  }

  void PrintReport() {
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.2f", Seconds());
    std::ostream& out = context_.out;
    out << file_ << ": read " << read_ << " rows in " << elapsed << " s ("
        << static_cast<int64_t>(Rate()) << " rows/s): " << kept_ << " kept (" << created_
        << " created, " << updated_ << " updated, " << unchanged_ << " unchanged), " << unpublished_
        << " unpublished, " << protected_fields_kept_ << " protected fields kept,\n  skipped:";
    int64_t skipped = 0;
    const char* separator = " ";
    for (size_t i = 0; i < kSkipKinds; ++i) {
      if (skipped_[i] == 0) continue;
      out << separator << skipped_[i] << " " << kNppesSkipNames[i].name;
      separator = ", ";
      skipped += skipped_[i];
    }
    if (skipped == 0) out << " none";
    out << " (" << skipped << " in all);\n  " << no_longer_behavioral_ << " no_longer_behavioral; "
        << rejected_ << " rejected by validation; " << warnings_ << " warnings\n";
  }

  const CommandContext& context_;
  const std::string file_;
  ProfileStore& store_;
  const ProfileValidator& validator_;
  const NppesReference& reference_;
  const NppesImportOptions& options_;
  const std::chrono::steady_clock::time_point start_;
  std::vector<Profile> batch_;
  // NPIs kept so far: a later row with one is a duplicate (the first wins).
  std::unordered_set<uint64_t> kept_npis_;
  int64_t read_ = 0, kept_ = 0, created_ = 0, updated_ = 0, unchanged_ = 0, unpublished_ = 0;
  int64_t protected_fields_kept_ = 0, no_longer_behavioral_ = 0, rejected_ = 0, warnings_ = 0;
  int64_t skipped_[kSkipKinds] = {};
  std::string store_error_;
};

}  // namespace

std::string NppesImportUsage(const NppesImportOptions& options) {
  return "  --format nppes: FILE is the NPPES NPI file (npidata_pfile_*.csv, columns found by\n"
         "  header name). Keeps individual behavioural health providers "
         "(data/nucc_taxonomy.json),\n"
         "  updates only the fields NPPES owns and never one an editor changed, unpublishes\n"
         "  deactivated NPIs (docs/interop.md). Rows over " +
         std::to_string(options.csv.max_record_bytes) + " bytes or with a field over " +
         std::to_string(options.csv.max_field_bytes) +
         " bytes are reported and skipped;\n  batches of " + std::to_string(options.batch_size) +
         " profiles; progress every " + std::to_string(options.progress_every_rows) + " rows.\n";
}

int RunNppesImport(const CommandContext& context, const std::string& file,
                   const NppesImportOptions& options) {
  auto reader = CsvRecordReader::Open(file, options.csv);
  if (!reader) {
    context.err << "rapport-index import: cannot read " << reader.error().message << "\n";
    return kExitUsage;
  }
  auto data = LoadNppesData(context.data_files_dir);
  if (!data) {
    context.err << "rapport-index import: " << data.error().message << "\n";
    return kExitUsage;
  }
  auto store = OpenImportStore(context.data_dir);
  if (!store) {
    context.err << "rapport-index import: " << store.error().message << "\n";
    return kExitRejected;
  }
  const ValidationLimits limits;
  const ValidationData& validation = data.value().validation;
  const ProfileValidator validator(validation.vocabulary, validation.compacts, UtcNowSeconds(),
                                   limits);
  const NppesReference reference(data.value().taxonomy, data.value().geocoder,
                                 validation.vocabulary, limits);
  NppesImporter importer(context, file, *store.value(), validator, reference, options);
  return importer.Run(*reader.value());
}

}  // namespace rapport
