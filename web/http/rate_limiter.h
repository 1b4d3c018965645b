// RateLimiter: token buckets in memory, one per partner key and one per
// anonymous client address. A bucket holds up to `burst` tokens and refills
// at `rate` tokens per second; a request takes one token or is refused with
// the seconds until one is available. A request that turns out to cost more
// than one token (request_cost.h) is charged the rest afterwards: the
// bucket may go below zero, and its client waits until it has paid it back.
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

  // What a client is told of its bucket (the IETF RateLimit fields): its
  // burst, the whole tokens left, and the seconds until it is full again.
  struct Level {
    int limit = 0;
    int remaining = 0;
    int reset_seconds = 0;
  };
  // The level of the bucket `key` now (a bucket not yet used is full).
  Level LevelOf(std::string_view key, double rate, int burst, Clock::time_point now = Clock::now());

  // Takes `tokens` more from the bucket `key` (after an Acquire), going
  // below zero if need be.
  void Charge(std::string_view key, double tokens, double rate, int burst,
              Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
    double rate = 0;  // as of the last use
    int burst = 0;
    // Whether the bucket has refilled completely by `now` (forgetting it
    // then changes nothing for its client).
    bool FullAt(Clock::time_point now) const;
  };
  // The bucket `key` refilled up to `now` (a new one full).
  Bucket& Refilled(std::string_view key, double rate, int burst, Clock::time_point now);
  void DropIdle(Clock::time_point now);

  const size_t max_buckets_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
};

}  // namespace rapport
