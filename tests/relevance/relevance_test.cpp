// The judged relevance set of tests/relevance: its files are sound and
// graded the shipped sample data, the metrics give hand-worked values, and
// the engine's NDCG@10 on the sample profiles (as old as when judged) stays
// within the allowed drop of the baseline (README.md says how to move it).
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>

#include "judged_set.h"
#include "profiles_as_judged.h"
#include "relevance_metrics.h"
#include "relevance_run.h"
#include "test_support.h"

namespace rapport::testing {
namespace {

// Issue 15 asks for at least this many queries.
constexpr size_t kMinQueries = 60;

std::string JudgedDir() { return SourcePath("tests/relevance"); }
std::string SampleProfiles() { return SourcePath("data/sample/profiles.ndjson"); }

// Imports `profiles` into `dir`/data and builds its index with the real
// rapport-index; returns the index path.
std::string ImportAndRebuild(const TempDir& dir, const std::string& profiles) {
  WriteFile(dir.File("profiles.ndjson"), profiles);
  const std::vector<std::vector<std::string>> steps = {{"import", dir.File("profiles.ndjson")},
                                                       {"rebuild"}};
  for (const auto& step : steps) {
    std::vector<std::string> argv = {CommandPath("rapport-index"), "--data-dir", dir.File("data")};
    argv.insert(argv.end(), step.begin(), step.end());
    const CommandOutput out = RunCommand(argv);
    REQUIRE_MESSAGE(out.exit_code == 0, out.err);
  }
  return dir.File("data/index");
}

TEST_CASE("NDCG@10 and the reciprocal rank on hand-worked lists") {
  const std::map<std::string, int> grades = {{"a", 3}, {"b", 2}, {"c", 0}};
  CHECK(NdcgAt({"a", "b", "c"}, grades, kRelevanceCutoff) == doctest::Approx(1.0));
  // (3 + 7 / log2 3) / (7 + 3 / log2 3) = 7.41651 / 8.89279
  CHECK(NdcgAt({"b", "a"}, grades, kRelevanceCutoff) == doctest::Approx(0.833990).epsilon(1e-5));
  // An unjudged profile counts as 0; the cutoff drops what follows it.
  CHECK(NdcgAt({"x", "a"}, grades, 1) == 0);
  CHECK(NdcgAt({}, grades, kRelevanceCutoff) == 0);
  CHECK(NdcgAt({"c"}, {{"c", 0}}, kRelevanceCutoff) == 0);
  CHECK(ReciprocalRankAt({"c", "x", "b"}, grades, kRelevanceCutoff) == doctest::Approx(1.0 / 3));
  CHECK(ReciprocalRankAt({"c", "x", "b"}, grades, 2) == 0);
}

TEST_CASE("the judged set is sound and graded the shipped sample profiles") {
  auto set = LoadJudgedSet(JudgedDir());
  REQUIRE_MESSAGE(set, (set ? "" : set.error().message));
  CHECK(set.value().queries.size() >= kMinQueries);
  auto sample = FileSha256(SampleProfiles());
  REQUIRE(sample);
  CHECK_MESSAGE(sample.value() == set.value().sample_sha256,
                "data/sample/profiles.ndjson changed since the judgments were made: regenerate "
                "them and check the baseline (tests/relevance/README.md)");
  std::set<std::string> sample_ids;
  std::istringstream lines(ReadFile(SampleProfiles()));
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document profile;
    profile.Parse(line.c_str());
    if (profile.IsObject() && profile.HasMember("id")) sample_ids.insert(profile["id"].GetString());
  }
  for (const auto& query : set.value().queries) {
    for (const auto& [id, grade] : query.grades) {
      CAPTURE(query.id);
      CHECK(sample_ids.count(id) == 1);
    }
  }
}

TEST_CASE("the profiles as judged are the sample profiles, each exactly as old then as now") {
  constexpr int64_t kJudgedAt = 1795000000;  // any time: only now - judged_at counts
  constexpr int64_t kDay = 24 * 3600;
  const std::string line = R"({"id":"t-1","name":"Ana","profession":"counselor","bio":"José",)"
                           R"("verified_at":"2026-09-15T00:00:00Z","updated_at":null,)"
                           R"("availability_confirmed_at":"2026-11-17T23:59:59Z"})";
  auto shifted = ProfilesAsJudged(line + "\n", kJudgedAt, kJudgedAt + 40 * kDay);
  REQUIRE(shifted);
  CHECK(shifted.value() == R"({"id":"t-1","name":"Ana","profession":"counselor","bio":"José",)"
                           R"("verified_at":"2026-10-25T00:00:00Z","updated_at":null,)"
                           R"("availability_confirmed_at":"2026-12-27T23:59:59Z"})"
                           "\n");
  CHECK_FALSE(ProfilesAsJudged(R"({"verified_at":"2026-13-01T00:00:00Z"})", 0, kDay));
  CHECK_FALSE(ProfilesAsJudged("not json", 0, kDay));
}

TEST_CASE("NDCG@10 of the judged queries stays within the allowed drop of the baseline") {
  auto set = LoadJudgedSet(JudgedDir());
  REQUIRE_MESSAGE(set, (set ? "" : set.error().message));
  auto baseline = LoadBaseline(JudgedDir());
  REQUIRE_MESSAGE(baseline, (baseline ? "" : baseline.error().message));
  TempDir dir;
  auto as_judged =
      ProfilesAsJudged(ReadFile(SampleProfiles()), set.value().judged_at, NowUnixSeconds());
  REQUIRE(as_judged);
  SearchOptions options;
  options.gazetteer_path = SourcePath("data/cities.json");  // "in oakland", as the server reads it
  auto service = SearchService::Open(ImportAndRebuild(dir, as_judged.value()), options);
  REQUIRE(service);
  auto outcomes = RunJudgedQueries(*service.value(), set.value());
  REQUIRE(outcomes);
  const RelevanceFigures all = Summarize(outcomes.value());
  MESSAGE("NDCG@10 " << all.ndcg << " (baseline " << baseline.value().ndcg_at_10 << "), MRR "
                     << all.mrr << ", " << all.zero_result << " of " << all.queries
                     << " queries find nothing");
  CHECK_MESSAGE(all.ndcg >= baseline.value().ndcg_at_10 - baseline.value().allowed_drop,
                "NDCG@10 fell below the baseline by more than the allowed drop: find the "
                "queries that lost with `make -f Makefile.extra bench-relevance`; lowering the "
                "baseline is a decision to write down (tests/relevance/README.md)");
  CHECK_MESSAGE(all.ndcg <= baseline.value().ndcg_at_10 + baseline.value().allowed_drop,
                "NDCG@10 rose above the baseline by more than the allowed drop: raise the "
                "baseline to the new figure (tests/relevance/README.md)");
}

}  // namespace
}  // namespace rapport::testing
