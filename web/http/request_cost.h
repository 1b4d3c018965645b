// RequestCost: what a public API request costs its rate-limit bucket — the
// time its handler held a worker thread, in units of
// ServerConfig::cost_unit_ms, at least one — so that a client's budget
// bounds the worker time it can take, not only its number of requests: a
// cheap search costs 1, a search that holds a worker for 400 ms costs 80 at
// 5 ms a unit (docs/http.md, "Rate limits").
//
// Worker time rather than CPU time: workers are what other clients wait
// for. Eight costly searches at once on a busy machine each get a small
// share of the CPU while each holds a worker until the time limit; charged
// by CPU time they would cost a tenth of what they take from everyone else.
// Time a request waited for a worker before its handler ran is not charged.
//
//   const auto start = std::chrono::steady_clock::now();
//   HttpResponse response = RunHandler(route, request, state);
//   const int units = CostUnits(std::chrono::steady_clock::now() - start, config.cost_unit_ms);
#pragma once

#include <chrono>

namespace rapport {

// `held` in units of `unit_ms` milliseconds (>= 1), rounded up, at least 1.
[[nodiscard]] int CostUnits(std::chrono::nanoseconds held, int unit_ms);

}  // namespace rapport
