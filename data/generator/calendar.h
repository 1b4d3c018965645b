// Calendar: UTC timestamps for generated profiles, computed from a fixed
// reference date so that output never depends on the clock.
#pragma once

#include <cstdint>
#include <string>

namespace rapport::generator {

// Seconds since 1970-01-01T00:00:00Z of a civil UTC date.
int64_t UnixSeconds(int year, int month, int day);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatUtc(int64_t unix_seconds);

}  // namespace rapport::generator
