// ZipGazetteer: the centroid of every US ZIP Code Tabulation Area, from the
// shipped data/zip_centroids.tsv (Census 2010 ZCTA gazetteer, docs/data.md).
// The importers place an office by its ZIP code with it before falling back
// to the city centre (docs/interop.md §4.3). Loaded once per import; about
// 33,000 points in a sorted array of 12 bytes each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "city_gazetteer.h"
#include "error.h"

namespace rapport {

class ZipGazetteer {
 public:
  // Reads zip_centroids.tsv: a header line "zcta<TAB>lat<TAB>lon", then one
  // "12345<TAB>37.8088<TAB>-122.2692" line per ZCTA. A 500 Error naming the
  // file and line on anything else (a code that is not 5 digits, a repeated
  // code, a point out of range, a missing column).
  [[nodiscard]] static Result<ZipGazetteer> Load(const std::string& path);

  // The centroid of the ZCTA named by the first 5 characters of `zip`
  // ("94612", "94612-1234", "946121234"); nothing when they are not 5 digits
  // or the table has no such ZCTA (PO-box-only and single-organisation ZIPs).
  [[nodiscard]] std::optional<GazetteerPoint> Find(std::string_view zip) const;

  [[nodiscard]] size_t size() const { return points_.size(); }
  // Bytes the table holds in memory (its array's capacity).
  [[nodiscard]] size_t MemoryBytes() const { return points_.capacity() * sizeof(ZipPoint); }

 private:
  // Degrees in units of 1e-4 (the file's 4 decimals, kept exactly).
  struct ZipPoint {
    uint32_t code;
    int32_t lat;
    int32_t lon;
  };
  std::vector<ZipPoint> points_;  // ascending code
};

}  // namespace rapport
