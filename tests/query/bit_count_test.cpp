// BitCount: both kernels count the bits two bitsets share as a bit-by-bit
// count does, at every length around the vector width and at every offset
// of the last partial vector.
#include "bit_count.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

namespace rapport::testing {
namespace {

long CountBitByBit(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, size_t words) {
  long count = 0;
  for (size_t w = 0; w < words; ++w) {
    for (int bit = 0; bit < 64; ++bit) {
      if (((a[w] >> bit) & 1U) != 0 && ((b[w] >> bit) & 1U) != 0) ++count;
    }
  }
  return count;
}

TEST_CASE("the portable and the vector kernel count common bits exactly") {
  std::mt19937_64 random(20261205);
  constexpr size_t kMaxWords = 70;  // several 8-word vectors and every remainder
  std::vector<uint64_t> a(kMaxWords), b(kMaxWords);
  for (auto& word : a) word = random();
  for (auto& word : b) word = random();
  a[3] = ~uint64_t{0};
  b[3] = ~uint64_t{0};
  const bool vector = CpuHasVectorPopcount();
  for (size_t words = 0; words <= kMaxWords; ++words) {
    CAPTURE(words);
    const long expected = CountBitByBit(a, b, words);
    CHECK(CountCommonBitsPortable(a.data(), b.data(), words) == expected);
    if (vector) CHECK(CountCommonBitsAvx512(a.data(), b.data(), words) == expected);
    CHECK(CountCommonBits(a.data(), b.data(), words) == expected);
  }
  const std::string kernel = vector ? "vector" : "portable";
  MESSAGE("kernel on this CPU: " << kernel);
}

}  // namespace
}  // namespace rapport::testing
