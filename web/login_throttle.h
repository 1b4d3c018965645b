// LoginThrottle: slows password guessing. Failed logins are counted per
// account (the email as typed, lower-cased, whether or not it exists, so the
// throttle itself reveals nothing about which accounts exist) and per client
// address; once either count reaches its limit inside the window, further
// attempts are refused with 429 and a Retry-After until the window passes.
// In memory: a restart forgets the counts, which only gives an attacker one
// fresh window. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "error.h"

namespace rapport {

struct LoginThrottleLimits {
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
  // Bound on remembered keys, so a flood of made-up emails cannot exhaust memory.
  size_t max_tracked_keys = 100000;
};

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LoginThrottle(LoginThrottleLimits limits = {});

  // OK if a login for `email` from `address` may be attempted now; otherwise a
  // 429 "too_many_attempts" Error whose message gives the seconds to wait.
  [[nodiscard]] Status Check(std::string_view email, std::string_view address,
                             Clock::time_point now = Clock::now());

  // Seconds until the attempt would be allowed (0 when it is): the Retry-After value.
  [[nodiscard]] long RetryAfterSeconds(std::string_view email, std::string_view address,
                                       Clock::time_point now = Clock::now());

  void RecordFailure(std::string_view email, std::string_view address,
                     Clock::time_point now = Clock::now());

  // A successful login clears the account's count (not the address's).
  void RecordSuccess(std::string_view email);

 private:
  struct Counter {
    int failures = 0;
    Clock::time_point window_start;
  };
  long WaitLocked(const std::string& key, int limit, Clock::time_point now);
  void BumpLocked(const std::string& key, Clock::time_point now);
  void PruneLocked(Clock::time_point now);

  LoginThrottleLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Counter> counters_;  // guarded by mutex_
};

}  // namespace rapport
