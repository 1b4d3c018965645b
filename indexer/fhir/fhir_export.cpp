// The FHIR export command (fhir_export.h).
#include "fhir_export.h"

#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "compacts.h"
#include "fhir_renderer.h"
#include "profile_store.h"
#include "public_profile.h"
#include "utc_time.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

constexpr const char* kResourceTypes[] = {"Practitioner", "PractitionerRole", "Location",
                                          "HealthcareService", "Organization"};
constexpr const char* kTmpSuffix = ".tmp";
constexpr int kUsageError = 2;
constexpr int kFailure = 1;

struct ExportArgs {
  std::string dir;
  bool force = false;
  std::string public_base_url;
};

const char* Usage() {
  return "usage: rapport-index export [--format fhir] [--force] [--public-base-url URL] DIR\n";
}

Result<ExportArgs> ParseArgs(const std::vector<std::string>& args) {
  ExportArgs parsed;
  if (const char* base = std::getenv("RAPPORT_PUBLIC_BASE_URL")) parsed.public_base_url = base;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--force") {
      parsed.force = true;
    } else if (arg == "--format" && i + 1 < args.size()) {
      if (args[++i] != "fhir")
        return Error::BadParameter("--format", "export writes --format fhir");
    } else if (arg == "--public-base-url" && i + 1 < args.size()) {
      parsed.public_base_url = args[++i];
    } else if (arg.rfind("--", 0) != 0 && parsed.dir.empty()) {
      parsed.dir = arg;
    } else {
      return Error::BadParameter(arg, "unexpected argument " + arg);
    }
  }
  if (parsed.dir.empty()) return Error::BadParameter("DIR", "name the folder to write");
  return parsed;
}

// One open NAME.ndjson.tmp per resource type, and the lines written to each.
class ExportFiles {
 public:
  explicit ExportFiles(const fs::path& dir) : dir_(dir) {
    for (const char* type : kResourceTypes) {
      files_[type].open(TmpPath(type), std::ios::binary | std::ios::trunc);
    }
  }
  [[nodiscard]] bool ok() const {
    for (const auto& [type, file] : files_) {
      if (!file.good()) return false;
    }
    return true;
  }
  void Write(const FhirResource& resource) {
    files_[resource.type] << resource.json << '\n';
    ++counts_[resource.type];
  }
  // Closes every file and renames it into place; false when one failed.
  [[nodiscard]] bool Commit() {
    for (auto& [type, file] : files_) {
      file.close();
      if (file.fail()) return false;
      std::error_code error;
      fs::rename(TmpPath(type), dir_ / (type + ".ndjson"), error);
      if (error) return false;
    }
    return true;
  }
  long count(const std::string& type) const {
    auto it = counts_.find(type);
    return it == counts_.end() ? 0 : it->second;
  }

 private:
  fs::path TmpPath(const std::string& type) const { return dir_ / (type + ".ndjson" + kTmpSuffix); }
  fs::path dir_;
  std::map<std::string, std::ofstream> files_;
  std::map<std::string, long> counts_;
};

Status PrepareDir(const ExportArgs& args) {
  std::error_code error;
  fs::create_directories(args.dir, error);
  if (error) return Error::Internal("cannot create " + args.dir + ": " + error.message());
  if (!args.force && !fs::is_empty(args.dir, error)) {
    return Error::BadParameter("DIR", args.dir + " is not empty (--force writes into it)");
  }
  return Status::Ok();
}

}  // namespace

int RunExport(const CommandContext& context, const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args);
  if (!parsed) {
    context.err << "rapport-index export: " << parsed.error().message << "\n" << Usage();
    return kUsageError;
  }
  if (Status dir = PrepareDir(parsed.value()); !dir) {
    context.err << "rapport-index export: " << dir.error().message << "\n";
    return dir.error().status == 400 ? kUsageError : kFailure;
  }
  auto vocabulary = Vocabulary::Load(context.data_files_dir + "/vocab.json");
  auto compacts = Compacts::Load(context.data_files_dir + "/compacts.json");
  auto taxonomy = NuccTaxonomy::Load(context.data_files_dir + "/nucc_taxonomy.json");
  for (const Error* error :
       {vocabulary ? nullptr : &vocabulary.error(), compacts ? nullptr : &compacts.error(),
        taxonomy ? nullptr : &taxonomy.error()}) {
    if (error) {
      context.err << "rapport-index export: " << error->message << "\n";
      return kFailure;
    }
  }
  auto store = ProfileStore::Open(context.data_dir.StorePath());
  if (!store) {
    context.err << "rapport-index export: " << store.error().message << "\n";
    return kFailure;
  }
  const FhirUrls urls{parsed.value().public_base_url};
  const FhirRenderer renderer(vocabulary.value(), taxonomy.value(), urls);
  const int current_year = CurrentUtcYear();
  ExportFiles files(parsed.value().dir);
  std::set<std::string> payers;
  long profiles = 0;
  std::optional<Error> failure;
  Status walked = store.value()->ForEachPublished([&](const StoredProfile& stored) {
    if (failure) return;
    auto json = PublicProfileJson(stored, compacts.value(), current_year);
    if (!json) return void(failure = json.error());
    rapidjson::Document doc;
    doc.Parse(json.value().c_str(), json.value().size());
    auto rendered = renderer.Render(doc);
    if (!rendered) return void(failure = rendered.error());
    files.Write(rendered.value().practitioner);
    files.Write(rendered.value().role);
    for (const auto& location : rendered.value().locations) files.Write(location);
    for (const auto& service : rendered.value().services) files.Write(service);
    payers.insert(rendered.value().payers.begin(), rendered.value().payers.end());
    if (++profiles % kExportProgressEvery == 0) {
      context.err << "export: " << profiles << " profiles\n";
    }
  });
  if (!walked) failure = walked.error();
  for (const auto& payer : payers) {
    for (auto organization :
         {renderer.PayerOrganization(payer), renderer.NetworkOrganization(payer)}) {
      if (organization) files.Write(organization.value());
    }
  }
  if (failure) {
    context.err << "rapport-index export: " << failure->message << "\n";
    return kFailure;
  }
  if (!files.ok() || !files.Commit()) {
    context.err << "rapport-index export: writing " << parsed.value().dir << " failed\n";
    return kFailure;
  }
  context.out << "exported " << profiles << " profiles:";
  const char* separator = " ";
  for (const char* type : kResourceTypes) {
    context.out << separator << files.count(type) << " " << type;
    separator = ", ";
  }
  context.out << "\n";
  return 0;
}

}  // namespace rapport
