// Calendar: civil date <-> day count (the proleptic Gregorian algorithm of
// counting 400-year eras from 0000-03-01), and ISO 8601 formatting.
#include "calendar.h"

#include <cstdio>

namespace rapport::generator {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kDaysPerEra = 146097;  // 400 Gregorian years
constexpr int64_t kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01

struct CivilDate {
  int year;
  int month;
  int day;
};

CivilDate FromDays(int64_t days) {
  days += kEpochShift;
  const int64_t era = (days >= 0 ? days : days - (kDaysPerEra - 1)) / kDaysPerEra;
  const int64_t day_of_era = days - era * kDaysPerEra;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), month, day};
}

}  // namespace

int64_t UnixSeconds(int year, int month, int day) {
  const int64_t shifted_year = year - (month <= 2 ? 1 : 0);
  const int64_t era = (shifted_year >= 0 ? shifted_year : shifted_year - 399) / 400;
  const int64_t year_of_era = shifted_year - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return (era * kDaysPerEra + day_of_era - kEpochShift) * kSecondsPerDay;
}

std::string FormatUtc(int64_t unix_seconds) {
  int64_t days = unix_seconds / kSecondsPerDay;
  int64_t rest = unix_seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  const CivilDate date = FromDays(days);
  char text[80];  // room for any int in every field, so no truncation
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return text;
}

}  // namespace rapport::generator
