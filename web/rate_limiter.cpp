// Token buckets for partner keys and anonymous client addresses.
#include "rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace rapport {

RateLimiter::RateLimiter(size_t max_buckets) : max_buckets_(std::max<size_t>(max_buckets, 1)) {}

int RateLimiter::Acquire(std::string_view key, double rate, int burst, Clock::time_point now) {
  if (rate <= 0 || burst <= 0) return 1;
  std::lock_guard<std::mutex> lock(mutex_);
  max_refill_seconds_ = std::max(max_refill_seconds_, burst / rate);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_buckets_) DropIdle(now);
    it = buckets_.emplace(std::string(key), Bucket{static_cast<double>(burst), now}).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min<double>(burst, bucket.tokens + std::max(0.0, elapsed) * rate);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - bucket.tokens) / rate)));
}

void RateLimiter::DropIdle(Clock::time_point now) {
  // A bucket untouched for longer than the slowest full refill is full again:
  // forgetting it changes nothing for its client.
  const auto idle = std::chrono::duration<double>(max_refill_seconds_);
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = now - it->second.updated > idle ? buckets_.erase(it) : std::next(it);
  }
  // Under a flood of new addresses nothing is idle: evict arbitrarily rather
  // than grow without bound (an evicted client gets a fresh bucket).
  while (buckets_.size() >= max_buckets_) buckets_.erase(buckets_.begin());
}

}  // namespace rapport
