// RelevanceRun: judged queries through the real SearchService.
#include "relevance_run.h"

#include <algorithm>

#include "relevance_metrics.h"

namespace rapport {

Result<std::vector<QueryOutcome>> RunJudgedQueries(const SearchService& service,
                                                   const JudgedSet& set) {
  std::vector<QueryOutcome> outcomes;
  for (const auto& query : set.queries) {
    SearchRequest request;
    request.q = query.text;
    request.limit = kRelevanceCutoff;
    request.interpret = true;  // as the search page sends it
    auto result = service.Search(request);
    if (!result) return result.error();
    std::vector<std::string> ranked;
    QueryOutcome outcome;
    outcome.id = query.id;
    outcome.type = query.type;
    outcome.text = query.text;
    outcome.total = result.value().total;
    outcome.did_you_mean = result.value().did_you_mean;
    for (const auto& hit : result.value().hits) {
      ranked.push_back(hit.id);
      if (query.grades.count(hit.id) == 0) ++outcome.unjudged;
    }
    outcome.ndcg = NdcgAt(ranked, query.grades, kRelevanceCutoff);
    outcome.reciprocal_rank = ReciprocalRankAt(ranked, query.grades, kRelevanceCutoff);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

RelevanceFigures Summarize(const std::vector<QueryOutcome>& outcomes) {
  RelevanceFigures figures;
  for (const auto& outcome : outcomes) {
    ++figures.queries;
    figures.ndcg += outcome.ndcg;
    figures.mrr += outcome.reciprocal_rank;
    if (outcome.total == 0) ++figures.zero_result;
    figures.unjudged += outcome.unjudged;
  }
  if (figures.queries > 0) {
    figures.ndcg /= figures.queries;
    figures.mrr /= figures.queries;
  }
  return figures;
}

std::vector<std::pair<std::string, RelevanceFigures>> SummarizeByType(
    const std::vector<QueryOutcome>& outcomes) {
  std::vector<std::string> types;
  for (const auto& outcome : outcomes) {
    if (std::find(types.begin(), types.end(), outcome.type) == types.end()) {
      types.push_back(outcome.type);
    }
  }
  std::vector<std::pair<std::string, RelevanceFigures>> by_type;
  for (const auto& type : types) {
    std::vector<QueryOutcome> of_type;
    for (const auto& outcome : outcomes) {
      if (outcome.type == type) of_type.push_back(outcome);
    }
    by_type.emplace_back(type, Summarize(of_type));
  }
  return by_type;
}

}  // namespace rapport
