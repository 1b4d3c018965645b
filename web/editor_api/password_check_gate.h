// PasswordCheckGate: bounds the password checks (Argon2id, 64 MiB and tens of
// milliseconds of CPU each) that run at once, so a flood of logins cannot
// take the server's memory or its CPU from searches. At most
// `max_concurrent` checks run; up to `max_waiting` more wait their turn, first
// come first served, for at most `max_wait`; anything beyond is refused at
// once with 503 "overloaded" (the client retries after Retry-After). Waiting
// holds a worker thread, so the queue is kept short. Thread-safe.
//
//   auto turn = gate.Enter();
//   if (!turn) return ErrorResponse(turn.error());
//   accounts.Authenticate(email, password);   // the turn ends with `turn`
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "error.h"

namespace rapport {

struct PasswordCheckLimits {
  int max_concurrent = 2;  // 2 × 64 MiB of Argon2id memory at most
  int max_waiting = 2;
  std::chrono::milliseconds max_wait{2000};
};

class PasswordCheckGate {
 public:
  // Holds one of the running places until destroyed.
  class Turn {
   public:
    explicit Turn(PasswordCheckGate* gate) : gate_(gate) {}
    Turn(Turn&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Turn& operator=(Turn&&) = delete;
    ~Turn();

   private:
    PasswordCheckGate* gate_;
  };

  explicit PasswordCheckGate(PasswordCheckLimits limits = {});

  // A running place, after waiting in line if all are taken. 503
  // "overloaded" when the line is full or the wait would pass max_wait.
  [[nodiscard]] Result<Turn> Enter();

  // Seconds a refused client should wait before retrying.
  static constexpr int kRetryAfterSeconds = 1;

 private:
  void Leave();

  const PasswordCheckLimits limits_;
  std::mutex mutex_;
  std::condition_variable turn_freed_;
  int running_ = 0;            // guarded by mutex_
  uint64_t next_ticket_ = 0;   // guarded by mutex_
  std::deque<uint64_t> line_;  // guarded by mutex_: tickets waiting, in arrival order
};

}  // namespace rapport
