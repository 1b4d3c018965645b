// ClientKey: the part of a client address that every per-client limit (rate
// limit buckets, open requests, failed logins) is keyed on: an IPv4 address
// whole, an IPv6 address by its /64 prefix ("2001:db8:1:2::/64"), the
// network one subscriber normally gets — 2^64 addresses that one client
// could otherwise use as as many clients; anything else as it is.
#pragma once

#include <string>
#include <string_view>

namespace rapport {

[[nodiscard]] std::string ClientKey(std::string_view address);

}  // namespace rapport
