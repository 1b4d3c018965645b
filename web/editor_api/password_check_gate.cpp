// A bounded, first-come-first-served line for password checks
// (password_check_gate.h).
#include "password_check_gate.h"

#include <algorithm>

namespace rapport {

PasswordCheckGate::Turn::~Turn() {
  if (gate_ != nullptr) gate_->Leave();
}

PasswordCheckGate::PasswordCheckGate(PasswordCheckLimits limits) : limits_(limits) {}

Result<PasswordCheckGate::Turn> PasswordCheckGate::Enter() {
  const Error busy{503, "overloaded", "too many logins at once; retry in a moment", ""};
  std::unique_lock<std::mutex> lock(mutex_);
  if (line_.empty() && running_ < limits_.max_concurrent) {
    ++running_;
    return Turn(this);
  }
  if (line_.size() >= static_cast<size_t>(limits_.max_waiting)) return busy;
  const uint64_t ticket = next_ticket_++;
  line_.push_back(ticket);
  const bool my_turn = turn_freed_.wait_for(lock, limits_.max_wait, [&] {
    return line_.front() == ticket && running_ < limits_.max_concurrent;
  });
  line_.erase(std::find(line_.begin(), line_.end(), ticket));
  // The next in line may go now (or move to the front).
  turn_freed_.notify_all();
  if (!my_turn) return busy;
  ++running_;
  return Turn(this);
}

void PasswordCheckGate::Leave() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --running_;
  }
  turn_freed_.notify_all();
}

}  // namespace rapport
