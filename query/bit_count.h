// BitCount: how many bits two bitsets have in common, the inner loop of facet
// counting (TermSet::CountIn). It streams two arrays of words, so on CPUs
// with AVX-512's vector popcount (8 words an instruction) a copy built for
// that instruction set runs, chosen once at run time; any other CPU runs the
// portable loop. Both give the same count (tests/query/bit_count_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace rapport {

// |a ∩ b| over their first `words` words, on the fastest kernel this CPU runs.
[[nodiscard]] long CountCommonBits(const uint64_t* a, const uint64_t* b, size_t words);

// The two kernels, for tests: the portable one, and the AVX-512 one, which
// may only be called when CpuHasVectorPopcount().
[[nodiscard]] long CountCommonBitsPortable(const uint64_t* a, const uint64_t* b, size_t words);
[[nodiscard]] long CountCommonBitsAvx512(const uint64_t* a, const uint64_t* b, size_t words);
[[nodiscard]] bool CpuHasVectorPopcount();

}  // namespace rapport
