// Deadline: the moment a search must be done by (SearchOptions::time_limit
// after it started). Every step of a search looks at it at its natural
// boundaries (a query node, a facet, a hit) and stops early once it has
// passed, and Xapian's matcher gets the time left; the search then answers
// SearchTimedOut rather than a partial result (docs/search-api.md).
//
//   const Deadline deadline(options.time_limit);
//   DocSet docs = MatchSet(db, query, within, cache, holders, &deadline);
//   if (deadline.Passed()) return SearchTimedOut(options.time_limit);
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>

#include <xapian.h>

#include "error.h"

namespace rapport {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // `limit` from now.
  explicit Deadline(Clock::duration limit) : at_(Clock::now() + limit) {}

  // Whether the time is up. Once true, stays true.
  [[nodiscard]] bool Passed() const { return Clock::now() >= at_; }

  // Stops Xapian's matcher in `enquire` when the time is up (it then returns
  // what it found so far: the caller checks Passed() afterwards).
  void Bound(Xapian::Enquire& enquire) const {
    // Xapian reads a limit of 0 as "none": a deadline already passed still
    // gets the least positive one.
    constexpr double kLeastSeconds = 1e-6;
    const double left = std::chrono::duration<double>(at_ - Clock::now()).count();
    enquire.set_time_limit(std::max(left, kLeastSeconds));
  }

 private:
  Clock::time_point at_;
};

// 503 search_timeout: a search that did not finish within `limit`.
[[nodiscard]] inline Error SearchTimedOut(std::chrono::milliseconds limit) {
  return {503, "search_timeout",
          "the search did not finish within " + std::to_string(limit.count()) +
              " ms; try fewer words, phrases or facets, or retry later",
          ""};
}

}  // namespace rapport
