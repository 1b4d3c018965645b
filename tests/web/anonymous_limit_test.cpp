// The anonymous rate limit through the real server: one bucket per IPv4
// address, one per IPv6 /64 (a client holds a whole /64 and could otherwise
// spread its requests over as many buckets as it likes).
#include <doctest/doctest.h>

#include <string>

#include "web_test_util.h"

namespace rapport::testing {
namespace {

HttpResult SearchFrom(int port, const std::string& address) {
  return Get(port, "/api/v1/search?limit=1", {{"X-Real-IP", address}});
}

TEST_CASE("addresses of one IPv6 /64 share a bucket, other addresses have their own") {
  // Every request costs one token here: this is about addresses, not costs.
  ServerProcess server(SampleDataDir(), OneTokenPerRequest({"--trust-forwarded-for", "--anon-rate",
                                                            "0.01", "--anon-burst", "2"}));
  CHECK(SearchFrom(server.port(), "2001:db8:1:2::1").status == 200);
  CHECK(SearchFrom(server.port(), "2001:db8:1:2::2").status == 200);
  CheckError(SearchFrom(server.port(), "2001:db8:1:2:ffff::3"), 429, "rate_limited");
  CHECK(SearchFrom(server.port(), "2001:db8:1:3::1").status == 200);
  for (const char* address : {"203.0.113.1", "203.0.113.2", "203.0.113.3"}) {
    CHECK(SearchFrom(server.port(), address).status == 200);
  }
}

}  // namespace
}  // namespace rapport::testing
