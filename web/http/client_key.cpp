// IPv6 addresses to their /64 prefix, with inet_pton/inet_ntop.
#include "client_key.h"

#include <arpa/inet.h>

#include <algorithm>
#include <iterator>

namespace rapport {

std::string ClientKey(std::string_view address) {
  constexpr size_t kPrefixBytes = 8;  // /64
  const std::string text(address);
  in6_addr ip{};
  if (inet_pton(AF_INET6, text.c_str(), &ip) != 1 || IN6_IS_ADDR_V4MAPPED(&ip)) return text;
  std::fill(std::begin(ip.s6_addr) + kPrefixBytes, std::end(ip.s6_addr), 0);
  char prefix[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, &ip, prefix, sizeof prefix) == nullptr) return text;
  return std::string(prefix) + "/64";
}

}  // namespace rapport
