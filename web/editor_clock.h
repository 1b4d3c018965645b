// Timestamps for editor accounts and sessions: ISO 8601 UTC with
// milliseconds ("2026-11-25T20:35:46.123Z"). One fixed width, so comparing
// the strings (also in SQL) compares the times.
#pragma once

#include <chrono>
#include <string>

namespace rapport {

using WallClock = std::chrono::system_clock;

[[nodiscard]] std::string FormatEditorTime(WallClock::time_point at);

}  // namespace rapport
