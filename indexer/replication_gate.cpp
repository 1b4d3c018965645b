// The replication gate: allowlist, shared commit lock, byte splicing (replication_gate.h).
#include "replication_gate.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace rapport {
namespace {

constexpr int kIpv4Bits = 32;
constexpr int kMaxPort = 65535;
constexpr int kListenBacklog = 64;
constexpr size_t kSpliceBufferBytes = 64 * 1024;
constexpr int kMillisecondsPerSecond = 1000;

std::string Ipv4Text(uint32_t host_order) {
  in_addr address{htonl(host_order)};
  std::array<char, INET_ADDRSTRLEN> text{};
  ::inet_ntop(AF_INET, &address, text.data(), text.size());
  return text.data();
}

sockaddr_in SocketAddress(const Ipv4Endpoint& endpoint) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(endpoint.port));
  ::inet_pton(AF_INET, endpoint.host.c_str(), &address.sin_addr);
  return address;
}

// Closes a descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Writes all of `data`; false on an error or a peer that stopped reading
// past the send timeout.
bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = ::send(fd, data, size, MSG_NOSIGNAL);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

// Copies bytes both ways until either side closes, fails or stays idle for
// `idle`. Returns the bytes sent from upstream to the client.
uint64_t Splice(int client_fd, int upstream_fd, std::chrono::seconds idle) {
  std::array<char, kSpliceBufferBytes> buffer{};
  std::array<pollfd, 2> fds{pollfd{client_fd, POLLIN, 0}, pollfd{upstream_fd, POLLIN, 0}};
  const int timeout_ms = static_cast<int>(idle.count()) * kMillisecondsPerSecond;
  uint64_t to_client = 0;
  for (;;) {
    const int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return to_client;  // idle past the bound, or poll failed
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t got = ::recv(fds[i].fd, buffer.data(), buffer.size(), 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return to_client;  // closed or failed: the conversation is over
      const int other = fds[1 - i].fd;
      if (!WriteAll(other, buffer.data(), static_cast<size_t>(got))) return to_client;
      if (other == client_fd) to_client += static_cast<uint64_t>(got);
    }
  }
}

}  // namespace

long ParseBoundedNumber(const std::string& text, long max) {
  if (text.empty() || text.size() > std::to_string(max).size()) return -1;
  long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value <= max ? value : -1;
}

Result<Ipv4Network> ParseIpv4Network(const std::string& text) {
  const size_t slash = text.find('/');
  const std::string host = text.substr(0, slash);
  long bits = kIpv4Bits;
  if (slash != std::string::npos) bits = ParseBoundedNumber(text.substr(slash + 1), kIpv4Bits);
  in_addr address{};
  if (bits < 0 || ::inet_pton(AF_INET, host.c_str(), &address) != 1) {
    return Error::BadParameter(text, "'" + text + "' is not an IPv4 network (a.b.c.d/len)");
  }
  Ipv4Network network;
  network.mask = bits == 0 ? 0 : ~uint32_t{0} << (kIpv4Bits - bits);
  network.address = ntohl(address.s_addr) & network.mask;
  return network;
}

bool InNetworks(uint32_t address, const std::vector<Ipv4Network>& networks) {
  for (const Ipv4Network& network : networks) {
    if ((address & network.mask) == network.address) return true;
  }
  return false;
}

Result<Ipv4Endpoint> ParseIpv4Endpoint(const std::string& text) {
  const size_t colon = text.rfind(':');
  in_addr address{};
  const long port =
      colon == std::string::npos ? -1 : ParseBoundedNumber(text.substr(colon + 1), kMaxPort);
  if (port < 0 || ::inet_pton(AF_INET, text.substr(0, colon).c_str(), &address) != 1) {
    return Error::BadParameter(text,
                               "'" + text + "' is not an IPv4 address and port (a.b.c.d:port)");
  }
  return Ipv4Endpoint{text.substr(0, colon), static_cast<int>(port)};
}

Result<ReplicationGate> ReplicationGate::Listen(const ReplicationGateOptions& options,
                                                std::ostream& log) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return Error::Internal(std::string("cannot create a socket: ") + std::strerror(errno));
  const int reuse = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address = SocketAddress(options.listen);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, kListenBacklog) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return Error::Internal("cannot listen on " + options.listen.host + ":" +
                           std::to_string(options.listen.port) + ": " + reason);
  }
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  return ReplicationGate(options, log, fd, ntohs(address.sin_port));
}

ReplicationGate::ReplicationGate(ReplicationGateOptions options, std::ostream& log, int listen_fd,
                                 int port)
    : options_(std::move(options)),
      log_(log),
      listen_fd_(listen_fd),
      port_(port),
      active_(std::make_shared<std::atomic<int>>(0)),
      log_mutex_(std::make_shared<std::mutex>()) {}

ReplicationGate::ReplicationGate(ReplicationGate&& other) noexcept
    : options_(std::move(other.options_)),
      log_(other.log_),
      listen_fd_(other.listen_fd_),
      port_(other.port_),
      active_(std::move(other.active_)),
      log_mutex_(std::move(other.log_mutex_)) {
  other.listen_fd_ = -1;
}

ReplicationGate::~ReplicationGate() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

void ReplicationGate::Log(const std::string& line) {
  std::lock_guard<std::mutex> lock(*log_mutex_);
  log_ << "rapport-index replication-gate: " << line << "\n";
  log_.flush();
}

Status ReplicationGate::Serve() {
  for (;;) {
    sockaddr_in peer{};
    socklen_t size = sizeof peer;
    const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &size, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == EMFILE || errno == ENFILE || errno == ECONNABORTED) continue;
      return Error::Internal(std::string("accept failed: ") + std::strerror(errno));
    }
    const uint32_t address = ntohl(peer.sin_addr.s_addr);
    const std::string peer_text = Ipv4Text(address);
    if (!InNetworks(address, options_.allow)) {
      ::close(fd);
      Log("refused " + peer_text + ": not in --allow");
      continue;
    }
    if (active_->fetch_add(1) >= options_.max_connections) {
      active_->fetch_sub(1);
      ::close(fd);
      Log("refused " + peer_text + ": " + std::to_string(options_.max_connections) +
          " conversations already (--max-connections)");
      continue;
    }
    std::thread([this, fd, peer_text, active = active_] {
      Converse(fd, peer_text);
      active->fetch_sub(1);
    }).detach();
  }
}

void ReplicationGate::Converse(int client_fd, const std::string& peer) {
  Descriptor client(client_fd);
  const timeval send_timeout{static_cast<time_t>(options_.idle_timeout.count()), 0};
  ::setsockopt(client.get(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  // Shared: conversations run side by side, but never during a commit.
  Descriptor lock(::open(options_.lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (lock.get() < 0 || ::flock(lock.get(), LOCK_SH) != 0) {
    Log("closed " + peer + ": cannot take the commit lock " + options_.lock_path + ": " +
        std::strerror(errno));
    return;
  }
  Descriptor upstream(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = SocketAddress(options_.upstream);
  if (upstream.get() < 0 ||
      ::connect(upstream.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    Log("closed " + peer + ": cannot reach the replication server: " + std::strerror(errno));
    return;
  }
  ::setsockopt(upstream.get(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
  const auto start = std::chrono::steady_clock::now();
  const uint64_t bytes = Splice(client.get(), upstream.get(), options_.idle_timeout);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  Log(peer + ": " + std::to_string(bytes) + " bytes to the replica in " +
      std::to_string(took.count()) + " ms");
}

}  // namespace rapport
