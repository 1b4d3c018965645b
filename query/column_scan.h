// ColumnScan: which values of a per-document column lie in [low, high], as
// bitset words (bit i of word w for value w·64 + i). The comparisons fill 64
// flag bytes a word, a loop the compiler vectorises; a multiply then gathers
// eight flags into eight bits. About 6× faster at 1M documents than testing
// one docid at a time (docs/facets.md, "Column filters").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace rapport {

template <typename Value>
void WordsInRange(const Value* values, size_t word_count, Value low, Value high, uint64_t* words) {
  // Eight bytes that are each 0 or 1, times this, put byte j's bit at bit
  // 56 + j with no carries (every product term is a distinct power of two).
  constexpr uint64_t kGatherBytes = 0x0102040810204080ULL;
  for (size_t w = 0; w < word_count; ++w) {
    const Value* word_values = values + w * 64;
    alignas(64) uint8_t flags[64];
    for (int i = 0; i < 64; ++i) {
      const Value value = word_values[i];
      flags[i] = static_cast<uint8_t>((value >= low) & (value <= high));
    }
    uint64_t bits = 0;
    for (int byte = 0; byte < 8; ++byte) {
      uint64_t eight;
      std::memcpy(&eight, flags + byte * 8, sizeof eight);
      bits |= ((eight * kGatherBytes) >> 56) << (byte * 8);
    }
    words[w] = bits;
  }
}

}  // namespace rapport
