// Which part of a client address the per-client limits are keyed on.
#include "client_key.h"

#include <doctest/doctest.h>

namespace rapport {
namespace {

TEST_CASE("an IPv4 address is a client of its own, an IPv6 address is its /64") {
  CHECK(ClientKey("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64");
  CHECK(ClientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee") == "2001:db8:1:2::/64");
  CHECK(ClientKey("2001:db8:1:3::1") == "2001:db8:1:3::/64");
  CHECK(ClientKey("203.0.113.5") == "203.0.113.5");
  CHECK(ClientKey("203.0.113.6") == "203.0.113.6");
  CHECK(ClientKey("::ffff:203.0.113.5") == "::ffff:203.0.113.5");
  CHECK(ClientKey("not an address") == "not an address");
}

}  // namespace
}  // namespace rapport
