// Progressive delays after failed logins (login_throttle.h).
#include "login_throttle.h"

#include <algorithm>
#include <cctype>

namespace rapport {
namespace {

std::string Lower(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string AccountKey(std::string_view email) { return "account:" + Lower(email); }
std::string AddressKey(std::string_view address) { return "address:" + std::string(address); }
// An email cannot hold a newline: the pair key is unambiguous.
std::string PairKey(std::string_view email, std::string_view address) {
  return "pair:" + Lower(email) + "\n" + std::string(address);
}

}  // namespace

LoginThrottle::LoginThrottle(LoginThrottleLimits limits) : limits_(limits) {}

std::string LoginThrottle::AccountSideKeyLocked(std::string_view email, std::string_view address,
                                                Clock::time_point now) {
  std::string pair = PairKey(email, address);
  const auto trusted = trusted_.find(pair);
  if (trusted != trusted_.end() && now < trusted->second) return pair;
  return AccountKey(email);
}

LoginThrottle::Clock::duration LoginThrottle::WaitLocked(const std::string& key, int free_failures,
                                                         Clock::time_point now) {
  const auto it = counters_.find(key);
  if (it == counters_.end() || it->second.failures < free_failures) return Clock::duration::zero();
  // Doubling past the free failures; the shift is capped so it cannot overflow.
  constexpr int kMaxDoublings = 30;
  const int doublings = std::min(it->second.failures - free_failures, kMaxDoublings);
  const auto delay =
      std::min<Clock::duration>(limits_.first_delay * (int64_t{1} << doublings), limits_.max_delay);
  return std::max(Clock::duration::zero(), it->second.last_failure + delay - now);
}

long LoginThrottle::RetryAfterSeconds(std::string_view email, std::string_view address,
                                      Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto wait =
      std::max(WaitLocked(AddressKey(address), limits_.free_failures_per_address, now),
               WaitLocked(AccountSideKeyLocked(email, address, now),
                          limits_.free_failures_per_account, now));
  if (wait <= Clock::duration::zero()) return 0;
  // Rounded up: a client that waits this long is checked.
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
  return std::max<long>(1, static_cast<long>(seconds.count()));
}

void LoginThrottle::BumpLocked(const std::string& key, Clock::time_point now) {
  Counter& counter = counters_[key];
  if (counter.failures > 0 && now - counter.last_failure >= limits_.forget_after) {
    counter.failures = 0;
  }
  ++counter.failures;
  counter.last_failure = now;
}

void LoginThrottle::PruneLocked(Clock::time_point now) {
  for (auto it = counters_.begin(); it != counters_.end();) {
    it = now - it->second.last_failure >= limits_.forget_after ? counters_.erase(it) : ++it;
  }
  for (auto it = trusted_.begin(); it != trusted_.end();) {
    it = now >= it->second ? trusted_.erase(it) : ++it;
  }
  // Still full of live entries: an attack in progress. Forgetting them would
  // lift the delays under attack, so keep them and stop tracking new keys
  // instead (the flooding address's own count still grows).
}

void LoginThrottle::RecordFailure(std::string_view email, std::string_view address,
                                  Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (counters_.size() >= limits_.max_tracked_keys) PruneLocked(now);
  for (const std::string& key : {AddressKey(address), AccountSideKeyLocked(email, address, now)}) {
    if (counters_.size() < limits_.max_tracked_keys || counters_.count(key)) BumpLocked(key, now);
  }
}

void LoginThrottle::RecordSuccess(std::string_view email, std::string_view address,
                                  Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (trusted_.size() >= limits_.max_tracked_keys) PruneLocked(now);
  const std::string pair = PairKey(email, address);
  counters_.erase(pair);
  if (trusted_.size() < limits_.max_tracked_keys || trusted_.count(pair)) {
    trusted_[pair] = now + limits_.trust_address_for;
  }
}

}  // namespace rapport
