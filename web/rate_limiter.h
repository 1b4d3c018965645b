// RateLimiter: token buckets in memory, one per partner key and one per
// anonymous client address. A bucket holds up to `burst` tokens and refills
// at `rate` tokens per second; a request takes one token or is refused with
// the seconds until one is available.
//
// One process only: with several server processes each keeps its own
// buckets, so a client gets up to N times its rate. docs/http.md explains how
// to scale this (shared counters in the proxy tier or a shared store).
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rapport {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // Keeps at most `max_buckets` buckets; when full, buckets that have
  // refilled completely (idle clients) are dropped first.
  explicit RateLimiter(size_t max_buckets);

  // Takes one token from the bucket `key`. Returns 0 when allowed, else the
  // whole seconds (>= 1) after which a token will be available.
  int Acquire(std::string_view key, double rate, int burst, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void DropIdle(Clock::time_point now);

  const size_t max_buckets_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
  double max_refill_seconds_ = 0;                    // guarded by mutex_: slowest full refill seen
};

}  // namespace rapport
