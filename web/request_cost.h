// RequestCost: what a public API request costs its rate-limit bucket — the
// CPU time its handler used on its own thread, in units of
// ServerConfig::cost_unit_ms, at least one — so that a client's budget
// bounds the CPU it can take, not only its number of requests: a cheap
// search costs 1, a search that computes for 400 ms costs 80 at 5 ms a unit
// (docs/http.md, "Rate limits"). CPU time rather than wall time: a request
// that waits behind others is not charged for the wait.
//
//   const ThreadCpuTimer timer;
//   HttpResponse response = RunHandler(route, request, state);
//   const int units = CostUnits(timer.Elapsed(), config.cost_unit_ms);
#pragma once

#include <chrono>

namespace rapport {

// CPU time of the calling thread since construction; the timer must be read
// on the thread that made it.
class ThreadCpuTimer {
 public:
  ThreadCpuTimer() : start_(Now()) {}
  [[nodiscard]] std::chrono::nanoseconds Elapsed() const { return Now() - start_; }

 private:
  static std::chrono::nanoseconds Now();
  std::chrono::nanoseconds start_;
};

// `cpu` in units of `unit_ms` milliseconds (>= 1), rounded up, at least 1.
[[nodiscard]] int CostUnits(std::chrono::nanoseconds cpu, int unit_ms);

}  // namespace rapport
