// rapport-relevance-bench: NDCG@10, MRR and the zero-result rate of the
// judged relevance set (tests/relevance) on an index of the sample profiles,
// overall and per query type, with the queries that find nothing.
// tests/bench/relevance_bench.sh runs it in two steps:
//
//   rapport-relevance-bench --write-as-judged FILE   the sample profiles as old
//       as when judged (profiles_as_judged.h), to import and rebuild into DIR
//   rapport-relevance-bench --data-dir DIR [--per-query]   the figures
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "data_dir.h"
#include "judged_set.h"
#include "profiles_as_judged.h"
#include "relevance_metrics.h"
#include "relevance_run.h"
#include "search_service.h"

namespace rapport {
namespace {

constexpr double kPercent = 100.0;

struct BenchOptions {
  std::string data_dir;
  std::string judged_dir = "tests/relevance";
  std::string sample = "data/sample/profiles.ndjson";
  std::string write_as_judged;  // when set, only write the shifted profiles there
  bool per_query = false;
};

void PrintFiguresRow(const std::string& name, const RelevanceFigures& f) {
  std::printf("%-12s %7d %8.4f %7.4f %5d (%5.1f%%) %11d\n", name.c_str(), f.queries, f.ndcg, f.mrr,
              f.zero_result, kPercent * f.zero_result / f.queries, f.unjudged);
}

void PrintSampleCheck(const BenchOptions& options, const JudgedSet& set) {
  auto sha = FileSha256(options.sample);
  if (!sha) {
    std::printf("cannot check the sample data: %s\n", sha.error().message.c_str());
  } else if (sha.value() != set.sample_sha256) {
    std::printf(
        "WARNING: %s changed since the judgments were made: regenerate them "
        "(tests/relevance/README.md)\n",
        options.sample.c_str());
  }
}

void PrintPerQuery(const std::vector<QueryOutcome>& outcomes) {
  std::printf("\n%-30s %-12s %6s %8s %6s %9s  %s\n", "query", "type", "total", "NDCG@10", "RR",
              "unjudged", "did_you_mean");
  for (const auto& o : outcomes) {
    std::printf("%-30s %-12s %6ld %8.4f %6.3f %9d  %s\n", o.id.c_str(), o.type.c_str(), o.total,
                o.ndcg, o.reciprocal_rank, o.unjudged,
                o.did_you_mean ? o.did_you_mean->c_str() : "-");
  }
}

int WriteAsJudged(const BenchOptions& options, const JudgedSet& set) {
  std::ifstream in(options.sample);
  std::stringstream profiles;
  profiles << in.rdbuf();
  auto shifted = ProfilesAsJudged(profiles.str(), set.judged_at, NowUnixSeconds());
  std::ofstream out(options.write_as_judged);
  if (!shifted) {
    std::fprintf(stderr, "%s: %s\n", options.sample.c_str(), shifted.error().message.c_str());
    return 1;
  }
  if (!in || !(out << shifted.value())) {
    std::fprintf(stderr, "cannot write %s from %s\n", options.write_as_judged.c_str(),
                 options.sample.c_str());
    return 1;
  }
  return 0;
}

constexpr char kUsage[] =
    "usage: rapport-relevance-bench [--judged DIR] [--sample FILE] --write-as-judged OUT\n"
    "       rapport-relevance-bench [--judged DIR] [--sample FILE] --data-dir DATA [--per-query]\n"
    "The first writes the profiles of FILE (default data/sample/profiles.ndjson) to OUT\n"
    "with their dates moved so that they are as old as when the judgments of DIR\n"
    "(default tests/relevance) were made. The second runs the judged queries on the\n"
    "index of DATA (built from OUT) and prints NDCG@10, MRR and the zero-result rate\n"
    "per query type; --per-query adds every query's figures.\n";

// Fills `options` from the command line; false for --help, an unknown or
// incomplete argument, or neither --data-dir nor --write-as-judged.
bool ParseArguments(int argc, char** argv, BenchOptions& options) {
  const std::map<std::string, std::string*> with_value = {
      {"--data-dir", &options.data_dir},
      {"--judged", &options.judged_dir},
      {"--sample", &options.sample},
      {"--write-as-judged", &options.write_as_judged}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--per-query") {
      options.per_query = true;
      continue;
    }
    auto option = with_value.find(arg);
    if (option == with_value.end() || i + 1 == argc) return false;
    *option->second = argv[++i];
  }
  return !options.data_dir.empty() || !options.write_as_judged.empty();
}

int Run(const BenchOptions& options) {
  auto set = LoadJudgedSet(options.judged_dir);
  if (!set) {
    std::fprintf(stderr, "%s\n", set.error().message.c_str());
    return 1;
  }
  if (!options.write_as_judged.empty()) return WriteAsJudged(options, set.value());
  SearchOptions search_options;
  search_options.gazetteer_path = DefaultDataFilesDir() + "/cities.json";  // as the server reads
  auto service = SearchService::Open(DataDir{options.data_dir}.IndexPath(), search_options);
  if (!service) {
    std::fprintf(stderr, "%s\n", service.error().message.c_str());
    return 1;
  }
  auto outcomes = RunJudgedQueries(*service.value(), set.value());
  if (!outcomes) {
    std::fprintf(stderr, "%s\n", outcomes.error().message.c_str());
    return 1;
  }
  std::printf("judged set %s: %zu queries, %zu judgments; searches: q only, limit %d\n",
              options.judged_dir.c_str(), set.value().queries.size(), set.value().judgments,
              kRelevanceCutoff);
  PrintSampleCheck(options, set.value());
  std::printf("\n%-12s %7s %8s %7s %14s %11s\n", "type", "queries", "NDCG@10", "MRR",
              "zero results", "unjudged@10");
  for (const auto& [type, figures] : SummarizeByType(outcomes.value())) {
    PrintFiguresRow(type, figures);
  }
  const RelevanceFigures all = Summarize(outcomes.value());
  PrintFiguresRow("all", all);
  if (auto baseline = LoadBaseline(options.judged_dir)) {
    std::printf("\nbaseline NDCG@10 %.4f (allowed drop %.4f): now %+.4f\n",
                baseline.value().ndcg_at_10, baseline.value().allowed_drop,
                all.ndcg - baseline.value().ndcg_at_10);
  }
  std::printf("\nqueries that find nothing (%d):\n", all.zero_result);
  for (const auto& o : outcomes.value()) {
    if (o.total == 0) {
      std::printf("  %-12s %-30s \"%s\"\n", o.type.c_str(), o.id.c_str(), o.text.c_str());
    }
  }
  if (options.per_query) PrintPerQuery(outcomes.value());
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) {
  rapport::BenchOptions options;
  if (!rapport::ParseArguments(argc, argv, options)) {
    std::printf("%s", rapport::kUsage);
    const bool help = argc == 2 && std::string(argv[1]) == "--help";
    return help ? 0 : 2;
  }
  return rapport::Run(options);
}
