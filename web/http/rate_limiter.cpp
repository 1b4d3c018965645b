// Token buckets for partner keys and anonymous client addresses.
#include "rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace rapport {

RateLimiter::RateLimiter(size_t max_buckets) : max_buckets_(std::max<size_t>(max_buckets, 1)) {}

bool RateLimiter::Bucket::FullAt(Clock::time_point now) const {
  const double elapsed = std::chrono::duration<double>(now - updated).count();
  return tokens + std::max(0.0, elapsed) * rate >= burst;
}

RateLimiter::Bucket& RateLimiter::Refilled(std::string_view key, double rate, int burst,
                                           Clock::time_point now) {
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_buckets_) DropIdle(now);
    Bucket full;
    full.tokens = burst;
    full.updated = now;
    it = buckets_.emplace(std::string(key), full).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min<double>(burst, bucket.tokens + std::max(0.0, elapsed) * rate);
  bucket.updated = now;
  bucket.rate = rate;
  bucket.burst = burst;
  return bucket;
}

int RateLimiter::Acquire(std::string_view key, double rate, int burst, Clock::time_point now) {
  if (rate <= 0 || burst <= 0) return 1;
  std::lock_guard<std::mutex> lock(mutex_);
  Bucket& bucket = Refilled(key, rate, burst, now);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / rate)));
}

RateLimiter::Level RateLimiter::LevelOf(std::string_view key, double rate, int burst,
                                        Clock::time_point now) {
  Level level;
  level.limit = burst;
  if (rate <= 0 || burst <= 0) return level;
  std::lock_guard<std::mutex> lock(mutex_);
  const Bucket& bucket = Refilled(key, rate, burst, now);
  level.remaining = std::max(0, static_cast<int>(std::floor(bucket.tokens)));
  level.reset_seconds = static_cast<int>(std::ceil((burst - bucket.tokens) / rate));
  return level;
}

void RateLimiter::Charge(std::string_view key, double tokens, double rate, int burst,
                         Clock::time_point now) {
  if (rate <= 0 || burst <= 0 || tokens <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  Refilled(key, rate, burst, now).tokens -= tokens;
}

void RateLimiter::DropIdle(Clock::time_point now) {
  // A full bucket is the same as none; one still refilling (a debt
  // included) must stay.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = it->second.FullAt(now) ? buckets_.erase(it) : std::next(it);
  }
  // Under a flood of new addresses nothing is idle: evict arbitrarily rather
  // than grow without bound (an evicted client gets a fresh bucket).
  while (buckets_.size() >= max_buckets_) buckets_.erase(buckets_.begin());
}

}  // namespace rapport
