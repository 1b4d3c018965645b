// BitCount: the portable and AVX-512 kernels and the choice between them.
#include "bit_count.h"

namespace rapport {

namespace {

// The loop both kernels run, inlined into each so the compiler builds it for
// that kernel's instruction set.
__attribute__((always_inline)) inline long CountCommonLoop(const uint64_t* a, const uint64_t* b,
                                                           size_t words) {
  long count = 0;
  for (size_t i = 0; i < words; ++i) count += __builtin_popcountll(a[i] & b[i]);
  return count;
}

}  // namespace

long CountCommonBitsPortable(const uint64_t* a, const uint64_t* b, size_t words) {
  return CountCommonLoop(a, b, words);
}

#if defined(__x86_64__)
// The same loop, which the compiler vectorises with vpopcntq for this target.
__attribute__((target("avx512f,avx512vpopcntdq"))) long CountCommonBitsAvx512(const uint64_t* a,
                                                                              const uint64_t* b,
                                                                              size_t words) {
  return CountCommonLoop(a, b, words);
}

bool CpuHasVectorPopcount() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
}
#else
// Other processors have no AVX-512: the portable loop serves.
long CountCommonBitsAvx512(const uint64_t* a, const uint64_t* b, size_t words) {
  return CountCommonBitsPortable(a, b, words);
}

bool CpuHasVectorPopcount() { return false; }
#endif

long CountCommonBits(const uint64_t* a, const uint64_t* b, size_t words) {
  static const auto kKernel =
      CpuHasVectorPopcount() ? CountCommonBitsAvx512 : CountCommonBitsPortable;
  return kKernel(a, b, words);
}

}  // namespace rapport
