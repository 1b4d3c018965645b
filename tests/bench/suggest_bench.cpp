// rapport-suggest-bench: builds the Suggester on an existing index and times
// completions of every 1-, 2- and 3-letter prefix that has any (a benchmark,
// not a test). Prints the build time, the memory held and p50/p99 per prefix
// length.
//
//   rapport-suggest-bench DATA_DIR/index [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

#include "index_layout.h"
#include "suggester.h"
#include "vocabulary.h"

namespace {

using Clock = std::chrono::steady_clock;

double Micros(Clock::duration elapsed) {
  return std::chrono::duration<double, std::micro>(elapsed).count();
}

double Percentile(std::vector<double> samples, double fraction) {
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<size_t>(fraction * static_cast<double>(samples.size() - 1));
  return samples[index];
}

// Every prefix of `length` letters a–z.
std::vector<std::string> Prefixes(size_t length) {
  std::vector<std::string> prefixes = {""};
  for (size_t i = 0; i < length; ++i) {
    std::vector<std::string> longer;
    for (const std::string& prefix : prefixes) {
      for (char c = 'a'; c <= 'z'; ++c) longer.push_back(prefix + c);
    }
    prefixes.swap(longer);
  }
  return prefixes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rapport-suggest-bench INDEX_PATH [ROUNDS]\n");
    return 2;
  }
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  constexpr int kLimit = 8;
  try {
    Xapian::Database database(argv[1]);
    auto vocabulary = rapport::Vocabulary::Parse(
        database.get_metadata(std::string(rapport::layout::kMetaVocabulary)));
    if (!vocabulary) {
      std::fprintf(stderr, "%s\n", vocabulary.error().message.c_str());
      return 1;
    }
    const auto build_start = Clock::now();
    auto suggester = rapport::Suggester::Build(database, vocabulary.value());
    const double build_ms = Micros(Clock::now() - build_start) / 1000;
    std::printf("documents %u, entries %zu, memory %.1f MB, build %.0f ms\n",
                database.get_doccount(), suggester->EntryCount(),
                static_cast<double>(suggester->MemoryBytes()) / (1024 * 1024), build_ms);

    for (size_t length = 1; length <= 3; ++length) {
      std::vector<double> samples;
      size_t answered = 0;
      for (int round = 0; round < rounds; ++round) {
        for (const std::string& prefix : Prefixes(length)) {
          const auto start = Clock::now();
          const auto suggestions = suggester->Complete(prefix, kLimit);
          samples.push_back(Micros(Clock::now() - start));
          if (round == 0 && !suggestions.empty()) ++answered;
        }
      }
      std::printf(
          "%zu-letter prefixes: %zu with completions, %zu calls, p50 %.1f us, p99 %.1f us, "
          "max %.1f us\n",
          length, answered, samples.size(), Percentile(samples, 0.5), Percentile(samples, 0.99),
          Percentile(samples, 1.0));
    }
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "xapian: %s\n", error.get_description().c_str());
    return 1;
  }
  return 0;
}
