// RelevanceRun: every judged query through SearchService as the search page
// sends it (q only, every other parameter at its default, one page of
// kRelevanceCutoff results), scored against its judgments and summed up
// overall and per query type. The benchmark and the test share it.
//
//   auto outcomes = RunJudgedQueries(service, set.value());
//   if (!outcomes) return outcomes.error();
//   RelevanceFigures all = Summarize(outcomes.value());
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "error.h"
#include "judged_set.h"
#include "search_service.h"

namespace rapport {

struct QueryOutcome {
  std::string id;
  std::string type;
  std::string text;
  long total = 0;  // matches of the search
  std::optional<std::string> did_you_mean;
  double ndcg = 0;             // NDCG@kRelevanceCutoff
  double reciprocal_rank = 0;  // of the first result graded kRelevantGrade or more
  int unjudged = 0;            // results on the page without a judgment (counted as 0)
};

struct RelevanceFigures {
  int queries = 0;
  double ndcg = 0;      // mean NDCG@kRelevanceCutoff
  double mrr = 0;       // mean reciprocal rank
  int zero_result = 0;  // queries that found nothing
  int unjudged = 0;     // unjudged results on all their pages
};

// One outcome per query of `set`, in its order; the first search Error if any fails.
[[nodiscard]] Result<std::vector<QueryOutcome>> RunJudgedQueries(const SearchService& service,
                                                                 const JudgedSet& set);

// The figures over all `outcomes`.
[[nodiscard]] RelevanceFigures Summarize(const std::vector<QueryOutcome>& outcomes);

// The figures of each query type, types in order of first appearance.
[[nodiscard]] std::vector<std::pair<std::string, RelevanceFigures>> SummarizeByType(
    const std::vector<QueryOutcome>& outcomes);

}  // namespace rapport
