// Implementation of the web test helpers (server_process.h).
#include "server_process.h"

#include "child_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rapport::testing {
namespace {

constexpr int kSampleProfiles = 400;
constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kStopTimeout = std::chrono::seconds(30);
constexpr auto kPollInterval = std::chrono::milliseconds(20);

}  // namespace

const std::string& SampleDataDir() {
  static TempDir dir;
  static const std::string path = [] {
    std::ifstream sample(SourcePath("data/sample/profiles.ndjson"));
    std::string line, subset;
    for (int i = 0; i < kSampleProfiles && std::getline(sample, line); ++i) subset += line + "\n";
    const std::string data = dir.File("data");
    CopyPreparedDataDir(subset, data);
    return data;
  }();
  return path;
}

int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

int ConnectLoopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool ClosedByPeer(int fd) {
  pollfd waiting{fd, POLLIN, 0};
  if (::poll(&waiting, 1, 0) <= 0) return false;
  char buffer[4096];
  return ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) >= 0;
}

HttpResult ParseResponse(const std::string& response) {
  HttpResult result;
  const size_t head_end = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) return result;
  std::istringstream head(response.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  result.status = std::atoi(line.substr(9, 3).c_str());
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    result.headers[name] = value;
  }
  result.body = response.substr(head_end + 4);
  return result;
}

std::string ReadUntilClosed(int fd, int timeout_ms) {
  std::string response;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buffer[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd waiting{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (::poll(&waiting, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  return response;
}

HttpResult RawRequest(int port, const std::string& raw, int timeout_ms) {
  const int fd = ConnectLoopback(port);
  if (fd < 0) return {};
  SendAll(fd, raw);
  const std::string response = ReadUntilClosed(fd, timeout_ms);
  ::close(fd);
  return ParseResponse(response);
}

HttpResult Request(int port, const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers, const std::string& body) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw += "\r\n" + body;
  return RawRequest(port, raw);
}

long Metric(int port, const std::string& name) {
  const std::string text = Get(port, "/metrics").body;
  const size_t at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::atol(text.c_str() + at + name.size() + 2);
}

std::string UrlEncode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

ServerProcess::ServerProcess(const std::string& data_dir, const std::vector<std::string>& args,
                             int port) {
  port_ = port > 0 ? port : FreeLoopbackPort();
  std::vector<std::string> argv = {
      CommandPath("rapport-server"), "--data-dir", data_dir,   "--port",
      std::to_string(port_),         "--bind",     "127.0.0.1"};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string log_path = logs_.File("stderr");
  pid_ = SpawnChild(argv, {.in = "/dev/null", .out = "/dev/null", .err = log_path});
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("rapport-server exited at start: " + Log());
    }
    if (Get(port_, "/healthz").status == 200) return;
    std::this_thread::sleep_for(kPollInterval);
  }
  Terminate();
  throw std::runtime_error("rapport-server did not answer /healthz: " + Log());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Terminate();
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string ServerProcess::Log() const { return ReadFile(logs_.File("stderr")); }

CommandOutput Admin(const std::string& data_dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {CommandPath("rapport-admin"), "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv);
}

}  // namespace rapport::testing
