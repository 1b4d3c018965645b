// IndexStub: reading, writing and switching the live index stub (index_stub.h).
#include "index_stub.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "durable_file.h"

namespace rapport {
namespace {

constexpr std::string_view kFolderPrefix = "index-";
constexpr std::string_view kBackend = "glass";

// N of "index-N", or -1 if `name` is not such a folder name.
long FolderNumber(const std::string& name) {
  if (name.rfind(kFolderPrefix, 0) != 0 || name.size() == kFolderPrefix.size()) return -1;
  long number = 0;
  for (size_t i = kFolderPrefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    number = number * 10 + (name[i] - '0');
  }
  return number;
}

}  // namespace

std::string IndexFolderPath(const DataDir& data_dir, const std::string& folder_name) {
  return data_dir.root + "/" + folder_name;
}

Result<std::string> ReadIndexStub(const DataDir& data_dir) {
  const std::string path = data_dir.IndexPath();
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return Error::NotFound("no index yet: " + path + " does not exist");
    return SystemError("cannot read", path);
  }
  std::string backend, folder, extra;
  in >> backend >> folder >> extra;
  if (backend != kBackend || FolderNumber(folder) < 0 || !extra.empty()) {
    return Error::Internal(path + " is not a stub of the form \"glass index-<N>\"");
  }
  return folder;
}

Status WriteIndexStub(const DataDir& data_dir, const std::string& folder_name) {
  return WriteFileDurably(data_dir.IndexPath(), std::string(kBackend) + ' ' + folder_name + '\n');
}

std::vector<std::string> ListIndexFolders(const DataDir& data_dir) {
  std::vector<std::pair<long, std::string>> numbered;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir.root, error)) {
    const std::string name = entry.path().filename().string();
    if (const long number = FolderNumber(name); number >= 0 && entry.is_directory(error)) {
      numbered.emplace_back(number, name);
    }
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<std::string> names;
  for (auto& [number, name] : numbered) names.push_back(std::move(name));
  return names;
}

Result<std::string> CreateIndexFolder(const DataDir& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir.root, error);
  if (error) return Error::Internal("cannot create " + data_dir.root + ": " + error.message());
  const std::vector<std::string> existing = ListIndexFolders(data_dir);
  long next = existing.empty() ? 1 : FolderNumber(existing.back()) + 1;
  // mkdir fails on an existing folder, so two processes never share one.
  for (;; ++next) {
    const std::string name = std::string(kFolderPrefix) + std::to_string(next);
    if (mkdir(IndexFolderPath(data_dir, name).c_str(), 0755) == 0) return name;
    if (errno != EEXIST) return SystemError("cannot create", IndexFolderPath(data_dir, name));
  }
}

}  // namespace rapport
