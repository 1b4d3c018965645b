// ProfilesAsJudged: the sample profiles as old, at evaluation time, as they
// were when the judgments were made. Ranking adds a freshness boost that
// decays with the age of availability_confirmed_at and verified_at
// (docs/ranking.md), so on the shipped file the engine's order drifts with
// the calendar: results the judgments never pooled move up, and NDCG@10 fell
// from 0.51 to 0.47 in 90 days of simulated time. Shifting every date-time
// field by (now - judged_at) keeps each profile's age, and so the ranking,
// what it was when judged.
//
//   auto text = ProfilesAsJudged(ReadFile(sample), set.judged_at, NowUnixSeconds());
#pragma once

#include <cstdint>
#include <string>

#include "error.h"

namespace rapport {

// The NDJSON `profiles` with availability_confirmed_at, verified_at and
// updated_at moved by `now - judged_at` seconds (unix times). Error naming
// the line for a line that is not a JSON object or a date that does not parse.
[[nodiscard]] Result<std::string> ProfilesAsJudged(const std::string& profiles, int64_t judged_at,
                                                   int64_t now);

// The current unix time in seconds.
[[nodiscard]] int64_t NowUnixSeconds();

}  // namespace rapport
