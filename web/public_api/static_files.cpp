// Serving files from the static folder without ever leaving it.
#include "static_files.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "gzip.h"
#include "http_errors.h"

namespace rapport {
namespace {

struct TypeByExtension {
  std::string_view extension;
  std::string_view type;
};
constexpr TypeByExtension kTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
    {".webmanifest", "application/manifest+json"},
};

// Each segment must be a plain, visible name: no "..", ".", empty, hidden
// files or backslashes.
bool SafeRelativePath(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    std::string_view segment = relative.substr(start, end - start);
    if (segment.empty() || segment.front() == '.' || segment.find('\\') != std::string_view::npos ||
        segment.find('\0') != std::string_view::npos) {
      return false;
    }
    start = end + 1;
  }
  return true;
}

HttpResponse NotFoundPage() { return ErrorResponse(Error::NotFound("no such page")); }

// One version of a file as served: what its ETag names, its body and (for a
// text type, when the file is kept) its body gzipped at the best level.
struct FileVersion {
  std::string etag;
  std::string body;
  std::shared_ptr<const std::string> gzip_body;
};

// Files up to this size are kept in memory with their gzipped body; a larger
// one is read per request and left to the dispatcher's fast compression.
constexpr size_t kMaxKeptFileBytes = size_t{1} << 20;

// The versions served so far, by canonical path. The folders hold the
// shipped pages only, so this stays small.
class FileVersions {
 public:
  std::shared_ptr<const FileVersion> Find(const std::string& path, const std::string& etag) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = versions_.find(path);
    if (found == versions_.end() || found->second->etag != etag) return nullptr;
    return found->second;
  }
  void Keep(const std::string& path, std::shared_ptr<const FileVersion> version) {
    std::lock_guard<std::mutex> lock(mutex_);
    versions_[path] = std::move(version);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const FileVersion>> versions_;
};

FileVersions& ServedVersions() {
  static FileVersions versions;
  return versions;
}

std::shared_ptr<const FileVersion> ReadVersion(const std::filesystem::path& file, std::string etag,
                                               const std::string& content_type) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream content;
  content << in.rdbuf();
  auto version = std::make_shared<FileVersion>();
  version->etag = std::move(etag);
  version->body = content.str();
  if (version->body.size() <= kMaxKeptFileBytes && CompressibleType(content_type)) {
    if (auto compressed = GzipCompressBest(version->body)) {
      version->gzip_body = std::make_shared<const std::string>(std::move(*compressed));
    }
  }
  return version;
}

}  // namespace

std::string ContentTypeFor(std::string_view file_name) {
  for (const auto& entry : kTypes) {
    if (file_name.size() >= entry.extension.size() &&
        file_name.substr(file_name.size() - entry.extension.size()) == entry.extension) {
      return std::string(entry.type);
    }
  }
  return "application/octet-stream";
}

HttpResponse ServeStaticFile(const std::string& static_dir, std::string_view relative) {
  if (!SafeRelativePath(relative)) return NotFoundPage();
  std::error_code error;
  const auto root = std::filesystem::canonical(static_dir, error);
  if (error) return NotFoundPage();
  const auto file = std::filesystem::canonical(root / std::string(relative), error);
  if (error) return NotFoundPage();
  // A symlink inside the folder must not lead out of it.
  const std::string root_text = root.string() + "/";
  if (file.string().compare(0, root_text.size(), root_text) != 0) return NotFoundPage();
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return NotFoundPage();
  const std::string etag = "\"" + std::to_string(info.st_size) + "-" +
                           std::to_string(info.st_mtim.tv_sec) + "." +
                           std::to_string(info.st_mtim.tv_nsec) + "\"";
  HttpResponse response;
  response.content_type = ContentTypeFor(file.filename().string());
  std::shared_ptr<const FileVersion> version = ServedVersions().Find(file.string(), etag);
  if (!version) {
    version = ReadVersion(file, etag, response.content_type);
    if (!version) return NotFoundPage();
    if (version->body.size() <= kMaxKeptFileBytes) ServedVersions().Keep(file.string(), version);
  }
  response.body = version->body;
  response.gzip_body = version->gzip_body;
  response.SetHeader("ETag", etag);
  response.SetHeader("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace rapport
