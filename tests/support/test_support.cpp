// Implementation of the shared test helpers (test_support.h).
#include "test_support.h"

#include "child_process.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace rapport::testing {

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/rapport-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string SourcePath(const std::string& relative) {
  return std::string(RAPPORT_SOURCE_DIR) + "/" + relative;
}

std::string CommandPath(const std::string& name) {
  for (const char* dir : {"/indexer/", "/query/", "/web/", "/data/"}) {
    std::string candidate = std::string(RAPPORT_BINARY_DIR) + dir + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  throw std::runtime_error("command not built: " + name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::optional<std::string> Gunzip(const std::string& compressed) {
  constexpr int kGzipWindowBits = 16 + MAX_WBITS;
  z_stream stream{};
  if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string plain;
  int status = Z_OK;
  while (status == Z_OK) {
    char chunk[1 << 14];
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    plain.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return plain;
}

CommandOutput RunCommand(const std::vector<std::string>& argv, const std::string& input) {
  TempDir io;
  const std::string in_path = io.File("stdin"), out_path = io.File("stdout"),
                    err_path = io.File("stderr");
  WriteFile(in_path, input);
  const pid_t pid = SpawnChild(argv, {.in = in_path, .out = out_path, .err = err_path});
  int status = 0;
  waitpid(pid, &status, 0);
  CommandOutput output;
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  output.out = ReadFile(out_path);
  output.err = ReadFile(err_path);
  return output;
}

namespace {

// Holds an exclusive flock on `path` for its lifetime.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
    if (fd_ < 0 || flock(fd_, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + path);
  }
  ~FileLock() { close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// Names the prepared folder after the content, the vocabulary and compacts
// the indexer reads, and the rapport-index build, so neither a rebuilt
// indexer nor a changed data file (a new synonym) reuses a folder made before.
std::string PreparedDirName(const std::string& ndjson, const std::string& index_command) {
  struct stat built {};
  stat(index_command.c_str(), &built);
  const std::string data_files =
      ReadFile(SourcePath("data/vocab.json")) + ReadFile(SourcePath("data/compacts.json"));
  const size_t key =
      std::hash<std::string>{}(ndjson + "@" + data_files + "@" + std::to_string(built.st_mtime) +
                               "." + std::to_string(built.st_mtim.tv_nsec));
  return std::string(RAPPORT_BINARY_DIR) + "/test-data-cache/" + std::to_string(key);
}

void Run(const std::vector<std::string>& argv) {
  CommandOutput output = RunCommand(argv);
  if (output.exit_code != 0) {
    throw std::runtime_error(argv[0] + " " + argv[3] + " failed: " + output.out + output.err);
  }
}

}  // namespace

void CopyPreparedDataDir(const std::string& ndjson, const std::string& destination) {
  const std::string index_command = CommandPath("rapport-index");
  const std::string prepared = PreparedDirName(ndjson, index_command);
  std::filesystem::create_directories(std::filesystem::path(prepared).parent_path());
  {
    FileLock lock(prepared + ".lock");
    if (!std::filesystem::exists(prepared + "/ready")) {
      const std::string staging = prepared + ".staging";
      std::filesystem::remove_all(staging);
      std::filesystem::create_directories(staging);
      WriteFile(staging + "/profiles.ndjson", ndjson);
      const std::string data = staging + "/data";
      Run({index_command, "--data-dir", data, "import", staging + "/profiles.ndjson"});
      Run({index_command, "--data-dir", data, "rebuild"});
      std::filesystem::remove_all(prepared);
      std::filesystem::rename(staging, prepared);
      WriteFile(prepared + "/ready", "");
    }
  }
  std::filesystem::copy(prepared + "/data", destination, std::filesystem::copy_options::recursive);
}

}  // namespace rapport::testing
