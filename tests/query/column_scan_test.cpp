// ColumnScan: the packed comparison gives, bit for bit, what testing each
// value gives (both value widths, the range's ends, the type's extremes); the
// FacetStore's fee and telehealth filters built on it keep exactly the live
// documents that a per-document test of their column keeps.
#include "column_scan.h"

#include <doctest/doctest.h>

#include <climits>
#include <limits>
#include <random>
#include <vector>

#include "facet_store.h"
#include "query_fixture.h"

namespace rapport::testing {
namespace {

template <typename Value>
void CheckAgainstEachValue(const std::vector<Value>& values, Value low, Value high) {
  CAPTURE(low);
  CAPTURE(high);
  std::vector<uint64_t> words(values.size() / 64);
  WordsInRange(values.data(), words.size(), low, high, words.data());
  for (size_t i = 0; i < values.size(); ++i) {
    const bool expected = values[i] >= low && values[i] <= high;
    const bool got = ((words[i / 64] >> (i % 64)) & 1U) != 0;
    if (got != expected) FAIL_CHECK("value " << values[i] << " at " << i << " got " << got);
  }
}

template <typename Value>
std::vector<Value> RandomColumn(std::mt19937& random, Value spread) {
  std::vector<Value> values(64 * 40);
  std::uniform_int_distribution<int> near(-spread, spread);
  for (auto& value : values) value = static_cast<Value>(near(random));
  // The extremes, where a signed comparison written as a subtraction breaks.
  values[5] = std::numeric_limits<Value>::min();
  values[64 + 7] = std::numeric_limits<Value>::max();
  return values;
}

TEST_CASE("WordsInRange marks exactly the values inside the range") {
  std::mt19937 random(20261205);
  const auto years = RandomColumn<int16_t>(random, 40);
  const auto fees = RandomColumn<int32_t>(random, 300);
  for (int16_t low : {int16_t{INT16_MIN}, int16_t{-3}, int16_t{0}, int16_t{1}}) {
    for (int16_t high : {int16_t{-40}, int16_t{0}, int16_t{17}, int16_t{INT16_MAX}}) {
      CheckAgainstEachValue(years, low, high);
    }
  }
  for (int32_t low : {INT32_MIN, -250, 0}) {
    for (int32_t high : {-1, 0, 149, 150, INT32_MAX - 1, INT32_MAX}) {
      CheckAgainstEachValue(fees, low, high);
    }
  }
}

TEST_CASE("fee and telehealth filters keep the live documents their column test keeps") {
  Xapian::Database db(SampleIndex().data_dir() + "/index");
  const auto store = FacetStore::Build(db).value();
  auto expected = [&](auto keep) {
    DocSet docs = DocSet::Where(store->bound(), keep);
    docs.IntersectWith(store->live());
    return docs.words();
  };
  long fee_hits = 0;
  for (int fee_max : {0, 80, 120, 150, 250, 100000, INT32_MAX}) {
    CAPTURE(fee_max);
    const DocSet got = store->FeeAtMost(fee_max);
    CHECK(got.words() == expected([&](uint32_t d) {
            return store->fee_min(d) != FacetStore::kNoFee && store->fee_min(d) <= fee_max;
          }));
    fee_hits += got.Count();
  }
  long year_hits = 0;
  for (int year : {INT32_MIN, 0, 1, 2000, 2015, 2020, 2026, 40000}) {
    CAPTURE(year);
    const DocSet got = store->TelehealthSinceBefore(year);
    CHECK(got.words() == expected([&](uint32_t d) {
            const int16_t since = store->telehealth_since(d);
            return since != FacetStore::kNoYear && since < year;
          }));
    year_hits += got.Count();
  }
  // The sample has fees and telehealth years, so the comparisons above saw members.
  CHECK(fee_hits > 0);
  CHECK(year_hits > 0);
}

}  // namespace
}  // namespace rapport::testing
