// The FHIR import loop, field protection and report (docs/interop.md §5).
#include "fhir_import.h"

#include <algorithm>
#include <map>
#include <set>

#include <rapidjson/document.h>

#include "fhir_mapper.h"
#include "import_store.h"
#include "nppes_merge.h"
#include "nppes_taxonomy.h"
#include "office_geocoder.h"
#include "profile_json.h"
#include "profile_store.h"
#include "profile_validator.h"
#include "utc_time.h"

namespace rapport {
namespace {

constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

// Resource types the mapping reads; others are counted as "not read".
constexpr std::string_view kReadTypes[] = {"Practitioner", "PractitionerRole",
                                           "Location",     "HealthcareService",
                                           "Organization", "InsurancePlan"};

// `incoming` with every top-level field another actor changed last taken
// from `current` instead; the names of those that differ go to `kept`.
void KeepProtectedFields(const std::string& current_json, const std::vector<Revision>& history,
                         rapidjson::Document* incoming, std::vector<std::string>* kept) {
  rapidjson::Document current;
  current.Parse(current_json.c_str(), current_json.size());
  std::set<std::string> names;
  for (const auto& member : current.GetObject()) names.insert(member.name.GetString());
  for (const auto& member : incoming->GetObject()) names.insert(member.name.GetString());
  auto& alloc = incoming->GetAllocator();
  for (const auto& name : names) {
    if (name == "updated_at" || !ChangedLastByOther(name, history, kFhirActor)) continue;
    auto mine = current.FindMember(name.c_str());
    auto theirs = incoming->FindMember(name.c_str());
    const bool had = mine != current.MemberEnd();
    const bool has = theirs != incoming->MemberEnd();
    if (had && has && mine->value == theirs->value) continue;
    if (had || has) kept->push_back(name);
    if (has) incoming->RemoveMember(name.c_str());
    if (had) {
      incoming->AddMember(rapidjson::Value(name.c_str(), alloc),
                          rapidjson::Value(mine->value, alloc), alloc);
    }
  }
  incoming->RemoveMember("updated_at");
}

class FhirImporter {
 public:
  FhirImporter(const CommandContext& context, ProfileStore& store,
               const ProfileValidator& validator, const FhirReference& reference)
      : context_(context), store_(store), validator_(validator), reference_(reference) {}

  int Run(const FhirResources& resources) {
    for (const auto& problem : resources.problems()) context_.err << problem << "\n";
    const auto practitioners = resources.OfType("Practitioner");
    int64_t done = 0;
    for (const rapidjson::Value* practitioner : practitioners) {
      if (!store_error_.empty()) break;
      Handle(MapPractitioner(*practitioner, resources, reference_));
      if (++done % kProgressEvery == 0) {
        context_.err << "fhir: " << done << " of " << practitioners.size() << " practitioners\n";
      }
    }
    if (!store_error_.empty()) {
      context_.err << "rapport-index import: " << store_error_ << "\n";
      return kExitRejected;
    }
    PrintReport(resources);
    const bool failed =
        rejected_ > 0 || !resources.refused().empty() || !resources.problems().empty();
    return failed ? kExitRejected : 0;
  }

 private:
  static constexpr int64_t kProgressEvery = 10000;

  void Handle(FhirMapping mapping) {
    for (const auto& note : mapping.notes) notes_.insert(note);
    switch (mapping.kind) {
      case FhirPractitionerKind::kInvalidNpi:
        ++skipped_["invalid_npi"];
        return;
      case FhirPractitionerKind::kNoBehavioralSpecialty:
        ++skipped_["no_behavioral_specialty"];
        return;
      case FhirPractitionerKind::kInactive:
        ++skipped_["inactive"];
        return;
      case FhirPractitionerKind::kProfile:
        break;
    }
    rapidjson::Document& document = mapping.document;
    const std::string id = document["id"].GetString();
    auto current = store_.Get(id);
    if (current) {
      auto history = store_.History(id);
      if (!history) {
        store_error_ = history.error().message;
        return;
      }
      std::vector<std::string> kept;
      KeepProtectedFields(ToCanonicalJson(current.value().profile), history.value(), &document,
                          &kept);
      for (const auto& field : kept) {
        context_.err << mapping.key << ": protected field kept: " << id << ": " << field << "\n";
      }
      protected_kept_ += static_cast<int64_t>(kept.size());
    }
    ValidationOutcome validated = validator_.Validate(document, ValidationMode::kImport);
    if (!validated.ok()) {
      for (const auto& error : validated.errors) {
        context_.err << mapping.key << ": " << error.field << ": " << error.reason << "\n";
      }
      ++rejected_;
      return;
    }
    auto outcomes = store_.UpsertBatch({validated.profile}, kFhirActor);
    if (!outcomes) {
      store_error_ = outcomes.error().message;
      return;
    }
    const WriteKind kind = outcomes.value().front().kind;
    if (kind == WriteKind::kCreated) ++created_;
    if (kind == WriteKind::kUpdated) ++updated_;
    if (kind == WriteKind::kUnchanged) ++unchanged_;
  }

  void PrintReport(const FhirResources& resources) {
    std::ostream& out = context_.out;
    out << "fhir: read";
    for (const auto& [type, count] : resources.counts()) out << " " << type << " " << count << ",";
    out << "\n  practitioners: " << created_ << " created, " << updated_ << " updated, "
        << unchanged_ << " unchanged, " << rejected_ << " rejected by validation, "
        << protected_kept_ << " protected fields kept\n  skipped:";
    if (skipped_.empty()) out << " none";
    for (const auto& [reason, count] : skipped_) out << " " << count << " " << reason;
    out << "\n  refused (clinical, not stored):";
    if (resources.refused().empty()) out << " none";
    for (const auto& key : resources.refused()) out << " " << key;
    out << "\n  not read:";
    for (const auto& counted : resources.counts()) {
      const std::string& type = counted.first;
      const bool read =
          std::find(std::begin(kReadTypes), std::end(kReadTypes), type) != std::end(kReadTypes);
      const bool refused =
          std::any_of(resources.refused().begin(), resources.refused().end(),
                      [&](const std::string& key) { return key.rfind(type + "/", 0) == 0; });
      if (!read && !refused) out << " " << type << " " << counted.second;
    }
    out << "\n  not carried: " << notes_.size() << "\n";
    for (const auto& note : notes_) out << "    " << note << "\n";
  }

  const CommandContext& context_;
  ProfileStore& store_;
  const ProfileValidator& validator_;
  const FhirReference& reference_;
  std::map<std::string, int64_t> skipped_;
  std::set<std::string> notes_;
  int64_t created_ = 0, updated_ = 0, unchanged_ = 0, rejected_ = 0, protected_kept_ = 0;
  std::string store_error_;
};

}  // namespace

std::string FhirImportUsage(const FhirImportOptions& options) {
  return "  --format fhir: FILE... are FHIR R4 Plan-Net Bundles or NDJSON of resources (bulk\n"
         "  export), read together so references resolve across files; each Practitioner with\n"
         "  a behavioural NUCC specialty becomes a profile (docs/interop.md §5). Files over " +
         std::to_string(options.read.max_file_bytes) + " bytes are refused;\n  " +
         "a resource over " + std::to_string(options.read.max_resource_bytes) +
         " bytes is reported and skipped. Rapport's own extensions are read under\n"
         "  $RAPPORT_PUBLIC_BASE_URL (default " +
         std::string(kDefaultCanonicalBase) + "), the base the export wrote them with.\n";
}

int RunFhirImport(const CommandContext& context, const std::vector<std::string>& files,
                  const FhirImportOptions& options) {
  FhirResources resources(options.read);
  for (const auto& file : files) {
    Status added = resources.AddFile(file);
    if (!added) {
      context.err << "rapport-index import: " << added.error().message << "\n";
      return kExitUsage;
    }
  }
  auto validation = LoadValidationData(context.data_files_dir);
  auto taxonomy = NuccTaxonomy::Load(context.data_files_dir + "/nucc_taxonomy.json");
  auto geocoder = OfficeGeocoder::Load(context.data_files_dir);
  for (const Error* error :
       {validation ? nullptr : &validation.error(), taxonomy ? nullptr : &taxonomy.error(),
        geocoder ? nullptr : &geocoder.error()}) {
    if (error) {
      context.err << "rapport-index import: " << error->message << "\n";
      return kExitUsage;
    }
  }
  auto store = OpenImportStore(context.data_dir);
  if (!store) {
    context.err << "rapport-index import: " << store.error().message << "\n";
    return kExitRejected;
  }
  const ValidationLimits limits;
  const ProfileValidator validator(validation.value().vocabulary, validation.value().compacts,
                                   UtcNowSeconds(), limits);
  const FhirUrls urls{options.public_base_url};
  const FhirReference reference{urls, taxonomy.value(), geocoder.value(),
                                validation.value().vocabulary};
  FhirImporter importer(context, *store.value(), validator, reference);
  return importer.Run(resources);
}

}  // namespace rapport
