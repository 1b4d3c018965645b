// Opening the store and loading the reference data for a bulk import.
#include "import_store.h"

#include <filesystem>

namespace rapport {

Result<std::unique_ptr<ProfileStore>> OpenImportStore(const DataDir& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir.root, ec);
  if (ec) return Error::Internal("cannot create " + data_dir.root + ": " + ec.message());
  return ProfileStore::Open(data_dir.StorePath());
}

Result<ValidationData> LoadValidationData(const std::string& data_files_dir) {
  auto vocabulary = Vocabulary::Load(data_files_dir + "/vocab.json");
  if (!vocabulary) return vocabulary.error();
  auto compacts = Compacts::Load(data_files_dir + "/compacts.json");
  if (!compacts) return compacts.error();
  ValidationData data;
  data.vocabulary = std::move(vocabulary).value();
  data.compacts = std::move(compacts).value();
  return data;
}

Result<ImportReferenceData> LoadImportReferenceData(const std::string& data_files_dir) {
  auto validation = LoadValidationData(data_files_dir);
  if (!validation) return validation.error();
  auto taxonomy = NuccTaxonomy::Load(data_files_dir + "/nucc_taxonomy.json");
  if (!taxonomy) return taxonomy.error();
  auto geocoder = OfficeGeocoder::Load(data_files_dir);
  if (!geocoder) return geocoder.error();
  ImportReferenceData data;
  data.validation = std::move(validation).value();
  data.taxonomy = std::move(taxonomy).value();
  data.geocoder = std::move(geocoder).value();
  return data;
}

}  // namespace rapport
