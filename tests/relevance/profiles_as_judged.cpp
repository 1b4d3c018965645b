// ProfilesAsJudged: moves the date-time fields of every profile line.
#include "profiles_as_judged.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <sstream>

#include "utc_time.h"
#include "validation_checks.h"

namespace rapport {

namespace {

// The profile's date-time fields (DESIGN.md §2).
constexpr const char* kDateTimeFields[] = {"availability_confirmed_at", "verified_at",
                                           "updated_at"};

}  // namespace

Result<std::string> ProfilesAsJudged(const std::string& profiles, int64_t judged_at, int64_t now) {
  const int64_t shift = now - judged_at;
  std::istringstream lines(profiles);
  std::string out;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.empty()) continue;
    const std::string where = "profile line " + std::to_string(number);
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return Error::Internal(where + " is not a JSON object");
    }
    for (const char* field : kDateTimeFields) {
      auto it = doc.FindMember(field);
      if (it == doc.MemberEnd() || it->value.IsNull()) continue;
      const auto time =
          it->value.IsString() ? ParseUtcTimestamp(it->value.GetString()) : std::nullopt;
      if (!time) return Error::Internal(where + ": " + field + " is not a UTC date-time");
      it->value.SetString(FormatUtcTimestamp(*time + shift), doc.GetAllocator());
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    out.append(buffer.GetString(), buffer.GetSize());
    out += '\n';
  }
  return out;
}

int64_t NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace rapport
