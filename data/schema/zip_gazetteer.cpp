// Reading data/zip_centroids.tsv (zip_gazetteer.h).
#include "zip_gazetteer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

namespace rapport {
namespace {

constexpr size_t kZipDigits = 5;
constexpr double kUnitsPerDegree = 1e4;
constexpr double kMaxLat = 90;
constexpr double kMaxLon = 180;
constexpr std::string_view kHeader = "zcta\tlat\tlon";

// The 5-digit code at the start of `text`, if it starts with 5 digits.
std::optional<uint32_t> ZipCode(std::string_view text) {
  if (text.size() < kZipDigits) return std::nullopt;
  uint32_t code = 0;
  for (size_t i = 0; i < kZipDigits; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    code = code * 10 + static_cast<uint32_t>(c - '0');
  }
  return code;
}

// A coordinate within ±limit, in 1e-4 degree units; nothing otherwise.
std::optional<int32_t> Degrees(std::string_view text, double limit) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(std::abs(value) <= limit)) {
    return std::nullopt;
  }
  return static_cast<int32_t>(std::lround(value * kUnitsPerDegree));
}

}  // namespace

Result<ZipGazetteer> ZipGazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("cannot read the ZIP gazetteer " + path);
  std::string line;
  if (!std::getline(in, line) || line != kHeader) {
    return Error::Internal(path + ": the first line must be \"zcta<TAB>lat<TAB>lon\"");
  }
  ZipGazetteer gazetteer;
  size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    const auto where = [&] { return path + ":" + std::to_string(line_number) + ": "; };
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) return Error::Internal(where() + "expected three columns");
    const std::string_view text(line);
    const auto code = tab1 == kZipDigits ? ZipCode(text) : std::nullopt;
    const auto lat = Degrees(text.substr(tab1 + 1, tab2 - tab1 - 1), kMaxLat);
    const auto lon = Degrees(text.substr(tab2 + 1), kMaxLon);
    if (!code) return Error::Internal(where() + "the code is not 5 digits");
    if (!lat || !lon) return Error::Internal(where() + "the point is not a latitude and longitude");
    if (!gazetteer.points_.empty() && gazetteer.points_.back().code >= *code) {
      return Error::Internal(where() + "codes must ascend, without repeats");
    }
    ZipPoint point;
    point.code = *code;
    point.lat = *lat;
    point.lon = *lon;
    gazetteer.points_.push_back(point);
  }
  gazetteer.points_.shrink_to_fit();
  return gazetteer;
}

std::optional<GazetteerPoint> ZipGazetteer::Find(std::string_view zip) const {
  const auto code = ZipCode(zip);
  if (!code) return std::nullopt;
  const auto it = std::lower_bound(points_.begin(), points_.end(), *code,
                                   [](const ZipPoint& p, uint32_t c) { return p.code < c; });
  if (it == points_.end() || it->code != *code) return std::nullopt;
  GazetteerPoint point;
  point.lat = it->lat / kUnitsPerDegree;
  point.lon = it->lon / kUnitsPerDegree;
  return point;
}

}  // namespace rapport
