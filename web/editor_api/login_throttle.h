// LoginThrottle: slows password guessing with progressive delays (OWASP ASVS
// 2.2.1) instead of a lockout that anyone could trigger for any editor.
//
// Failed logins are counted per client address and per account (the email as
// typed, lower-cased, whether or not it exists, so the throttle reveals
// nothing about which accounts exist). Past a few free failures, each further
// failure makes the next attempt on that count wait longer: first_delay,
// doubling, up to max_delay. An attempt inside a delay is refused (429 with
// Retry-After) without checking the password and without counting; the
// first attempt after the delay is checked, so a correct password then works.
//
// An attacker failing on purpose must not keep the real editor out: after a
// successful login the address is trusted for that account for a while, and
// attempts from a trusted address are counted against that (account,
// address) pair instead of the account, so failures from elsewhere never
// delay them. Counts are forgotten after a quiet period; in memory only (a
// restart forgets them, which only gives an attacker a fresh start).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rapport {

struct LoginThrottleLimits {
  int free_failures_per_account = 3;  // failures before delays start
  int free_failures_per_address = 10;
  std::chrono::milliseconds first_delay{1000};  // doubles with every later failure
  std::chrono::milliseconds max_delay{60000};   // ≤ 60 failures an hour per account
  std::chrono::seconds forget_after{15 * 60};   // a count this long without failures is dropped
  std::chrono::seconds trust_address_for{30 * 24 * 3600};  // after a successful login
  // Bound on remembered keys, so a flood of made-up emails cannot exhaust memory.
  size_t max_tracked_keys = 100000;
};

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LoginThrottle(LoginThrottleLimits limits = {});

  // Seconds until a login for `email` from `address` would be checked (0:
  // now; else at least 1): the Retry-After of the 429 that refuses it.
  [[nodiscard]] long RetryAfterSeconds(std::string_view email, std::string_view address,
                                       Clock::time_point now = Clock::now());

  // A wrong password (or unknown account): raises the delays that apply.
  void RecordFailure(std::string_view email, std::string_view address,
                     Clock::time_point now = Clock::now());

  // A correct password: trusts `address` for the account and clears the pair's count.
  void RecordSuccess(std::string_view email, std::string_view address,
                     Clock::time_point now = Clock::now());

 private:
  struct Counter {
    int failures = 0;
    Clock::time_point last_failure;
  };
  // The count that an attempt for `email` from `address` is held to besides
  // the address's: the account's, or the pair's when the address is trusted.
  std::string AccountSideKeyLocked(std::string_view email, std::string_view address,
                                   Clock::time_point now);
  Clock::duration WaitLocked(const std::string& key, int free_failures, Clock::time_point now);
  void BumpLocked(const std::string& key, Clock::time_point now);
  void PruneLocked(Clock::time_point now);

  LoginThrottleLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Counter> counters_;           // guarded by mutex_
  std::unordered_map<std::string, Clock::time_point> trusted_;  // pair → until; guarded by mutex_
};

}  // namespace rapport
