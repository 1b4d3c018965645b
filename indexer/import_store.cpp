// Opening the store for a bulk import.
#include "import_store.h"

#include <filesystem>

namespace rapport {

Result<std::unique_ptr<ProfileStore>> OpenImportStore(const DataDir& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir.root, ec);
  if (ec) return Error::Internal("cannot create " + data_dir.root + ": " + ec.message());
  return ProfileStore::Open(data_dir.StorePath());
}

}  // namespace rapport
