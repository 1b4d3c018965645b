// Per-account and per-address throttling of failed logins (login_throttle.h).
#include "login_throttle.h"

#include <algorithm>
#include <cctype>

namespace rapport {
namespace {

std::string AccountKey(std::string_view email) {
  std::string key = "account:";
  for (char c : email) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }

}  // namespace

LoginThrottle::LoginThrottle(LoginThrottleLimits limits) : limits_(limits) {}

long LoginThrottle::WaitLocked(const std::string& key, int limit, Clock::time_point now) {
  auto it = counters_.find(key);
  if (it == counters_.end()) return 0;
  const Counter& counter = it->second;
  const auto window_end = counter.window_start + limits_.window;
  if (now >= window_end || counter.failures < limit) return 0;
  const auto wait = std::chrono::duration_cast<std::chrono::seconds>(window_end - now);
  return std::max<long>(1, static_cast<long>(wait.count()));
}

long LoginThrottle::RetryAfterSeconds(std::string_view email, std::string_view address,
                                      Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::max(WaitLocked(AccountKey(email), limits_.max_failures_per_account, now),
                  WaitLocked(AddressKey(address), limits_.max_failures_per_address, now));
}

Status LoginThrottle::Check(std::string_view email, std::string_view address,
                            Clock::time_point now) {
  const long wait = RetryAfterSeconds(email, address, now);
  if (wait == 0) return Status::Ok();
  return Error{429, "too_many_attempts",
               "too many failed logins; try again in " + std::to_string(wait) + " seconds", ""};
}

void LoginThrottle::BumpLocked(const std::string& key, Clock::time_point now) {
  Counter& counter = counters_[key];
  if (counter.failures == 0 || now >= counter.window_start + limits_.window) {
    counter.failures = 0;
    counter.window_start = now;
  }
  ++counter.failures;
}

void LoginThrottle::PruneLocked(Clock::time_point now) {
  for (auto it = counters_.begin(); it != counters_.end();) {
    if (now >= it->second.window_start + limits_.window) {
      it = counters_.erase(it);
    } else {
      ++it;
    }
  }
  // Still full of live entries: an attack in progress. Forgetting everything
  // would unlock the accounts under attack, so keep them and stop tracking new
  // keys instead (the per-address count of the flooding client still grows).
}

void LoginThrottle::RecordFailure(std::string_view email, std::string_view address,
                                  Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (counters_.size() >= limits_.max_tracked_keys) PruneLocked(now);
  const std::string account_key = AccountKey(email), address_key = AddressKey(address);
  if (counters_.size() < limits_.max_tracked_keys || counters_.count(account_key)) {
    BumpLocked(account_key, now);
  }
  if (counters_.size() < limits_.max_tracked_keys || counters_.count(address_key)) {
    BumpLocked(address_key, now);
  }
}

void LoginThrottle::RecordSuccess(std::string_view email) {
  std::lock_guard<std::mutex> lock(mutex_);
  counters_.erase(AccountKey(email));
}

}  // namespace rapport
