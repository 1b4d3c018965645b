// Token buckets with an injected clock: burst, refill, Retry-After, charges
// beyond one token (debt) and the bound on remembered clients.
#include "rate_limiter.h"

#include <doctest/doctest.h>

namespace rapport {
namespace {

using std::chrono::milliseconds;

TEST_CASE("a bucket allows its burst, then refills at its rate") {
  RateLimiter limiter(100);
  const auto start = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) CHECK(limiter.Acquire("a", 2, 3, start) == 0);
  CHECK(limiter.Acquire("a", 2, 3, start) == 1);
  CHECK(limiter.Acquire("a", 2, 3, start + milliseconds(500)) == 0);
  CHECK(limiter.Acquire("a", 2, 3, start + milliseconds(500)) == 1);
  // Another client has its own bucket.
  CHECK(limiter.Acquire("b", 2, 3, start) == 0);
}

TEST_CASE("Retry-After is the whole seconds until a token") {
  RateLimiter limiter(100);
  const auto start = RateLimiter::Clock::now();
  CHECK(limiter.Acquire("slow", 0.1, 1, start) == 0);
  CHECK(limiter.Acquire("slow", 0.1, 1, start) == 10);
  CHECK(limiter.Acquire("slow", 0.1, 1, start + milliseconds(5000)) == 5);
}

TEST_CASE("the number of buckets stays bounded, idle ones go first") {
  RateLimiter limiter(2);
  const auto start = RateLimiter::Clock::now();
  CHECK(limiter.Acquire("idle", 1, 1, start) == 0);
  CHECK(limiter.Acquire("busy", 1, 1, start + milliseconds(5000)) == 0);
  // "idle" has refilled: dropping it changes nothing; "busy" is still empty.
  CHECK(limiter.Acquire("new", 1, 1, start + milliseconds(5000)) == 0);
  CHECK(limiter.Acquire("busy", 1, 1, start + milliseconds(5000)) == 1);
}

TEST_CASE("a charge beyond the tokens left is a debt: refused until paid back") {
  RateLimiter limiter(100);
  const auto start = RateLimiter::Clock::now();
  CHECK(limiter.Acquire("costly", 1, 10, start) == 0);
  limiter.Charge("costly", 19, 1, 10, start);  // 10 - 1 - 19 = -10 tokens
  CHECK(limiter.Acquire("costly", 1, 10, start) == 11);
  CHECK(limiter.Acquire("costly", 1, 10, start + milliseconds(10000)) == 1);
  CHECK(limiter.Acquire("costly", 1, 10, start + milliseconds(11000)) == 0);
  // A charge of nothing changes nothing.
  limiter.Charge("cheap", 0, 1, 10, start);
  for (int i = 0; i < 10; ++i) CHECK(limiter.Acquire("cheap", 1, 10, start) == 0);
}

TEST_CASE("a bucket in debt is not dropped as idle when others are") {
  RateLimiter limiter(2);
  const auto start = RateLimiter::Clock::now();
  CHECK(limiter.Acquire("debtor", 1, 2, start) == 0);
  limiter.Charge("debtor", 20, 1, 2, start);  // 2 - 1 - 20 = -19 tokens
  CHECK(limiter.Acquire("idle", 1, 2, start) == 0);
  // 5 s later an empty bucket of burst 2 would be full again; the debtor is not.
  const auto later = start + milliseconds(5000);
  CHECK(limiter.Acquire("new", 1, 2, later) == 0);
  CHECK(limiter.Acquire("debtor", 1, 2, later) == 15);
}

}  // namespace
}  // namespace rapport
